import { ArrowLeftOutlined, CheckCircleFilled, LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Progress, Tag, Typography } from 'antd';
import { useCallback, useEffect, useRef } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useT } from '../../app/preferences';
import type { MessageKey } from '../../app/i18n/translate';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { PageLoading } from '../../shared/components/PageLoading';
import { fetchResource, libraryKeys } from '../library/queries';
import { KIND_KEYS } from './labels';
import { courseKeys, fetchLesson, type MyLesson } from './queries';
import { DurationText } from './StudyTime';
import { useStudyHeartbeat, type StudyState } from './useStudyHeartbeat';

/** The server caps credible playback at twice real time; the player does not offer faster. */
const MAX_RATE = 2;

const STATE_TEXT: Record<StudyState, { type: 'info' | 'success' | 'warning' | 'error'; key: MessageKey }> = {
  starting: { type: 'info', key: 'crs.player.starting' },
  counting: { type: 'success', key: 'crs.player.counting' },
  paused: { type: 'info', key: 'crs.player.paused' },
  superseded: { type: 'warning', key: 'crs.player.superseded' },
  capped: { type: 'info', key: 'crs.player.capped' },
  offline: { type: 'error', key: 'crs.player.offline' },
};

function Content({ lesson, media }: { lesson: MyLesson; media: React.RefObject<HTMLMediaElement | null> }) {
  const t = useT();
  const r = useQuery({ queryKey: libraryKeys.resource(lesson.resourceId), queryFn: () => fetchResource(lesson.resourceId) });
  // Start a recording where the learner got to, and never faster than MAX_RATE.
  const onLoaded = useCallback(() => {
    const el = media.current;
    if (el && lesson.furthestPosition > 0 && !lesson.completed) el.currentTime = Math.max(0, lesson.furthestPosition - 3);
  }, [lesson.furthestPosition, lesson.completed, media]);
  const onRate = useCallback(() => {
    const el = media.current;
    if (el && el.playbackRate > MAX_RATE) el.playbackRate = MAX_RATE;
  }, [media]);
  if (r.isPending) return <Card loading />;
  if (r.isError) return <ErrorAlert error={r.error} onRetry={() => void r.refetch()} />;
  const res = r.data;
  const url = res.file?.url;
  switch (res.kind) {
    case 'article':
      // Sanitized by the server (modules/library/sanitize.ts) before it was stored.
      return <div className="zg-article" data-testid="lesson-article" dangerouslySetInnerHTML={{ __html: res.bodyHtml }} />;
    case 'video':
      return <video ref={media as React.RefObject<HTMLVideoElement>} src={url} controls preload="metadata" playsInline onLoadedMetadata={onLoaded} onRateChange={onRate}
        style={{ width: '100%', maxHeight: '70vh', background: '#000', borderRadius: 8 }} data-testid="lesson-video" />;
    case 'audio':
      return <audio ref={media as React.RefObject<HTMLAudioElement>} src={url} controls preload="metadata" onLoadedMetadata={onLoaded} onRateChange={onRate} style={{ width: '100%' }} data-testid="lesson-audio" />;
    case 'pdf':
      return (
        <object data={url} type="application/pdf" style={{ width: '100%', height: '75vh', border: '1px solid #eee', borderRadius: 8 }} data-testid="lesson-pdf">
          <Button href={url} target="_blank">{t('crs.player.openPdf')}</Button>
        </object>
      );
    default:
      return <img src={url} alt={res.title} style={{ maxWidth: '100%', borderRadius: 8 }} data-testid="lesson-image" />;
  }
}

/**
 * The course player: the lesson's resource from the library, the time the server has counted, and the heartbeat that
 * lets it count (only while this page is visible; see useStudyHeartbeat). Nothing here measures time itself.
 */
export function LessonPage() {
  const t = useT();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { id = '' } = useParams();
  const q = useQuery({ queryKey: courseKeys.lesson(id), queryFn: () => fetchLesson(id) });
  const media = useRef<HTMLMediaElement | null>(null);
  const isMedia = q.data?.kind === 'video' || q.data?.kind === 'audio';
  const position = useCallback(() => (media.current ? media.current.currentTime : undefined), []);
  const beat = useStudyHeartbeat(id, { position: isMedia ? position : undefined, enabled: q.isSuccess });
  const completedNow = beat.reply?.lesson.completed === true && q.data?.completed === false;
  useEffect(() => {
    // The course list and "我的学习" show the new progress when the learner goes back.
    if (completedNow) void qc.invalidateQueries({ queryKey: courseKeys.mine });
  }, [completedNow, qc]);

  if (q.isPending) return <PageLoading />;
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  const l = q.data;
  const studied = beat.reply?.lesson.studiedSeconds ?? l.studiedSeconds;
  const percent = beat.reply?.lesson.percent ?? l.percent;
  const completed = beat.reply?.lesson.completed ?? l.completed;
  const status = STATE_TEXT[beat.state];
  return (
    <div className="zg-stack" data-testid="lesson-page">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => void navigate(`/learning/courses/${l.courseId}`)} style={{ paddingLeft: 0 }}>{l.courseTitle}</Button>
        <Typography.Text type="secondary">{t('crs.player.position', { n: l.position, total: l.lessonCount })}</Typography.Text>
      </Flex>
      <Card size="small" data-testid="lesson-status">
        <Flex justify="space-between" align="center" gap={8} wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>{l.title}</Typography.Title>
          <Tag bordered={false}>{t(KIND_KEYS[l.kind])}</Tag>
        </Flex>
        <div data-testid="lesson-progress" data-percent={percent}><Progress percent={percent} status={completed ? 'success' : 'active'} /></div>
        <Flex justify="space-between" wrap gap={8}>
          <Typography.Text>
            {completed && <CheckCircleFilled style={{ color: '#389e0d' }} />} {t('crs.studied')} <span data-testid="lesson-studied"><DurationText seconds={studied} /></span> · {t('crs.expectedMinutes', { m: Math.round(l.durationSeconds / 60) })}
          </Typography.Text>
          <Typography.Text type="secondary">{completed ? t('crs.player.completed') : isMedia ? t('crs.player.mediaRule') : t('crs.player.docRule')}</Typography.Text>
        </Flex>
        <Alert style={{ marginTop: 8 }} type={status.type} showIcon title={t(status.key)} data-testid="lesson-counting" data-state={beat.state}
          action={beat.state === 'superseded' ? <Button size="small" onClick={beat.continueHere} data-testid="lesson-continue-here">{t('crs.player.continueHere')}</Button> : undefined} />
      </Card>
      <Card>
        <Content lesson={l} media={media} />
      </Card>
      <Flex justify="space-between" gap={8}>
        <Button icon={<LeftOutlined />} disabled={!l.previousId} onClick={() => void navigate(`/learning/lessons/${l.previousId}`)} data-testid="lesson-prev">{t('crs.player.prev')}</Button>
        <Button type={completed ? 'primary' : 'default'} disabled={!l.nextId} onClick={() => void navigate(`/learning/lessons/${l.nextId}`)} data-testid="lesson-next">{t('crs.player.next')} <RightOutlined /></Button>
      </Flex>
    </div>
  );
}
