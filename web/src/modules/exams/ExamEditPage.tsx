import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, DatePicker, Flex, Form, Input, InputNumber, Radio, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useT } from '../../app/preferences';
import { api, unwrap } from '../../shared/api';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { PageHeader } from '../../shared/components/PageHeader';
import { PageLoading } from '../../shared/components/PageLoading';
import { errorText } from '../../shared/errors';
import { applyFieldError, errorField } from '../../shared/formErrors';
import { useNotify } from '../../shared/hooks/useNotify';
import { dayjs } from '../../shared/time';
import { DIFFICULTY_LABEL, KIND_LABEL, REVEAL_LABEL } from './labels';
import { useCategories } from './QuestionBank';
import { examKeys, fetchExam, type ExamBody, type Reveal } from './queries';

type Day = ReturnType<typeof dayjs>;
interface Values {
  title: string; description?: string; orgUnitId: string; paperMode: 'fixed' | 'random';
  items?: { questionId: string; points: number; label?: string }[];
  rules?: { categoryId: string; difficulty: 1 | 2 | 3; count: number; points: number }[];
  timeLimitMinutes: number; window: [Day, Day]; maxAttempts: number; passScore: number;
  shuffleQuestions: boolean; shuffleOptions: boolean; multiplePartial: boolean; reveal: Reveal;
  unitIds?: string[]; personIds?: string[];
}
const FIELDS = ['title', 'description', 'orgUnitId', 'paperMode', 'items', 'rules', 'timeLimitMinutes', 'opensAt', 'closesAt', 'maxAttempts', 'passScore', 'reveal', 'audience', 'unitIds', 'personIds'] as const;

