import { BookOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Progress, Segmented, Tag, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useT } from '../../app/preferences';
import type { MessageKey } from '../../app/i18n/translate';
import { EmptyState } from '../../shared/components/EmptyState';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { PageHeader } from '../../shared/components/PageHeader';
import { PageLoading } from '../../shared/components/PageLoading';
import { PointsTab } from './PointsTab';
import { courseKeys, fetchMyCourses, type MyCourseItem } from './queries';
import { MinutesText } from './StudyTime';

const MyExams = lazy(() => import('../exams/MyExams').then((m) => ({ default: m.MyExams })));

type Tab = 'courses' | 'exams' | 'points';
const TABS: Tab[] = ['courses', 'exams', 'points'];

export const DUE_TAG: Record<MyCourseItem['dueState'], { color: string; label: MessageKey }> = {
  done: { color: 'success', label: 'crs.due.done' },
  overdue: { color: 'error', label: 'crs.due.overdue' },
  due_soon: { color: 'warning', label: 'crs.due.soon' },
  open: { color: 'processing', label: 'crs.due.open' },
};

function CourseCard({ c }: { c: MyCourseItem }) {
  const t = useT();
  const navigate = useNavigate();
  const tag = DUE_TAG[c.dueState];
  return (
    <Card size="small" data-testid="my-course-card" hoverable onClick={() => void navigate(`/learning/courses/${c.id}`)}>
      <Flex justify="space-between" align="start" gap={8}>
        <Typography.Text strong style={{ fontSize: '1.1em' }}>{c.title}</Typography.Text>
        <Tag color={tag.color} style={{ marginInlineEnd: 0 }}>{c.completed ? t('crs.due.done') : t(tag.label)}</Tag>
      </Flex>
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
        {c.dueOn
          ? c.completed ? t('crs.dueOn', { date: c.dueOn }) : c.daysLeft !== null && c.daysLeft >= 0 ? t('crs.dueIn', { date: c.dueOn, days: c.daysLeft }) : t('crs.dueOverdue', { date: c.dueOn })
          : t('crs.openToAll')}
      </Typography.Text>
      <Progress percent={c.percent} size="small" status={c.completed ? 'success' : c.dueState === 'overdue' ? 'exception' : 'active'} data-testid="my-course-progress" />
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Text type="secondary">
          {t('crs.lessonsDone', { done: c.completedLessons, total: c.lessons })} · <MinutesText minutes={c.studiedMinutes} />
        </Typography.Text>
        {c.nextLessonId && (
          <Button type="primary" icon={<PlayCircleOutlined />} data-testid="my-course-continue"
            onClick={(e) => { e.stopPropagation(); void navigate(`/learning/lessons/${c.nextLessonId}`); }}>
            {c.completedLessons > 0 || c.studiedMinutes > 0 ? t('crs.continue') : t('crs.start')}
          </Button>
        )}
      </Flex>
    </Card>
  );
}

function CoursesTab() {
  const t = useT();
  const q = useQuery({ queryKey: courseKeys.mine, queryFn: fetchMyCourses });
  if (q.isPending) return <PageLoading />;
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  const assigned = q.data.items.filter((c) => c.assigned);
  const open = q.data.items.filter((c) => !c.assigned);
  const r = q.data.reminders;
  return (
    <div className="zg-stack">
      {r.overdue > 0 && <Alert type="error" showIcon title={t('crs.reminder.overdue', { n: r.overdue })} data-testid="learning-reminder" />}
      {r.dueSoon > 0 && <Alert type="warning" showIcon title={t('crs.reminder.soon', { n: r.dueSoon, days: r.reminderDays })} data-testid="learning-reminder" />}
      {assigned.length === 0 && open.length === 0 && <Card><EmptyState text={t('crs.mine.empty')} /></Card>}
      {assigned.length > 0 && (
        <div className="zg-card-list" data-testid="my-courses">
          {assigned.map((c) => <CourseCard key={c.id} c={c} />)}
        </div>
      )}
      {open.length > 0 && (
        <>
          <Typography.Title level={5} style={{ margin: '8px 0 0' }}><BookOutlined /> {t('crs.mine.open')}</Typography.Title>
          <div className="zg-card-list">{open.map((c) => <CourseCard key={c.id} c={c} />)}</div>
        </>
      )}
    </div>
  );
}

/** 我的学习: assigned courses with progress and due dates, my exams, my points. Phone first. */
export function LearningPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const tab: Tab = TABS.includes(params.get('tab') as Tab) ? (params.get('tab') as Tab) : 'courses';
  return (
    <div>
      <PageHeader title={t('crs.mine.title')} subtitle={t('crs.mine.subtitle')} />
      <Segmented<Tab>
        block
        value={tab}
        onChange={(v) => setParams(v === 'courses' ? {} : { tab: v }, { replace: true })}
        options={TABS.map((k) => ({ value: k, label: <span data-testid={`learning-tab-${k}`}>{t(`crs.tab.${k}`)}</span> }))}
        style={{ marginBottom: 12 }}
        data-testid="learning-tabs"
      />
      {tab === 'courses' && <CoursesTab />}
      {tab === 'exams' && <Suspense fallback={<PageLoading />}><MyExams /></Suspense>}
      {tab === 'points' && <PointsTab />}
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, fontSize: '0.9em' }}>
        {t('crs.mine.note')} <Link to="/library">{t('crs.mine.library')}</Link>
      </Typography.Paragraph>
    </div>
  );
}
