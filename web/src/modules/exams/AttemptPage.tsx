import { CheckCircleFilled, ClockCircleOutlined, CloseCircleFilled, CloudSyncOutlined, OrderedListOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Drawer, Flex, Input, Modal, Radio, Result, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useT } from '../../app/preferences';
import { api, unwrap } from '../../shared/api';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { PageLoading } from '../../shared/components/PageLoading';
import { ApiError } from '../../shared/errors';
import { useNotify } from '../../shared/hooks/useNotify';
import { formatDateTime } from '../../shared/time';
import { uuid } from '../courses/queries';
import { KIND_LABEL } from './labels';
import { examKeys, fetchAttempt, LETTERS, type Attempt, type AttemptItem } from './queries';

type Answers = Record<string, unknown>;
const AUTOSAVE_MS = 1200;

const answered = (v: unknown) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.every((x) => x === '' || x === undefined));

/** One question and the taker's answer to it. Options show as A, B, C… in this paper's (shuffled) order. */
function Question({ item, value, onChange, disabled }: { item: AttemptItem; value: unknown; onChange: (v: unknown) => void; disabled?: boolean }) {
  const t = useT();
  const head = (
    <Flex gap={8} align="baseline" wrap style={{ marginBottom: 8 }}>
      <Typography.Text strong>{item.position}.</Typography.Text>
      <Tag bordered={false}>{t(KIND_LABEL[item.kind])}</Tag>
      <Typography.Text type="secondary">{t('exam.points', { n: item.points })}</Typography.Text>
    </Flex>
  );
  let body;
  if (item.kind === 'single' || item.kind === 'multiple') {
    const opts = item.options.map((o, i) => ({ value: o.key, label: <span data-testid="answer-option"><b>{LETTERS[i]}.</b> {o.text}</span> }));
    body = item.kind === 'single'
      ? <Radio.Group value={value} onChange={(e) => onChange(e.target.value)} disabled={disabled}><Space direction="vertical">{opts.map((o) => <Radio key={o.value} value={o.value}>{o.label}</Radio>)}</Space></Radio.Group>
      : <Checkbox.Group value={Array.isArray(value) ? (value as string[]) : []} onChange={(v) => onChange(v)} disabled={disabled}><Space direction="vertical">{opts.map((o) => <Checkbox key={o.value} value={o.value}>{o.label}</Checkbox>)}</Space></Checkbox.Group>;
  } else if (item.kind === 'true_false') {
    body = (
      <Radio.Group value={value} onChange={(e) => onChange(e.target.value)} disabled={disabled} optionType="button" buttonStyle="solid">
        <Radio value={true}><span data-testid="answer-true">{t('exam.true')}</span></Radio>
        <Radio value={false}><span data-testid="answer-false">{t('exam.false')}</span></Radio>
      </Radio.Group>
    );
  } else if (item.kind === 'fill') {
    const vals = Array.isArray(value) ? (value as string[]) : [];
    body = (
      <div style={{ lineHeight: 2.4 }}>
        {item.stemPieces.map((piece, i) => (
          <span key={i}>
            {piece}
            {i < item.blanks && (
              <Input size="small" value={vals[i] ?? ''} disabled={disabled} maxLength={200} style={{ width: 140, margin: '0 4px' }} aria-label={t('exam.blank', { n: i + 1 })} data-testid="answer-blank"
                onChange={(e) => { const next = Array.from({ length: item.blanks }, (_, j) => vals[j] ?? ''); next[i] = e.target.value; onChange(next); }} />
            )}
          </span>
        ))}
      </div>
    );
  } else {
    body = <Input.TextArea value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value)} disabled={disabled} maxLength={5000} autoSize={{ minRows: 4, maxRows: 12 }} data-testid="answer-text" />;
  }
  return (
    <Card size="small" id={`q-${item.position}`} data-testid="exam-question">
      {head}
      {item.kind !== 'fill' && <Typography.Paragraph style={{ fontSize: '1.05em', whiteSpace: 'pre-wrap' }}>{item.stem}</Typography.Paragraph>}
      {body}
    </Card>
  );
}

