import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, type ButtonProps, Card, Col, DatePicker, Flex, Form, Input, Modal, Row, Segmented, Select, Statistic, Tag, Typography, Upload, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { usePreferences, useT } from '../../app/preferences';
import type { MessageKey } from '../../app/i18n/translate';
import { api, download, requestHeaders, unwrap } from '../../shared/api';
import type { ResponseOf } from '../../shared/api-models';
import { EmptyState } from '../../shared/components/EmptyState';
import { PageHeader } from '../../shared/components/PageHeader';
import { PersonalDataWatermark } from '../../shared/components/PersonalDataWatermark';
import { LIST_PAGE_SIZE, ResponsiveList } from '../../shared/components/ResponsiveList';
import { networkError, toApiError } from '../../shared/errors';
import { useNotify } from '../../shared/hooks/useNotify';
import { dayjs, formatDateTime } from '../../shared/time';
import { yuan } from './labels';

type Statement = ResponseOf<'/api/dues/reconciliation/statements/{id}', 'get'>;
type Item = ResponseOf<'/api/dues/reconciliation/statements/{id}/items', 'get'>['items'][number];
type Provider = Statement['provider'];
type Decision = NonNullable<Item['decision']>['decision'];
type Filter = 'differences' | 'all' | 'matched' | 'row_error';
const PROVIDERS: Provider[] = ['wechatpay', 'alipay', 'sandbox'];
const DECISIONS: Decision[] = ['recorded_after_query', 'refunded', 'kept_as_voluntary', 'provider_error', 'timing', 'other'];
const KIND_COLOR: Record<Item['kind'], string> = { matched: 'success', missing_in_ledger: 'error', missing_in_statement: 'error', amount_mismatch: 'error', paid_twice: 'warning', refund: 'warning', row_error: 'default' };
const keys = { list: (p: number) => ['dues-recon', 'list', p] as const, one: (id: string) => ['dues-recon', 'statement', id] as const, items: (id: string, f: Filter, p: number) => ['dues-recon', 'items', id, f, p] as const };
const PROVIDER_LABEL: Record<Provider, MessageKey> = { wechatpay: 'recon.provider.wechatpay', alipay: 'recon.provider.alipay', sandbox: 'recon.provider.sandbox' };

async function uploadStatement(file: File, provider: Provider): Promise<Statement> {
  let res: Response;
  const type = file.name.toLowerCase().endsWith('.csv') ? 'text/csv' : file.name.toLowerCase().endsWith('.zip') ? 'application/zip' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  try {
    res = await fetch(`/api/dues/reconciliation/statements/upload?provider=${provider}&fileName=${encodeURIComponent(file.name)}`, { method: 'POST', credentials: 'same-origin', body: file, headers: { ...requestHeaders('POST'), 'content-type': type } });
  } catch {
    throw networkError();
  }
  const text = await res.text();
  let body: unknown = text;
  try { body = JSON.parse(text); } catch { /* not JSON */ }
  if (!res.ok) throw toApiError(res.status, body);
  return body as Statement;
}

