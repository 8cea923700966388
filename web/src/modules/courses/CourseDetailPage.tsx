import { BarChartOutlined, EditOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Descriptions, Flex, Form, List, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useT } from '../../app/preferences';
import { api, unwrap } from '../../shared/api';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { PageHeader } from '../../shared/components/PageHeader';
import { PageLoading } from '../../shared/components/PageLoading';
import { errorText } from '../../shared/errors';
import { useNotify } from '../../shared/hooks/useNotify';
import { dayjs } from '../../shared/time';
import { COURSE_STATE } from './CoursesAdminPage';
import { unitOptions, useCourseUnits } from './CourseEditPage';
import { KIND_KEYS } from './labels';
import { courseKeys, fetchCourse, type CourseDetail } from './queries';

function AssignForm({ c }: { c: CourseDetail }) {
  const t = useT();
  const notify = useNotify();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ unitIds?: string[]; personIds?: string[]; dueOn?: ReturnType<typeof dayjs> }>();
  const [q, setQ] = useState('');
  const units = useCourseUnits();
  const people = useQuery({ queryKey: courseKeys.people(q), queryFn: () => unwrap(api.GET('/api/courses/people', { params: { query: q ? { q } : {} } })), enabled: q !== '' });
  const assign = useMutation({
    mutationFn: (v: { unitIds?: string[]; personIds?: string[]; dueOn?: ReturnType<typeof dayjs> }) =>
      unwrap(api.POST('/api/courses/{id}/assignments', { params: { path: { id: c.id } }, body: { unitIds: v.unitIds ?? [], personIds: v.personIds ?? [], dueOn: v.dueOn?.format('YYYY-MM-DD') ?? '' } })),
    onSuccess: (d) => {
      qc.setQueryData(courseKeys.detail(c.id), d);
      void qc.invalidateQueries({ queryKey: courseKeys.all });
      form.resetFields();
      notify.success(t('crs.assign.done'));
    },
  });
  return (
    <Card size="small" title={t('crs.assign.title')} data-testid="course-assign">
      {assign.error && <Alert type="error" showIcon title={errorText(assign.error, t)} style={{ marginBottom: 12 }} data-testid="course-assign-error" />}
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => assign.mutate(v)}>
        <Form.Item name="unitIds" label={t('crs.assign.units')} extra={t('crs.assign.unitsHint')}>
          <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} loading={units.isPending} options={unitOptions(units.data?.items)} data-testid="course-assign-units" />
        </Form.Item>
        <Form.Item name="personIds" label={t('crs.assign.people')}>
          <Select mode="multiple" showSearch={{ filterOption: false, onSearch: (v) => setQ(v.trim()) }} placeholder={t('crs.assign.peopleSearch')} loading={people.isFetching}
            options={(people.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name}（${p.unitName}）` }))} data-testid="course-assign-people" />
        </Form.Item>
        <Form.Item name="dueOn" label={t('crs.assign.dueOn')} rules={[{ required: true, message: t('common.required', { label: t('crs.assign.dueOn') }) }]}>
          <DatePicker disabledDate={(d) => d.isBefore(dayjs().startOf('day'))} data-testid="course-assign-due" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={assign.isPending} data-testid="course-assign-submit">{t('crs.assign.submit')}</Button>
      </Form>
    </Card>
  );
}

export function CourseDetailPage() {
  const t = useT();
  const navigate = useNavigate();
  const notify = useNotify();
  const qc = useQueryClient();
  const { id = '' } = useParams();
  const q = useQuery({ queryKey: courseKeys.detail(id), queryFn: () => fetchCourse(id) });
  const act = useMutation({
    mutationFn: async (a: 'publish' | 'archive' | { withdraw: string }) => {
      if (a === 'publish') return unwrap(api.POST('/api/courses/{id}/publish', { params: { path: { id } } }));
      if (a === 'archive') return unwrap(api.POST('/api/courses/{id}/archive', { params: { path: { id } } }));
      return unwrap(api.DELETE('/api/courses/{id}/assignments/{assignmentId}', { params: { path: { id, assignmentId: a.withdraw } } }));
    },
    onSuccess: (d) => {
      qc.setQueryData(courseKeys.detail(id), d);
      void qc.invalidateQueries({ queryKey: courseKeys.all });
      notify.success(t('common.saved'));
    },
    onError: notify.failure,
  });
  if (q.isPending) return <PageLoading />;
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  const c = q.data;
  const totalMinutes = c.lessons.reduce((s, l) => s + l.durationMinutes, 0);
  return (
    <div>
      <PageHeader title={t('crs.detail.title')} extra={<Button onClick={() => void navigate('/courses')}>{t('common.back')}</Button>} />
      <div className="zg-stack">
        <Card size="small" data-testid="course-detail">
          <Flex justify="space-between" wrap gap={8}>
            <Typography.Title level={4} style={{ margin: 0 }}>{c.title}</Typography.Title>
            <Tag color={COURSE_STATE[c.state].color} data-testid="course-state" data-state={c.state}>{t(COURSE_STATE[c.state].label)}</Tag>
          </Flex>
          {c.description && <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{c.description}</Typography.Paragraph>}
          <Descriptions size="small" column={{ xs: 1, sm: 2 }} items={[
            { key: 'unit', label: t('crs.form.unit'), children: c.unitName },
            { key: 'lessons', label: t('crs.lessons'), children: t('crs.lessonsMinutes', { n: c.lessons.length, m: totalMinutes }) },
            { key: 'audience', label: t('crs.detail.audience'), children: t('crs.detail.people', { n: c.audience }) },
            { key: 'open', label: t('crs.form.openToAll'), children: c.openToAll ? t('common.yes') : t('common.no') },
          ]} />
          <Space wrap style={{ marginTop: 8 }}>
            {c.abilities.edit && <Button icon={<EditOutlined />} onClick={() => void navigate(`/courses/${c.id}/edit`)} data-testid="course-edit">{t('crs.detail.edit')}</Button>}
            {c.abilities.publish && <Button type="primary" loading={act.isPending} onClick={() => act.mutate('publish')} data-testid="course-publish">{t('crs.detail.publish')}</Button>}
            {c.state !== 'draft' && <Button icon={<BarChartOutlined />} onClick={() => void navigate(`/learning-progress?course=${c.id}`)} data-testid="course-progress">{t('crs.detail.progress')}</Button>}
            {c.abilities.archive && (
              <Popconfirm title={t('crs.detail.archiveConfirm')} onConfirm={() => act.mutate('archive')}>
                <Button danger data-testid="course-archive">{t('crs.detail.archive')}</Button>
              </Popconfirm>
            )}
          </Space>
        </Card>
        <Card size="small" title={t('crs.lessons')}>
          <List dataSource={c.lessons} renderItem={(l) => (
            <List.Item>
              <List.Item.Meta title={`${l.position}. ${l.title}`} description={<>
                <Tag bordered={false}>{t(KIND_KEYS[l.kind])}</Tag>{t('crs.expectedMinutes', { m: l.durationMinutes })} · {l.resourceTitle ?? t('crs.detail.resourceGone')}
                {!l.resourcePublished && <Tag color="error" style={{ marginLeft: 8 }}>{t('crs.detail.resourceUnpublished')}</Tag>}
              </>} />
            </List.Item>
          )} />
        </Card>
        {c.abilities.assign && <AssignForm c={c} />}
        {c.assignments.length > 0 && (
          <Card size="small" title={t('crs.detail.assignments')}>
            <List dataSource={c.assignments} renderItem={(a) => (
              <List.Item data-testid="course-assignment-row" actions={a.canWithdraw ? [
                <Popconfirm key="w" title={t('crs.detail.withdrawConfirm')} onConfirm={() => act.mutate({ withdraw: a.id })}><Button size="small">{t('crs.detail.withdraw')}</Button></Popconfirm>,
              ] : []}>
                <List.Item.Meta title={<><Tag>{a.kind === 'unit' ? t('crs.detail.unitSubtree') : t('crs.detail.person')}</Tag>{a.name}</>} description={t('crs.dueOn', { date: a.dueOn })} />
              </List.Item>
            )} />
          </Card>
        )}
      </div>
    </div>
  );
}
