import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Checkbox, DatePicker, Flex, Form, Input, Select, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import { useNavigate, useSearchParams } from 'react-router';
import { useT } from '../../app/preferences';
import { api, unwrap } from '../../shared/api';
import { applyFieldError } from '../../shared/formErrors';
import { PageHeader } from '../../shared/components/PageHeader';
import { useNotify } from '../../shared/hooks/useNotify';
import { dayjs, DISPLAY_TZ } from '../../shared/time';
import { meetingKeys, type MeetingKind } from './types';

interface Values {
  orgUnitId: string; kind: MeetingKind; title?: string; period?: string; start: Dayjs; duration: number; place?: string; online: boolean;
  videoLink?: string; hostPersonId?: string; recorderPersonId?: string; lecturer?: string; description?: string;
  agenda?: { title: string }[]; notify: boolean;
}
const FIELDS = ['orgUnitId', 'kind', 'title', 'period', 'plannedStartAt', 'plannedEndAt', 'place', 'videoLink', 'hostPersonId', 'recorderPersonId', 'lecturer', 'description', 'agenda'];

/** Plan a meeting, freely or from a gap of the compliance view (?unitId=&kind=&period=). */
export function PlanMeetingPage() {
  const t = useT();
  const navigate = useNavigate();
  const notify = useNotify();
  const qc = useQueryClient();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const unitId = Form.useWatch('orgUnitId', form);
  const kind = Form.useWatch('kind', form);
  const online = Form.useWatch('online', form);
  const start = Form.useWatch('start', form);
  const units = useQuery({ queryKey: meetingKeys.units, queryFn: () => unwrap(api.GET('/api/meetings/units', {})) });
  const people = useQuery({
    queryKey: meetingKeys.people(unitId ?? ''), enabled: !!unitId,
    queryFn: () => unwrap(api.GET('/api/meetings/units/{id}/people', { params: { path: { id: unitId ?? '' } } })),
  });
  const periods = useQuery({
    queryKey: ['meetings', 'periods', kind, start?.toISOString()], enabled: !!kind && !!start,
    queryFn: () => unwrap(api.GET('/api/meetings/periods', { params: { query: { kind: kind as MeetingKind, at: (start as Dayjs).toISOString() } } })),
  });
  const unit = units.data?.items.find((u) => u.id === unitId);
  const save = useMutation({
    mutationFn: (v: Values) => {
      const startAt = dayjs(v.start).tz(DISPLAY_TZ, true);
      return unwrap(api.POST('/api/meetings', {
        body: {
          orgUnitId: v.orgUnitId, kind: v.kind, title: v.title ?? '', ...(v.period ? { period: v.period } : {}), plannedStartAt: startAt.toISOString(),
          plannedEndAt: startAt.add(v.duration, 'minute').toISOString(), place: v.place ?? '', online: v.online, videoLink: v.videoLink || null,
          hostPersonId: v.hostPersonId ?? null, recorderPersonId: v.recorderPersonId ?? null, lecturer: v.lecturer ?? '', description: v.description ?? '',
          agenda: (v.agenda ?? []).filter((a) => a?.title?.trim()).map((a) => ({ title: a.title })), notify: v.notify,
        },
      }));
    },
    onSuccess: (m) => {
      void qc.invalidateQueries({ queryKey: meetingKeys.all });
      notify.success(t('mt.a.done'));
      void navigate(`/meetings/${m.id}`, { replace: true });
    },
    onError: (err) => { if (!applyFieldError(form, err, FIELDS)) notify.failure(err); },
  });
  const personOptions = (people.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }));
  const initial: Partial<Values> = {
    orgUnitId: params.get('unitId') ?? undefined, kind: (params.get('kind') as MeetingKind | null) ?? undefined, period: params.get('period') ?? undefined,
    duration: 90, online: false, notify: true, start: dayjs().tz(DISPLAY_TZ).add(2, 'day').hour(14).minute(30).second(0),
  };
  return (
    <div>
      <PageHeader title={t('mt.plan')} extra={<Button onClick={() => void navigate(-1)}>{t('common.back')}</Button>} />
      <Card size="small" style={{ maxWidth: 720 }}>
        <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)} data-testid="plan-form">
          <Form.Item name="orgUnitId" label={t('mt.f.unit')} rules={[{ required: true }]}>
            <Select showSearch optionFilterProp="label" loading={units.isPending} data-testid="plan-unit"
              options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: `${'　'.repeat(Math.max(0, u.depth - 1))}${u.name}` }))} />
          </Form.Item>
          <Form.Item name="kind" label={t('mt.f.kind')} rules={[{ required: true }]}>
            <Select data-testid="plan-kind" options={(unit?.kinds ?? []).map((k) => ({ value: k, label: t(`mt.kind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="title" label={t('mt.f.title')} extra={t('mt.f.titleHint')}><Input maxLength={100} /></Form.Item>
          <Flex gap={12} wrap>
            <Form.Item name="start" label={t('mt.f.start')} rules={[{ required: true }]} style={{ minWidth: 220 }}>
              <DatePicker showTime={{ format: 'HH:mm', minuteStep: 5 }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} data-testid="plan-start" />
            </Form.Item>
            <Form.Item name="duration" label={t('mt.f.duration')} style={{ minWidth: 140 }}>
              <Select options={[30, 60, 90, 120, 180, 240].map((n) => ({ value: n, label: t('mt.f.minutes', { n }) }))} />
            </Form.Item>
            <Form.Item name="period" label={t('mt.f.period')} style={{ minWidth: 160 }}>
              <Select allowClear options={(periods.data?.items ?? []).map((p) => ({ value: p, label: p }))} data-testid="plan-period" />
            </Form.Item>
          </Flex>
          <Form.Item name="online" label={t('mt.f.online')} valuePropName="checked"><Switch data-testid="plan-online" /></Form.Item>
          <Form.Item name="place" label={t('mt.f.place')} rules={[{ required: !online }]}><Input maxLength={100} data-testid="plan-place" /></Form.Item>
          {online ? <Form.Item name="videoLink" label={t('mt.f.video')}><Input maxLength={500} placeholder="https://" /></Form.Item> : null}
          <Flex gap={12} wrap>
            <Form.Item name="hostPersonId" label={t('mt.f.host')} style={{ minWidth: 200, flex: 1 }}>
              <Select showSearch allowClear optionFilterProp="label" options={personOptions} data-testid="plan-host" />
            </Form.Item>
            <Form.Item name="recorderPersonId" label={t('mt.f.recorder')} style={{ minWidth: 200, flex: 1 }}>
              <Select showSearch allowClear optionFilterProp="label" options={personOptions} />
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
                      <MinusCircleOutlined onClick={() => remove(f.name)} aria-label="remove" />
                    </Flex>
                  ))}
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ title: '' })} data-testid="plan-agenda-add">{t('mt.f.agendaAdd')}</Button>
                </Flex>
              )}
            </Form.List>
          </Form.Item>
          <Form.Item name="description" label={t('mt.f.description')}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
          <Form.Item name="notify" valuePropName="checked"><Checkbox data-testid="plan-notify">{t('mt.f.notify')}</Checkbox></Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending} size="large" block data-testid="plan-submit">{t('mt.f.submit')}</Button>
        </Form>
      </Card>
    </div>
  );
}
