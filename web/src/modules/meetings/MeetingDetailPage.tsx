import { EditOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Flex, Input, Modal, Row, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useT } from '../../app/preferences';
import { api, unwrap } from '../../shared/api';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { PageHeader } from '../../shared/components/PageHeader';
import { PageLoading } from '../../shared/components/PageLoading';
import { PersonalDataWatermark } from '../../shared/components/PersonalDataWatermark';
import { formatDateTime } from '../../shared/time';
import { AttendeesCard, MinutesCard, RecordAttendance } from './MeetingSections';
import { MaterialsCard } from './MaterialsCard';
import { useMeetingAction } from './useMeetingAction';
import { meetingKeys, STATUS_COLORS, type MeetingDetail } from './types';

/** Ask for a short text (a reason) before an action. */
function ReasonButton({ label, title, onSubmit, testId, danger }: { label: string; title: string; onSubmit: (text: string) => void; testId: string; danger?: boolean }) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  return (
    <>
      <Button danger={danger ?? false} onClick={() => setOpen(true)} data-testid={testId}>{label}</Button>
      <Modal open={open} title={title} onCancel={() => setOpen(false)} okButtonProps={{ disabled: !text.trim(), 'data-testid': `${testId}-ok` } as never}
        onOk={() => { onSubmit(text.trim()); setOpen(false); }}>
        <Input.TextArea value={text} onChange={(e) => setText(e.target.value)} maxLength={200} autoSize={{ minRows: 2 }} data-testid={`${testId}-text`} />
      </Modal>
    </>
  );
}

function Actions({ m }: { m: MeetingDetail }) {
  const t = useT();
  const path = { params: { path: { id: m.id } } };
  const notify = useMeetingAction(m.id, () => unwrap(api.POST('/api/meetings/{id}/notify', path)));
  const cancel = useMeetingAction(m.id, (reason: string) => unwrap(api.POST('/api/meetings/{id}/cancel', { ...path, body: { reason } })));
  const start = useMeetingAction(m.id, () => unwrap(api.POST('/api/meetings/{id}/start', path)));
  const end = useMeetingAction(m.id, () => unwrap(api.POST('/api/meetings/{id}/end', path)));
  const signIn = useMeetingAction(m.id, () => unwrap(api.POST('/api/meetings/{id}/sign-in', { ...path, body: {} })));
  const leave = useMeetingAction(m.id, (reason: string) => unwrap(api.POST('/api/meetings/{id}/leave', { ...path, body: { reason } })));
  const a = m.abilities;
  return (
    <Flex gap={8} wrap data-testid="meeting-actions">
      {a.room ? <Link to={`/meetings/${m.id}/room`}><Button type="primary" data-testid="meeting-room">{t('mt.a.room')}</Button></Link> : null}
      {a.signIn ? <Button type="primary" size="large" onClick={() => signIn.mutate(undefined)} data-testid="meeting-sign-in">{t('mt.a.signIn')}</Button> : null}
      {a.notify && m.status === 'planned' ? <Button type="primary" onClick={() => notify.mutate(undefined)} loading={notify.isPending} data-testid="meeting-notify">{t('mt.a.notify')}</Button> : null}
      {a.edit ? <Link to={`/meetings/${m.id}/edit`}><Button icon={<EditOutlined />} data-testid="meeting-edit">{t('mt.a.edit')}</Button></Link> : null}
      {a.edit && !m.online ? <Button onClick={() => start.mutate(undefined)} data-testid="meeting-start">{t('mt.a.start')}</Button> : null}
      {m.status === 'in_progress' && a.cancel ? <Button onClick={() => end.mutate(undefined)} data-testid="meeting-end">{t('mt.a.end')}</Button> : null}
      {a.record ? <RecordAttendance m={m} /> : null}
      {a.requestLeave ? <ReasonButton label={t('mt.a.leave')} title={t('mt.a.leaveReason')} onSubmit={(r) => leave.mutate(r)} testId="meeting-leave" /> : null}
      {a.export ? (
        <>
          <Button href={`/api/meetings/${m.id}/minutes.docx`} data-testid="meeting-export-docx">{t('mt.a.exportDocx')}</Button>
          <Button href={`/api/meetings/${m.id}/minutes.pdf`} data-testid="meeting-export-pdf">{t('mt.a.exportPdf')}</Button>
        </>
      ) : null}
      {a.cancel ? <ReasonButton danger label={t('mt.a.cancel')} title={t('mt.a.cancelReason')} onSubmit={(r) => cancel.mutate(r)} testId="meeting-cancel" /> : null}
    </Flex>
  );
}

