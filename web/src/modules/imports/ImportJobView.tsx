import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Flex, Progress, Row, Select, Statistic, Tag, Typography, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { useT } from '../../app/preferences';
import { api, download, unwrap } from '../../shared/api';
import type { ImportJob, ImportReportLine } from '../../shared/api-models';
import { EmptyState } from '../../shared/components/EmptyState';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { PersonalDataWatermark } from '../../shared/components/PersonalDataWatermark';
import { LIST_PAGE_SIZE, ResponsiveList } from '../../shared/components/ResponsiveList';
import { useNotify } from '../../shared/hooks/useNotify';
import { usePreferences } from '../../app/preferences';
import { fetchJob, importKeys, isRunning, progressPercent } from './queries';
import { StatusTag } from './StatusTag';

type Line = ImportReportLine & { id: string };

/** One import: progress while it runs (polled), then the counts and the row report with filters and download. */
export function ImportJobView({ id }: { id: string }) {
  const job = useQuery({
    queryKey: importKeys.job(id),
    queryFn: () => fetchJob(id),
    refetchInterval: (q) => (isRunning(q.state.data) ? 1000 : false),
  });
  // When the job finishes, the history's row for it is stale: refresh it.
  const qc = useQueryClient();
  const status = job.data?.status;
  useEffect(() => {
    if (status === 'done' || status === 'failed') void qc.invalidateQueries({ queryKey: ['imports', 'list'] });
  }, [status, qc]);
  if (job.isError) return <ErrorAlert error={job.error} onRetry={() => void job.refetch()} />;
  if (!job.data) return <Card loading size="small" />;
  return (
    <div className="zg-stack">
      <JobSummary job={job.data} />
      {!isRunning(job.data) && <Report job={job.data} />}
    </div>
  );
}

function JobSummary({ job }: { job: ImportJob }) {
  const t = useT();
  const running = isRunning(job);
  const percent = progressPercent(job);
  return (
    <Card size="small" title={t('imports.job.title', { name: job.fileName })} extra={<StatusTag status={job.status} />} data-testid="import-job">
      <Progress
        percent={percent}
        status={job.status === 'failed' ? 'exception' : running ? 'active' : 'success'}
        data-testid="import-progress"
        aria-label={t('imports.progress', { processed: job.processed, total: job.total })}
      />
      <Typography.Text type="secondary" data-testid="import-progress-text">
        {running && job.total === 0 ? t('imports.reading') : t('imports.progress', { processed: job.processed, total: job.total })}
      </Typography.Text>
      {job.error && <Alert type="error" showIcon style={{ marginTop: 12 }} message={job.error.zh === job.error.en ? job.error.zh : <LocalizedMessage msg={job.error} />} data-testid="import-error" />}
      <Row gutter={[12, 12]} style={{ marginTop: 12 }} data-testid="import-counts">
        {(['total', 'inserted', 'updated', 'unchanged', 'failed'] as const).map((k) => (
          <Col key={k} xs={12} sm={8} md={4}>
            <Statistic title={t(`imports.count.${k}`)} value={job[k]} valueStyle={k === 'failed' && job.failed > 0 ? { color: '#cf1322' } : undefined} data-testid={`import-count-${k}`} />
          </Col>
        ))}
      </Row>
    </Card>
  );
}

function LocalizedMessage({ msg }: { msg: { zh: string; en: string } }) {
  const { locale } = usePreferences();
  return <>{locale === 'en-US' ? msg.en : msg.zh}</>;
}

function Report({ job }: { job: ImportJob }) {
  const t = useT();
  const notify = useNotify();
  const [page, setPage] = useState(1);
  const [outcome, setOutcome] = useState<'failed' | 'updated' | undefined>(undefined);
  const [column, setColumn] = useState<string | undefined>(undefined);
  const rows = useQuery({
    queryKey: importKeys.rows(job.id, page, outcome, column),
    queryFn: () => unwrap(api.GET('/api/imports/{id}/rows', { params: { path: { id: job.id }, query: { page, pageSize: LIST_PAGE_SIZE, ...(outcome ? { outcome } : {}), ...(column ? { column } : {}) } } })),
    placeholderData: keepPreviousData,
  });
  const exportReport = useMutation({
    mutationFn: () => download(`/api/imports/${job.id}/report.xlsx`, 'import-report.xlsx'),
    onError: notify.failure,
  });
  const data = rows.data ? { ...rows.data, items: rows.data.items.map((r, i): Line => ({ ...r, id: `${r.rowNumber}-${page}-${i}` })) } : undefined;
  const outcomeTag = (o: Line['outcome']) => <Tag color={o === 'failed' ? 'red' : 'blue'}>{t(`imports.report.outcome.${o}`)}</Tag>;
  const columns: TableColumnsType<Line> = [
    { title: t('imports.report.col.row'), dataIndex: 'rowNumber', key: 'row', width: 80 },
    { title: t('imports.report.col.outcome'), key: 'outcome', width: 100, render: (_, r) => outcomeTag(r.outcome) },
    { title: t('imports.report.col.name'), dataIndex: 'personName', key: 'name', width: 120 },
    { title: t('imports.report.col.column'), key: 'column', width: 130, render: (_, r) => r.column || '—' },
    { title: t('imports.report.col.reason'), key: 'reason', render: (_, r) => <LocalizedMessage msg={r.message} /> },
  ];
  const card = (r: Line) => (
    <>
      <Flex justify="space-between" align="center" gap={8}>
        <Typography.Text strong>{t('imports.report.row', { row: r.rowNumber })} · {r.personName || '—'}</Typography.Text>
        {outcomeTag(r.outcome)}
      </Flex>
      {r.column && <Typography.Text type="secondary" style={{ display: 'block' }}>{r.column}</Typography.Text>}
      <Typography.Text style={{ display: 'block' }}><LocalizedMessage msg={r.message} /></Typography.Text>
    </>
  );
  return (
    <PersonalDataWatermark>
      <Card
        size="small"
        title={t('imports.report.title')}
        extra={
          <Button icon={<DownloadOutlined />} loading={exportReport.isPending} onClick={() => exportReport.mutate()} data-testid="import-report-download">
            {t('imports.report.download')}
          </Button>
        }
      >
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <Select
            allowClear
            style={{ minWidth: 140 }}
            placeholder={t('imports.report.filter.outcome')}
            value={outcome}
            onChange={(v: 'failed' | 'updated' | undefined) => { setOutcome(v); setPage(1); }}
            options={(['failed', 'updated'] as const).map((o) => ({ value: o, label: t(`imports.report.outcome.${o}`) }))}
            data-testid="import-report-outcome"
          />
          <Select
            allowClear
            style={{ minWidth: 140 }}
            placeholder={t('imports.report.filter.column')}
            value={column}
            onChange={(v: string | undefined) => { setColumn(v); setPage(1); }}
            options={(rows.data?.columns ?? []).map((c) => ({ value: c, label: c }))}
            data-testid="import-report-column"
          />
        </Flex>
        <ResponsiveList<Line>
          query={{ ...rows, data }}
          page={page}
          onPageChange={setPage}
          columns={columns}
          renderCard={card}
          empty={<EmptyState text={t('imports.report.empty')} />}
          testId="import-report"
          rowTestId="import-report-row"
          table={{ size: 'middle', scroll: { x: 700 } }}
        />
      </Card>
    </PersonalDataWatermark>
  );
}
