/**
 * The live meeting room (云支部 / 微党会): one screen for everyone at the meeting, on a phone first. The header says
 * whether the page is live or reconnecting; the host's controls (start, end, big-screen sign-in code, agenda,
 * materials, floor, votes) show only to the host.
 */
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Flex, Input, Popconfirm, Row, Space, Tag, Typography, type ButtonProps } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useT } from '../../app/preferences';
import { api, unwrap } from '../../shared/api';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { PageHeader } from '../../shared/components/PageHeader';
import { PageLoading } from '../../shared/components/PageLoading';
import { PersonalDataWatermark } from '../../shared/components/PersonalDataWatermark';
import { useNotify } from '../../shared/hooks/useNotify';
import { formatDateTime } from '../../shared/time';
import { RoomQrScreen } from './RoomQrScreen';
import { RoomAgenda, RoomAttendance, RoomDiscussion, RoomMaterials, RoomMinutes, RoomQueue } from './RoomSections';
import { VotePanel } from './VotePanel';
import { useRoom } from './room/useRoom';
import type { Connection, RoomSnapshot } from './room/types';
import './room/room.css';

const CONN_COLOR: Record<Connection, string> = { connecting: 'default', live: 'success', reconnecting: 'warning', offline: 'error' };

export function RoomPage() {
  const t = useT();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const { room, setRoom, error, conn, reload } = useRoom(id);
  const back = <Button onClick={() => void navigate(-1)}>{t('room.back')}</Button>;
  if (!room && error) return (<><PageHeader title={t('room.title')} extra={back} /><ErrorAlert error={error} onRetry={() => void reload()} /></>);
  if (!room) return <PageLoading />;
  const connTag = <Tag color={CONN_COLOR[conn]} data-testid="room-conn" data-state={conn}>{t(`room.conn.${conn}`)}</Tag>;
  return (
    <div data-testid="room-page">
      <PageHeader title={room.meeting.title} subtitle={`${room.meeting.orgUnitName}${room.meeting.place ? ` · ${room.meeting.place}` : ''}`} extra={<>{connTag}{back}</>} />
      <PersonalDataWatermark>
        <Flex vertical gap={12}>
          <RoomHead room={room} reload={reload} conn={connTag} />
          {room.meeting.status !== 'in_progress' && (
            <Alert type="info" showIcon title={t(room.meeting.status === 'held' ? 'room.ended' : 'room.notStarted')} />
          )}
          <Row gutter={[12, 12]}>
            <Col xs={24} lg={14}>
              <Flex vertical gap={12}>
                <VotePanel room={room} onBallot={(b) => setRoom((r) => (r ? { ...r, myBallots: [...r.myBallots.filter((x) => x.voteId !== b.voteId), b] } : r))} />
                <RoomAgenda room={room} />
                <RoomMaterials room={room} />
                <RoomDiscussion room={room} />
              </Flex>
            </Col>
            <Col xs={24} lg={10}>
              <Flex vertical gap={12}>
                <RoomQueue room={room} />
                <RoomAttendance room={room} />
                <RoomMinutes room={room} />
              </Flex>
            </Col>
          </Row>
        </Flex>
      </PersonalDataWatermark>
    </div>
  );
}

