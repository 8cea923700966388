import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, Input, Progress, Select, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useT } from '../../app/preferences';
import { api, unwrap } from '../../shared/api';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { PageHeader } from '../../shared/components/PageHeader';
import { PageLoading } from '../../shared/components/PageLoading';
import { applyFieldError } from '../../shared/formErrors';
import { useNotify } from '../../shared/hooks/useNotify';
import { OrgUnitSelect } from '../accounts/OrgUnitSelect';
import { categoryLabel, kindLabel } from './labels';
import { CATEGORIES, fetchResource, formatSize, KINDS, libraryKeys, uploadLibraryFile, type Resource, type ResourceCategory, type ResourceKind, type UploadedFile } from './queries';

interface Values { kind: ResourceKind; title: string; summary: string; source: string; category: ResourceCategory; tags: string[]; scopeUnitId: string | null; body: string }
const FIELDS = ['title', 'summary', 'source', 'category', 'tags', 'scopeUnitId', 'bodyHtml', 'fileId', 'file', 'version'];

/** The body as typed: plain paragraphs become <p>; something that already looks like HTML is sent as it is (the server sanitizes). */
function bodyHtml(text: string): string {
  if (/<\s*(p|h[2-4]|ul|ol|blockquote|table|strong|em|a)\b/i.test(text)) return text;
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '').map((l) => `<p>${esc(l)}</p>`).join('');
}

export function ResourceEditPage() {
  const { id } = useParams();
  const existing = useQuery({ queryKey: libraryKeys.resource(id ?? 'new'), queryFn: () => fetchResource(id!), enabled: id !== undefined });
  if (id !== undefined && existing.isPending) return <PageLoading />;
  if (existing.isError) return <ErrorAlert error={existing.error} onRetry={() => void existing.refetch()} />;
  return <Editor resource={existing.data} />;
}

function Editor({ resource }: { resource?: Resource | undefined }) {
  const t = useT();
  const notify = useNotify();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) ?? resource?.kind ?? 'article';
  const [file, setFile] = useState<UploadedFile | null>(resource?.file ? { id: resource.file.fileId, kind: resource.kind, contentType: resource.file.contentType, size: resource.file.size, name: resource.file.name } : null);
  const [progress, setProgress] = useState<number | null>(null);

  const upload = useMutation({
    mutationFn: (f: File) => uploadLibraryFile(f, setProgress),
    onSuccess: (f) => { setFile(f); setProgress(null); if (!form.getFieldValue('title')) form.setFieldValue('title', f.name.replace(/\.[^.]+$/, '')); },
    onError: (err) => { setProgress(null); notify.failure(err); },
  });
  const save = useMutation({
    mutationFn: async (v: Values) => {
      const common = { title: v.title, summary: v.summary ?? '', source: v.source ?? '', category: v.category, tags: v.tags ?? [], scopeUnitId: v.scopeUnitId ?? null };
      const content = v.kind === 'article' ? { bodyHtml: bodyHtml(v.body ?? '') } : file ? { fileId: file.id } : {};
      if (resource) {
        await unwrap(api.PATCH('/api/library/resources/{id}', { params: { path: { id: resource.id } }, body: { ...common, ...content, version: resource.version } }));
        return resource.id;
      }
      return (await unwrap(api.POST('/api/library/resources', { body: { kind: v.kind, ...common, ...content } }))).id;
    },
    onSuccess: (newId) => { notify.success(t('library.done.saved')); void qc.invalidateQueries({ queryKey: libraryKeys.all }); navigate(`/library/${newId}`); },
    onError: (err) => { if (!applyFieldError(form, err, FIELDS)) notify.failure(err); },
  });

  const required = (field: string) => [{ required: true, message: t('library.form.required', { field }) }];
  const initial: Partial<Values> = resource
    ? { kind: resource.kind, title: resource.title, summary: resource.summary, source: resource.source, category: resource.category, tags: resource.tags, scopeUnitId: resource.scope?.unitId ?? null, body: resource.bodyHtml }
    : { kind: 'article', category: 'general', tags: [], scopeUnitId: null, summary: '', source: '', body: '' };

  return (
    <div>
      <PageHeader title={resource ? t('library.form.title.edit') : t('library.form.title.new')} />
      <Card>
        <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)} data-testid="resource-form" scrollToFirstError>
          <Form.Item name="kind" label={t('library.form.kind')}>
            <Select disabled={resource !== undefined} options={KINDS.map((k) => ({ value: k, label: t(kindLabel(k)) }))} data-testid="resource-form-kind" />
          </Form.Item>
          <Form.Item name="title" label={t('library.form.title')} rules={required(t('library.form.title'))}>
            <Input maxLength={200} showCount data-testid="resource-form-title" />
          </Form.Item>
          {kind !== 'article' && (
            <Form.Item name="file" label={t('library.form.file')} extra={t('library.form.file.hint')}>
              <Space direction="vertical" style={{ width: '100%' }}>
                <Upload
                  showUploadList={false}
                  disabled={upload.isPending}
                  accept={{ pdf: '.pdf,application/pdf', image: 'image/jpeg,image/png,image/webp', audio: 'audio/mpeg,audio/mp4,.mp3,.m4a', video: 'video/mp4,.mp4', article: '' }[kind]}
                  beforeUpload={(f) => { upload.mutate(f); return Upload.LIST_IGNORE; }}
                >
                  <Button icon={<UploadOutlined />} loading={upload.isPending} data-testid="resource-form-upload">{t('library.form.file.choose')}</Button>
                </Upload>
                {progress !== null && <Progress percent={progress} size="small" data-testid="resource-form-progress" />}
                {file && <Typography.Text type="success" data-testid="resource-form-file">{t('library.form.file.uploaded', { name: file.name, size: formatSize(file.size) })}</Typography.Text>}
              </Space>
            </Form.Item>
          )}
          <Form.Item name="summary" label={t('library.form.summary')}>
            <Input.TextArea rows={2} maxLength={1000} showCount />
          </Form.Item>
          {kind === 'article' && (
            <Form.Item name="body" label={t('library.form.body')} extra={t('library.form.body.hint')} rules={required(t('library.form.body'))}>
              <Input.TextArea rows={12} data-testid="resource-form-body" />
            </Form.Item>
          )}
          <Form.Item name="source" label={t('library.form.source')}>
            <Input maxLength={200} placeholder={t('library.form.source.placeholder')} />
          </Form.Item>
          <Form.Item name="category" label={t('library.form.category')}>
            <Select options={CATEGORIES.map((c) => ({ value: c, label: t(categoryLabel(c)) }))} />
          </Form.Item>
          <Form.Item name="tags" label={t('library.form.tags')}>
            <Select mode="tags" maxCount={10} placeholder={t('library.form.tags.placeholder')} tokenSeparators={[',', '，', ' ']} />
          </Form.Item>
          <Form.Item name="scopeUnitId" label={t('library.form.scope')}>
            <OrgUnitSelect placeholder={t('library.form.scope.placeholder')} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="resource-form-save">{t('library.form.save')}</Button>
            <Button onClick={() => navigate(-1)}>{t('library.form.cancel')}</Button>
          </Space>
        </Form>
      </Card>
    </div>
  );
}