/** 党费对账 (dues.reconcile, tenant-wide): statements in (download or upload), differences listed, decisions recorded. */
export function ReconciliationPage() {
  const t = useT();
  const notify = useNotify();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const selected = params.get('statement');
  const [page, setPage] = useState(1);
  const [provider, setProvider] = useState<Provider>('wechatpay');
  const [date, setDate] = useState(dayjs().subtract(1, 'day'));
  const open = (id: string) => setParams(new URLSearchParams({ statement: id }), { replace: true });
  const done = (s: Statement) => { void qc.invalidateQueries({ queryKey: ['dues-recon'] }); open(s.id); };
  const list = useQuery({ queryKey: keys.list(page), queryFn: () => unwrap(api.GET('/api/dues/reconciliation/statements', { params: { query: { page, pageSize: LIST_PAGE_SIZE } } })), placeholderData: keepPreviousData });
  const fetchIt = useMutation({ mutationFn: () => unwrap(api.POST('/api/dues/reconciliation/statements/fetch', { body: { provider, date: date.format('YYYY-MM-DD') } })), onSuccess: done, onError: notify.failure });
  const upload = useMutation({ mutationFn: (f: File) => uploadStatement(f, provider), onSuccess: done, onError: notify.failure });
  const template = useMutation({ mutationFn: () => download('/api/dues/reconciliation/template.xlsx', '党费对账单模板.xlsx'), onError: notify.failure });
  const result = (s: Statement) => t('recon.result', { matched: s.counts.matched, diff: s.counts.missingInLedger + s.counts.missingInStatement + s.counts.amountMismatch + s.counts.other });
  const when = (s: Statement) => (s.fromDate === s.toDate ? s.fromDate : `${s.fromDate} – ${s.toDate}`);
  const columns: TableColumnsType<Statement> = [
    { title: t('recon.col.date'), key: 'd', render: (_, s) => <a onClick={() => open(s.id)} data-testid="recon-history-open">{when(s)}</a> },
    { title: t('recon.col.provider'), key: 'p', render: (_, s) => t(PROVIDER_LABEL[s.provider]) },
    { title: t('recon.col.source'), key: 's', render: (_, s) => t(s.source === 'download' ? 'recon.source.download' : 'recon.source.upload') },
    { title: t('recon.col.result'), key: 'r', render: (_, s) => result(s) },
    { title: t('recon.col.by'), key: 'b', render: (_, s) => `${s.createdBy} · ${formatDateTime(s.createdAt)}` },
  ];

  return (
    <PersonalDataWatermark>
      <PageHeader title={t('recon.title')} subtitle={t('recon.subtitle')}
        extra={<Button icon={<DownloadOutlined />} loading={template.isPending} onClick={() => template.mutate()} data-testid="recon-template">{t('recon.template')}</Button>} />
      <div className="zg-stack" data-testid="recon-page">
        <Row gutter={[12, 12]}>
          <Col xs={24} md={12}>
            <Card size="small" title={t('recon.fetch.title')} style={{ height: '100%' }}>
              <Flex vertical gap={12}>
                <Select value={provider} onChange={setProvider} options={PROVIDERS.map((p) => ({ value: p, label: t(PROVIDER_LABEL[p]) }))} data-testid="recon-provider" />
                <DatePicker value={date} onChange={(d) => d && setDate(d)} allowClear={false} disabledDate={(d) => !d.isBefore(dayjs(), 'day')} style={{ width: '100%' }} data-testid="recon-date" />
                <Button type="primary" loading={fetchIt.isPending} onClick={() => fetchIt.mutate()} data-testid="recon-fetch">{t('recon.fetch.submit')}</Button>
              </Flex>
            </Card>
          </Col>
          <Col xs={24} md={12}>
            <Card size="small" title={t('recon.upload.title')} data-testid="recon-upload" style={{ height: '100%' }}>
              <Upload.Dragger accept=".xlsx,.csv,.zip" multiple={false} showUploadList={false} disabled={upload.isPending}
                beforeUpload={(file) => { if (!/\.(xlsx|csv|zip)$/i.test(file.name)) notify.warn(t('recon.upload.badType')); else upload.mutate(file); return Upload.LIST_IGNORE; }}>
                <p className="ant-upload-drag-icon"><InboxOutlined /></p>
                <p className="ant-upload-text">{t('recon.upload.drop')}</p>
                <p className="ant-upload-hint">{t('recon.upload.hint')}</p>
              </Upload.Dragger>
            </Card>
          </Col>
        </Row>
        {selected && <StatementView key={selected} id={selected} />}
        <Card size="small" title={t('recon.history')}>
          <ResponsiveList<Statement> query={list} page={page} onPageChange={setPage} columns={columns} testId="recon-history" rowTestId="recon-history-row"
            empty={<EmptyState text={t('recon.history.empty')} />}
            renderCard={(s) => (
              <a onClick={() => open(s.id)} style={{ color: 'inherit', display: 'block' }} data-testid="recon-history-open">
                <Flex justify="space-between"><Typography.Text strong>{when(s)} · {t(PROVIDER_LABEL[s.provider])}</Typography.Text><Tag>{t(s.source === 'download' ? 'recon.source.download' : 'recon.source.upload')}</Tag></Flex>
                <Typography.Text type="secondary">{result(s)}</Typography.Text>
              </a>
            )} />
        </Card>
      </div>
    </PersonalDataWatermark>
  );
}

