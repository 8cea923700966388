/** The meeting form shared by planning (安排会议) and editing a planned meeting (编辑): the same fields, the server's 400 under its field. */
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, DatePicker, Flex, Form, Input, Select, Switch, type FormInstance } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useT } from '../../app/preferences';
import { api, unwrap } from '../../shared/api';
import { ApiError } from '../../shared/errors';
import { errorField } from '../../shared/formErrors';
import { meetingKeys, type MeetingDetail, type MeetingKind } from './types';
import { SERVER_FIELDS, FORM_FIELD, type MeetingFormValues } from './meetingFormValues';

export type { MeetingFormValues } from './meetingFormValues';
export { meetingFieldsBody, valuesOfMeeting } from './meetingFormValues';

/** Puts a 400 under the form field it names; false when the form has no such field (the caller shows it otherwise). */
export function showMeetingFieldError(form: FormInstance<MeetingFormValues>, err: unknown): boolean {
  const f = errorField(err, SERVER_FIELDS);
  if (f === undefined || !(err instanceof ApiError)) return false;
  const name = FORM_FIELD[f] ?? f;
  form.setFields([{ name: name as never, errors: [err.message] }]);
  form.scrollToField(name as never, { block: 'center', focus: true });
  return true;
}

const DURATIONS = [30, 60, 90, 120, 180, 240];

/**
 * The fields of a meeting. Planning picks the unit and kind and may notify at once; editing (`meeting`) keeps the unit
 * and kind, searches the people through the meeting (its host may edit without meetings.manage), and says that a
 * notified meeting that moves is announced again.
 */