export function MeetingDetailPage() {
  const t = useT();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const q = useQuery({ queryKey: meetingKeys.detail(id), queryFn: () => unwrap(api.GET('/api/meetings/{id}', { params: { path: { id } } })) });
  if (q.isError) return (<><PageHeader title={t('mt.title')} /><ErrorAlert error={q.error} onRetry={() => void q.refetch()} /></>);
  if (!q.data) return <PageLoading />;
  const m = q.data;
  return (
    <div data-testid="meeting-detail" data-status={m.status}>
      <PageHeader title={m.title} subtitle={m.orgUnitName} extra={<Button onClick={() => void navigate('/meetings')}>{t('common.back')}</Button>} />
      <PersonalDataWatermark>
        <Flex vertical gap={12}>
          {m.status === 'cancelled' ? <Alert type="warning" showIcon title={t('mt.d.cancelled', { reason: m.cancelReason ?? '' })} /> : null}
          <Card size="small">
            <Flex gap={8} wrap style={{ marginBottom: 8 }}>
              <Tag color={STATUS_COLORS[m.status]} data-testid="meeting-status">{t(`mt.status.${m.status}`)}</Tag>
              <Tag>{t(`mt.kind.${m.kind}`)}</Tag>
              {m.me ? <Tag color="blue">{t('mt.me', { status: m.me.leaveState ? t(`mt.leave.${m.me.leaveState}`) : t(`mt.att.${m.me.attendance}`) })}</Tag> : null}
            </Flex>
            <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2 }} items={[
              { key: 'time', label: t('mt.d.time'), children: `${formatDateTime(m.plannedStartAt)} — ${formatDateTime(m.plannedEndAt).slice(11)}` },
              ...(m.heldStartAt ? [{ key: 'held', label: t('mt.d.heldTime'), children: formatDateTime(m.heldStartAt) }] : []),
              { key: 'place', label: t('mt.d.place'), children: m.online ? `${t('mt.online')}${m.place ? ` · ${m.place}` : ''}` : m.place },
              { key: 'period', label: t('mt.d.period'), children: m.periodLabel },
              { key: 'host', label: t('mt.d.host'), children: m.host?.name ?? '—' },
              { key: 'recorder', label: t('mt.d.recorder'), children: m.recorder?.name ?? '—' },
              ...(m.lecturer ? [{ key: 'lecturer', label: t('mt.f.lecturer'), children: m.lecturer }] : []),
              ...(m.videoLink ? [{ key: 'video', label: t('mt.f.video'), children: <a href={m.videoLink} target="_blank" rel="noreferrer noopener">{m.videoLink}</a> }] : []),
            ]} />
            {m.description ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 8 }}>{m.description}</Typography.Paragraph> : null}
            <Actions m={m} />
          </Card>
          <Row gutter={[12, 12]}>
            <Col xs={24} lg={12}>
              <Flex vertical gap={12}>
                <Card size="small" title={t('mt.d.agenda')}>
                  {m.agenda.length ? <ol style={{ margin: 0, paddingLeft: 20 }} data-testid="meeting-agenda">{m.agenda.map((x) => <li key={x.id}>{x.title}</li>)}</ol> : <Typography.Text type="secondary">{t('common.empty')}</Typography.Text>}
                </Card>
                <MaterialsCard m={m} />
                {m.status === 'held' || m.minutes ? <MinutesCard key={`${m.version}`} m={m} /> : null}
              </Flex>
            </Col>
            <Col xs={24} lg={12}><AttendeesCard m={m} /></Col>
          </Row>
        </Flex>
      </PersonalDataWatermark>
    </div>
  );
}