function StatementView({ id }: { id: string }) {
  const t = useT();
  const { locale } = usePreferences();
  const notify = useNotify();
  const [filter, setFilter] = useState<Filter>('differences');
  const [page, setPage] = useState(1);
  const [deciding, setDeciding] = useState<Item | null>(null);
  const s = useQuery({ queryKey: keys.one(id), queryFn: () => unwrap(api.GET('/api/dues/reconciliation/statements/{id}', { params: { path: { id } } })) });
  const items = useQuery({
    queryKey: keys.items(id, filter, page), placeholderData: keepPreviousData,
    queryFn: () => unwrap(api.GET('/api/dues/reconciliation/statements/{id}/items', { params: { path: { id }, query: { page, pageSize: LIST_PAGE_SIZE, ...(filter === 'all' ? {} : { kind: filter }) } } })),
  });
  const exp = useMutation({ mutationFn: () => download(`/api/dues/reconciliation/statements/${id}/export.xlsx`, `党费对账-${s.data?.fromDate ?? ''}.xlsx`), onError: notify.failure });
  const amount = (i: Item) => [i.statementFen !== null && t('recon.item.statement', { amount: yuan(i.statementFen) }), i.ledgerFen !== null && t('recon.item.ledger', { amount: yuan(i.ledgerFen) })].filter(Boolean).join(' · ');
  const decisionCell = (i: Item) => i.decision
    ? <Typography.Text type="success" data-testid="recon-decided">{t('recon.decided', { decision: t(`recon.decision.${i.decision.decision}` as MessageKey) })}</Typography.Text>
    : i.canDecide ? <Button size="small" onClick={() => setDeciding(i)} data-testid="recon-decide">{t('recon.decide')}</Button> : null;
  const columns: TableColumnsType<Item> = [
    { title: '#', key: 'n', width: 60, render: (_, i) => i.lineNo ?? '—' },
    { title: t('recon.col.result'), key: 'k', width: 130, render: (_, i) => <Tag color={KIND_COLOR[i.kind]} data-testid="recon-item-kind" data-kind={i.kind}>{t(`recon.kind.${i.kind}` as MessageKey)}</Tag> },
    { title: t('checkout.orderNo'), key: 'o', render: (_, i) => <Typography.Text style={{ fontSize: 12 }}>{i.orderNo || i.providerTxnId}</Typography.Text> },
    { title: t('recon.col.amount'), key: 'a', render: (_, i) => amount(i) },
    { title: t('recon.col.person'), key: 'p', width: 90, render: (_, i) => i.personName ?? '' },
    { title: t('recon.col.message'), key: 'm', render: (_, i) => <Typography.Text type="secondary">{locale === 'en-US' ? i.message.en : i.message.zh}</Typography.Text> },
    { title: t('recon.col.decision'), key: 'd', width: 150, render: (_, i) => decisionCell(i) },
  ];
  const st = s.data;
  return (
    <Card size="small" title={t('recon.summary')} data-testid="recon-statement"
      extra={<Button icon={<DownloadOutlined />} loading={exp.isPending} onClick={() => exp.mutate()} data-testid="recon-export">{t('recon.export')}</Button>}>
      {st && (
        <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
          {([['lines', st.lines], ['matched', st.counts.matched], ['missingInLedger', st.counts.missingInLedger], ['missingInStatement', st.counts.missingInStatement], ['amountMismatch', st.counts.amountMismatch], ['other', st.counts.other], ['rowErrors', st.counts.rowErrors]] as const).map(([k, v]) => (
            <Col xs={8} md={3} key={k}><Statistic title={t(`recon.count.${k}` as MessageKey)} value={v} valueStyle={k !== 'lines' && k !== 'matched' && v > 0 ? { color: '#cf1322' } : undefined} data-testid={`recon-count-${k}`} /></Col>
          ))}
          <Col xs={12} md={3}><Statistic title={t('recon.statementFen')} value={yuan(st.statementFen)} /></Col>
          <Col xs={12} md={3}><Statistic title={t('recon.ledgerFen')} value={yuan(st.ledgerFen)} /></Col>
        </Row>
      )}
      <Segmented block value={filter} onChange={(v) => { setFilter(v as Filter); setPage(1); }} style={{ marginBottom: 12 }} data-testid="recon-filter"
        options={(['differences', 'all', 'matched', 'row_error'] as const).map((f) => ({ value: f, label: t(`recon.filter.${f}` as MessageKey) }))} />
      <ResponsiveList<Item> query={items} page={page} onPageChange={setPage} columns={columns} testId="recon-items" rowTestId="recon-item" table={{ size: 'small', scroll: { x: 900 } }}
        empty={<EmptyState text={t('recon.items.empty')} />}
        renderCard={(i) => (
          <Flex vertical gap={4}>
            <Flex justify="space-between" align="center"><Tag color={KIND_COLOR[i.kind]} data-testid="recon-item-kind" data-kind={i.kind}>{t(`recon.kind.${i.kind}` as MessageKey)}</Tag>{i.lineNo !== null && <Typography.Text type="secondary">{t('recon.item.line', { n: i.lineNo })}</Typography.Text>}</Flex>
            <Typography.Text style={{ fontSize: 12, wordBreak: 'break-all' }}>{i.orderNo || i.providerTxnId}{i.personName ? ` · ${i.personName}` : ''}</Typography.Text>
            <Typography.Text>{amount(i)}</Typography.Text>
            <Typography.Text type="secondary">{locale === 'en-US' ? i.message.en : i.message.zh}</Typography.Text>
            <div>{decisionCell(i)}</div>
          </Flex>
        )} />
      {deciding && <DecideModal item={deciding} onClose={() => setDeciding(null)} />}
    </Card>
  );
}