function Clock({ deadline, offset, onZero }: { deadline: number; offset: number; onZero: () => void }) {
  const [now, setNow] = useState(() => Date.now() + offset);
  const fired = useRef(false);
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now() + offset), 1000);
    return () => window.clearInterval(timer);
  }, [offset]);
  const left = Math.max(0, Math.floor((deadline - now) / 1000));
  useEffect(() => {
    if (left === 0 && !fired.current) { fired.current = true; onZero(); }
  }, [left, onZero]);
  const text = `${String(Math.floor(left / 60)).padStart(2, '0')}:${String(left % 60).padStart(2, '0')}`;
  return <Tag icon={<ClockCircleOutlined />} color={left < 300 ? 'error' : 'blue'} style={{ fontSize: '1.1em', padding: '2px 8px' }} data-testid="exam-timer">{text}</Tag>;
}

function Taking({ a, onDone }: { a: Attempt; onDone: (r: Attempt & { lateAnswersRefused?: boolean }) => void }) {
  const t = useT();
  const notify = useNotify();
  const [answers, setAnswers] = useState<Answers>(a.answers);
  const [sheet, setSheet] = useState(false);
  const [save, setSave] = useState<{ state: 'saved' | 'saving' | 'failed' | 'idle'; at: string | null }>({ state: a.answersSavedAt ? 'saved' : 'idle', at: a.answersSavedAt });
  const dirty = useRef(new Set<string>());
  const rev = useRef(a.answersRev);
  const offset = useMemo(() => Date.parse(a.serverNow) - Date.now(), [a.serverNow]);
  const token = useMemo(() => {
    // One submission token per attempt on this device, kept across reloads, so a retried submission is recognised.
    const k = `zg.submit.${a.id}`;
    const existing = window.sessionStorage.getItem(k);
    if (existing) return existing;
    const v = uuid();
    window.sessionStorage.setItem(k, v);
    return v;
  }, [a.id]);
  const latest = useRef(answers);
  latest.current = answers;

  const flush = useCallback(async () => {
    if (dirty.current.size === 0) return;
    const positions = [...dirty.current];
    dirty.current.clear();
    const body = Object.fromEntries(positions.map((p) => [p, answered(latest.current[p]) ? latest.current[p] : null]));
    rev.current += 1;
    setSave((s) => ({ ...s, state: 'saving' }));
    try {
      const r = await unwrap(api.PUT('/api/learning/attempts/{id}/answers', { params: { path: { id: a.id } }, body: { rev: rev.current, answers: body } }));
      setSave({ state: 'saved', at: r.savedAt });
    } catch (err) {
      for (const p of positions) dirty.current.add(p);
      setSave((s) => ({ ...s, state: 'failed' }));
      if (err instanceof ApiError && (err.code === 'deadline_passed' || err.code === 'submitted')) onDone(await fetchAttempt(a.id));
    }
  }, [a.id, onDone]);

  useEffect(() => {
    const timer = window.setTimeout(() => void flush(), AUTOSAVE_MS);
    return () => window.clearTimeout(timer);
  }, [answers, flush]);
  useEffect(() => {
    // A failed save is retried every few seconds while answering.
    const timer = window.setInterval(() => { if (dirty.current.size) void flush(); }, 5000);
    return () => window.clearInterval(timer);
  }, [flush]);

  const submit = useMutation({
    mutationFn: () => unwrap(api.POST('/api/learning/attempts/{id}/submit', {
      params: { path: { id: a.id } },
      body: { token, rev: rev.current + 1, answers: Object.fromEntries(Object.entries(latest.current).map(([k, v]) => [k, answered(v) ? v : null])) },
    })),
    onSuccess: (r) => onDone(r),
    onError: notify.failure,
  });
  const change = (pos: number, v: unknown) => {
    dirty.current.add(String(pos));
    setAnswers((x) => ({ ...x, [String(pos)]: v }));
  };
  const done = a.items.filter((i) => answered(answers[String(i.position)])).length;
  const confirm = () => Modal.confirm({
    title: t('exam.submit.confirmTitle'),
    content: done < a.items.length ? t('exam.submit.unanswered', { n: a.items.length - done }) : t('exam.submit.allAnswered'),
    okText: t('exam.submit.ok'), cancelText: t('exam.submit.back'),
    okButtonProps: { 'data-testid': 'exam-submit-ok' } as Record<string, string>,
    onOk: () => submit.mutateAsync(),
  });
  const onZero = useCallback(() => { if (!submit.isPending && !submit.isSuccess) submit.mutate(); }, [submit]);
  const saveText = save.state === 'saving' ? t('exam.save.saving') : save.state === 'failed' ? t('exam.save.failed') : save.at ? t('exam.save.saved', { time: formatDateTime(save.at, true).slice(11) }) : t('exam.save.idle');
  return (
    <div className="zg-stack" data-testid="exam-taking">
      <Card size="small" style={{ position: 'sticky', top: 0, zIndex: 10 }} data-testid="exam-bar">
        <Flex justify="space-between" align="center" gap={8} wrap>
          <Space wrap>
            <Clock deadline={Date.parse(a.deadlineAt)} offset={offset} onZero={onZero} />
            <Typography.Text type={save.state === 'failed' ? 'danger' : 'secondary'} data-testid="exam-autosave" data-state={save.state}><CloudSyncOutlined /> {saveText}</Typography.Text>
          </Space>
          <Space>
            <Button icon={<OrderedListOutlined />} onClick={() => setSheet(true)} data-testid="exam-sheet">{t('exam.sheet', { done, total: a.items.length })}</Button>
            <Button type="primary" loading={submit.isPending} onClick={confirm} data-testid="exam-submit">{t('exam.submit.button')}</Button>
          </Space>
        </Flex>
      </Card>
      <Typography.Title level={4} style={{ margin: 0 }}>{a.examTitle}</Typography.Title>
      <Typography.Text type="secondary">{t('exam.take.deadline', { time: formatDateTime(a.deadlineAt) })}</Typography.Text>
      {a.items.map((item) => <Question key={item.position} item={item} value={answers[String(item.position)]} onChange={(v) => change(item.position, v)} />)}
      <Button type="primary" size="large" block loading={submit.isPending} onClick={confirm}>{t('exam.submit.button')}</Button>
      <Drawer open={sheet} onClose={() => setSheet(false)} title={t('exam.sheetTitle')} placement="bottom" height="auto">
        <Flex gap={8} wrap>
          {a.items.map((i) => (
            <Button key={i.position} type={answered(answers[String(i.position)]) ? 'primary' : 'default'} style={{ width: 48 }}
              onClick={() => { setSheet(false); document.getElementById(`q-${i.position}`)?.scrollIntoView({ block: 'start', behavior: 'smooth' }); }}>{i.position}</Button>
          ))}
        </Flex>
      </Drawer>
    </div>
  );
}

