import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Flex, Form, Input, List, Popconfirm, Radio, Select, Space, Tag, Timeline, Typography } from 'antd';
import { useEffect } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useT } from '../../app/preferences';
import { api, unwrap } from '../../shared/api';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { PageHeader } from '../../shared/components/PageHeader';
import { PageLoading } from '../../shared/components/PageLoading';
import { errorText } from '../../shared/errors';
import { applyFieldError, errorField } from '../../shared/formErrors';
import { useNotify } from '../../shared/hooks/useNotify';
import { formatDateTime } from '../../shared/time';
import { DIFFICULTY_LABEL, KIND_LABEL } from './labels';
import { useCategories } from './QuestionBank';
import { examKeys, fetchQuestion, LETTERS, type QuestionBody, type QuestionKind } from './queries';

interface Values {
  categoryId: string;
  kind: QuestionKind;
  difficulty: 1 | 2 | 3;
  stem: string;
  options: string[];
  correctOne?: string;
  correctMany?: string[];
  truth?: boolean;
  blanks?: string[];
  reference?: string;
  explanation?: string;
  change?: 'edit' | 'correct';
  note?: string;
}
const FIELDS = ['categoryId', 'kind', 'difficulty', 'stem', 'options', 'correct', 'truth', 'blanks', 'reference', 'explanation', 'change', 'note'] as const;
/** The same blank markers the server counts (exams/rules.ts): two or more underscores, or empty brackets. */
const BLANK = /_{2,}|（[\s\u3000]*）|\([\s\u3000]*\)/g;

function toBody(v: Values): QuestionBody {
  const base = { categoryId: v.categoryId, kind: v.kind, difficulty: v.difficulty, stem: v.stem.trim(), explanation: (v.explanation ?? '').trim() };
  switch (v.kind) {
    case 'single': return { ...base, options: v.options, correct: v.correctOne ? [v.correctOne] : [] };
    case 'multiple': return { ...base, options: v.options, correct: v.correctMany ?? [] };
    case 'true_false': return { ...base, ...(v.truth === undefined ? {} : { truth: v.truth }) };
    case 'fill': return { ...base, blanks: (v.blanks ?? []).map((b) => b.split(/[/／|｜]/).map((x) => x.trim()).filter(Boolean)) };
    default: return { ...base, reference: (v.reference ?? '').trim() };
  }
}

function History({ id }: { id: string }) {
  const t = useT();
  const notify = useNotify();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: examKeys.question(id), queryFn: () => fetchQuestion(id) });
  const regrade = useMutation({
    mutationFn: (examId: string) => unwrap(api.POST('/api/exams/{id}/regrade', { params: { path: { id: examId } }, body: { questionId: id } })),
    onSuccess: (r) => { notify.success(t('exam.regrade.done', { attempts: r.regraded, changed: r.changed })); void qc.invalidateQueries({ queryKey: examKeys.all }); },
    onError: notify.failure,
  });
  if (!q.data) return null;
  return (
    <>
      {q.data.staleExams.length > 0 && (
        <Card size="small" title={t('exam.regrade.title')} data-testid="question-stale-exams">
          <Typography.Paragraph type="secondary">{t('exam.regrade.hint')}</Typography.Paragraph>
          <List dataSource={q.data.staleExams} renderItem={(e) => (
            <List.Item actions={[
              <Popconfirm key="r" title={t('exam.regrade.confirm', { title: e.title })} onConfirm={() => regrade.mutate(e.id)}>
                <Button size="small" type="primary" loading={regrade.isPending} data-testid="question-regrade">{t('exam.regrade.button')}</Button>
              </Popconfirm>,
            ]}>
              <List.Item.Meta title={e.title} description={t('exam.regrade.attempts', { n: e.attempts })} />
            </List.Item>
          )} />
        </Card>
      )}
      <Card size="small" title={t('exam.bank.versions')}>
        <Timeline items={q.data.versions.map((v) => ({
          key: v.id,
          color: v.changeKind === 'corrected' ? 'red' : 'blue',
          content: <><b>{t('exam.bank.version', { n: v.version })}</b> · {t(`exam.change.${v.changeKind}` as 'exam.change.created')} · {formatDateTime(v.createdAt)}{v.changeNote ? ` · ${v.changeNote}` : ''}</>,
        }))} />
      </Card>
    </>
  );
}

