import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, DatePicker, Flex, Progress, Row, Segmented, Select, Statistic, Table, Tag, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { useSearchParams } from 'react-router';
import { usePreferences, useT } from '../../app/preferences';
import type { MessageKey } from '../../app/i18n/translate';
import { api, unwrap } from '../../shared/api';
import { EmptyState } from '../../shared/components/EmptyState';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { PageHeader } from '../../shared/components/PageHeader';
import { PageLoading } from '../../shared/components/PageLoading';
import { PersonalDataWatermark } from '../../shared/components/PersonalDataWatermark';
import { dayjs, formatDateTime } from '../../shared/time';
import { courseKeys, type CourseProgress, type StudyHours } from './queries';

const BarChart = lazy(() => import('../stats/BarChart'));

type PersonState = NonNullable<CourseProgress['people']>[number]['state'];
const PERSON_STATE: Record<PersonState, { color: string; label: MessageKey }> = {
  done: { color: 'success', label: 'crs.due.done' },
  overdue: { color: 'error', label: 'crs.due.overdue' },
  due_soon: { color: 'warning', label: 'crs.due.soon' },
  open: { color: 'processing', label: 'crs.progress.studying' },
  not_started: { color: 'default', label: 'crs.progress.notStarted' },
};

function CourseProgressView({ unitId, courseId }: { unitId: string | undefined; courseId: string }) {
  const t = useT();
  const q = useQuery({
    queryKey: courseKeys.progress(courseId, unitId ?? ''),
    queryFn: () => unwrap(api.GET('/api/learning-progress/courses/{id}', { params: { path: { id: courseId }, query: unitId ? { unitId } : {} } })),
  });
  if (q.isPending) return <PageLoading />;
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  const p = q.data;
  const pct = (n: number) => (p.assigned ? Math.round((n / p.assigned) * 100) : 0);
  return (
    <div className="zg-stack" data-testid="progress-view">
      <Card size="small">
        <Flex gap={24} wrap align="center">
          <Progress type="circle" percent={Math.round(p.completionRate * 100)} size={96} data-testid="progress-rate" />
          <Row gutter={[24, 12]} style={{ flex: 1 }}>
            <Col xs={12} sm={6}><Statistic title={t('crs.progress.assigned')} value={p.assigned} data-testid="progress-assigned" /></Col>
            <Col xs={12} sm={6}><Statistic title={t('crs.due.done')} value={p.done} data-testid="progress-done" /></Col>
            <Col xs={12} sm={6}><Statistic title={t('crs.progress.studying')} value={p.inProgress} /></Col>
            <Col xs={12} sm={6}><Statistic title={t('crs.progress.notStarted')} value={p.notStarted} /></Col>
            <Col xs={12} sm={6}><Statistic title={t('crs.due.overdue')} value={p.overdue} valueStyle={p.overdue ? { color: '#cf1322' } : undefined} /></Col>
            <Col xs={12} sm={6}><Statistic title={t('crs.progress.hours')} value={p.hours} suffix={t('crs.hoursUnit')} /></Col>
          </Row>
        </Flex>
        <Progress percent={pct(p.done + p.inProgress)} success={{ percent: pct(p.done) }} showInfo={false} style={{ marginTop: 8 }} />
        <Typography.Text type="secondary">{t('crs.progress.barHint')}</Typography.Text>
      </Card>
      <Card size="small" title={t('crs.progress.byUnit')}>
        {p.byUnit.length === 0 ? <EmptyState text={t('crs.progress.byUnitHidden', { n: p.suppressed })} /> : (
          <Table size="small" rowKey="key" pagination={false} dataSource={p.byUnit} scroll={{ x: 520 }} columns={[
            { title: t('crs.col.unit'), dataIndex: 'name', key: 'name' },
            { title: t('crs.progress.assigned'), dataIndex: 'people', key: 'people', width: 80 },
            { title: t('crs.due.done'), key: 'done', width: 200, render: (_, r) => <Progress percent={Math.round((r.done / r.people) * 100)} size="small" format={() => `${r.done}/${r.people}`} /> },
            { title: t('crs.due.overdue'), dataIndex: 'overdue', key: 'overdue', width: 80 },
            { title: t('crs.progress.hours'), dataIndex: 'hours', key: 'hours', width: 90 },
          ]} />
        )}
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>{t('crs.progress.minGroup')}</Typography.Text>
      </Card>
      {p.people ? (
        <PersonalDataWatermark>
          <Card size="small" title={t('crs.progress.people')} data-testid="progress-people">
            <Table size="small" rowKey="personId" dataSource={p.people} pagination={{ pageSize: 20, showSizeChanger: false }} scroll={{ x: 640 }} columns={[
              { title: t('crs.progress.name'), dataIndex: 'name', key: 'name', width: 90 },
              { title: t('crs.col.unit'), dataIndex: 'unitName', key: 'unit' },
              { title: t('crs.col.lessons'), key: 'lessons', width: 90, render: (_, r) => `${r.lessonsDone}/${r.lessons}` },
              { title: t('crs.progress.minutes'), dataIndex: 'studiedMinutes', key: 'min', width: 90 },
              { title: t('crs.progress.last'), key: 'last', width: 150, render: (_, r) => formatDateTime(r.lastStudiedAt) },
              { title: t('crs.col.state'), key: 'state', width: 90, render: (_, r) => <Tag color={PERSON_STATE[r.state].color}>{t(PERSON_STATE[r.state].label)}</Tag> },
            ]} />
          </Card>
        </PersonalDataWatermark>
      ) : <Alert type="info" showIcon title={t('crs.progress.noNames')} />}
    </div>
  );
}

