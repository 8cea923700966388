import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Flex, Form, Input, InputNumber, Select, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useT } from '../../app/preferences';
import { api, unwrap } from '../../shared/api';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { PageHeader } from '../../shared/components/PageHeader';
import { PageLoading } from '../../shared/components/PageLoading';
import { errorText } from '../../shared/errors';
import { applyFieldError, errorField } from '../../shared/formErrors';
import { useNotify } from '../../shared/hooks/useNotify';
import { KIND_KEYS } from './labels';
import { courseKeys, fetchCourse, type LessonKind } from './queries';

interface LessonRow { key: string; id?: string; title: string; resourceId: string; durationMinutes: number; kind: LessonKind; resourceTitle: string }
interface Values { title: string; description?: string; orgUnitId: string; openToAll: boolean }
const FIELDS = ['title', 'description', 'orgUnitId', 'openToAll'] as const;

/** Units of the manager's scope, indented by depth (shared by the course form and the assignment form). */
export function useCourseUnits() {
  return useQuery({ queryKey: courseKeys.units, queryFn: () => unwrap(api.GET('/api/courses/units')) });
}

export function unitOptions(items: { id: string; name: string; depth: number }[] | undefined) {
  return (items ?? []).map((u) => ({ value: u.id, label: u.name, depth: u.depth }));
}

