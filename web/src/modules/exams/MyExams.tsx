import { useMutation, useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Modal, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useT } from '../../app/preferences';
import { api, unwrap } from '../../shared/api';
import { EmptyState } from '../../shared/components/EmptyState';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { PageLoading } from '../../shared/components/PageLoading';
import { useNotify } from '../../shared/hooks/useNotify';
import { formatDateTime } from '../../shared/time';
import { WINDOW_LABEL } from './labels';
import { examKeys, type MyExam } from './queries';

function ExamCard({ e }: { e: MyExam }) {
  const t = useT();
  const navigate = useNavigate();
  const notify = useNotify();
  const start = useMutation({
    mutationFn: () => unwrap(api.POST('/api/learning/exams/{id}/attempts', { params: { path: { id: e.id } } })),
    onSuccess: (r) => void navigate(`/learning/attempts/${r.id}`),
    onError: notify.failure,
  });
  const w = WINDOW_LABEL[e.window];
  const confirmStart = () => Modal.confirm({
    title: t('exam.take.confirmTitle', { title: e.title }),
    content: t('exam.take.confirmBody', { minutes: e.timeLimitMinutes, used: e.used, max: e.maxAttempts }),
    okText: t('exam.take.start'),
    cancelText: t('common.cancel'),
    onOk: () => start.mutateAsync(),
  });
  return (
    <Card size="small" data-testid="my-exam-card">
      <Flex justify="space-between" align="start" gap={8}>
        <Typography.Text strong style={{ fontSize: '1.1em' }}>{e.title}</Typography.Text>
        <Tag color={w.color} style={{ marginInlineEnd: 0 }}>{t(w.label)}</Tag>
      </Flex>
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
        {formatDateTime(e.opensAt)} – {formatDateTime(e.closesAt)} · {t('exam.minutes', { n: e.timeLimitMinutes })} · {t('exam.attemptsUsed', { used: e.used, max: e.maxAttempts })}
      </Typography.Text>
      {e.best && (
        <Typography.Text style={{ display: 'block', marginTop: 4 }} data-testid="my-exam-best">
          {e.best.pending ? t('exam.result.pending') : t('exam.best', { score: e.best.score ?? 0, max: e.best.maxScore })}
          {e.best.passed !== null && <Tag color={e.best.passed ? 'success' : 'error'} style={{ marginLeft: 8 }}>{e.best.passed ? t('exam.passed') : t('exam.failed')}</Tag>}
        </Typography.Text>
      )}
      <Flex gap={8} wrap style={{ marginTop: 8 }} justify="flex-end">
        {e.lastAttemptId && !e.openAttemptId && <Button onClick={() => void navigate(`/learning/attempts/${e.lastAttemptId}`)} data-testid="my-exam-result">{t('exam.viewResult')}</Button>}
        {e.openAttemptId && <Button type="primary" onClick={() => void navigate(`/learning/attempts/${e.openAttemptId}`)} data-testid="my-exam-resume">{t('exam.resume')}</Button>}
        {e.canStart && <Button type="primary" loading={start.isPending} onClick={confirmStart} data-testid="my-exam-start">{e.used > 0 ? t('exam.retake') : t('exam.take.start')}</Button>}
      </Flex>
    </Card>
  );
}

/** 我的考试 (a tab of 我的学习): exams for me, open now first, with what I may see of my results. */
export function MyExams() {
  const t = useT();
  const q = useQuery({ queryKey: examKeys.mine, queryFn: () => unwrap(api.GET('/api/learning/exams')) });
  if (q.isPending) return <PageLoading />;
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  const order = { open: 0, not_open: 1, closed: 2 } as const;
  const items = [...q.data.items].sort((a, b) => order[a.window] - order[b.window]);
  if (items.length === 0) return <Card><EmptyState text={t('exam.mine.empty')} /></Card>;
  return <div className="zg-card-list" data-testid="my-exams">{items.map((e) => <ExamCard key={e.id} e={e} />)}</div>;
}
