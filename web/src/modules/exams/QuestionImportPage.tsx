import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Statistic, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { usePreferences, useT } from '../../app/preferences';
import { download, requestHeaders } from '../../shared/api';
import { networkError, toApiError } from '../../shared/errors';
import { PageHeader } from '../../shared/components/PageHeader';
import { useNotify } from '../../shared/hooks/useNotify';
import { examKeys, type ImportResult } from './queries';

const MAX_BYTES = 5 * 1024 * 1024;

async function upload(file: File, dryRun: boolean): Promise<ImportResult> {
  let res: Response;
  try {
    res = await fetch(`/api/exams/questions/import?fileName=${encodeURIComponent(file.name)}&dryRun=${dryRun}`, {
      method: 'POST', credentials: 'same-origin', body: file, headers: { ...requestHeaders('POST'), 'content-type': 'application/octet-stream' },
    });
  } catch {
    throw networkError();
  }
  const text = await res.text();
  let body: unknown = text;
  try { body = JSON.parse(text); } catch { /* not JSON */ }
  if (!res.ok) throw toApiError(res.status, body);
  return body as ImportResult;
}

/** 导入试题: download the template, check a file (nothing written), read the row report, then import. */
export function QuestionImportPage() {
  const t = useT();
  const { locale } = usePreferences();
  const navigate = useNavigate();
  const notify = useNotify();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const check = useMutation({ mutationFn: (f: File) => upload(f, true) });
  const run = useMutation({
    mutationFn: (f: File) => upload(f, false),
    onSuccess: (r) => { notify.success(t('exam.import.done', { n: r.inserted })); void qc.invalidateQueries({ queryKey: examKeys.all }); },
  });
  const result = run.data ?? check.data;
  const error = run.error ?? check.error;
  const template = useMutation({ mutationFn: () => download('/api/exams/questions/template.xlsx', '试题导入模板.xlsx'), onError: notify.failure });
  return (
    <div>
      <PageHeader title={t('exam.import.title')} subtitle={t('exam.import.subtitle')} extra={
        <>
          <Button icon={<DownloadOutlined />} loading={template.isPending} onClick={() => template.mutate()} data-testid="question-template">{t('exam.import.template')}</Button>
          <Button onClick={() => void navigate('/exams?tab=bank')}>{t('common.back')}</Button>
        </>
      } />
      <div className="zg-stack">
        <Card size="small" data-testid="question-upload">
          <Upload.Dragger accept=".xlsx" multiple={false} showUploadList={false} disabled={check.isPending || run.isPending}
            beforeUpload={(f) => {
              if (!f.name.toLowerCase().endsWith('.xlsx')) notify.warn(t('exam.import.notXlsx'));
              else if (f.size > MAX_BYTES) notify.warn(t('exam.import.tooLarge'));
              else { setFile(f); run.reset(); check.mutate(f); }
              return Upload.LIST_IGNORE;
            }}>
            <p className="ant-upload-drag-icon"><InboxOutlined /></p>
            <p className="ant-upload-text">{file ? file.name : t('exam.import.drop')}</p>
            <p className="ant-upload-hint">{t('exam.import.hint')}</p>
          </Upload.Dragger>
        </Card>
        {error && <Alert type="error" showIcon title={error instanceof Error ? error.message || t('error.unknown') : t('error.unknown')} data-testid="question-import-error" />}
        {result && (
          <Card size="small" title={result.dryRun ? t('exam.import.checked') : t('exam.import.imported')} data-testid="question-import-report">
            <Flex gap={32} wrap>
              <Statistic title={t('exam.import.total')} value={result.total} />
              <Statistic title={result.dryRun ? t('exam.import.willInsert') : t('exam.import.inserted')} value={result.inserted} data-testid="question-import-inserted" />
              <Statistic title={t('exam.import.unchanged')} value={result.unchanged} />
              <Statistic title={t('exam.import.failed')} value={result.failed} valueStyle={result.failed ? { color: '#cf1322' } : undefined} />
            </Flex>
            {result.newCategories.length > 0 && <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{t('exam.import.newCategories', { names: result.newCategories.join('、') })}</Typography.Paragraph>}
            {result.lines.length > 0 && (
              <Table size="small" rowKey={(l) => `${l.rowNumber}-${l.column}-${l.message.zh}`} dataSource={result.lines} pagination={{ pageSize: 20, showSizeChanger: false }} style={{ marginTop: 12 }} scroll={{ x: 560 }}
                columns={[
                  { title: t('exam.import.row'), dataIndex: 'rowNumber', key: 'row', width: 70 },
                  { title: t('exam.import.column'), dataIndex: 'column', key: 'column', width: 90 },
                  { title: t('exam.import.reason'), key: 'reason', render: (_, l) => (locale === 'en-US' ? l.message.en : l.message.zh) },
                  { title: t('exam.bank.stem'), dataIndex: 'stem', key: 'stem', ellipsis: true },
                ]} />
            )}
            {result.dryRun && file && result.inserted > 0 && (
              <Button type="primary" style={{ marginTop: 12 }} loading={run.isPending} onClick={() => run.mutate(file)} data-testid="question-import-run">
                {t('exam.import.run', { n: result.inserted })}
              </Button>
            )}
          </Card>
        )}
      </div>
    </div>
  );
}
