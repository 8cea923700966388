import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Input, InputNumber, List, Progress, Radio, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, Route, Routes, useNavigate, useParams } from 'react-router';
import { useT } from '../../app/preferences';
import { usePermissions } from '../../app/session';
import { api, unwrap } from '../../shared/api';
import type { ResponseOf } from '../../shared/api-models';
import { EmptyState } from '../../shared/components/EmptyState';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { PageHeader } from '../../shared/components/PageHeader';
import { PageLoading } from '../../shared/components/PageLoading';
import { PersonalDataWatermark } from '../../shared/components/PersonalDataWatermark';
import { useNotify } from '../../shared/hooks/useNotify';
import { dayjs, DISPLAY_TZ } from '../../shared/time';

type Round = ResponseOf<'/api/evaluation/rounds/{id}', 'get'>;
type Grade = 'excellent' | 'qualified' | 'basic' | 'unqualified';
const GRADES: Grade[] = ['excellent', 'qualified', 'basic', 'unqualified'];
const STATUS_COLOR = { open: 'processing', review: 'warning', closed: 'success' } as const;

/** 民主评议党员: rounds, a member's self-assessment and anonymous rating sheet (phone first), the secretary's view. */
export function EvaluationPage() {
  return (
    <Routes>
      <Route index element={<RoundList />} />
      <Route path=":id" element={<RoundPage />} />
    </Routes>
  );
}

function RoundList() {
  const t = useT();
  const navigate = useNavigate();
  const notify = useNotify();
  const perms = usePermissions();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['evaluation', 'list'], queryFn: () => unwrap(api.GET('/api/evaluation/rounds', {})) });
  const canOpen = perms.includes('evaluation.manage') && perms.includes('meetings.manage');
  const units = useQuery({ queryKey: ['meetings', 'units'], enabled: canOpen, queryFn: () => unwrap(api.GET('/api/meetings/units', {})) });
  const open = useMutation({
    mutationFn: (v: { orgUnitId: string; year: number }) => unwrap(api.POST('/api/evaluation/rounds', { body: v })),
    onSuccess: (r) => { void qc.invalidateQueries({ queryKey: ['evaluation'] }); void navigate(`/evaluation/${r.id}`); },
    onError: (e) => notify.failure(e),
  });
  return (
    <div>
      <PageHeader title={t('ev.title')} />
      <Flex vertical gap={12}>
        {canOpen ? (
          <Card size="small" title={t('ev.open')}>
            <Form layout="inline" initialValues={{ year: dayjs().tz(DISPLAY_TZ).year() }} onFinish={(v: { orgUnitId: string; year: number }) => open.mutate(v)}>
              <Form.Item name="orgUnitId" rules={[{ required: true }]} style={{ minWidth: 220 }}>
                <Select placeholder={t('ev.branch')} data-testid="ev-branch" options={(units.data?.items ?? []).filter((u) => u.kind === 'branch').map((u) => ({ value: u.id, label: u.name }))} />
              </Form.Item>
              <Form.Item name="year"><InputNumber min={2000} max={2100} addonBefore={t('ev.year')} /></Form.Item>
              <Button type="primary" htmlType="submit" loading={open.isPending} data-testid="ev-open">{t('ev.open')}</Button>
            </Form>
          </Card>
        ) : null}
        <Card size="small">
          {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
          {list.data && list.data.items.length === 0 ? <EmptyState text={t('ev.empty')} /> : (
            <List loading={list.isPending} dataSource={list.data?.items ?? []} data-testid="ev-list" renderItem={(r) => (
              <List.Item data-testid="ev-row">
                <Link to={`/evaluation/${r.id}`} style={{ fontSize: '1.05em' }}>{r.title}</Link>
                <Tag color={STATUS_COLOR[r.status]}>{t(`ev.status.${r.status}`)}</Tag>
              </List.Item>
            )} />
          )}
        </Card>
      </Flex>
    </div>
  );
}

