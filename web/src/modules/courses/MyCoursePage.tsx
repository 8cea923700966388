import { ArrowLeftOutlined, CheckCircleFilled, PlayCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, List, Progress, Tag, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { useT } from '../../app/preferences';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { PageLoading } from '../../shared/components/PageLoading';
import { DUE_TAG } from './LearningPage';
import { courseKeys, fetchMyCourse } from './queries';
import { DurationText, MinutesText } from './StudyTime';
import { KIND_KEYS } from './labels';

/** A course as its learner sees it: lessons in order with each one's progress, and where to go on. */
export function MyCoursePage() {
  const t = useT();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const q = useQuery({ queryKey: courseKeys.myCourse(id), queryFn: () => fetchMyCourse(id) });
  if (q.isPending) return <PageLoading />;
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  const c = q.data;
  const tag = DUE_TAG[c.dueState];
  return (
    <div className="zg-stack" data-testid="my-course">
      <div><Button type="link" icon={<ArrowLeftOutlined />} onClick={() => void navigate('/learning')} style={{ paddingLeft: 0 }}>{t('crs.backToMine')}</Button></div>
      <Card>
        <Flex justify="space-between" align="start" gap={8}>
          <Typography.Title level={4} style={{ margin: 0 }}>{c.title}</Typography.Title>
          <Tag color={tag.color}>{t(tag.label)}</Tag>
        </Flex>
        {c.description && <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{c.description}</Typography.Paragraph>}
        <Typography.Text type="secondary" style={{ display: 'block' }}>
          {c.unitName}{c.dueOn ? ` · ${t('crs.dueOn', { date: c.dueOn })}` : ''}
        </Typography.Text>
        <Progress percent={c.percent} status={c.completed ? 'success' : 'active'} data-testid="my-course-percent" />
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Typography.Text>{t('crs.lessonsDone', { done: c.completedLessons, total: c.lessons })} · <MinutesText minutes={c.studiedMinutes} /> / {t('crs.expectedMinutes', { m: c.expectedMinutes })}</Typography.Text>
          {c.nextLessonId && (
            <Button type="primary" icon={<PlayCircleOutlined />} onClick={() => void navigate(`/learning/lessons/${c.nextLessonId}`)} data-testid="my-course-continue">
              {c.completedLessons > 0 ? t('crs.continue') : t('crs.start')}
            </Button>
          )}
        </Flex>
      </Card>
      <Card size="small" title={t('crs.lessons')}>
        <List
          dataSource={c.items}
          renderItem={(l) => (
            <List.Item data-testid="my-lesson-row" onClick={() => void navigate(`/learning/lessons/${l.id}`)} style={{ cursor: 'pointer' }}
              extra={l.completed ? <CheckCircleFilled style={{ color: '#389e0d', fontSize: 20 }} /> : <Button size="small">{t('crs.study')}</Button>}>
              <List.Item.Meta
                title={<>{l.position}. {l.title}</>}
                description={
                  <>
                    <Tag bordered={false}>{t(KIND_KEYS[l.kind])}</Tag>
                    {t('crs.expectedMinutes', { m: Math.round(l.durationSeconds / 60) })} · {t('crs.studied')} <DurationText seconds={l.studiedSeconds} />
                    <Progress percent={l.percent} size="small" showInfo={false} status={l.completed ? 'success' : 'normal'} />
                  </>
                }
              />
            </List.Item>
          )}
        />
      </Card>
    </div>
  );
}
