import { ArrowLeftOutlined, DeleteOutlined, DownloadOutlined, EditOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Popconfirm, Space, Switch, Tag, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useT } from '../../app/preferences';
import { api, unwrap } from '../../shared/api';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { PageLoading } from '../../shared/components/PageLoading';
import { useNotify } from '../../shared/hooks/useNotify';
import { formatDateTime } from '../../shared/time';
import { categoryLabel, KIND_COLORS, kindLabel } from './labels';
import { fetchResource, formatSize, libraryKeys, type Resource } from './queries';

/** The file of a resource, shown the way its kind is read: PDF in the browser's viewer, images, players that seek by range. */
function FileView({ r }: { r: Resource }) {
  const t = useT();
  const f = r.file;
  if (!f) return null;
  const download = (
    <Button icon={<DownloadOutlined />} href={`${f.url}?download=true`} data-testid="resource-download">
      {t('library.download')} ({formatSize(f.size)})
    </Button>
  );
  switch (r.kind) {
    case 'image':
      return <Flex vertical gap={8}><img src={f.url} alt={r.title} style={{ maxWidth: '100%', borderRadius: 8 }} data-testid="resource-image" />{download}</Flex>;
    case 'video':
      return <Flex vertical gap={8}><video src={f.url} controls preload="metadata" style={{ width: '100%', maxHeight: '70vh', background: '#000', borderRadius: 8 }} data-testid="resource-video" />{download}</Flex>;
    case 'audio':
      return <Flex vertical gap={8}><audio src={f.url} controls preload="metadata" style={{ width: '100%' }} data-testid="resource-audio" />{download}</Flex>;
    case 'pdf':
      return (
        <Flex vertical gap={8}>
          <object data={f.url} type="application/pdf" style={{ width: '100%', height: '75vh', border: '1px solid #eee', borderRadius: 8 }} data-testid="resource-pdf">
            <Typography.Text type="secondary">{t('library.noPreview')}</Typography.Text>
          </object>
          {download}
        </Flex>
      );
    default:
      return download;
  }
}

export function ResourcePage() {
  const t = useT();
  const notify = useNotify();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const passage = params.get('passage') ?? undefined;
  const q = useQuery({ queryKey: libraryKeys.resource(id, passage), queryFn: () => fetchResource(id, passage) });
  const cited = useRef<HTMLDivElement>(null);
  useEffect(() => { if (q.data?.passage) cited.current?.scrollIntoView({ block: 'start' }); }, [q.data?.passage]);
  const done = (text: string) => { notify.success(text); void qc.invalidateQueries({ queryKey: libraryKeys.all }); };
  const act = useMutation({
    mutationFn: async (a: 'publish' | 'unpublish' | 'share' | 'unshare' | 'delete') => {
      const path = { params: { path: { id } } };
      if (a === 'publish') await unwrap(api.POST('/api/library/resources/{id}/publish', path));
      else if (a === 'unpublish') await unwrap(api.POST('/api/library/resources/{id}/unpublish', path));
      else if (a === 'delete') await unwrap(api.DELETE('/api/library/resources/{id}', path));
      else await unwrap(api.PUT('/api/library/resources/{id}/sharing', { ...path, body: { shared: a === 'share' } }));
      return a;
    },
    onSuccess: (a) => {
      done(t(({ publish: 'library.done.published', unpublish: 'library.done.unpublished', share: 'library.done.shared', unshare: 'library.done.unshared', delete: 'library.done.deleted' } as const)[a]));
      if (a === 'delete') navigate('/library');
    },
    onError: notify.failure,
  });

  if (q.isPending) return <PageLoading />;
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  const r = q.data;
  return (
    <div className="zg-stack" data-testid="resource-page">
      <div><Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} style={{ paddingLeft: 0 }}>{t('library.back')}</Button></div>
      <Card>
        <Flex gap={8} wrap align="center" style={{ marginBottom: 8 }}>
          <Tag color={KIND_COLORS[r.kind]}>{t(kindLabel(r.kind))}</Tag>
          <Tag>{t(categoryLabel(r.category))}</Tag>
          {r.status === 'draft' && <Tag color="default">{t('library.status.draft')}</Tag>}
          {r.fromOtherTenant && <Tag color="gold">{t('library.fromOther')}</Tag>}
          {r.tags.map((tag) => <Tag key={tag} bordered={false}>{tag}</Tag>)}
        </Flex>
        <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="resource-title">{r.title}</Typography.Title>
        <Typography.Text type="secondary" style={{ display: 'block' }}>
          {[r.source ? t('library.source', { source: r.source }) : null, r.publishedAt ? formatDateTime(r.publishedAt).slice(0, 10) : null,
            r.fromOtherTenant ? null : r.scope ? t('library.scope.unit', { name: r.scope.name }) : t('library.scope.all')].filter(Boolean).join(' · ')}
        </Typography.Text>
        {r.indexing && <Alert style={{ marginTop: 12 }} type="info" showIcon title={t('library.indexing')} />}
        {r.summary && <Typography.Paragraph style={{ marginTop: 12 }} type="secondary">{r.summary}</Typography.Paragraph>}
        {r.passage && (
          <div ref={cited}>
            <Alert style={{ margin: '12px 0' }} type="warning" showIcon title={t('library.passage.cited')} description={<div style={{ whiteSpace: 'pre-wrap' }} data-testid="resource-passage">{r.passage.text}</div>} />
          </div>
        )}
        {r.kind === 'article'
          // Sanitized by the server (modules/library/sanitize.ts) before it was stored.
          ? <div className="zg-article" data-testid="resource-body" dangerouslySetInnerHTML={{ __html: r.bodyHtml }} />
          : <FileView r={r} />}
      </Card>
      {(r.abilities.edit || r.abilities.share) && (
        <Card size="small">
          <Flex gap={12} wrap align="center" justify="space-between">
            <Space wrap>
              {r.abilities.edit && <Button icon={<EditOutlined />} onClick={() => navigate(`/library/${r.id}/edit`)} data-testid="resource-edit">{t('library.action.edit')}</Button>}
              {r.abilities.publish && (r.status === 'draft'
                ? <Button type="primary" loading={act.isPending} onClick={() => act.mutate('publish')} data-testid="resource-publish">{t('library.action.publish')}</Button>
                : <Button loading={act.isPending} onClick={() => act.mutate('unpublish')} data-testid="resource-unpublish">{t('library.action.unpublish')}</Button>)}
              {r.abilities.delete && (
                <Popconfirm title={t('library.action.delete.confirm', { title: r.title })} onConfirm={() => act.mutate('delete')}>
                  <Button danger icon={<DeleteOutlined />} data-testid="resource-delete">{t('library.action.delete')}</Button>
                </Popconfirm>
              )}
            </Space>
            {r.abilities.share && (
              <Space align="center">
                <Switch checked={r.shared} loading={act.isPending} onChange={(v) => act.mutate(v ? 'share' : 'unshare')} data-testid="resource-share" aria-label={t('library.share.label')} />
                <span>{t('library.share.label')}</span>
              </Space>
            )}
          </Flex>
          {r.abilities.share && <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>{t('library.share.hint')}</Typography.Text>}
        </Card>
      )}
    </div>
  );
}
