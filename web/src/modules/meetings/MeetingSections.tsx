import { Button, Card, DatePicker, Flex, Input, List, Modal, Popconfirm, Segmented, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useT } from '../../app/preferences';
import { api, unwrap } from '../../shared/api';
import { dayjs, DISPLAY_TZ, formatDateTime } from '../../shared/time';
import { useMeetingAction } from './useMeetingAction';
import { AddAttendee } from './AddAttendee';
import type { Attendee, MeetingDetail } from './types';

const ATT_COLOR = { pending: 'default', present: 'success', leave: 'warning', absent: 'error' } as const;

export function AttendeesCard({ m }: { m: MeetingDetail }) {
  const t = useT();
  const decide = useMeetingAction(m.id, (a: { personId: string; approve: boolean }) =>
    unwrap(api.POST('/api/meetings/{id}/attendees/{personId}/leave-decision', { params: { path: { id: m.id, personId: a.personId } }, body: { approve: a.approve } })));
  const line = (a: Attendee) => (
    <List.Item
      data-testid="attendee-row"
      actions={m.abilities.decideLeave && a.leaveState === 'requested' ? [
        <Button key="ok" size="small" type="primary" onClick={() => decide.mutate({ personId: a.personId, approve: true })} data-testid="leave-approve">{t('mt.a.approve')}</Button>,
        <Button key="no" size="small" onClick={() => decide.mutate({ personId: a.personId, approve: false })}>{t('mt.a.reject')}</Button>,
      ] : []}
    >
      <Flex vertical gap={2}>
        <Flex gap={6} wrap align="center">
          <Typography.Text strong>{a.name}</Typography.Text>
          {a.partyStatus === 'probationary' ? <Tag>{t('mt.tag.probationary')}</Tag> : null}
          {a.role === 'committee' ? <Tag color="blue">{t('mt.tag.committee')}</Tag> : null}
          <Tag color={ATT_COLOR[a.attendance]}>{t(`mt.att.${a.attendance}`)}</Tag>
          {a.leaveState ? <Tag color="orange">{t(`mt.leave.${a.leaveState}`)}</Tag> : null}
        </Flex>
        {a.leaveReason ? <Typography.Text type="secondary">{t('mt.leaveReasonLine', { reason: a.leaveReason })}</Typography.Text> : null}
      </Flex>
    </List.Item>
  );
  return (
    <Card size="small" title={`${t('mt.d.attendees')}（${t('mt.attendance', { present: m.counts.present, expected: m.counts.expected })}，${t('mt.d.voting', { n: m.counts.voting })}）`}>
      <List size="small" dataSource={m.attendees} renderItem={line} data-testid="attendee-list" />
      {m.abilities.attendees ? <AddAttendee m={m} /> : null}
    </Card>
  );
}

/** Record a meeting held offline: when, and each attendee present / on leave / absent. */
export function RecordAttendance({ m }: { m: MeetingDetail }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [when, setWhen] = useState<Dayjs>(() => dayjs(m.heldStartAt ?? m.plannedStartAt).tz(DISPLAY_TZ));
  const [lines, setLines] = useState<Record<string, 'present' | 'leave' | 'absent'>>({});
  const save = useMeetingAction(m.id, () => {
    const start = when.tz(DISPLAY_TZ, true);
    const minutes = (new Date(m.plannedEndAt).getTime() - new Date(m.plannedStartAt).getTime()) / 60000;
    return unwrap(api.POST('/api/meetings/{id}/attendance', {
      params: { path: { id: m.id } },
      body: {
        heldStartAt: start.toISOString(), heldEndAt: start.add(minutes, 'minute').toISOString(),
        lines: m.attendees.map((a) => ({ personId: a.personId, attendance: lines[a.personId] ?? (a.leaveState === 'approved' ? 'leave' : a.attendance === 'pending' ? 'present' : a.attendance) })),
      },
    }));
  });
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="meeting-record">{t('mt.a.record')}</Button>
      <Modal open={open} title={t('mt.a.recordTitle')} onCancel={() => setOpen(false)} okButtonProps={{ loading: save.isPending, 'data-testid': 'record-save' } as never}
        onOk={() => save.mutate(undefined, { onSuccess: () => setOpen(false) })}>
        <Flex vertical gap={8}>
          <Typography.Text>{t('mt.a.heldAt')}</Typography.Text>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" value={when} onChange={(v) => v && setWhen(v)} />
          {m.attendees.map((a) => (
            <Flex key={a.personId} justify="space-between" align="center" gap={8} wrap>
              <span>{a.name}</span>
              <Segmented size="small" value={lines[a.personId] ?? (a.leaveState === 'approved' ? 'leave' : a.attendance === 'pending' ? 'present' : a.attendance)}
                onChange={(v) => setLines((x) => ({ ...x, [a.personId]: v as 'present' }))}
                options={(['present', 'leave', 'absent'] as const).map((k) => ({ value: k, label: t(`mt.att.${k}`) }))} data-testid="record-line" />
            </Flex>
          ))}
        </Flex>
      </Modal>
    </>
  );
}

