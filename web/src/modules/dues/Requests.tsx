import type { ButtonProps } from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Flex, Form, Input, List, Modal, Radio, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { usePreferences, useT } from '../../app/preferences';
import { api, unwrap } from '../../shared/api';
import { EmptyState } from '../../shared/components/EmptyState';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { errorText } from '../../shared/errors';
import { useNotify } from '../../shared/hooks/useNotify';
import { dayjs, formatDateTime } from '../../shared/time';
import { duesKeys, monthLabel, parseYuan, yuan, type DuesRequest } from './labels';

const STATE_COLOR: Record<DuesRequest['state'], string> = { submitted: 'processing', reviewed: 'warning', approved: 'success', rejected: 'error', withdrawn: 'default' };
type Action = 'review' | 'approve' | 'reject' | 'withdraw';

/** Hardship (减交/免交) and back-payment requests with the §4 approval chain; the buttons follow the abilities. */
export function RequestList({ mine = false }: { mine?: boolean }) {
  const t = useT();
  const { locale } = usePreferences();
  const notify = useNotify();
  const qc = useQueryClient();
  const [state, setState] = useState<string>(mine ? '' : 'open');
  const list = useQuery({
    queryKey: duesKeys.requests(state, mine, 1),
    queryFn: () => unwrap(api.GET('/api/dues/requests', { params: { query: { page: 1, pageSize: 50, ...(mine ? { mine: true } : {}), ...(state && state !== 'open' ? { state: state as DuesRequest['state'] } : {}) } } })),
    placeholderData: keepPreviousData,
  });
  const [acting, setActing] = useState<{ r: DuesRequest; action: Action } | null>(null);
  const [note, setNote] = useState('');
  const act = useMutation({
    mutationFn: ({ r, action }: { r: DuesRequest; action: Action }) => unwrap(api.POST('/api/dues/requests/{id}/{action}', { params: { path: { id: r.id, action } }, body: { note } })),
    onSuccess: () => { setActing(null); setNote(''); notify.success(t('dues.req.done')); void qc.invalidateQueries({ queryKey: ['dues'] }); },
  });
  const items = (list.data?.items ?? []).filter((r) => state !== 'open' || r.state === 'submitted' || r.state === 'reviewed');
  return (
    <div>
      {!mine && (
        <Select value={state} onChange={setState} style={{ minWidth: 160, marginBottom: 12 }} data-testid="dues-req-filter"
          options={[{ value: 'open', label: t('dues.req.open') }, { value: '', label: t('dues.req.all') }, ...(['approved', 'rejected', 'withdrawn'] as const).map((s) => ({ value: s, label: t(`dues.req.state.${s}`) }))]} />
      )}
      {list.isError && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && items.length === 0 && <EmptyState text={t(mine ? 'dues.req.emptyMine' : 'dues.req.empty')} />}
      {(list.isPending || items.length > 0) && <List loading={list.isPending} dataSource={items} data-testid="dues-requests" renderItem={(r) => (
        <List.Item data-testid="dues-request" actions={[
          ...(r.abilities.review ? [<Button key="rv" type="primary" size="small" onClick={() => setActing({ r, action: 'review' })} data-testid="dues-req-review">{t('dues.req.review')}</Button>] : []),
          ...(r.abilities.approve ? [<Button key="ap" type="primary" size="small" onClick={() => setActing({ r, action: 'approve' })} data-testid="dues-req-approve">{t('dues.req.approve')}</Button>] : []),
          ...(r.abilities.reject ? [<Button key="rj" danger size="small" onClick={() => setActing({ r, action: 'reject' })}>{t('dues.req.reject')}</Button>] : []),
          ...(r.abilities.withdraw ? [<Button key="wd" size="small" onClick={() => setActing({ r, action: 'withdraw' })}>{t('dues.req.withdraw')}</Button>] : []),
        ]}>
          <List.Item.Meta
            title={<Space wrap><span>{mine ? '' : `${r.personName} · `}{t(`dues.req.kind.${r.kind}`)}</span><Tag color={STATE_COLOR[r.state]} data-testid="dues-req-state">{t(`dues.req.state.${r.state}`)}</Tag></Space>}
            description={
              <>
                <div>{monthLabel(r.fromMonth, locale)} – {monthLabel(r.toMonth, locale)}（{t('dues.req.months', { n: r.months })}）{r.monthlyFen !== null ? ` · ${t('dues.req.monthly', { amount: yuan(r.monthlyFen) })}` : ''}</div>
                <div>{r.reason}</div>
                {r.reviewer && <div>{t('dues.req.reviewedBy', { name: r.reviewer, at: formatDateTime(r.reviewedAt) })}{r.reviewNote ? `：${r.reviewNote}` : ''}</div>}
                {r.decider && <div>{t('dues.req.decidedBy', { name: r.decider, at: formatDateTime(r.decidedAt) })}{r.decisionNote ? `：${r.decisionNote}` : ''}</div>}
                {!mine && <Typography.Text type="secondary">{r.unitName}</Typography.Text>}
              </>
            }
          />
        </List.Item>
      )} />}
      <Modal open={acting !== null} title={acting ? t(`dues.req.${acting.action}`) : ''} onCancel={() => setActing(null)} onOk={() => acting && act.mutate(acting)} confirmLoading={act.isPending}
        okButtonProps={{ 'data-testid': 'dues-req-confirm' } as ButtonProps} destroyOnHidden>
        {act.isError && <Alert type="error" showIcon title={errorText(act.error, t)} style={{ marginBottom: 12 }} />}
        <Input.TextArea rows={3} value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} placeholder={t('dues.req.note')} />
      </Modal>
    </div>
  );
}