function RatingSheet({ round, onDone }: { round: Round; onDone: (r: Round) => void }) {
  const t = useT();
  const notify = useNotify();
  const [grades, setGrades] = useState<Record<string, Grade>>({});
  const others = round.participants.filter((p) => p.personId !== round.me?.personId);
  const submit = useMutation({
    mutationFn: () => unwrap(api.POST('/api/evaluation/rounds/{id}/ratings', { params: { path: { id: round.id } }, body: { ratings: others.map((p) => ({ personId: p.personId, grade: grades[p.personId] as Grade })) } })),
    onSuccess: (r) => { notify.success(t('ev.rated')); onDone(r); },
    onError: (e) => notify.failure(e),
  });
  return (
    <Card size="small" title={t('ev.rate')}>
      <Alert type="info" showIcon title={t('ev.rateHint')} style={{ marginBottom: 12 }} />
      <Flex vertical gap={14}>
        {others.map((p) => (
          <Flex key={p.personId} vertical gap={6} data-testid="ev-rate-row">
            <Typography.Text strong style={{ fontSize: '1.1em' }}>{p.name}</Typography.Text>
            <Radio.Group optionType="button" buttonStyle="solid" size="large" value={grades[p.personId]} onChange={(e) => setGrades((g) => ({ ...g, [p.personId]: e.target.value as Grade }))}
              options={GRADES.map((g) => ({ value: g, label: t(`ev.grade.${g}`) }))} data-testid="ev-rate-grade" />
          </Flex>
        ))}
        <Button type="primary" size="large" block disabled={others.some((p) => !grades[p.personId])} loading={submit.isPending} onClick={() => submit.mutate()} data-testid="ev-rate-submit">{t('ev.rateSubmit')}</Button>
      </Flex>
    </Card>
  );
}

function Decide({ round, p, onDone }: { round: Round; p: Round['participants'][number]; onDone: (r: Round) => void }) {
  const t = useT();
  const notify = useNotify();
  const [opinion, setOpinion] = useState(p.committeeOpinion ?? '');
  const [grade, setGrade] = useState<Grade | undefined>(p.finalGrade ?? undefined);
  const save = useMutation({
    mutationFn: () => unwrap(api.PUT('/api/evaluation/rounds/{id}/participants/{personId}', { params: { path: { id: round.id, personId: p.personId } }, body: { committeeOpinion: opinion, finalGrade: grade as Grade } })),
    onSuccess: onDone, onError: (e) => notify.failure(e),
  });
  return (
    <Flex gap={8} wrap align="center" style={{ marginTop: 6 }}>
      <Input value={opinion} onChange={(e) => setOpinion(e.target.value)} placeholder={t('ev.opinion')} style={{ flex: '2 1 200px' }} />
      <Select value={grade} onChange={setGrade} placeholder={t('ev.finalGrade')} style={{ width: 130 }} options={GRADES.map((g) => ({ value: g, label: t(`ev.grade.${g}`) }))} />
      <Button onClick={() => save.mutate()} disabled={!opinion.trim() || !grade} loading={save.isPending} data-testid="ev-decide">{t('ev.decide')}</Button>
    </Flex>
  );
}