function RoomHead({ room, reload, conn }: { room: RoomSnapshot; reload: () => Promise<unknown>; conn: React.ReactNode }) {
  const t = useT();
  const notify = useNotify();
  const id = room.meeting.id;
  const [qr, setQr] = useState(false);
  const [editLink, setEditLink] = useState<string | null>(null);
  const me = room.attendees.find((a) => a.personId === room.me.personId);
  const after = () => void reload();
  const signIn = useMutation({ mutationFn: () => unwrap(api.POST('/api/meetings/{id}/room/sign-in', { params: { path: { id } }, body: {} })), onSuccess: after, onError: notify.failure });
  const start = useMutation({ mutationFn: () => unwrap(api.POST('/api/meetings/{id}/room/start', { params: { path: { id } } })), onSuccess: after, onError: notify.failure });
  const end = useMutation({ mutationFn: () => unwrap(api.POST('/api/meetings/{id}/room/end', { params: { path: { id } } })), onSuccess: after, onError: notify.failure });
  const link = useMutation({
    mutationFn: (videoLink: string | null) => unwrap(api.PUT('/api/meetings/{id}/room/video-link', { params: { path: { id } }, body: { videoLink } })),
    onSuccess: () => setEditLink(null), onError: notify.failure,
  });
  const a = room.me.abilities;
  const status = room.meeting.status as 'planned';
  return (
    <Card size="small">
      <Flex vertical gap={10}>
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Space wrap>
            <Tag color={status === ('in_progress' as string) ? 'red' : 'default'} data-testid="room-status" data-status={room.meeting.status}>{t(`room.status.${status}`)}</Tag>
            <Typography.Text type="secondary">{formatDateTime(room.meeting.heldStartAt ?? room.meeting.plannedStartAt)}</Typography.Text>
            <span className="zg-room-conn-inline">{conn}</span>
          </Space>
          {a.manage && (
            <Space wrap>
              <Button onClick={() => setQr(true)} data-testid="room-qr-open">{t('room.qr.open')}</Button>
              {room.meeting.status !== 'in_progress'
                ? <Button type="primary" onClick={() => start.mutate()} loading={start.isPending} data-testid="room-start">{t('room.start')}</Button>
                : <Popconfirm title={t('room.endConfirm')} onConfirm={() => end.mutate()} okButtonProps={{ 'data-testid': 'room-end-confirm' } as ButtonProps}>
                    <Button danger loading={end.isPending} data-testid="room-end">{t('room.end')}</Button>
                  </Popconfirm>}
            </Space>
          )}
        </Flex>
        {me && (me.signedInAt ? (
          <Typography.Text type="success" data-testid="room-signin-done">{t('room.signIn.done', { time: formatDateTime(me.signedInAt).slice(11), channel: t(`room.signIn.channel.${(me.signInChannel ?? 'button') as 'qr'}`) })}</Typography.Text>
        ) : a.signIn ? (
          <Flex vertical gap={4}>
            <Button type="primary" size="large" block onClick={() => signIn.mutate()} loading={signIn.isPending} data-testid="room-signin">{t('room.signIn.button')}</Button>
            <Typography.Text type="secondary">{t('room.signIn.hint')}</Typography.Text>
          </Flex>
        ) : null)}
        <Flex gap={8} align="center" wrap data-testid="room-video">
          <Typography.Text strong>{t('room.video')}：</Typography.Text>
          {editLink !== null ? (
            <Flex gap={8} style={{ flex: 1, minWidth: 240 }}>
              <Input value={editLink} onChange={(e) => setEditLink(e.target.value)} placeholder={t('room.video.placeholder')} maxLength={500} data-testid="room-video-input" />
              <Button type="primary" onClick={() => link.mutate(editLink.trim() || null)} loading={link.isPending} data-testid="room-video-save">{t('room.save')}</Button>
              <Button onClick={() => setEditLink(null)}>{t('room.cancel')}</Button>
            </Flex>
          ) : (
            <>
              {room.meeting.videoLink
                ? <a href={room.meeting.videoLink} target="_blank" rel="noopener noreferrer" data-testid="room-video-link">{t('room.video.open')}</a>
                : <Typography.Text type="secondary">{t('room.video.none')}</Typography.Text>}
              {a.manage && <Button size="small" type="link" onClick={() => setEditLink(room.meeting.videoLink ?? '')} data-testid="room-video-edit">{t('room.video.edit')}</Button>}
            </>
          )}
        </Flex>
      </Flex>
      {a.manage && <RoomQrScreen room={room} open={qr} onClose={() => setQr(false)} />}
    </Card>
  );
}
