import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Input, InputNumber, Tag, Typography, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { Link, Route, Routes, useNavigate, useParams, useSearchParams } from 'react-router';
import { useT } from '../../app/preferences';
import { api, unwrap } from '../../shared/api';
import { EmptyState } from '../../shared/components/EmptyState';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { PageHeader } from '../../shared/components/PageHeader';
import { PageLoading } from '../../shared/components/PageLoading';
import { LIST_PAGE_SIZE, ResponsiveList } from '../../shared/components/ResponsiveList';
import { errorText } from '../../shared/errors';
import { useNotify } from '../../shared/hooks/useNotify';
import { formatDateTime } from '../../shared/time';
import { examKeys, type SheetItem } from './queries';

function SheetList() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const list = useQuery({ queryKey: examKeys.grading(page), queryFn: () => unwrap(api.GET('/api/grading', { params: { query: { page, pageSize: LIST_PAGE_SIZE } } })), placeholderData: keepPreviousData });
  const columns: TableColumnsType<SheetItem> = [
    { title: t('exam.grading.sheet'), key: 'sheet', width: 140, render: (_, s) => <Link to={`/grading/${s.id}`} data-testid="grading-open">{s.sheetNo}</Link> },
    { title: t('exam.col.title'), dataIndex: 'examTitle', key: 'exam' },
    { title: t('exam.grading.submitted'), key: 'at', width: 170, render: (_, s) => formatDateTime(s.submittedAt) },
    { title: t('exam.grading.pending'), dataIndex: 'pending', key: 'pending', width: 90 },
  ];
  return (
    <div>
      <PageHeader title={t('exam.grading.title')} subtitle={t('exam.grading.subtitle')} />
      <Card size="small">
        <ResponsiveList<SheetItem> query={list} page={page} onPageChange={(p) => setParams(p > 1 ? { page: String(p) } : {}, { replace: true })} columns={columns}
          empty={<EmptyState text={t('exam.grading.empty')} />} testId="grading-table" rowTestId="grading-row"
          renderCard={(s) => (
            <Link to={`/grading/${s.id}`} style={{ color: 'inherit', display: 'block' }} data-testid="grading-open">
              <Flex justify="space-between"><Typography.Text strong>{s.examTitle}</Typography.Text><Tag>{s.sheetNo}</Tag></Flex>
              <Typography.Text type="secondary">{formatDateTime(s.submittedAt)} · {t('exam.grading.pendingN', { n: s.pending })}</Typography.Text>
            </Link>
          )} />
      </Card>
    </div>
  );
}

/** One answer sheet's short answers, with the reference answer; the grader's scores make a new grading of the sheet. */
function SheetPage() {
  const t = useT();
  const navigate = useNavigate();
  const notify = useNotify();
  const qc = useQueryClient();
  const { id = '' } = useParams();
  const q = useQuery({ queryKey: examKeys.sheet(id), queryFn: () => unwrap(api.GET('/api/grading/{id}', { params: { path: { id } } })) });
  const [scores, setScores] = useState<Record<number, { score: number | null; comment: string }>>({});
  useEffect(() => {
    if (q.data) setScores(Object.fromEntries(q.data.items.map((i) => [i.position, { score: i.score, comment: i.comment }])));
  }, [q.data]);
  const save = useMutation({
    mutationFn: () => unwrap(api.POST('/api/grading/{id}', { params: { path: { id } }, body: {
      items: Object.entries(scores).filter(([, v]) => v.score !== null).map(([p, v]) => ({ position: Number(p), score: v.score!, ...(v.comment.trim() ? { comment: v.comment.trim() } : {}) })),
    } })),
    onSuccess: (r) => {
      notify.success(t('exam.grading.saved', { score: r.score }));
      void qc.invalidateQueries({ queryKey: examKeys.all });
      if (r.pending === 0) void navigate('/grading');
    },
  });
  if (q.isPending) return <PageLoading />;
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  const s = q.data;
  const ready = s.items.every((i) => scores[i.position]?.score !== null && scores[i.position]?.score !== undefined);
  return (
    <div>
      <PageHeader title={t('exam.grading.sheetTitle', { no: s.sheetNo })} extra={<Button onClick={() => void navigate('/grading')}>{t('common.back')}</Button>} />
      <div className="zg-stack" data-testid="grading-sheet">
        <Card size="small">
          <Typography.Text strong>{s.examTitle}</Typography.Text>
          <Typography.Text type="secondary" style={{ display: 'block' }}>{t('exam.grading.current', { score: s.score, max: s.maxScore, pending: s.pending })}</Typography.Text>
          <Typography.Text type="secondary">{t('exam.grading.blind')}</Typography.Text>
        </Card>
        {s.items.map((i) => (
          <Card key={i.position} size="small" title={`${i.position}. ${t('exam.points', { n: i.points })}`} data-testid="grading-item">
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{i.stem}</Typography.Paragraph>
            <Alert type="info" title={t('exam.bank.reference')} description={<div style={{ whiteSpace: 'pre-wrap' }}>{i.reference}</div>} style={{ marginBottom: 8 }} />
            <Typography.Text strong>{t('exam.grading.answer')}</Typography.Text>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', background: '#fafafa', padding: 8, borderRadius: 6 }} data-testid="grading-answer">{i.answer || t('exam.grading.blank')}</Typography.Paragraph>
            <Flex gap={8} wrap align="center">
              <InputNumber min={0} max={i.points} value={scores[i.position]?.score ?? null} onChange={(v) => setScores((x) => ({ ...x, [i.position]: { comment: x[i.position]?.comment ?? '', score: v === null ? null : Number(v) } }))}
                suffix={`/ ${i.points}`} style={{ width: 120 }} aria-label={t('exam.grading.score')} data-testid="grading-score" />
              <Input value={scores[i.position]?.comment ?? ''} maxLength={500} placeholder={t('exam.grading.comment')} style={{ flex: '1 1 220px' }}
                onChange={(e) => setScores((x) => ({ ...x, [i.position]: { score: x[i.position]?.score ?? null, comment: e.target.value } }))} />
            </Flex>
          </Card>
        ))}
        {save.error && <Alert type="error" showIcon title={errorText(save.error, t)} />}
        <Button type="primary" block disabled={!ready} loading={save.isPending} onClick={() => save.mutate()} data-testid="grading-save">{t('exam.grading.save')}</Button>
      </div>
    </div>
  );
}

export function GradingPage() {
  return (
    <Routes>
      <Route index element={<SheetList />} />
      <Route path=":id" element={<SheetPage />} />
    </Routes>
  );
}
