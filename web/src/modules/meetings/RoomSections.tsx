/** The sections of the live room: attendance and presence, agenda, materials, speaking queue, discussion, minutes. */
import { useMutation } from '@tanstack/react-query';
import { Badge, Button, Card, Flex, Input, List, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useT } from '../../app/preferences';
import { api, unwrap } from '../../shared/api';
import { useNotify } from '../../shared/hooks/useNotify';
import { formatDateTime } from '../../shared/time';
import type { RoomSnapshot } from './room/types';

type P = { room: RoomSnapshot };

export function RoomAttendance({ room }: P) {
  const t = useT();
  const notify = useNotify();
  const mark = useMutation({
    mutationFn: (personId: string) => unwrap(api.POST('/api/meetings/{id}/room/sign-in-for', { params: { path: { id: room.meeting.id } }, body: { personId } })),
    onError: notify.failure,
  });
  const online = new Set(room.presence.map((u) => u.personId).filter(Boolean));
  const present = room.attendees.filter((a) => a.attendance === 'present').length;
  return (
    <Card size="small" title={t('room.attendance')} data-testid="room-attendance">
      <Typography.Text type="secondary">{t('room.attendance.summary', { total: room.attendees.length, present, online: room.presence.length })}</Typography.Text>
      {room.quorum && (
        <div style={{ marginTop: 6 }} data-testid="room-quorum" data-met={room.quorum.met ? 'yes' : 'no'}>
          <Typography.Text type={room.quorum.met ? 'success' : 'warning'}>
            {t(room.quorum.met ? 'room.quorum.met' : 'room.quorum.notMet', { present: room.quorum.present, total: room.quorum.shouldAttend, needed: room.quorum.needed })}
          </Typography.Text>
        </div>
      )}
      <List size="small" style={{ marginTop: 8 }} dataSource={room.attendees} renderItem={(a) => (
        <List.Item data-testid="room-attendee" data-person={a.personId} data-attendance={a.attendance}>
          <Flex justify="space-between" style={{ width: '100%' }} align="center" gap={8} wrap>
            <Flex gap={6} align="center">
              <Badge status={online.has(a.personId) ? 'success' : 'default'} />
              <Typography.Text>{a.name}</Typography.Text>
              {a.role === 'committee' && <Tag>{t('room.attendance.committee')}</Tag>}
              {!a.voting && <Tag>{t('room.attendance.noVote')}</Tag>}
            </Flex>
            <Flex gap={4} align="center">
              {room.me.abilities.manage && a.attendance === 'pending' && (
                <Button size="small" type="link" onClick={() => mark.mutate(a.personId)} data-testid="room-mark-present">{t('room.attendance.mark')}</Button>
              )}
              {online.has(a.personId) && <Tag color="green">{t('room.attendance.online')}</Tag>}
              <Tag color={a.attendance === 'present' ? 'blue' : a.attendance === 'absent' ? 'red' : 'default'}>{t(`room.attendance.${a.attendance as 'present'}`)}</Tag>
            </Flex>
          </Flex>
        </List.Item>
      )} />
    </Card>
  );
}

export function RoomAgenda({ room }: P) {
  const t = useT();
  const notify = useNotify();
  const id = room.meeting.id;
  const go = useMutation({ mutationFn: (itemId: string | null) => unwrap(api.POST('/api/meetings/{id}/room/agenda', { params: { path: { id } }, body: { itemId } })), onError: notify.failure });
  const live = room.meeting.status === 'in_progress' && room.me.abilities.manage;
  const idx = room.agenda.findIndex((a) => a.id === room.currentAgendaItemId);
  const next = room.agenda[idx + 1];
  return (
    <Card size="small" title={t('room.agenda')} data-testid="room-agenda"
      extra={live && next ? <Button size="small" type="primary" onClick={() => go.mutate(next.id)} loading={go.isPending} data-testid="room-agenda-next">{t('room.agenda.next')}</Button> : null}>
      {room.agenda.length === 0 ? <Typography.Text type="secondary">{t('room.agenda.empty')}</Typography.Text> : (
        <List size="small" dataSource={room.agenda} renderItem={(a, i) => {
          const current = a.id === room.currentAgendaItemId;
          return (
            <List.Item data-testid="room-agenda-item" data-current={current ? 'yes' : 'no'} className={current ? 'zg-room-current' : undefined}
              actions={live && !current ? [<Button key="go" size="small" type="link" onClick={() => go.mutate(a.id)}>{t('room.agenda.go')}</Button>] : []}>
              <Flex vertical>
                <Typography.Text strong={current}>{i + 1}. {a.title} {current && <Tag color="red">{t('room.agenda.current')}</Tag>}</Typography.Text>
                {(a.presenter || a.durationMinutes) && <Typography.Text type="secondary">{[a.presenter, a.durationMinutes ? `${a.durationMinutes}′` : ''].filter(Boolean).join(' · ')}</Typography.Text>}
              </Flex>
            </List.Item>
          );
        }} />
      )}
    </Card>
  );
}