export function MeetingForm({ form, initial, meeting, canPlan, saving, onSubmit }: {
  form: FormInstance<MeetingFormValues>;
  initial: Partial<MeetingFormValues>;
  meeting?: MeetingDetail;
  canPlan: boolean;
  saving: boolean;
  onSubmit: (v: MeetingFormValues) => void;
}) {
  const t = useT();
  const unitId = Form.useWatch('orgUnitId', form);
  const kind = Form.useWatch('kind', form) ?? meeting?.kind;
  const online = Form.useWatch('online', form);
  const start = Form.useWatch('start', form);
  const duration = Form.useWatch('duration', form);
  const period = Form.useWatch('period', form);
  const units = useQuery({ queryKey: meetingKeys.units, enabled: !meeting, queryFn: () => unwrap(api.GET('/api/meetings/units', {})) });
  const people = useQuery({
    queryKey: meeting ? ['meetings', 'meeting-people', meeting.id, ''] : meetingKeys.people(unitId ?? ''),
    enabled: !!meeting || !!unitId,
    queryFn: () => (meeting
      ? unwrap(api.GET('/api/meetings/{id}/people', { params: { path: { id: meeting.id } } }))
      : unwrap(api.GET('/api/meetings/units/{id}/people', { params: { path: { id: unitId ?? '' } } }))),
  });
  // The period choices come from the tenant's §5 settings; a host without meetings.manage keeps the meeting's period.
  const periods = useQuery({
    queryKey: ['meetings', 'periods', kind, start?.toISOString()], enabled: canPlan && !!kind && !!start,
    queryFn: () => unwrap(api.GET('/api/meetings/periods', { params: { query: { kind: kind as MeetingKind, at: (start as Dayjs).toISOString() } } })),
  });
  const choices = periods.data?.items;
  useEffect(() => {
    // Moving the start out of the chosen period: let the server count it for the new start's period.
    if (choices && period && !choices.includes(period)) form.setFieldValue('period', undefined);
  }, [choices, period, form]);
  const unit = units.data?.items.find((u) => u.id === unitId);
  const personOptions = (people.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }));
  // Keep the chosen host/recorder readable even before (or without) the people list.
  for (const p of [meeting?.host, meeting?.recorder]) if (p && !personOptions.some((o) => o.value === p.personId)) personOptions.push({ value: p.personId, label: p.name });
  const periodOptions = [...new Set([...(choices ?? []), ...(meeting && !choices ? [meeting.period] : [])])].map((p) => ({ value: p, label: p }));
  const durations = [...new Set([...DURATIONS, ...(duration ? [duration] : [])])].sort((a, b) => a - b);
  return (
    <Card size="small" style={{ maxWidth: 720 }}>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={onSubmit} data-testid="plan-form">
        {meeting ? (
          <Flex gap={12} wrap>
            <Form.Item label={t('mt.f.unit')} style={{ minWidth: 200, flex: 1 }}><Input value={meeting.orgUnitName} disabled data-testid="plan-unit" /></Form.Item>
            <Form.Item label={t('mt.f.kind')} style={{ minWidth: 160, flex: 1 }}><Input value={t(`mt.kind.${meeting.kind}`)} disabled data-testid="plan-kind" /></Form.Item>
          </Flex>
        ) : (
          <>
            <Form.Item name="orgUnitId" label={t('mt.f.unit')} rules={[{ required: true }]}>
              <Select showSearch optionFilterProp="label" loading={units.isPending} data-testid="plan-unit"
                options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: `${'　'.repeat(Math.max(0, u.depth - 1))}${u.name}` }))} />
            </Form.Item>
            <Form.Item name="kind" label={t('mt.f.kind')} rules={[{ required: true }]}>
              <Select data-testid="plan-kind" options={(unit?.kinds ?? []).map((k) => ({ value: k, label: t(`mt.kind.${k}`) }))} />
            </Form.Item>
          </>
        )}
        <Form.Item name="title" label={t('mt.f.title')} extra={t('mt.f.titleHint')}><Input maxLength={100} data-testid="plan-title" /></Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="start" label={t('mt.f.start')} rules={[{ required: true }]} style={{ minWidth: 220 }}>
            <DatePicker showTime={{ format: 'HH:mm', minuteStep: 5 }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} data-testid="plan-start" />
          </Form.Item>
          <Form.Item name="duration" label={t('mt.f.duration')} style={{ minWidth: 140 }}>
            <Select options={durations.map((n) => ({ value: n, label: t('mt.f.minutes', { n }) }))} data-testid="plan-duration" />
          </Form.Item>
          <Form.Item name="period" label={t('mt.f.period')} style={{ minWidth: 160 }}>
            <Select allowClear options={periodOptions} data-testid="plan-period" />
          </Form.Item>
        </Flex>
        <Form.Item name="online" label={t('mt.f.online')} valuePropName="checked"><Switch data-testid="plan-online" /></Form.Item>
        <Form.Item name="place" label={t('mt.f.place')} rules={[{ required: !online }]}><Input maxLength={100} data-testid="plan-place" /></Form.Item>
        {online ? <Form.Item name="videoLink" label={t('mt.f.video')}><Input maxLength={500} placeholder="https://" data-testid="plan-video" /></Form.Item> : null}
        <Flex gap={12} wrap>
          <Form.Item name="hostPersonId" label={t('mt.f.host')} style={{ minWidth: 200, flex: 1 }}>
            <Select showSearch allowClear optionFilterProp="label" options={personOptions} loading={people.isFetching} data-testid="plan-host" />
          </Form.Item>
          <Form.Item name="recorderPersonId" label={t('mt.f.recorder')} style={{ minWidth: 200, flex: 1 }}>
            <Select showSearch allowClear optionFilterProp="label" options={personOptions} loading={people.isFetching} data-testid="plan-recorder" />
          </Form.Item>
        </Flex>
        {kind === 'lecture' ? <Form.Item name="lecturer" label={t('mt.f.lecturer')}><Input maxLength={50} /></Form.Item> : null}
        <Form.Item label={t('mt.f.agenda')}>
          <Form.List name="agenda">
            {(fields, { add, remove }) => (
              <Flex vertical gap={8}>
                {fields.map((f, i) => (
                  <Flex key={f.key} gap={8} align="center">
                    <span>{i + 1}.</span>
                    <Form.Item name={[f.name, 'title']} noStyle><Input maxLength={200} data-testid="plan-agenda-item" /></Form.Item>
                    <MinusCircleOutlined onClick={() => remove(f.name)} aria-label={t('mt.f.agendaRemove')} />
                  </Flex>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ title: '' })} data-testid="plan-agenda-add">{t('mt.f.agendaAdd')}</Button>
              </Flex>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item name="description" label={t('mt.f.description')}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
        {meeting ? (
          meeting.status === 'notified' ? <Alert type="info" showIcon title={t('mt.f.renotifyHint')} style={{ marginBottom: 16 }} data-testid="plan-renotify" /> : null
        ) : (
          <Form.Item name="notify" valuePropName="checked"><Checkbox data-testid="plan-notify">{t('mt.f.notify')}</Checkbox></Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={saving} size="large" block data-testid="plan-submit">{t('mt.f.submit')}</Button>
      </Form>
    </Card>
  );
}