/** New course or edit: title, organising unit, lessons (library resources in order, each with its expected time). */
export function CourseEditPage() {
  const t = useT();
  const navigate = useNavigate();
  const notify = useNotify();
  const qc = useQueryClient();
  const { id } = useParams();
  const [form] = Form.useForm<Values>();
  const [lessons, setLessons] = useState<LessonRow[]>([]);
  const [q, setQ] = useState('');
  const existing = useQuery({ queryKey: courseKeys.detail(id ?? ''), queryFn: () => fetchCourse(id!), enabled: !!id });
  const units = useCourseUnits();
  const resources = useQuery({ queryKey: courseKeys.resources(q), queryFn: () => unwrap(api.GET('/api/courses/resources', { params: { query: q ? { q } : {} } })) });
  useEffect(() => {
    const c = existing.data;
    if (!c) return;
    form.setFieldsValue({ title: c.title, description: c.description, orgUnitId: c.orgUnitId, openToAll: c.openToAll });
    setLessons(c.lessons.map((l) => ({ key: l.id, id: l.id, title: l.title, resourceId: l.resourceId, durationMinutes: l.durationMinutes, kind: l.kind, resourceTitle: l.resourceTitle ?? '' })));
  }, [existing.data, form]);
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = {
        title: v.title.trim(), description: (v.description ?? '').trim(), orgUnitId: v.orgUnitId, openToAll: !!v.openToAll,
        lessons: lessons.map((l) => ({ ...(l.id ? { id: l.id } : {}), title: l.title.trim() || l.resourceTitle, resourceId: l.resourceId, durationMinutes: l.durationMinutes })),
      };
      return id ? unwrap(api.PUT('/api/courses/{id}', { params: { path: { id } }, body })) : unwrap(api.POST('/api/courses', { body }));
    },
    onSuccess: (c) => {
      notify.success(t('common.saved'));
      void qc.invalidateQueries({ queryKey: courseKeys.all });
      void navigate(`/courses/${c.id}`, { replace: true });
    },
    onError: (err) => applyFieldError(form, err, FIELDS),
  });
  if (id && existing.isPending) return <PageLoading />;
  if (existing.isError) return <ErrorAlert error={existing.error} onRetry={() => void existing.refetch()} />;
  const move = (i: number, d: -1 | 1) => setLessons((ls) => {
    const out = [...ls];
    const [x] = out.splice(i, 1);
    out.splice(i + d, 0, x!);
    return out;
  });
  const patch = (i: number, p: Partial<LessonRow>) => setLessons((ls) => ls.map((l, j) => (j === i ? { ...l, ...p } : l)));
  const add = (resourceId: string) => {
    const r = resources.data?.items.find((x) => x.id === resourceId);
    if (!r) return;
    setLessons((ls) => [...ls, { key: `${r.id}-${ls.length}-${Date.now()}`, title: r.title, resourceId: r.id, durationMinutes: r.kind === 'video' || r.kind === 'audio' ? 5 : 10, kind: r.kind, resourceTitle: r.title }]);
  };
  return (
    <div>
      <PageHeader title={id ? t('crs.edit.title') : t('crs.admin.create')} extra={<Button onClick={() => void navigate(id ? `/courses/${id}` : '/courses')}>{t('common.back')}</Button>} />
      <Card size="small" style={{ maxWidth: 860 }}>
        {save.error !== null && errorField(save.error, FIELDS) === undefined && <Alert type="error" showIcon title={errorText(save.error, t)} style={{ marginBottom: 12 }} data-testid="course-form-error" />}
        <Form<Values> form={form} layout="vertical" requiredMark={false} initialValues={{ openToAll: false }} onFinish={(v) => save.mutate(v)}>
          <Form.Item name="title" label={t('crs.form.title')} rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('crs.form.title') }) }]}>
            <Input maxLength={100} data-testid="course-title" />
          </Form.Item>
          <Form.Item name="description" label={t('crs.form.description')}>
            <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 6 }} data-testid="course-description" />
          </Form.Item>
          <Form.Item name="orgUnitId" label={t('crs.form.unit')} extra={t('crs.form.unitHint')} rules={[{ required: true, message: t('common.required', { label: t('crs.form.unit') }) }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} loading={units.isPending} options={unitOptions(units.data?.items)}
              optionRender={(o) => <span style={{ paddingLeft: Math.min(Number(o.data.depth), 4) * 12 }}>{o.label}</span>} data-testid="course-unit" />
          </Form.Item>
          <Form.Item name="openToAll" valuePropName="checked" extra={t('crs.form.openToAllHint')}>
            <Checkbox data-testid="course-open-to-all">{t('crs.form.openToAll')}</Checkbox>
          </Form.Item>
          <Typography.Title level={5}>{t('crs.lessons')}</Typography.Title>
          <div className="zg-card-list" data-testid="course-lessons">
            {lessons.length === 0 && <Typography.Text type="secondary">{t('crs.form.noLessons')}</Typography.Text>}
            {lessons.map((l, i) => (
              <Card key={l.key} size="small" data-testid="course-lesson-row">
                <Flex gap={8} wrap align="center">
                  <Typography.Text strong>{i + 1}.</Typography.Text>
                  <Tag bordered={false}>{t(KIND_KEYS[l.kind])}</Tag>
                  <Input value={l.title} maxLength={100} onChange={(e) => patch(i, { title: e.target.value })} style={{ flex: '1 1 220px' }} aria-label={t('crs.form.lessonTitle')} />
                  <InputNumber min={1} max={600} value={l.durationMinutes} onChange={(v) => patch(i, { durationMinutes: Number(v ?? 1) })} suffix={t('crs.form.minutes')} style={{ width: 120 }}
                    aria-label={t('crs.form.duration')} data-testid="course-lesson-minutes" />
                  <Button size="small" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('crs.form.up')} />
                  <Button size="small" icon={<ArrowDownOutlined />} disabled={i === lessons.length - 1} onClick={() => move(i, 1)} aria-label={t('crs.form.down')} />
                  <Button size="small" danger icon={<DeleteOutlined />} onClick={() => setLessons((ls) => ls.filter((_, j) => j !== i))} aria-label={t('crs.form.remove')} />
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: '0.9em' }}>{t('crs.form.resource', { title: l.resourceTitle })}</Typography.Text>
              </Card>
            ))}
          </div>
          <Form.Item label={t('crs.form.addLesson')} extra={t('crs.form.durationHint')} style={{ marginTop: 12 }}>
            <Select showSearch={{ filterOption: false, onSearch: (v) => setQ(v.trim()) }} value={null} placeholder={t('crs.form.pickResource')} loading={resources.isFetching}
              notFoundContent={t('crs.form.noResources')} onChange={(v: string | null) => v && add(v)} data-testid="course-add-lesson"
              options={(resources.data?.items ?? []).map((r) => ({ value: r.id, label: `${r.title}（${t(KIND_KEYS[r.kind])}${r.shared ? `，${t('crs.form.shared')}` : ''}）` }))} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={save.isPending} disabled={lessons.length === 0} data-testid="course-save">{t('common.save')}</Button>
        </Form>
      </Card>
    </div>
  );
}