function Solution({ item, value }: { item: AttemptItem; value: unknown }) {
  const t = useT();
  const s = item.solution;
  if (!s) return null;
  const letter = (key: string) => { const i = item.options.findIndex((o) => o.key === key); return i >= 0 ? LETTERS[i] : key; };
  const correct = item.kind === 'true_false' ? (s.truth ? t('exam.true') : t('exam.false'))
    : item.kind === 'fill' ? s.blanks.map((b) => b.join(' / ')).join('；')
      : item.kind === 'short' ? s.reference : s.correct.map(letter).sort().join('');
  const mine = item.kind === 'true_false' ? (value === true ? t('exam.true') : value === false ? t('exam.false') : '—')
    : Array.isArray(value) ? (item.kind === 'fill' ? value.join('；') : (value as string[]).map(letter).sort().join('')) : typeof value === 'string' ? (item.kind === 'single' ? letter(value) : value) : '—';
  const g = item.grade;
  return (
    <div style={{ marginTop: 8, padding: 8, background: '#fafafa', borderRadius: 6 }} data-testid="exam-solution">
      <div>{g?.correct === true ? <CheckCircleFilled style={{ color: '#389e0d' }} /> : g?.correct === false ? <CloseCircleFilled style={{ color: '#cf1322' }} /> : null} {t('exam.yourAnswer')}: {mine || '—'}</div>
      <div>{t('exam.correctAnswer')}: <b>{correct}</b></div>
      {g && <div>{t('exam.itemScore', { score: g.correct === null ? '—' : g.score, points: item.points })}{g.comment ? ` · ${g.comment}` : ''}</div>}
      {s.explanation && <Typography.Text type="secondary">{t('exam.explanation')}: {s.explanation}</Typography.Text>}
    </div>
  );
}