export function MinutesCard({ m }: { m: MeetingDetail }) {
  const t = useT();
  const [text, setText] = useState(m.minutes);
  const [res, setRes] = useState(m.resolutions.map((r) => r.text).join('\n'));
  const saveMinutes = useMeetingAction(m.id, () => unwrap(api.PUT('/api/meetings/{id}/minutes', { params: { path: { id: m.id } }, body: { minutes: text, version: m.version } })));
  const saveRes = useMeetingAction(m.id, () => unwrap(api.PUT('/api/meetings/{id}/resolutions', { params: { path: { id: m.id } }, body: { items: res.split('\n').filter((x) => x.trim()).map((x) => ({ text: x })) } })));
  const sign = useMeetingAction(m.id, () => unwrap(api.POST('/api/meetings/{id}/sign', { params: { path: { id: m.id } }, body: { version: m.version } })));
  const editable = m.abilities.draftMinutes;
  return (
    <Card size="small" title={t('mt.d.minutes')} extra={m.minutesSignedAt ? <Tag color="green" data-testid="minutes-signed">{t('mt.d.signedBy', { name: m.minutesSignedName ?? '', time: formatDateTime(m.minutesSignedAt) })}</Tag> : null}>
      <Flex vertical gap={8}>
        {editable ? (
          <>
            <Input.TextArea value={text} onChange={(e) => setText(e.target.value)} autoSize={{ minRows: 6 }} placeholder={t('mt.d.minutesPlaceholder')} data-testid="minutes-text" />
            <Button onClick={() => saveMinutes.mutate(undefined)} loading={saveMinutes.isPending} data-testid="minutes-save">{t('mt.a.saveMinutes')}</Button>
          </>
        ) : (
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="minutes-view">{m.minutes || t('common.empty')}</Typography.Paragraph>
        )}
        <Typography.Text strong>{t('mt.d.resolutions')}</Typography.Text>
        {m.abilities.record ? (
          <>
            <Input.TextArea value={res} onChange={(e) => setRes(e.target.value)} autoSize={{ minRows: 2 }} placeholder={t('mt.d.resolutionsPlaceholder')} data-testid="resolutions-text" />
            <Button onClick={() => saveRes.mutate(undefined)} loading={saveRes.isPending}>{t('mt.a.saveResolutions')}</Button>
          </>
        ) : (
          <ol style={{ margin: 0 }}>{m.resolutions.map((r) => <li key={r.id}>{r.text}</li>)}</ol>
        )}
        {m.abilities.sign ? (
          <Popconfirm title={t('mt.a.signConfirm')} onConfirm={() => sign.mutate(undefined)}>
            <Button type="primary" size="large" data-testid="minutes-sign">{t('mt.a.sign')}</Button>
          </Popconfirm>
        ) : null}
      </Flex>
    </Card>
  );
}