export function RoomMaterials({ room }: P) {
  const t = useT();
  const notify = useNotify();
  const id = room.meeting.id;
  const show = useMutation({ mutationFn: (materialId: string | null) => unwrap(api.POST('/api/meetings/{id}/room/material', { params: { path: { id } }, body: { materialId } })), onError: notify.failure });
  const live = room.meeting.status === 'in_progress' && room.me.abilities.manage;
  if (room.materials.length === 0) return null;
  return (
    <Card size="small" title={t('room.materials')} data-testid="room-materials">
      <List size="small" dataSource={room.materials} renderItem={(m) => {
        const shown = m.id === room.shownMaterialId;
        const href = m.url ?? undefined;
        return (
          <List.Item data-testid="room-material" data-shown={shown ? 'yes' : 'no'} className={shown ? 'zg-room-current' : undefined}
            actions={[
              ...(href ? [<a key="open" href={href} target="_blank" rel="noopener noreferrer">{t('room.materials.open')}</a>] : []),
              ...(live ? [<Button key="show" size="small" type="link" onClick={() => show.mutate(shown ? null : m.id)}>{t(shown ? 'room.materials.hide' : 'room.materials.show')}</Button>] : []),
            ]}>
            <Typography.Text strong={shown}>{m.title} {shown && <Tag color="red">{t('room.materials.shown')}</Tag>}</Typography.Text>
          </List.Item>
        );
      }} />
    </Card>
  );
}

export function RoomQueue({ room }: P) {
  const t = useT();
  const notify = useNotify();
  const id = room.meeting.id;
  const hand = useMutation({ mutationFn: (raise: boolean) => unwrap(api.POST('/api/meetings/{id}/room/hand', { params: { path: { id } }, body: { raise } })), onError: notify.failure });
  const floor = useMutation({ mutationFn: (v: { speakerId: string; action: 'give' | 'done' }) => unwrap(api.POST('/api/meetings/{id}/room/floor', { params: { path: { id } }, body: v })), onError: notify.failure });
  const mine = room.speakers.find((s) => s.personId === room.me.personId);
  const canRaise = room.me.abilities.speak && room.attendees.some((a) => a.personId === room.me.personId);
  return (
    <Card size="small" title={t('room.queue')} data-testid="room-queue"
      extra={canRaise ? <Button size="small" type={mine ? 'default' : 'primary'} onClick={() => hand.mutate(!mine)} loading={hand.isPending} data-testid="room-hand">{t(mine ? 'room.queue.lower' : 'room.queue.raise')}</Button> : null}>
      {room.speakers.length === 0 ? <Typography.Text type="secondary">{t('room.queue.empty')}</Typography.Text> : (
        <List size="small" dataSource={room.speakers} renderItem={(s) => (
          <List.Item data-testid="room-queue-row" data-state={s.state}
            actions={room.me.abilities.manage ? [s.state === 'waiting'
              ? <Button key="g" size="small" type="link" onClick={() => floor.mutate({ speakerId: s.id, action: 'give' })} data-testid="room-floor-give">{t('room.queue.give')}</Button>
              : <Button key="d" size="small" type="link" onClick={() => floor.mutate({ speakerId: s.id, action: 'done' })}>{t('room.queue.done')}</Button>] : []}>
            <Typography.Text strong={s.state === 'speaking'}>{s.name}</Typography.Text>
            <Tag color={s.state === 'speaking' ? 'red' : 'default'} style={{ marginLeft: 8 }}>{t(s.state === 'speaking' ? 'room.queue.speaking' : 'room.queue.waiting')}</Tag>
          </List.Item>
        )} />
      )}
    </Card>
  );
}

