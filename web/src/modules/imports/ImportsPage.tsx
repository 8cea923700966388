import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Flex, Typography, Upload, type TableColumnsType } from 'antd';
import { useSearchParams } from 'react-router';
import { useT } from '../../app/preferences';
import { api, download, unwrap } from '../../shared/api';
import type { ImportJob } from '../../shared/api-models';
import { EmptyState } from '../../shared/components/EmptyState';
import { PageHeader } from '../../shared/components/PageHeader';
import { LIST_PAGE_SIZE, ResponsiveList } from '../../shared/components/ResponsiveList';
import { useNotify } from '../../shared/hooks/useNotify';
import { formatDateTime } from '../../shared/time';
import { ImportJobView } from './ImportJobView';
import { importKeys, isRunning, MAX_UPLOAD_BYTES, uploadPeopleFile } from './queries';
import { StatusTag } from './StatusTag';

const counts = (j: ImportJob) => ({ inserted: j.inserted, updated: j.updated, unchanged: j.unchanged, failed: j.failed });

/**
 * 批量导入: template download, upload (drag and drop), the selected job's progress and report, and past jobs.
 * The selected job and the history page live in the address, so a reload keeps them.
 */
export function ImportsPage() {
  const t = useT();
  const notify = useNotify();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job');
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const set = (next: { job?: string | null; page?: number }) => {
    const p = new URLSearchParams();
    const j = 'job' in next ? next.job : jobId;
    if (j) p.set('job', j);
    const pg = next.page ?? page;
    if (pg > 1) p.set('page', String(pg));
    setParams(p, { replace: true });
  };

  const history = useQuery({
    queryKey: importKeys.list(page),
    queryFn: () => unwrap(api.GET('/api/imports', { params: { query: { page, pageSize: LIST_PAGE_SIZE } } })),
    placeholderData: keepPreviousData,
    // While a job runs, its row in the history moves too.
    refetchInterval: (q) => (q.state.data?.items.some(isRunning) ? 2000 : false),
  });
  const template = useMutation({
    mutationFn: () => download('/api/imports/people/template.xlsx', '人员导入模板.xlsx'),
    onError: notify.failure,
  });
  const upload = useMutation({
    mutationFn: (file: File) => uploadPeopleFile(file),
    onSuccess: (id, file) => {
      notify.success(t('imports.upload.started', { name: file.name }));
      set({ job: id, page: 1 });
      void qc.invalidateQueries({ queryKey: importKeys.all });
    },
    onError: notify.failure,
  });

  const columns: TableColumnsType<ImportJob> = [
    { title: t('imports.history.col.file'), key: 'file', ellipsis: true, render: (_, j) => <a onClick={() => set({ job: j.id })} data-testid="import-history-open">{j.fileName}</a> },
    { title: t('imports.history.col.time'), key: 'time', width: 170, render: (_, j) => formatDateTime(j.createdAt) },
    { title: t('imports.history.col.by'), dataIndex: 'createdBy', key: 'by', width: 110 },
    { title: t('imports.history.col.status'), key: 'status', width: 100, render: (_, j) => <StatusTag status={j.status} /> },
    { title: t('imports.history.col.result'), key: 'result', width: 300, render: (_, j) => t('imports.history.result', counts(j)) },
  ];
  const card = (j: ImportJob) => (
    <a onClick={() => set({ job: j.id })} style={{ color: 'inherit', display: 'block' }} data-testid="import-history-open">
      <Flex justify="space-between" align="start" gap={8}>
        <Typography.Text strong style={{ wordBreak: 'break-all' }}>{j.fileName}</Typography.Text>
        <StatusTag status={j.status} />
      </Flex>
      <Typography.Text type="secondary" style={{ display: 'block' }}>{formatDateTime(j.createdAt)} · {j.createdBy}</Typography.Text>
      <Typography.Text type="secondary" style={{ display: 'block' }}>{t('imports.history.result', counts(j))}</Typography.Text>
    </a>
  );

  return (
    <div>
      <PageHeader
        title={t('imports.title')}
        subtitle={t('imports.subtitle')}
        extra={
          <Button icon={<DownloadOutlined />} loading={template.isPending} onClick={() => template.mutate()} data-testid="import-template">
            {t('imports.template')}
          </Button>
        }
      />
      <div className="zg-stack">
        <Card size="small" data-testid="import-upload">
          <Upload.Dragger
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            multiple={false}
            showUploadList={false}
            disabled={upload.isPending}
            beforeUpload={(file) => {
              if (!file.name.toLowerCase().endsWith('.xlsx')) notify.warn(t('imports.upload.notXlsx'));
              else if (file.size > MAX_UPLOAD_BYTES) notify.warn(t('imports.upload.tooLarge'));
              else upload.mutate(file);
              // The upload is ours (raw body), not antd's.
              return Upload.LIST_IGNORE;
            }}
          >
            <p className="ant-upload-drag-icon"><InboxOutlined /></p>
            <p className="ant-upload-text">{t('imports.upload.title')}</p>
            <p className="ant-upload-hint">{t('imports.upload.hint')}</p>
          </Upload.Dragger>
        </Card>
        {jobId && <ImportJobView key={jobId} id={jobId} />}
        <Card size="small" title={t('imports.history.title')}>
          <ResponsiveList<ImportJob>
            query={history}
            page={page}
            onPageChange={(p) => set({ page: p })}
            columns={columns}
            renderCard={card}
            empty={<EmptyState text={t('imports.history.empty')} />}
            testId="import-history"
            rowTestId="import-history-row"
            table={{ size: 'middle', scroll: { x: 800 } }}
          />
        </Card>
      </div>
    </div>
  );
}