function DecideModal({ item, onClose }: { item: Item; onClose: () => void }) {
  const t = useT();
  const notify = useNotify();
  const qc = useQueryClient();
  const { locale } = usePreferences();
  const [form] = Form.useForm<{ decision: Decision; note: string }>();
  const save = useMutation({
    mutationFn: (v: { decision: Decision; note: string }) => unwrap(api.POST('/api/dues/reconciliation/items/{id}/decision', { params: { path: { id: item.id } }, body: v })),
    onSuccess: () => { notify.success(t('recon.decide.saved')); void qc.invalidateQueries({ queryKey: ['dues-recon'] }); onClose(); },
    onError: notify.failure,
  });
  const options = DECISIONS.filter((d) => d !== 'recorded_after_query' || (item.kind === 'missing_in_ledger' && item.orderId));
  return (
    <Modal open title={t('recon.decide.title')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} okText={t('recon.decide.submit')}
      okButtonProps={{ 'data-testid': 'recon-decide-submit' } as ButtonProps} destroyOnHidden>
      <Typography.Paragraph type="secondary">{locale === 'en-US' ? item.message.en : item.message.zh}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ decision: options[0] }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="decision" label={t('recon.decide.decision')} rules={[{ required: true }]}>
          <Select options={options.map((d) => ({ value: d, label: t(`recon.decision.${d}` as MessageKey) }))} data-testid="recon-decide-decision" />
        </Form.Item>
        <Form.Item name="note" label={t('recon.decide.note')} rules={[{ required: true, min: 2, max: 500 }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={500} placeholder={t('recon.decide.notePlaceholder')} data-testid="recon-decide-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