function RoundPage() {
  const t = useT();
  const notify = useNotify();
  const qc = useQueryClient();
  const { id = '' } = useParams();
  const key = ['evaluation', 'round', id];
  const q = useQuery({ queryKey: key, queryFn: () => unwrap(api.GET('/api/evaluation/rounds/{id}', { params: { path: { id } } })) });
  const [self, setSelf] = useState<string | null>(null);
  const set = (r: Round) => qc.setQueryData(key, r);
  const act = useMutation({
    mutationFn: (what: 'close-rating' | 'close' | 'self') => (what === 'self'
      ? unwrap(api.PUT('/api/evaluation/rounds/{id}/self', { params: { path: { id } }, body: { text: self ?? '' } }))
      : what === 'close' ? unwrap(api.POST('/api/evaluation/rounds/{id}/close', { params: { path: { id } } }))
        : unwrap(api.POST('/api/evaluation/rounds/{id}/close-rating', { params: { path: { id } } }))),
    onSuccess: (r) => { set(r); notify.success(t('mt.a.done')); },
    onError: (e) => notify.failure(e),
  });
  if (q.isError) return (<><PageHeader title={t('ev.title')} /><ErrorAlert error={q.error} onRetry={() => void q.refetch()} /></>);
  if (!q.data) return <PageLoading />;
  const r = q.data;
  const a = r.abilities;
  return (
    <div data-testid="ev-round" data-status={r.status}>
      <PageHeader title={r.title} subtitle={<Tag color={STATUS_COLOR[r.status]}>{t(`ev.status.${r.status}`)}</Tag>} />
      <PersonalDataWatermark>
        <Flex vertical gap={12}>
          <Card size="small">
            <Typography.Text>{t('ev.progress', { n: r.raterCount, total: r.participantCount })}</Typography.Text>
            <Progress percent={Math.round((r.raterCount / Math.max(1, r.participantCount)) * 100)} data-testid="ev-progress" />
            <Flex gap={8} wrap>
              {a.closeRating ? <Button onClick={() => act.mutate('close-rating')} data-testid="ev-close-rating">{t('ev.closeRating')}</Button> : null}
              {a.close ? <Button type="primary" onClick={() => act.mutate('close')} data-testid="ev-close">{t('ev.closeRound')}</Button> : null}
              {a.export ? <Button href={`/api/evaluation/rounds/${r.id}/results.xlsx`} data-testid="ev-export">{t('ev.export')}</Button> : null}
            </Flex>
          </Card>
          {r.me && r.status === 'closed' ? (
            <Card size="small" title={t('ev.myResult')} data-testid="ev-my-result">
              <Typography.Text strong style={{ fontSize: '1.2em' }}>{r.me.finalGrade ? t(`ev.grade.${r.me.finalGrade}`) : '—'}</Typography.Text>
              {r.me.committeeOpinion ? <Typography.Paragraph>{r.me.committeeOpinion}</Typography.Paragraph> : null}
            </Card>
          ) : null}
          {a.selfAssess ? (
            <Card size="small" title={t('ev.self')}>
              <Input.TextArea value={self ?? r.me?.selfAssessment ?? ''} onChange={(e) => setSelf(e.target.value)} autoSize={{ minRows: 4 }} placeholder={t('ev.selfPlaceholder')} maxLength={5000} data-testid="ev-self" />
              <Button style={{ marginTop: 8 }} onClick={() => act.mutate('self')} disabled={!(self ?? r.me?.selfAssessment ?? '').trim()} data-testid="ev-self-save">{t('ev.selfSave')}</Button>
            </Card>
          ) : null}
          {a.rate ? <RatingSheet round={r} onDone={set} /> : r.me?.rated && r.status === 'open' ? <Alert type="success" showIcon title={t('ev.rated')} data-testid="ev-rated" /> : null}
          {a.manage ? (
            <Card size="small" title={t('ev.aggregate')}>
              <List dataSource={r.participants} data-testid="ev-results" renderItem={(p) => (
                <List.Item data-testid="ev-result-row" data-shown={p.aggregate?.shown ? 'yes' : 'no'}>
                  <Flex vertical style={{ width: '100%' }}>
                    <Flex gap={8} wrap align="center">
                      <Typography.Text strong>{p.name}</Typography.Text>
                      <Tag>{p.selfSubmitted ? t('ev.selfSubmitted') : t('ev.selfMissing')}</Tag>
                      {p.finalGrade ? <Tag color="blue">{t(`ev.grade.${p.finalGrade}`)}</Tag> : null}
                    </Flex>
                    <Typography.Text type="secondary">
                      {p.aggregate?.shown && p.aggregate.distribution
                        ? GRADES.map((g) => `${t(`ev.grade.${g}`)} ${p.aggregate?.distribution?.[g] ?? 0}`).join(' · ')
                        : r.status === 'open' ? t('ev.hiddenOpen') : t('ev.hidden')}
                    </Typography.Text>
                    {a.decide ? <Decide round={r} p={p} onDone={set} /> : p.committeeOpinion ? <Typography.Text>{p.committeeOpinion}</Typography.Text> : null}
                  </Flex>
                </List.Item>
              )} />
            </Card>
          ) : null}
        </Flex>
      </PersonalDataWatermark>
    </div>
  );
}
