import { PlusOutlined, SettingOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Segmented, Tag, Typography, type TableColumnsType } from 'antd';
import { Link, Route, Routes, useNavigate, useSearchParams } from 'react-router';
import { useT } from '../../app/preferences';
import type { MessageKey } from '../../app/i18n/translate';
import { api, unwrap } from '../../shared/api';
import { EmptyState } from '../../shared/components/EmptyState';
import { PageHeader } from '../../shared/components/PageHeader';
import { LIST_PAGE_SIZE, ResponsiveList } from '../../shared/components/ResponsiveList';
import { CourseDetailPage } from './CourseDetailPage';
import { CourseEditPage } from './CourseEditPage';
import { LearningSettingsPage } from './LearningSettingsPage';
import { courseKeys, type CourseItem } from './queries';

type State = '' | 'draft' | 'published' | 'archived';
export const COURSE_STATE: Record<CourseItem['state'], { color: string; label: MessageKey }> = {
  draft: { color: 'default', label: 'crs.state.draft' },
  published: { color: 'success', label: 'crs.state.published' },
  archived: { color: 'default', label: 'crs.state.archived' },
};

function CourseList() {
  const t = useT();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const state = (['draft', 'published', 'archived'].includes(params.get('state') ?? '') ? params.get('state') : '') as State;
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const set = (next: { state?: State; page?: number }) => {
    const p = new URLSearchParams();
    const s = next.state ?? state;
    if (s) p.set('state', s);
    if ((next.page ?? 1) > 1) p.set('page', String(next.page));
    setParams(p, { replace: true });
  };
  const list = useQuery({
    queryKey: courseKeys.list(page, state),
    queryFn: () => unwrap(api.GET('/api/courses', { params: { query: { page, pageSize: LIST_PAGE_SIZE, ...(state ? { state } : {}) } } })),
    placeholderData: keepPreviousData,
  });
  const columns: TableColumnsType<CourseItem> = [
    { title: t('crs.col.title'), key: 'title', render: (_, c) => <Link to={`/courses/${c.id}`} data-testid="course-open">{c.title}</Link> },
    { title: t('crs.col.unit'), dataIndex: 'unitName', key: 'unit', width: 180 },
    { title: t('crs.col.lessons'), key: 'lessons', width: 150, render: (_, c) => t('crs.lessonsMinutes', { n: c.lessons, m: c.minutes }) },
    { title: t('crs.col.due'), key: 'due', width: 120, render: (_, c) => c.nextDueOn ?? '—' },
    { title: t('crs.col.state'), key: 'state', width: 100, render: (_, c) => <Tag color={COURSE_STATE[c.state].color}>{t(COURSE_STATE[c.state].label)}</Tag> },
  ];
  return (
    <div>
      <PageHeader title={t('crs.admin.title')} subtitle={t('crs.admin.subtitle')} extra={
        <>
          <Button icon={<SettingOutlined />} onClick={() => void navigate('/courses/settings')} data-testid="course-settings">{t('crs.settings.title')}</Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/courses/new')} data-testid="course-create">{t('crs.admin.create')}</Button>
        </>
      } />
      <Card size="small">
        <Segmented<State> style={{ marginBottom: 12 }} value={state} onChange={(v) => set({ state: v, page: 1 })}
          options={[{ value: '', label: t('crs.filter.all') }, ...(['draft', 'published', 'archived'] as const).map((s) => ({ value: s, label: t(COURSE_STATE[s].label) }))]} />
        <ResponsiveList<CourseItem>
          query={list} page={page} onPageChange={(p) => set({ page: p })} columns={columns}
          empty={<EmptyState text={t('crs.admin.empty')} />} testId="courses-table" rowTestId="course-row"
          renderCard={(c) => (
            <Link to={`/courses/${c.id}`} style={{ color: 'inherit', display: 'block' }} data-testid="course-open">
              <Flex justify="space-between" gap={8}>
                <Typography.Text strong>{c.title}</Typography.Text>
                <Tag color={COURSE_STATE[c.state].color}>{t(COURSE_STATE[c.state].label)}</Tag>
              </Flex>
              <Typography.Text type="secondary" style={{ display: 'block' }}>{c.unitName} · {t('crs.lessonsMinutes', { n: c.lessons, m: c.minutes })}{c.nextDueOn ? ` · ${t('crs.dueOn', { date: c.nextDueOn })}` : ''}</Typography.Text>
            </Link>
          )}
        />
      </Card>
    </div>
  );
}

/** 课程管理: the list, the editor, a course's lessons and assignments, and the learning settings. */
export function CoursesAdminPage() {
  return (
    <Routes>
      <Route index element={<CourseList />} />
      <Route path="new" element={<CourseEditPage />} />
      <Route path="settings" element={<LearningSettingsPage />} />
      <Route path=":id" element={<CourseDetailPage />} />
      <Route path=":id/edit" element={<CourseEditPage />} />
    </Routes>
  );
}
