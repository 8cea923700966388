import { DownloadOutlined, FileImageOutlined, FilePdfOutlined, PaperClipOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Button, Card, Flex, List, Tag, Typography } from 'antd';
import { useT } from '../../app/preferences';
import { download } from '../../shared/api';
import type { DevDocument, DevRecord } from '../../shared/api-models';
import { EmptyState } from '../../shared/components/EmptyState';
import { useIsMobile } from '../../shared/hooks/useIsMobile';
import { useNotify } from '../../shared/hooks/useNotify';
import { formatDateTime } from '../../shared/time';
import { formatBytes } from './documents';
import { stepKey } from './labels';

/** Downloads a document file (the server audits each download); `pending` is the id being fetched. */
export function useDocumentDownload() {
  const notify = useNotify();
  const m = useMutation({ mutationFn: (d: Pick<DevDocument, 'id' | 'url' | 'fileName'>) => download(d.url, d.fileName), onError: notify.failure });
  return { start: (d: Pick<DevDocument, 'id' | 'url' | 'fileName'>) => m.mutate(d), pending: m.isPending ? m.variables.id : null };
}

/** A step's document in the timeline: a title tag, and, when a file was uploaded for it, a link that downloads it. */
export function StepDocumentTag({ title, number, file, onDownload, loading }: {
  title: string;
  number: string;
  file: DevDocument | undefined;
  onDownload: (d: DevDocument) => void;
  loading: boolean;
}) {
  const label = `${title}${number ? ` ${number}` : ''}`;
  if (file === undefined) return <Tag>{label}</Tag>;
  return (
    <Button size="small" icon={<PaperClipOutlined />} loading={loading} onClick={() => onDownload(file)} data-testid="dev-timeline-document" title={file.fileName}>
      {label}
    </Button>
  );
}

/**
 * 材料: every file of the person's record, newest first, with the step that cites it (or "not yet cited") and a
 * download. Only for those who manage the record; the server lists nothing to others.
 */
export function DocumentsCard({ record }: { record: DevRecord }) {
  const t = useT();
  const dl = useDocumentDownload();
  const isMobile = useIsMobile();
  const steps = new Map(record.steps.map((s) => [s.id, s]));
  return (
    <Card size="small" title={t('dev.doc.sectionTitle', { count: record.documents.length })} data-testid="dev-documents">
      {record.documents.length === 0 ? (
        <div data-testid="dev-documents-empty">
          <EmptyState text={t('dev.doc.empty')} />
        </div>
      ) : (
        <List
          size="small"
          dataSource={record.documents}
          renderItem={(d) => {
            const step = d.stepId !== null ? steps.get(d.stepId) : undefined;
            return (
              <List.Item
                data-testid="dev-document"
                key={d.id}
                actions={[
                  // Phones: the icon alone, so the title and file name keep the width.
                  <Button key="dl" icon={<DownloadOutlined />} loading={dl.pending === d.id} onClick={() => dl.start(d)} data-testid="dev-document-download" aria-label={t('dev.doc.download')} title={t('dev.doc.download')}>
                    {isMobile ? null : t('dev.doc.download')}
                  </Button>,
                ]}
              >
                <List.Item.Meta
                  avatar={d.contentType === 'application/pdf' ? <FilePdfOutlined style={{ fontSize: 24, color: '#c8102e' }} /> : <FileImageOutlined style={{ fontSize: 24, color: '#1677ff' }} />}
                  title={
                    <Flex gap={6} wrap align="center">
                      <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>{d.title}</Typography.Text>
                      {step !== undefined ? (
                        <Tag color="red" style={{ marginInlineEnd: 0 }}>{step.on} · {t(stepKey(step.kind))}</Tag>
                      ) : (
                        <Tag data-testid="dev-document-loose" style={{ marginInlineEnd: 0 }}>{t('dev.doc.loose')}</Tag>
                      )}
                    </Flex>
                  }
                  description={
                    <Flex vertical gap={0}>
                      <Typography.Text type="secondary" style={{ overflowWrap: 'anywhere' }}>{d.fileName} · {formatBytes(d.size)}</Typography.Text>
                      <Typography.Text type="secondary">{t('dev.doc.uploaded', { name: d.uploadedByName || '—', time: formatDateTime(d.uploadedAt) })}</Typography.Text>
                    </Flex>
                  }
                />
              </List.Item>
            );
          }}
        />
      )}
    </Card>
  );
}
