import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Flex, Form, Input, InputNumber, List, Modal, Radio, Select, Switch, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { usePreferences, useT } from '../../app/preferences';
import { api, unwrap } from '../../shared/api';
import { EmptyState } from '../../shared/components/EmptyState';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { errorText } from '../../shared/errors';
import { useNotify } from '../../shared/hooks/useNotify';
import { dayjs, formatDateTime } from '../../shared/time';
import { duesKeys, monthLabel, type DuesAlert } from './labels';

/** 月度核定: run a month on demand (idempotent) and the record of runs, scheduled and manual. */
export function RunsTab({ canRun }: { canRun: boolean }) {
  const t = useT();
  const { locale } = usePreferences();
  const notify = useNotify();
  const qc = useQueryClient();
  const [month, setMonth] = useState(dayjs().tz('Asia/Shanghai'));
  const runs = useQuery({ queryKey: duesKeys.runs(1), queryFn: () => unwrap(api.GET('/api/dues/runs', { params: { query: { page: 1, pageSize: 30 } } })) });
  const run = useMutation({
    mutationFn: () => unwrap(api.POST('/api/dues/runs', { body: { month: month.format('YYYY-MM') } })),
    onSuccess: (r) => { notify.success(t('dues.runs.done', { created: r.created, adjusted: r.adjusted })); void qc.invalidateQueries({ queryKey: ['dues'] }); },
  });
  return (
    <div className="zg-stack">
      {canRun && (
        <Card size="small" title={t('dues.runs.title')}>
          <Typography.Paragraph type="secondary">{t('dues.runs.help')}</Typography.Paragraph>
          <Flex gap={12} wrap align="center">
            <DatePicker picker="month" format="YYYY-MM" allowClear={false} value={month} onChange={(d) => d && setMonth(d)} disabledDate={(d) => d.isAfter(dayjs(), 'month') || d.isBefore(dayjs().subtract(12, 'month'), 'month')} data-testid="dues-run-month" />
            <Button type="primary" onClick={() => run.mutate()} loading={run.isPending} data-testid="dues-run-submit">{t('dues.runs.submit')}</Button>
          </Flex>
          {run.isPending && <Alert type="info" showIcon title={t('dues.runs.running')} style={{ marginTop: 12 }} />}
          {run.isError && <Alert type="error" showIcon title={errorText(run.error, t)} style={{ marginTop: 12 }} />}
          {run.data && (
            <Alert type={run.data.missingBase > 0 ? 'warning' : 'success'} showIcon style={{ marginTop: 12 }} data-testid="dues-run-result"
              title={t('dues.runs.result', { month: monthLabel(run.data.month, locale), created: run.data.created, adjusted: run.data.adjusted, waived: run.data.waived, missing: run.data.missingBase, alerts: run.data.alerts })} />
          )}
        </Card>
      )}
      <Card size="small" title={t('dues.runs.history')}>
        {runs.isError && <ErrorAlert error={runs.error} onRetry={() => void runs.refetch()} />}
        {runs.data && runs.data.items.length === 0 && <EmptyState text={t('dues.runs.empty')} />}
        {runs.data && runs.data.items.length > 0 && (
          <Table size="small" rowKey="id" pagination={false} dataSource={runs.data.items} scroll={{ x: 700 }} data-testid="dues-runs" columns={[
            { title: t('dues.col.month'), key: 'm', render: (_, r) => monthLabel(r.month, locale) },
            { title: t('dues.runs.scope'), key: 's', render: (_, r) => r.unitName ?? t('dues.runs.whole') },
            { title: t('dues.runs.trigger'), key: 'tr', render: (_, r) => (r.trigger === 'schedule' ? t('dues.runs.scheduled') : r.runBy ?? '') },
            { title: t('dues.runs.created'), dataIndex: 'created', align: 'right' },
            { title: t('dues.runs.adjusted'), dataIndex: 'adjusted', align: 'right' },
            { title: t('dues.runs.missing'), key: 'mb', align: 'right', render: (_, r) => (r.missingBase > 0 ? <Tag color="orange">{r.missingBase}</Tag> : 0) },
            { title: t('dues.col.at'), key: 'at', render: (_, r) => formatDateTime(r.startedAt) },
          ]} />
        )}
      </Card>
    </div>
  );
}