interface Values { kind: 'reduction' | 'exemption'; fromMonth: string; toMonth: string; monthly?: string; reason: string }

/** Months a member may apply for: up to 6 back and 11 ahead (a request covers at most 12). */
function monthOptions(locale: string) {
  const now = dayjs().tz('Asia/Shanghai').startOf('month');
  return Array.from({ length: 18 }, (_, i) => now.add(i - 6, 'month').format('YYYY-MM')).map((m) => ({ value: m, label: monthLabel(m, locale) }));
}

/** The member's own application for 困难减交 or 免交 (RULES.md §4: member applies, branch reviews, 党委 approves). */
export function RequestForm({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const notify = useNotify();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) ?? 'exemption';
  const { locale } = usePreferences();
  const months = monthOptions(locale);
  const thisMonth = dayjs().tz('Asia/Shanghai').format('YYYY-MM');
  const create = useMutation({
    mutationFn: (v: Values) => unwrap(api.POST('/api/dues/requests', { body: {
      kind: v.kind, fromMonth: v.fromMonth, toMonth: v.toMonth, reason: v.reason.trim(),
      ...(v.kind === 'reduction' ? { monthlyFen: parseYuan(v.monthly ?? '') ?? -1 } : {}),
    } })),
    onSuccess: () => { form.resetFields(); notify.success(t('dues.req.sent')); void qc.invalidateQueries({ queryKey: ['dues'] }); onClose(); },
  });
  const field = create.error && typeof create.error === 'object' && 'field' in create.error ? String((create.error as { field?: string }).field ?? '') : '';
  return (
    <Modal open={open} title={t('dues.req.apply')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={create.isPending} okButtonProps={{ 'data-testid': 'dues-req-submit' } as ButtonProps} destroyOnHidden>
      {create.isError && <Alert type="error" showIcon title={errorText(create.error, t)} style={{ marginBottom: 12 }} data-testid="dues-req-error" />}
      <Typography.Paragraph type="secondary">{t('dues.req.help')}</Typography.Paragraph>
      <Form form={form} layout="vertical" requiredMark={false} initialValues={{ kind: 'exemption', fromMonth: thisMonth, toMonth: thisMonth }} onFinish={(v) => create.mutate(v)}>
        <Form.Item name="kind" label={t('dues.req.kindLabel')}>
          <Radio.Group optionType="button" options={[{ value: 'exemption', label: t('dues.req.kind.exemption') }, { value: 'reduction', label: t('dues.req.kind.reduction') }]} />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="fromMonth" label={t('dues.req.from')} rules={[{ required: true, message: t('dues.req.rangeRequired') }]} validateStatus={field === 'fromMonth' ? 'error' : undefined} style={{ flex: '1 1 140px' }}>
            <Select options={months} virtual={false} data-testid="dues-req-from" />
          </Form.Item>
          <Form.Item name="toMonth" label={t('dues.req.to')} rules={[{ required: true, message: t('dues.req.rangeRequired') }]} validateStatus={field === 'toMonth' ? 'error' : undefined} style={{ flex: '1 1 140px' }}>
            <Select options={months} virtual={false} data-testid="dues-req-to" />
          </Form.Item>
        </Flex>
        {kind === 'reduction' && (
          <Form.Item name="monthly" label={t('dues.req.monthlyLabel')} rules={[{ required: true, pattern: /^\d{1,9}(\.\d{1,2})?$/, message: t('dues.calc.baseInvalid') }]}>
            <Input inputMode="decimal" suffix={t('dues.yuan')} />
          </Form.Item>
        )}
        <Form.Item name="reason" label={t('dues.req.reason')} rules={[{ required: true, min: 2, message: t('dues.req.reasonRequired') }]}>
          <Input.TextArea rows={3} maxLength={500} data-testid="dues-req-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