function ResultView({ a, late }: { a: Attempt; late: boolean }) {
  const t = useT();
  const navigate = useNavigate();
  const r = a.result;
  // Handing in happens at the bottom of a long paper; the result starts at the top.
  useEffect(() => { window.scrollTo({ top: 0 }); }, [a.id]);
  return (
    <div className="zg-stack" data-testid="exam-result">
      <Card>
        {r ? (
          <Result
            status={r.pendingManual > 0 ? 'info' : r.passed ? 'success' : 'warning'}
            title={<span data-testid="exam-score">{t('exam.result.score', { score: r.score, max: r.maxScore })}</span>}
            subTitle={r.pendingManual > 0 ? t('exam.result.pendingManual', { n: r.pendingManual }) : r.passed ? t('exam.result.passed', { pass: a.passScore }) : t('exam.result.notPassed', { pass: a.passScore })}
          />
        ) : (
          <Result status="info" title={t('exam.result.submitted')} subTitle={t('exam.result.afterClose', { time: formatDateTime(a.examClosesAt) })} data-testid="exam-score-hidden" />
        )}
        {late && <Alert type="warning" showIcon title={t('exam.result.late')} style={{ marginTop: 8 }} />}
        <Typography.Text type="secondary" style={{ display: 'block', textAlign: 'center' }}>
          {a.examTitle} · {t('exam.result.at', { time: formatDateTime(a.submittedAt) })}{a.submittedBy === 'deadline' ? ` · ${t('exam.result.byDeadline')}` : ''}
        </Typography.Text>
        <Flex justify="center" style={{ marginTop: 12 }}>
          <Button type="primary" onClick={() => void navigate('/learning?tab=exams')} data-testid="exam-back">{t('exam.backToMine')}</Button>
        </Flex>
      </Card>
      {a.items.some((i) => i.solution) && a.items.map((item) => (
        <Card key={item.position} size="small">
          <Flex gap={8} align="baseline" wrap><Typography.Text strong>{item.position}.</Typography.Text><Tag bordered={false}>{t(KIND_LABEL[item.kind])}</Tag></Flex>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>{item.stem}</Typography.Paragraph>
          {(item.kind === 'single' || item.kind === 'multiple') && item.options.map((o, i) => <div key={o.key}>{LETTERS[i]}. {o.text}</div>)}
          <Solution item={item} value={a.answers[String(item.position)]} />
        </Card>
      ))}
    </div>
  );
}

/** Taking an exam on a phone: the server's deadline as a countdown, autosave as one goes, a confirmed submission; then the result. */
export function AttemptPage() {
  const { id = '' } = useParams();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: examKeys.attempt(id), queryFn: () => fetchAttempt(id), refetchOnWindowFocus: false });
  const [late, setLate] = useState(false);
  const onDone = useCallback((r: Attempt & { lateAnswersRefused?: boolean }) => {
    setLate(r.lateAnswersRefused === true);
    qc.setQueryData(examKeys.attempt(id), r);
    void qc.invalidateQueries({ queryKey: examKeys.mine });
  }, [id, qc]);
  if (q.isPending) return <PageLoading />;
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  return q.data.state === 'open' ? <Taking key={q.data.id} a={q.data} onDone={onDone} /> : <ResultView a={q.data} late={late} />;
}