/** 未交提醒 and 连续6个月未交 cases: notes and an outcome, handled by the branch; nothing automatic. */
export function AlertsTab() {
  const t = useT();
  const { locale } = usePreferences();
  const notify = useNotify();
  const qc = useQueryClient();
  const [state, setState] = useState<'open' | 'closed'>('open');
  const list = useQuery({ queryKey: duesKeys.alerts(state, 1), queryFn: () => unwrap(api.GET('/api/dues/alerts', { params: { query: { state, page: 1, pageSize: 100 } } })), placeholderData: keepPreviousData });
  const [handling, setHandling] = useState<DuesAlert | null>(null);
  const [form] = Form.useForm<{ notes: string; outcome?: string; close: boolean }>();
  const handle = useMutation({
    mutationFn: (v: { notes: string; outcome?: string; close: boolean }) => unwrap(api.POST('/api/dues/alerts/{id}/handle', { params: { path: { id: handling!.id } }, body: { notes: v.notes ?? '', ...(v.outcome ? { outcome: v.outcome } : {}), close: v.close ?? false } })),
    onSuccess: () => { setHandling(null); notify.success(t('dues.alerts.saved')); void qc.invalidateQueries({ queryKey: ['dues'] }); },
  });
  useEffect(() => { if (handling) form.setFieldsValue({ notes: handling.notes, outcome: handling.outcome ?? '', close: false }); }, [handling, form]);
  return (
    <Card size="small">
      <Typography.Paragraph type="secondary">{t('dues.alerts.help')}</Typography.Paragraph>
      <Radio.Group optionType="button" value={state} onChange={(e) => setState(e.target.value as 'open' | 'closed')} options={[{ value: 'open', label: t('dues.alerts.open') }, { value: 'closed', label: t('dues.alerts.closed') }]} style={{ marginBottom: 12 }} />
      {list.isError && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && list.data.items.length === 0 && <EmptyState text={t('dues.alerts.empty')} />}
      {(list.isPending || (list.data?.items.length ?? 0) > 0) && <List loading={list.isPending} dataSource={list.data?.items ?? []} data-testid="dues-alerts" renderItem={(a) => (
        <List.Item data-testid="dues-alert" actions={a.canHandle && a.state === 'open' ? [<Button key="h" size="small" type={a.kind === 'case' ? 'primary' : 'default'} onClick={() => setHandling(a)}>{t('dues.alerts.handle')}</Button>] : []}>
          <List.Item.Meta
            title={<Flex gap={8} wrap><Link to={`/dues/people/${a.personId}`}>{a.personName}</Link><Tag color={a.kind === 'case' ? 'red' : 'orange'}>{t(`dues.alerts.kind.${a.kind}`)}</Tag></Flex>}
            description={<>
              <div>{a.unitName} · {t('dues.alerts.since', { since: monthLabel(a.sinceMonth, locale), months: a.unpaidMonths })}</div>
              {a.notes && <div>{t('dues.alerts.notesLabel')}：{a.notes}</div>}
              {a.outcome && <div>{t('dues.alerts.outcomeLabel')}：{a.outcome}</div>}
              {a.handler && <Typography.Text type="secondary">{a.handler} · {formatDateTime(a.handledAt)}</Typography.Text>}
            </>}
          />
        </List.Item>
      )} />}
      <Modal open={handling !== null} title={handling ? t('dues.alerts.handleTitle', { name: handling.personName }) : ''} onCancel={() => setHandling(null)} onOk={() => form.submit()} confirmLoading={handle.isPending} destroyOnHidden>
        {handle.isError && <Alert type="error" showIcon title={errorText(handle.error, t)} style={{ marginBottom: 12 }} />}
        {handling?.kind === 'case' && <Alert type="warning" showIcon title={t('dues.alerts.caseHelp')} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" onFinish={(v) => handle.mutate(v)}>
          <Form.Item name="notes" label={t('dues.alerts.notesLabel')}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
          <Form.Item name="outcome" label={t('dues.alerts.outcomeLabel')}><Input maxLength={200} /></Form.Item>
          <Form.Item name="close" label={t('dues.alerts.close')} valuePropName="checked"><Switch /></Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

type Settings = { probationaryStart: 'branch_meeting' | 'committee_approval'; farmerFen: number; mobileFen: number; backPaymentMonths: number; reminderMonths: number };

/** 党费规则设置 (RULES.md §4 disputed and local points) for the top unit's administrator. */
export function SettingsTab() {
  const t = useT();
  const notify = useNotify();
  const qc = useQueryClient();
  const s = useQuery({ queryKey: duesKeys.settings, queryFn: () => unwrap(api.GET('/api/dues/settings')) });
  const [form] = Form.useForm<Settings>();
  useEffect(() => { if (s.data) form.setFieldsValue(s.data.settings as Settings); }, [s.data, form]);
  const save = useMutation({
    mutationFn: (v: Settings) => unwrap(api.PUT('/api/dues/settings', { body: v })),
    onSuccess: () => { notify.success(t('dues.settings.saved')); void qc.invalidateQueries({ queryKey: ['dues'] }); },
  });
  if (s.isError) return <ErrorAlert error={s.error} onRetry={() => void s.refetch()} />;
  if (!s.data) return <Card loading size="small" />;
  const b = s.data.bounds;
  const dis = !s.data.canEdit;
  return (
    <Card size="small" title={t('dues.settings.title')} data-testid="dues-settings">
      {dis && <Alert type="info" showIcon title={t('dues.settings.readOnly')} style={{ marginBottom: 12 }} />}
      {save.isError && <Alert type="error" showIcon title={errorText(save.error, t)} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" disabled={dis} onFinish={(v) => save.mutate(v)} style={{ maxWidth: 560 }}>
        <Form.Item name="probationaryStart" label={t('dues.settings.probationaryStart')} extra={t('dues.settings.probationaryStartHelp')}>
          <Select options={[{ value: 'branch_meeting', label: t('dues.settings.branchMeeting') }, { value: 'committee_approval', label: t('dues.settings.committeeApproval') }]} />
        </Form.Item>
        <Form.Item name="farmerFen" label={t('dues.settings.farmerFen')} extra={t('dues.settings.fenRange', { min: b.farmerFen.minimum, max: b.farmerFen.maximum })}><InputNumber min={b.farmerFen.minimum} max={b.farmerFen.maximum} precision={0} addonAfter={t('dues.fen')} /></Form.Item>
        <Form.Item name="mobileFen" label={t('dues.settings.mobileFen')} extra={t('dues.settings.fenRange', { min: b.mobileFen.minimum, max: b.mobileFen.maximum })}><InputNumber min={b.mobileFen.minimum} max={b.mobileFen.maximum} precision={0} addonAfter={t('dues.fen')} /></Form.Item>
        <Form.Item name="backPaymentMonths" label={t('dues.settings.backPaymentMonths')} extra={t('dues.settings.backPaymentHelp')}><InputNumber min={b.backPaymentMonths.minimum} max={b.backPaymentMonths.maximum} precision={0} /></Form.Item>
        <Form.Item name="reminderMonths" label={t('dues.settings.reminderMonths')} extra={t('dues.settings.reminderHelp')}><InputNumber min={b.reminderMonths.minimum} max={b.reminderMonths.maximum} precision={0} /></Form.Item>
        {!dis && <Button type="primary" htmlType="submit" loading={save.isPending}>{t('dues.settings.save')}</Button>}
      </Form>
    </Card>
  );
}