/** Exam setup: the paper (fixed questions or drawing rules), dates, time limit, attempts, pass score, shuffling, what takers see, who takes it. */
export function ExamEditPage() {
  const t = useT();
  const navigate = useNavigate();
  const notify = useNotify();
  const qc = useQueryClient();
  const { id } = useParams();
  const [form] = Form.useForm<Values>();
  const [q, setQ] = useState('');
  const [pq, setPq] = useState('');
  const existing = useQuery({ queryKey: examKeys.detail(id ?? ''), queryFn: () => fetchExam(id!), enabled: !!id });
  const cats = useCategories();
  const units = useQuery({ queryKey: examKeys.units, queryFn: () => unwrap(api.GET('/api/exams/units')) });
  const people = useQuery({ queryKey: examKeys.people(pq), queryFn: () => unwrap(api.GET('/api/exams/people', { params: { query: { q: pq } } })), enabled: pq !== '' });
  const bank = useQuery({ queryKey: examKeys.questions({ page: 1, pageSize: 50, ...(q ? { q } : {}) }), queryFn: () => unwrap(api.GET('/api/exams/questions', { params: { query: { page: 1, pageSize: 50, ...(q ? { q } : {}) } } })) });
  const mode = Form.useWatch('paperMode', form) ?? 'random';
  const items = Form.useWatch('items', form) ?? [];
  const rules = Form.useWatch('rules', form) ?? [];
  const full = mode === 'fixed' ? items.reduce((s, i) => s + (i?.points ?? 0), 0) : rules.reduce((s, r) => s + (r?.count ?? 0) * (r?.points ?? 0), 0);
  const locked = existing.data ? !existing.data.abilities.editPaper : false;
  useEffect(() => {
    const e = existing.data;
    if (!e) return;
    form.setFieldsValue({
      title: e.title, description: e.description, orgUnitId: e.orgUnitId, paperMode: e.paperMode,
      items: e.items.map((i) => ({ questionId: i.questionId, points: i.points, label: i.stem })),
      rules: e.rules.map((r) => ({ categoryId: r.categoryId, difficulty: r.difficulty as 1 | 2 | 3, count: r.count, points: r.points })),
      timeLimitMinutes: e.timeLimitMinutes, window: [dayjs(e.opensAt), dayjs(e.closesAt)], maxAttempts: e.maxAttempts, passScore: e.passScore,
      shuffleQuestions: e.shuffleQuestions, shuffleOptions: e.shuffleOptions, multiplePartial: e.multiplePartial, reveal: e.reveal,
      unitIds: e.audience.units.map((u) => u.id), personIds: e.audience.people.map((p) => p.id),
    });
  }, [existing.data, form]);
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body: ExamBody = {
        title: v.title.trim(), description: (v.description ?? '').trim(), orgUnitId: v.orgUnitId, paperMode: v.paperMode,
        ...(v.paperMode === 'fixed' ? { items: (v.items ?? []).map((i) => ({ questionId: i.questionId, points: i.points })) } : { rules: v.rules ?? [] }),
        timeLimitMinutes: v.timeLimitMinutes, opensAt: v.window[0].toISOString(), closesAt: v.window[1].toISOString(), maxAttempts: v.maxAttempts, passScore: v.passScore,
        shuffleQuestions: !!v.shuffleQuestions, shuffleOptions: !!v.shuffleOptions, multiplePartial: !!v.multiplePartial, reveal: v.reveal,
        audience: { unitIds: v.unitIds ?? [], personIds: v.personIds ?? [] },
      };
      return id ? unwrap(api.PUT('/api/exams/{id}', { params: { path: { id } }, body })) : unwrap(api.POST('/api/exams', { body }));
    },
    onSuccess: (e) => { notify.success(t('common.saved')); void qc.invalidateQueries({ queryKey: examKeys.all }); void navigate(`/exams/${e.id}`, { replace: true }); },
    onError: (err) => applyFieldError(form, err, FIELDS),
  });
  if (id && existing.isPending) return <PageLoading />;
  if (existing.isError) return <ErrorAlert error={existing.error} onRetry={() => void existing.refetch()} />;
  const available = (categoryId?: string, d?: number) => {
    const c = cats.data?.items.find((x) => x.id === categoryId);
    return c ? (d === 1 ? c.counts.easy : d === 2 ? c.counts.medium : c.counts.hard) : 0;
  };
  const required = (label: string) => [{ required: true, message: t('common.required', { label }) }];
  return (
    <div>
      <PageHeader title={id ? t('exam.edit.title') : t('exam.admin.create')} extra={<Button onClick={() => void navigate(id ? `/exams/${id}` : '/exams')}>{t('common.back')}</Button>} />
      <Card size="small" style={{ maxWidth: 900 }}>
        {locked && <Alert type="info" showIcon title={t('exam.edit.locked')} style={{ marginBottom: 12 }} />}
        {save.error !== null && errorField(save.error, FIELDS) === undefined && <Alert type="error" showIcon title={errorText(save.error, t)} style={{ marginBottom: 12 }} data-testid="exam-form-error" />}
        <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={(v) => save.mutate(v)}
          initialValues={{ paperMode: 'random', timeLimitMinutes: 30, maxAttempts: 1, passScore: 60, shuffleQuestions: true, shuffleOptions: true, multiplePartial: false, reveal: 'answers', window: [dayjs().startOf('hour'), dayjs().add(7, 'day').endOf('day')], rules: [] }}>
          <Form.Item name="title" label={t('exam.form.title')} rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('exam.form.title') }) }]}>
            <Input maxLength={100} data-testid="exam-title" />
          </Form.Item>
          <Form.Item name="description" label={t('exam.form.description')}><Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 5 }} /></Form.Item>
          <Form.Item name="orgUnitId" label={t('exam.form.unit')} rules={required(t('exam.form.unit'))}>
            <Select showSearch={{ optionFilterProp: 'label' }} loading={units.isPending} options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name, depth: u.depth }))}
              optionRender={(o) => <span style={{ paddingLeft: Math.min(Number(o.data.depth), 4) * 12 }}>{o.label}</span>} data-testid="exam-unit" />
          </Form.Item>
          <Form.Item name="paperMode" label={t('exam.form.paperMode')}>
            <Radio.Group disabled={locked} optionType="button" options={[{ value: 'random', label: t('exam.form.random') }, { value: 'fixed', label: t('exam.form.fixed') }]} data-testid="exam-mode" />
          </Form.Item>
          {mode === 'random' ? (
            <Form.List name="rules">
              {(fields, { add, remove }) => (
                <Form.Item label={t('exam.form.rules')} extra={t('exam.form.rulesHint')}>
                  <Space direction="vertical" style={{ width: '100%' }}>
                    {fields.map((f) => {
                      const r = rules[f.name];
                      return (
                        <Flex key={f.key} gap={8} wrap align="center" data-testid="exam-rule">
                          <Form.Item name={[f.name, 'categoryId']} noStyle rules={required(t('exam.bank.category'))}>
                            <Select disabled={locked} style={{ minWidth: 150 }} placeholder={t('exam.bank.category')} options={(cats.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))} data-testid="exam-rule-category" />
                          </Form.Item>
                          <Form.Item name={[f.name, 'difficulty']} noStyle initialValue={1}>
                            <Select disabled={locked} style={{ width: 90 }} options={[1, 2, 3].map((d) => ({ value: d, label: t(DIFFICULTY_LABEL[d]!) }))} data-testid="exam-rule-difficulty" />
                          </Form.Item>
                          <Form.Item name={[f.name, 'count']} noStyle initialValue={5}><InputNumber disabled={locked} min={1} max={200} suffix={t('exam.form.questionsUnit')} style={{ width: 110 }} data-testid="exam-rule-count" /></Form.Item>
                          <Form.Item name={[f.name, 'points']} noStyle initialValue={2}><InputNumber disabled={locked} min={1} max={100} suffix={t('exam.form.pointsEach')} style={{ width: 120 }} data-testid="exam-rule-points" /></Form.Item>
                          <Typography.Text type="secondary">{t('exam.form.available', { n: available(r?.categoryId, r?.difficulty) })}</Typography.Text>
                          <Button disabled={locked} icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('exam.form.removeRule')} />
                        </Flex>
                      );
                    })}
                    <Button disabled={locked} icon={<PlusOutlined />} onClick={() => add({ difficulty: 1, count: 5, points: 2 })} data-testid="exam-rule-add">{t('exam.form.addRule')}</Button>
                  </Space>
                </Form.Item>
              )}
            </Form.List>
          ) : (
            <Form.List name="items">
              {(fields, { add, remove }) => (
                <Form.Item label={t('exam.form.items')}>
                  <Space direction="vertical" style={{ width: '100%' }}>
                    {fields.map((f, i) => (
                      <Flex key={f.key} gap={8} align="center" data-testid="exam-item">
                        <b>{i + 1}.</b>
                        <Typography.Text ellipsis style={{ flex: 1 }}>{items[f.name]?.label ?? ''}</Typography.Text>
                        <Form.Item name={[f.name, 'points']} noStyle><InputNumber disabled={locked} min={1} max={100} suffix={t('exam.form.pointsUnit')} style={{ width: 100 }} /></Form.Item>
                        <Button disabled={locked} icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('exam.form.removeItem')} />
                      </Flex>
                    ))}
                    <Select disabled={locked} showSearch={{ filterOption: false, onSearch: (v) => setQ(v.trim()) }} value={null} placeholder={t('exam.form.addItem')} loading={bank.isFetching}
                      onChange={(v: string | null) => {
                        const qq = bank.data?.items.find((x) => x.id === v);
                        if (qq && !items.some((i) => i?.questionId === qq.id)) add({ questionId: qq.id, points: 5, label: qq.stem });
                      }}
                      options={(bank.data?.items ?? []).map((x) => ({ value: x.id, label: `[${t(KIND_LABEL[x.kind])}] ${x.stem}` }))} data-testid="exam-item-add" />
                  </Space>
                </Form.Item>
              )}
            </Form.List>
          )}
          <Typography.Paragraph strong data-testid="exam-full-score">{t('exam.form.fullScore', { n: full })}</Typography.Paragraph>
          <Flex gap={16} wrap>
            <Form.Item name="timeLimitMinutes" label={t('exam.form.timeLimit')}><InputNumber disabled={locked} min={1} max={600} suffix={t('exam.form.minutes')} data-testid="exam-time-limit" /></Form.Item>
            <Form.Item name="passScore" label={t('exam.form.passScore')}><InputNumber disabled={locked} min={0} max={20000} data-testid="exam-pass-score" /></Form.Item>
            <Form.Item name="maxAttempts" label={t('exam.form.maxAttempts')}><InputNumber min={1} max={20} data-testid="exam-max-attempts" /></Form.Item>
          </Flex>
          <Form.Item name="window" label={t('exam.form.window')} rules={required(t('exam.form.window'))}>
            <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" data-testid="exam-window" />
          </Form.Item>
          <Space direction="vertical" style={{ marginBottom: 16 }}>
            <Form.Item name="shuffleQuestions" valuePropName="checked" noStyle><Checkbox disabled={locked}>{t('exam.form.shuffleQuestions')}</Checkbox></Form.Item>
            <Form.Item name="shuffleOptions" valuePropName="checked" noStyle><Checkbox disabled={locked}>{t('exam.form.shuffleOptions')}</Checkbox></Form.Item>
            <Form.Item name="multiplePartial" valuePropName="checked" noStyle><Checkbox disabled={locked}>{t('exam.form.multiplePartial')}</Checkbox></Form.Item>
          </Space>
          <Form.Item name="reveal" label={t('exam.form.reveal')}>
            <Radio.Group data-testid="exam-reveal"><Space direction="vertical">{(['score', 'answers', 'after_close'] as const).map((r) => <Radio key={r} value={r}>{t(REVEAL_LABEL[r])}</Radio>)}</Space></Radio.Group>
          </Form.Item>
          <Form.Item name="unitIds" label={t('exam.form.audienceUnits')} extra={t('exam.form.audienceHint')}>
            <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} loading={units.isPending} options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))} data-testid="exam-audience-units" />
          </Form.Item>
          <Form.Item name="personIds" label={t('exam.form.audiencePeople')}>
            <Select mode="multiple" showSearch={{ filterOption: false, onSearch: (v) => setPq(v.trim()) }} loading={people.isFetching} placeholder={t('crs.assign.peopleSearch')}
              options={[...(existing.data?.audience.people ?? []).map((p) => ({ value: p.id, label: p.name })), ...(people.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name}（${p.unitName}）` }))].filter((o, i, all) => all.findIndex((x) => x.value === o.value) === i)} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={save.isPending} data-testid="exam-save">{t('common.save')}</Button>
        </Form>
      </Card>
    </div>
  );
}
