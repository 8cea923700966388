import type { ButtonProps } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Flex, Form, Input, Modal, Progress, Select, Switch, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { usePreferences, useT } from '../../app/preferences';
import { api, download, requestHeaders, unwrap } from '../../shared/api';
import { errorText, networkError, toApiError } from '../../shared/errors';
import { EmptyState } from '../../shared/components/EmptyState';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { LIST_PAGE_SIZE, ResponsiveList } from '../../shared/components/ResponsiveList';
import { useNotify } from '../../shared/hooks/useNotify';
import { dayjs } from '../../shared/time';
import { UnitSelect } from '../members/UnitSelect';
import { CATEGORIES, FIXED, categoryKey, duesKeys, monthLabel, parseYuan, yuan, type DuesBaseRow, type DuesCategory } from './labels';

/** 缴费基数: members of a unit with the base in force and the derived monthly dues; edit, import. */
export function BasesTab() {
  const t = useT();
  const { locale } = usePreferences();
  const [unit, setUnit] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const [missing, setMissing] = useState(false);
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<{ personId: string; name: string } | null>(null);
  const list = useQuery({
    queryKey: duesKeys.bases(unit, q, missing, page),
    queryFn: () => unwrap(api.GET('/api/dues/bases', { params: { query: { page, pageSize: LIST_PAGE_SIZE, ...(unit ? { orgUnitId: unit } : {}), ...(q ? { q } : {}), ...(missing ? { missing: true } : {}) } } })),
    placeholderData: keepPreviousData,
  });
  type Row = DuesBaseRow & { id: string };
  const rows = { ...list, data: list.data ? { items: list.data.items.map((r) => ({ ...r, id: r.personId })), total: list.data.total } : undefined };
  const baseText = (r: DuesBaseRow) => (r.category === null ? <Tag color="red">{t('dues.bases.none')}</Tag> : <>{t(categoryKey(r.category))}{r.baseFen !== null ? ` · ¥${yuan(r.baseFen)}` : ''}</>);
  const edit = (r: DuesBaseRow) => r.canEdit && <Button size="small" onClick={() => setEditing({ personId: r.personId, name: r.name })} data-testid="dues-base-edit">{t('dues.bases.edit')}</Button>;
  return (
    <div className="zg-stack">
      <Card size="small">
        <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
          <div style={{ flex: '1 1 240px', minWidth: 200 }}><UnitSelect value={unit} onChange={(v) => { setUnit(v); setPage(1); }} allowClear testId="dues-bases-unit" /></div>
          <Input.Search allowClear placeholder={t('dues.bases.search')} onSearch={(v) => { setQ(v.trim()); setPage(1); }} style={{ flex: '1 1 200px', maxWidth: 280 }} />
          <Flex gap={6} align="center"><Switch checked={missing} onChange={(v) => { setMissing(v); setPage(1); }} data-testid="dues-bases-missing" />{t('dues.bases.onlyMissing')}</Flex>
        </Flex>
        <ResponsiveList<Row>
          query={rows} page={page} onPageChange={setPage} testId="dues-bases" rowTestId="dues-base-row"
          empty={<EmptyState text={t('dues.bases.empty')} />}
          columns={[
            { title: t('dues.col.name'), key: 'name', width: 120, render: (_, r) => <Link to={`/dues/people/${r.personId}`}>{r.name}</Link> },
            { title: t('dues.col.unit'), key: 'unit', render: (_, r) => r.unitName },
            { title: t('dues.col.base'), key: 'base', render: (_, r) => baseText(r) },
            { title: t('dues.col.from'), key: 'from', width: 110, render: (_, r) => (r.fromMonth ? monthLabel(r.fromMonth, locale) : '—') },
            { title: t('dues.col.monthly'), key: 'monthly', width: 110, align: 'right', render: (_, r) => (r.monthlyFen === null ? '—' : `¥${yuan(r.monthlyFen)}`) },
            { title: '', key: 'act', width: 80, render: (_, r) => edit(r) },
          ]}
          renderCard={(r) => (
            <Flex justify="space-between" align="start" gap={8}>
              <div>
                <Link to={`/dues/people/${r.personId}`}><Typography.Text strong style={{ fontSize: '1.1em' }}>{r.name}</Typography.Text></Link>
                <div><Typography.Text type="secondary">{r.unitName}</Typography.Text></div>
                <div>{baseText(r)}{r.monthlyFen !== null ? ` → ¥${yuan(r.monthlyFen)}/${t('dues.perMonth')}` : ''}</div>
              </div>
              {edit(r)}
            </Flex>
          )}
        />
      </Card>
      <BasesImport />
      <BaseModal target={editing} onClose={() => setEditing(null)} />
    </div>
  );
}