/** A question: new, or a new version of an existing one (an edit for future papers, or a correction that allows a regrade). */
export function QuestionEditPage() {
  const t = useT();
  const navigate = useNavigate();
  const notify = useNotify();
  const qc = useQueryClient();
  const { qid } = useParams();
  const [form] = Form.useForm<Values>();
  const cats = useCategories();
  const existing = useQuery({ queryKey: examKeys.question(qid ?? ''), queryFn: () => fetchQuestion(qid!), enabled: !!qid });
  const kind = Form.useWatch('kind', form) ?? 'single';
  const stem = Form.useWatch('stem', form) ?? '';
  const options = Form.useWatch('options', form) ?? [];
  const change = Form.useWatch('change', form);
  const blanks = (stem.match(BLANK) ?? []).length;
  useEffect(() => {
    const c = existing.data?.current;
    if (!c) return;
    form.setFieldsValue({
      categoryId: c.categoryId, kind: c.kind, difficulty: c.difficulty as 1 | 2 | 3, stem: c.stem, options: c.options.map((o) => o.text),
      correctOne: c.correct[0], correctMany: c.correct, ...(c.truth === null ? {} : { truth: c.truth }), blanks: c.blanks.map((b) => b.join('/')), reference: c.reference, explanation: c.explanation, change: 'edit',
    });
  }, [existing.data, form]);
  const save = useMutation({
    mutationFn: (v: Values) => (qid
      ? unwrap(api.PUT('/api/exams/questions/{id}', { params: { path: { id: qid } }, body: { ...toBody(v), change: v.change ?? 'edit', ...(v.note ? { note: v.note } : {}) } })).then(() => qid)
      : unwrap(api.POST('/api/exams/questions', { body: toBody(v) })).then((r) => r.id)),
    onSuccess: (id) => {
      notify.success(t('common.saved'));
      void qc.invalidateQueries({ queryKey: examKeys.all });
      if (qid) void existing.refetch(); else void navigate(`/exams/questions/${id}`, { replace: true });
    },
    onError: (err) => applyFieldError(form, err, FIELDS),
  });
  const archive = useMutation({
    mutationFn: (a: boolean) => (a ? unwrap(api.POST('/api/exams/questions/{id}/archive', { params: { path: { id: qid! } } })) : unwrap(api.POST('/api/exams/questions/{id}/restore', { params: { path: { id: qid! } } }))),
    onSuccess: () => { void existing.refetch(); void qc.invalidateQueries({ queryKey: examKeys.all }); notify.success(t('common.saved')); },
    onError: notify.failure,
  });
  if (qid && existing.isPending) return <PageLoading />;
  if (existing.isError) return <ErrorAlert error={existing.error} onRetry={() => void existing.refetch()} />;
  const letters = options.map((_, i) => LETTERS[i]!);
  const required = (label: string) => [{ required: true, message: t('common.required', { label }) }];
  return (
    <div>
      <PageHeader title={qid ? t('exam.bank.editTitle') : t('exam.bank.create')} extra={
        <>
          {qid && existing.data && (existing.data.archived
            ? <Button onClick={() => archive.mutate(false)} data-testid="question-restore">{t('exam.bank.restore')}</Button>
            : <Popconfirm title={t('exam.bank.archiveConfirm')} onConfirm={() => archive.mutate(true)}><Button danger data-testid="question-archive">{t('exam.bank.archive')}</Button></Popconfirm>)}
          <Button onClick={() => void navigate('/exams?tab=bank')}>{t('common.back')}</Button>
        </>
      } />
      <div className="zg-stack" style={{ maxWidth: 860 }}>
        {existing.data?.archived && <Alert type="warning" showIcon title={t('exam.bank.isArchived')} />}
        <Card size="small">
          {save.error !== null && errorField(save.error, FIELDS) === undefined && <Alert type="error" showIcon title={errorText(save.error, t)} style={{ marginBottom: 12 }} data-testid="question-form-error" />}
          <Form<Values> form={form} layout="vertical" requiredMark={false} initialValues={{ kind: 'single', difficulty: 1, options: ['', '', '', ''], change: 'edit' }} onFinish={(v) => save.mutate(v)}>
            <Flex gap={12} wrap>
              <Form.Item name="categoryId" label={t('exam.bank.category')} rules={required(t('exam.bank.category'))} style={{ minWidth: 200 }}>
                <Select loading={cats.isPending} options={(cats.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))} data-testid="question-category" />
              </Form.Item>
              <Form.Item name="kind" label={t('exam.bank.kind')}>
                <Select disabled={!!qid} style={{ minWidth: 120 }} options={(['single', 'multiple', 'true_false', 'fill', 'short'] as const).map((k) => ({ value: k, label: t(KIND_LABEL[k]) }))} data-testid="question-kind" />
              </Form.Item>
              <Form.Item name="difficulty" label={t('exam.bank.difficulty')}>
                <Radio.Group optionType="button" options={[1, 2, 3].map((d) => ({ value: d, label: t(DIFFICULTY_LABEL[d]!) }))} />
              </Form.Item>
            </Flex>
            <Form.Item name="stem" label={t('exam.bank.stem')} extra={kind === 'fill' ? t('exam.bank.fillHint', { n: blanks }) : undefined} rules={required(t('exam.bank.stem'))}>
              <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 8 }} data-testid="question-stem" />
            </Form.Item>
            {(kind === 'single' || kind === 'multiple') && (
              <>
                <Form.List name="options">
                  {(fields, { add, remove }) => (
                    <Form.Item label={t('exam.bank.options')}>
                      <Space direction="vertical" style={{ width: '100%' }}>
                        {fields.map((f, i) => (
                          <Flex key={f.key} gap={8} align="center">
                            <b style={{ width: 20 }}>{LETTERS[i]}</b>
                            <Form.Item name={f.name} noStyle><Input maxLength={500} data-testid="question-option" /></Form.Item>
                            <Button icon={<DeleteOutlined />} disabled={fields.length <= 2} onClick={() => remove(f.name)} aria-label={t('exam.bank.removeOption')} />
                          </Flex>
                        ))}
                        <Button icon={<PlusOutlined />} disabled={fields.length >= 8} onClick={() => add('')}>{t('exam.bank.addOption')}</Button>
                      </Space>
                    </Form.Item>
                  )}
                </Form.List>
                {kind === 'single'
                  ? <Form.Item name="correctOne" label={t('exam.bank.correct')}><Radio.Group options={letters.map((l, i) => ({ value: String.fromCharCode(65 + i), label: l }))} data-testid="question-correct" /></Form.Item>
                  : <Form.Item name="correctMany" label={t('exam.bank.correct')}><Checkbox.Group options={letters.map((l, i) => ({ value: String.fromCharCode(65 + i), label: l }))} data-testid="question-correct" /></Form.Item>}
              </>
            )}
            {kind === 'true_false' && (
              <Form.Item name="truth" label={t('exam.bank.correct')}>
                <Radio.Group optionType="button" options={[{ value: true, label: t('exam.true') }, { value: false, label: t('exam.false') }]} data-testid="question-truth" />
              </Form.Item>
            )}
            {kind === 'fill' && (
              <Form.Item label={t('exam.bank.blanks')} extra={t('exam.bank.blanksHint')}>
                <Space direction="vertical" style={{ width: '100%' }}>
                  {Array.from({ length: blanks }, (_, i) => (
                    <Form.Item key={i} name={['blanks', i]} noStyle><Input addonBefore={t('exam.blank', { n: i + 1 })} maxLength={500} data-testid="question-blank" /></Form.Item>
                  ))}
                  {blanks === 0 && <Typography.Text type="secondary">{t('exam.bank.noBlanks')}</Typography.Text>}
                </Space>
              </Form.Item>
            )}
            {kind === 'short' && (
              <Form.Item name="reference" label={t('exam.bank.reference')} extra={t('exam.bank.referenceHint')}>
                <Input.TextArea maxLength={5000} autoSize={{ minRows: 3, maxRows: 10 }} data-testid="question-reference" />
              </Form.Item>
            )}
            <Form.Item name="explanation" label={t('exam.bank.explanation')}>
              <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 6 }} />
            </Form.Item>
            {qid && (
              <Card size="small" style={{ marginBottom: 12, background: '#fafafa' }}>
                <Form.Item name="change" label={t('exam.bank.changeKind')} style={{ marginBottom: 8 }}>
                  <Radio.Group data-testid="question-change">
                    <Space direction="vertical">
                      <Radio value="edit">{t('exam.bank.changeEdit')}</Radio>
                      <Radio value="correct">{t('exam.bank.changeCorrect')}</Radio>
                    </Space>
                  </Radio.Group>
                </Form.Item>
                {change === 'correct' && <Form.Item name="note" label={t('exam.bank.note')} style={{ marginBottom: 0 }}><Input maxLength={200} data-testid="question-note" /></Form.Item>}
              </Card>
            )}
            <Button type="primary" htmlType="submit" block loading={save.isPending} data-testid="question-save">{qid ? t('exam.bank.saveVersion') : t('common.save')}</Button>
          </Form>
        </Card>
        {qid && existing.data && (
          <Flex gap={8} wrap><Tag color="blue">{t(KIND_LABEL[existing.data.kind])}</Tag><Tag>{existing.data.categoryName}</Tag><Tag>{t('exam.bank.version', { n: existing.data.current.version })}</Tag></Flex>
        )}
        {qid && <History id={qid} />}
      </div>
    </div>
  );
}