function Breakdown({ title, g }: { title: string; g: StudyHours['byUnit'] }) {
  const t = useT();
  const { locale } = usePreferences();
  return (
    <Card size="small" title={title}>
      {g.rows.length === 0 ? <Typography.Text type="secondary">{t('crs.hours.hidden', { n: g.suppressed })}</Typography.Text> : (
        <Table size="small" rowKey="key" pagination={false} dataSource={g.rows} columns={[
          { title: '', key: 'label', render: (_, r) => (locale === 'en-US' ? r.label.en : r.label.zh) },
          { title: t('crs.hours.people'), dataIndex: 'people', key: 'people', width: 70 },
          { title: t('crs.hours.learners'), dataIndex: 'learners', key: 'learners', width: 80 },
          { title: t('crs.progress.hours'), dataIndex: 'hours', key: 'hours', width: 80 },
        ]} />
      )}
    </Card>
  );
}

function HoursView({ unitId }: { unitId: string | undefined }) {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const from = params.get('from') ?? dayjs().startOf('year').format('YYYY-MM-DD');
  const to = params.get('to') ?? dayjs().format('YYYY-MM-DD');
  const q = useQuery({
    queryKey: courseKeys.hours(unitId ?? '', from, to),
    queryFn: () => unwrap(api.GET('/api/learning-progress/hours', { params: { query: { from, to, ...(unitId ? { unitId } : {}) } } })),
  });
  const setRange = (a: string, b: string) => { const p = new URLSearchParams(params); p.set('from', a); p.set('to', b); setParams(p, { replace: true }); };
  return (
    <div className="zg-stack" data-testid="hours-view">
      <DatePicker.RangePicker value={[dayjs(from), dayjs(to)]} allowClear={false} onChange={(v) => v?.[0] && v[1] && setRange(v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD'))} data-testid="hours-range" />
      {q.isPending ? <PageLoading /> : q.isError ? <ErrorAlert error={q.error} onRetry={() => void q.refetch()} /> : (
        <>
          <Card size="small">
            <Row gutter={[24, 12]}>
              <Col xs={12} sm={6}><Statistic title={t('crs.hours.total')} value={q.data.hours} suffix={t('crs.hoursUnit')} data-testid="hours-total" /></Col>
              <Col xs={12} sm={6}><Statistic title={t('crs.hours.learners')} value={q.data.learners} suffix={`/ ${q.data.people}`} /></Col>
              <Col xs={12} sm={6}><Statistic title={t('crs.hours.perLearner')} value={q.data.hoursPerLearner} suffix={t('crs.hoursUnit')} /></Col>
            </Row>
            <Typography.Text type="secondary">{t('crs.hours.source')}</Typography.Text>
          </Card>
          {q.data.tooSmall ? <Alert type="info" showIcon title={t('crs.hours.tooSmall')} /> : (
            <>
              {q.data.byMonth.length > 0 && (
                <Card size="small" title={t('crs.hours.byMonth')}>
                  <Suspense fallback={null}><BarChart labels={q.data.byMonth.map((m) => m.month)} series={[{ name: t('crs.progress.hours'), values: q.data.byMonth.map((m) => m.hours) }]} /></Suspense>
                </Card>
              )}
              {q.data.byCourse.length > 0 && (
                <Card size="small" title={t('crs.hours.byCourse')}>
                  <Table size="small" rowKey="id" pagination={false} dataSource={q.data.byCourse} columns={[
                    { title: t('crs.col.title'), dataIndex: 'title', key: 'title' },
                    { title: t('crs.hours.learners'), dataIndex: 'learners', key: 'learners', width: 80 },
                    { title: t('crs.progress.hours'), dataIndex: 'hours', key: 'hours', width: 80 },
                  ]} />
                </Card>
              )}
              <Row gutter={[12, 12]}>
                <Col xs={24} md={12}><Breakdown title={t('crs.hours.byUnit')} g={q.data.byUnit} /></Col>
                <Col xs={24} md={12}><Breakdown title={t('crs.hours.byStatus')} g={q.data.byStatus} /></Col>
                <Col xs={24} md={12}><Breakdown title={t('crs.hours.byGender')} g={q.data.byGender} /></Col>
                <Col xs={24} md={12}><Breakdown title={t('crs.hours.byAge')} g={q.data.byAge} /></Col>
              </Row>
              <Typography.Text type="secondary">{t('crs.hours.minGroup', { n: q.data.minGroup })}</Typography.Text>
            </>
          )}
        </>
      )}
    </div>
  );
}

/** 学习进度和学时统计 for organisers: a course's progress over a unit, and study hours derived from the sessions. */
export function ProgressPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'hours' ? 'hours' : 'courses';
  const unitId = params.get('unit') ?? undefined;
  const units = useQuery({ queryKey: courseKeys.progressUnits, queryFn: () => unwrap(api.GET('/api/learning-progress/units')) });
  const courses = useQuery({
    queryKey: courseKeys.progressCourses(unitId ?? ''),
    queryFn: () => unwrap(api.GET('/api/learning-progress/courses', { params: { query: unitId ? { unitId } : {} } })),
    enabled: tab === 'courses',
  });
  const courseId = params.get('course') ?? courses.data?.items[0]?.id;
  const set = (k: string, v: string | undefined) => { const p = new URLSearchParams(params); if (v) p.set(k, v); else p.delete(k); setParams(p, { replace: true }); };
  return (
    <div>
      <PageHeader title={t('crs.progress.title')} subtitle={t('crs.progress.subtitle')} />
      <Flex gap={12} wrap style={{ marginBottom: 12 }}>
        <Segmented value={tab} onChange={(v) => set('tab', v === 'hours' ? 'hours' : undefined)} data-testid="progress-tabs"
          options={[{ value: 'courses', label: <span data-testid="progress-tab-courses">{t('crs.progress.tabCourses')}</span> }, { value: 'hours', label: <span data-testid="progress-tab-hours">{t('crs.progress.tabHours')}</span> }]} />
        <Select style={{ minWidth: 220 }} placeholder={t('crs.progress.unit')} value={unitId ?? units.data?.items[0]?.id} loading={units.isPending} onChange={(v: string) => set('unit', v)}
          showSearch={{ optionFilterProp: 'label' }} options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name, depth: u.depth }))}
          optionRender={(o) => <span style={{ paddingLeft: Math.min(Number(o.data.depth), 4) * 12 }}>{o.label}</span>} data-testid="progress-unit" />
        {tab === 'courses' && (
          <Select style={{ minWidth: 260 }} placeholder={t('crs.progress.course')} value={courseId} loading={courses.isPending} onChange={(v: string) => set('course', v)}
            options={(courses.data?.items ?? []).map((c) => ({ value: c.id, label: c.title }))} data-testid="progress-course" />
        )}
      </Flex>
      {tab === 'hours' ? <HoursView unitId={unitId} /> : courses.isError ? <ErrorAlert error={courses.error} /> : courseId ? <CourseProgressView unitId={unitId} courseId={courseId} /> : courses.isPending ? <PageLoading /> : <Card><EmptyState text={t('crs.progress.noCourses')} /></Card>}
    </div>
  );
}