export function RoomDiscussion({ room }: P) {
  const t = useT();
  const notify = useNotify();
  const id = room.meeting.id;
  const [text, setText] = useState('');
  const end = useRef<HTMLDivElement>(null);
  const send = useMutation({
    mutationFn: (v: string) => unwrap(api.POST('/api/meetings/{id}/room/messages', { params: { path: { id } }, body: { text: v } })),
    onSuccess: () => setText(''),
    onError: notify.failure,
  });
  useEffect(() => { end.current?.scrollIntoView?.({ block: 'nearest' }); }, [room.messages.length]);
  return (
    <Card size="small" title={t('room.discussion')} data-testid="room-discussion">
      <div className="zg-room-stream">
        {room.messages.length === 0 ? <Typography.Text type="secondary">{t('room.discussion.empty')}</Typography.Text> : room.messages.map((m) => (
          <div key={m.id} className="zg-room-message" data-testid="room-message">
            <Typography.Text strong>{m.authorName}</Typography.Text> <Typography.Text type="secondary">{formatDateTime(m.at).slice(11)}</Typography.Text>
            <div>{m.text}</div>
          </div>
        ))}
        <div ref={end} />
      </div>
      {room.me.abilities.speak && (
        <Flex gap={8} style={{ marginTop: 8 }}>
          <Input value={text} maxLength={500} onChange={(e) => setText(e.target.value)} onPressEnter={() => text.trim() && send.mutate(text)}
            placeholder={t('room.discussion.placeholder')} data-testid="room-message-input" />
          <Button type="primary" onClick={() => send.mutate(text)} disabled={!text.trim()} loading={send.isPending} data-testid="room-message-send">{t('room.discussion.send')}</Button>
        </Flex>
      )}
    </Card>
  );
}

export function RoomMinutes({ room }: P) {
  const t = useT();
  const notify = useNotify();
  const id = room.meeting.id;
  const m = room.minutes;
  const mine = m.lock?.userId === room.me.userId;
  const [draft, setDraft] = useState<string | null>(null);
  const lock = useMutation({
    mutationFn: (take: boolean) => unwrap(api.POST('/api/meetings/{id}/room/minutes/lock', { params: { path: { id } }, body: { take } })),
    onSuccess: (v, take) => setDraft(take ? v.text : null),
    onError: notify.failure,
  });
  const save = useMutation({
    mutationFn: (v: { text: string; release: boolean }) => unwrap(api.PUT('/api/meetings/{id}/room/minutes', { params: { path: { id } }, body: v })),
    onSuccess: (_v, vars) => { if (vars.release) setDraft(null); },
    onError: notify.failure,
  });
  const editing = mine && draft !== null;
  // Keep the editing lock while the drafter is on the page (it lapses two minutes after the last renewal).
  useEffect(() => {
    if (!editing) return;
    const timer = window.setInterval(() => lock.mutate(true), 60_000);
    return () => window.clearInterval(timer);
  }, [editing]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <Card size="small" title={t('room.minutes')} data-testid="room-minutes"
      extra={room.me.abilities.draftMinutes && !editing && (!m.lock || mine)
        ? <Button size="small" onClick={() => lock.mutate(true)} loading={lock.isPending} data-testid="room-minutes-edit">{t('room.minutes.edit')}</Button> : null}>
      {m.signed && <Tag color="success">{t('room.minutes.signed')}</Tag>}
      {m.lock && !mine && <Tag color="orange" data-testid="room-minutes-lock">{t('room.minutes.lockedBy', { name: m.lock.name })}</Tag>}
      {editing ? (
        <Flex vertical gap={8}>
          <Input.TextArea value={draft ?? ''} onChange={(e) => setDraft(e.target.value)} autoSize={{ minRows: 6, maxRows: 20 }} maxLength={50_000} data-testid="room-minutes-text" />
          <Flex gap={8} wrap>
            <Button onClick={() => save.mutate({ text: draft ?? '', release: false })} loading={save.isPending && !save.variables?.release}>{t('room.minutes.save')}</Button>
            <Button type="primary" onClick={() => save.mutate({ text: draft ?? '', release: true })} loading={save.isPending && !!save.variables?.release} data-testid="room-minutes-save">{t('room.minutes.saveDone')}</Button>
          </Flex>
        </Flex>
      ) : (
        <div data-testid="room-minutes-view">
          {m.text ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>{m.text}</Typography.Paragraph> : <Typography.Text type="secondary">{t('room.minutes.empty')}</Typography.Text>}
          {m.updatedAt && <div><Typography.Text type="secondary">{t('room.minutes.saved', { time: formatDateTime(m.updatedAt) })}</Typography.Text></div>}
        </div>
      )}
    </Card>
  );
}