interface BaseValues { fromMonth: ReturnType<typeof dayjs>; category: DuesCategory; base?: string; note?: string }

export function BaseModal({ target, onClose }: { target: { personId: string; name: string } | null; onClose: () => void }) {
  const t = useT();
  const notify = useNotify();
  const qc = useQueryClient();
  const [form] = Form.useForm<BaseValues>();
  const category = Form.useWatch('category', form) ?? 'employed';
  const save = useMutation({
    mutationFn: (v: BaseValues) => unwrap(api.PUT('/api/dues/people/{id}/bases', { params: { path: { id: target!.personId } }, body: {
      fromMonth: v.fromMonth.format('YYYY-MM'), category: v.category, baseFen: FIXED.includes(v.category) ? null : parseYuan(v.base ?? '') ?? -1, note: (v.note ?? '').trim(),
    } })),
    onSuccess: () => { form.resetFields(); notify.success(t('dues.bases.saved')); void qc.invalidateQueries({ queryKey: ['dues'] }); onClose(); },
  });
  return (
    <Modal open={target !== null} title={t('dues.bases.editTitle', { name: target?.name ?? '' })} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'dues-base-save' } as ButtonProps} destroyOnHidden>
      {save.isError && <Alert type="error" showIcon title={errorText(save.error, t)} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph type="secondary">{t('dues.bases.help')}</Typography.Paragraph>
      <Form form={form} layout="vertical" requiredMark={false} initialValues={{ category: 'employed', fromMonth: dayjs() }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="fromMonth" label={t('dues.bases.fromMonth')} rules={[{ required: true }]}><DatePicker picker="month" format="YYYY-MM" style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="category" label={t('dues.calc.category')}><Select options={CATEGORIES.map((c) => ({ value: c, label: t(categoryKey(c)) }))} data-testid="dues-base-category" /></Form.Item>
        {!FIXED.includes(category) && (
          <Form.Item name="base" label={t(category === 'retired' ? 'dues.calc.pension' : 'dues.calc.base')} rules={[{ required: true, pattern: /^\d{1,9}(\.\d{1,2})?$/, message: t('dues.calc.baseInvalid') }]}>
            <Input inputMode="decimal" suffix={t('dues.yuan')} data-testid="dues-base-amount" />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('dues.bases.note')}><Input maxLength={200} /></Form.Item>
      </Form>
    </Modal>
  );
}

/** One member's bases by month (from which month each applies). */
export function BaseHistory({ personId }: { personId: string }) {
  const t = useT();
  const { locale } = usePreferences();
  const [editing, setEditing] = useState(false);
  const h = useQuery({ queryKey: duesKeys.baseHistory(personId), queryFn: () => unwrap(api.GET('/api/dues/people/{id}/bases', { params: { path: { id: personId } } })) });
  return (
    <Card size="small" title={t('dues.bases.history')} extra={h.data?.canEdit && <Button size="small" onClick={() => setEditing(true)}>{t('dues.bases.add')}</Button>}>
      {h.isError && <ErrorAlert error={h.error} onRetry={() => void h.refetch()} />}
      {h.data && h.data.items.length === 0 && <EmptyState text={t('dues.bases.noHistory')} />}
      {h.data && h.data.items.length > 0 && (
        <Table size="small" rowKey="id" pagination={false} dataSource={h.data.items} scroll={{ x: 500 }} columns={[
          { title: t('dues.col.from'), key: 'f', render: (_, r) => monthLabel(r.fromMonth, locale) },
          { title: t('dues.col.base'), key: 'b', render: (_, r) => `${t(categoryKey(r.category))}${r.baseFen !== null ? ` · ¥${yuan(r.baseFen)}` : ''}` },
          { title: t('dues.col.monthly'), key: 'm', align: 'right', render: (_, r) => `¥${yuan(r.monthlyFen)}` },
          { title: t('dues.col.by'), key: 'by', render: (_, r) => `${r.by ?? t(`dues.source.${r.source}` as 'dues.source.manual')}` },
        ]} />
      )}
      {h.data && <BaseModal target={editing ? { personId, name: h.data.person.name } : null} onClose={() => setEditing(false)} />}
    </Card>
  );
}

function BasesImport() {
  const t = useT();
  const notify = useNotify();
  const qc = useQueryClient();
  const [jobId, setJobId] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: async (file: File) => {
      let res: Response;
      try {
        res = await fetch(`/api/dues/bases/import?fileName=${encodeURIComponent(file.name)}`, { method: 'POST', body: file, credentials: 'same-origin', headers: { ...requestHeaders('POST'), 'content-type': 'application/octet-stream' } });
      } catch {
        throw networkError();
      }
      const body: unknown = await res.json().catch(() => null);
      if (!res.ok) throw toApiError(res.status, body);
      return (body as { id: string }).id;
    },
    onSuccess: (id) => setJobId(id),
    onError: notify.failure,
  });
  const job = useQuery({
    queryKey: ['dues', 'import', jobId],
    queryFn: () => unwrap(api.GET('/api/dues/bases/imports/{id}', { params: { path: { id: jobId! } } })),
    enabled: jobId !== null,
    refetchInterval: (q) => (q.state.data && (q.state.data.status === 'done' || q.state.data.status === 'failed') ? false : 800),
  });
  const j = job.data;
  if (j && (j.status === 'done' || j.status === 'failed')) void qc.invalidateQueries({ queryKey: ['dues', 'bases'] });
  const template = useMutation({ mutationFn: () => download('/api/dues/bases/template.xlsx', '缴费基数导入模板.xlsx'), onError: notify.failure });
  return (
    <Card size="small" title={t('dues.import.title')} data-testid="dues-import">
      <Typography.Paragraph type="secondary">{t('dues.import.help')}</Typography.Paragraph>
      <Flex gap={8} wrap>
        <Button icon={<DownloadOutlined />} onClick={() => template.mutate()} loading={template.isPending}>{t('dues.import.template')}</Button>
        <Upload accept=".xlsx" showUploadList={false} beforeUpload={(f) => { upload.mutate(f); return false; }}>
          <Button type="primary" icon={<UploadOutlined />} loading={upload.isPending} data-testid="dues-import-upload">{t('dues.import.upload')}</Button>
        </Upload>
      </Flex>
      {j && (
        <div style={{ marginTop: 12 }} data-testid="dues-import-job">
          <Progress percent={j.total ? Math.round((j.processed * 100) / j.total) : j.status === 'done' ? 100 : 0} status={j.status === 'failed' ? 'exception' : j.status === 'done' ? 'success' : 'active'} />
          <Typography.Text>{t('dues.import.summary', { inserted: j.inserted, updated: j.updated, unchanged: j.unchanged, failed: j.failed })}</Typography.Text>
          {j.error && <Alert type="error" showIcon title={j.error.zh} style={{ marginTop: 8 }} />}
          {j.rows.length > 0 && (
            <Table size="small" rowKey={(r) => `${r.rowNumber}-${r.column}-${r.message.zh}`} pagination={{ pageSize: 10, hideOnSinglePage: true }} dataSource={j.rows} style={{ marginTop: 8 }} scroll={{ x: 500 }} columns={[
              { title: t('dues.import.row'), dataIndex: 'rowNumber', width: 70 },
              { title: t('dues.col.name'), dataIndex: 'personName', width: 100 },
              { title: t('dues.import.column'), dataIndex: 'column', width: 120 },
              { title: t('dues.import.reason'), key: 'm', render: (_, r) => (r.outcome === 'updated' ? <Tag color="blue">{r.message.zh}</Tag> : r.message.zh) },
            ]} />
          )}
        </div>
      )}
    </Card>
  );
}
