import { EditOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Flex, Popconfirm, Progress, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { useT } from '../../app/preferences';
import { api, unwrap } from '../../shared/api';
import { EmptyState } from '../../shared/components/EmptyState';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { PageHeader } from '../../shared/components/PageHeader';
import { PageLoading } from '../../shared/components/PageLoading';
import { PersonalDataWatermark } from '../../shared/components/PersonalDataWatermark';
import { useNotify } from '../../shared/hooks/useNotify';
import { formatDateTime } from '../../shared/time';
import { EXAM_STATE } from './ExamsAdminPage';
import { DIFFICULTY_LABEL, KIND_LABEL, REVEAL_LABEL, WINDOW_LABEL } from './labels';
import { examKeys, fetchExam, type ExamDetail } from './queries';

const BANDS: Record<string, string> = { lt60: '< 60%', '60': '60–69%', '70': '70–79%', '80': '80–89%', '90': '≥ 90%' };

function Results({ e }: { e: ExamDetail }) {
  const t = useT();
  const q = useQuery({ queryKey: examKeys.results(e.id), queryFn: () => unwrap(api.GET('/api/exams/{id}/results', { params: { path: { id: e.id } } })) });
  if (q.isPending) return <Card loading />;
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  const r = q.data;
  const most = Math.max(1, ...r.distribution.map((d) => d.people));
  return (
    <div className="zg-stack" data-testid="exam-results">
      <Card size="small" title={t('exam.results.title')}>
        <Row gutter={[24, 12]}>
          <Col xs={12} sm={6}><Statistic title={t('exam.results.takers')} value={r.takers} suffix={`/ ${r.audienceSize}`} data-testid="exam-results-takers" /></Col>
          <Col xs={12} sm={6}><Statistic title={t('exam.results.passed')} value={r.passed} suffix={r.takers ? `(${Math.round(r.passRate * 100)}%)` : ''} /></Col>
          <Col xs={12} sm={6}><Statistic title={t('exam.results.average')} value={Math.round(r.averageBest * 10) / 10} suffix={`/ ${r.maxScore || e.maxScore}`} /></Col>
          <Col xs={12} sm={6}><Statistic title={t('exam.results.pending')} value={r.pendingManual} /></Col>
        </Row>
        {r.inProgress > 0 && <Typography.Text type="secondary">{t('exam.results.inProgress', { n: r.inProgress })}</Typography.Text>}
      </Card>
      <Card size="small" title={t('exam.results.distribution')}>
        {r.distribution.map((d) => (
          <Flex key={d.key} gap={8} align="center">
            <span style={{ width: 72 }}>{BANDS[d.key] ?? d.key}</span>
            <Progress percent={Math.round((d.people / most) * 100)} status="normal" strokeColor="#c8161d" format={() => String(d.people)} style={{ flex: 1, margin: 0 }} />
          </Flex>
        ))}
      </Card>
      <Card size="small" title={t('exam.results.items')}>
        {r.items.length === 0 ? <EmptyState text={t('exam.results.noItems')} /> : (
          <Table size="small" rowKey="questionId" dataSource={r.items} pagination={{ pageSize: 10, showSizeChanger: false }} scroll={{ x: 560 }} columns={[
            { title: t('exam.bank.stem'), dataIndex: 'stem', key: 'stem', ellipsis: true },
            { title: t('exam.bank.kind'), key: 'kind', width: 90, render: (_, i) => t(KIND_LABEL[i.kind]) },
            { title: t('exam.results.seen'), dataIndex: 'seen', key: 'seen', width: 70 },
            { title: t('exam.results.scoreRate'), key: 'rate', width: 160, render: (_, i) => <Progress percent={Math.round(i.scoreRate * 100)} size="small" status="normal" strokeColor={i.scoreRate < 0.6 ? '#cf1322' : '#389e0d'} format={(p) => `${p ?? 0}%`} /> },
          ]} />
        )}
      </Card>
      {r.people ? (
        <PersonalDataWatermark>
          <Card size="small" title={t('exam.results.people')} data-testid="exam-results-people">
            <Table size="small" rowKey="personId" dataSource={r.people} pagination={{ pageSize: 20, showSizeChanger: false }} scroll={{ x: 560 }} columns={[
              { title: t('crs.progress.name'), dataIndex: 'name', key: 'name', width: 90 },
              { title: t('exam.col.unit'), dataIndex: 'unitName', key: 'unit' },
              { title: t('exam.results.best'), key: 'best', width: 90, render: (_, p) => (p.pending ? t('exam.result.pendingShort') : (p.bestScore ?? '—')) },
              { title: t('exam.results.attempts'), dataIndex: 'attempts', key: 'attempts', width: 80 },
              { title: '', key: 'passed', width: 80, render: (_, p) => (p.bestScore === null ? null : <Tag color={p.passed ? 'success' : 'error'}>{p.passed ? t('exam.passed') : t('exam.failed')}</Tag>) },
            ]} />
          </Card>
        </PersonalDataWatermark>
      ) : <Alert type="info" showIcon title={t('exam.results.noNames')} />}
    </div>
  );
}

export function ExamDetailPage() {
  const t = useT();
  const navigate = useNavigate();
  const notify = useNotify();
  const qc = useQueryClient();
  const { id = '' } = useParams();
  const q = useQuery({ queryKey: examKeys.detail(id), queryFn: () => fetchExam(id) });
  const act = useMutation({
    mutationFn: (a: 'publish' | 'archive' | { regrade: string }) => {
      const path = { params: { path: { id } } };
      if (a === 'publish') return unwrap(api.POST('/api/exams/{id}/publish', path)).then(() => t('exam.detail.published'));
      if (a === 'archive') return unwrap(api.POST('/api/exams/{id}/archive', path)).then(() => t('common.saved'));
      return unwrap(api.POST('/api/exams/{id}/regrade', { ...path, body: { questionId: a.regrade } })).then((r) => t('exam.regrade.done', { attempts: r.regraded, changed: r.changed }));
    },
    onSuccess: (text) => { notify.success(text); void qc.invalidateQueries({ queryKey: examKeys.all }); },
    onError: notify.failure,
  });
  if (q.isPending) return <PageLoading />;
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  const e = q.data;
  const w = WINDOW_LABEL[e.window];
  const stale = e.items.filter((i) => i.stale);
  return (
    <div>
      <PageHeader title={t('exam.detail.title')} extra={<Button onClick={() => void navigate('/exams')}>{t('common.back')}</Button>} />
      <div className="zg-stack">
        <Card size="small" data-testid="exam-detail">
          <Flex justify="space-between" wrap gap={8}>
            <Typography.Title level={4} style={{ margin: 0 }}>{e.title}</Typography.Title>
            <Space><Tag color={EXAM_STATE[e.state].color} data-testid="exam-state" data-state={e.state}>{t(EXAM_STATE[e.state].label)}</Tag>{e.state === 'published' && <Tag color={w.color}>{t(w.label)}</Tag>}</Space>
          </Flex>
          <Descriptions size="small" column={{ xs: 1, sm: 2 }} style={{ marginTop: 8 }} items={[
            { key: 'unit', label: t('exam.form.unit'), children: e.unitName },
            { key: 'time', label: t('exam.form.window'), children: `${formatDateTime(e.opensAt)} – ${formatDateTime(e.closesAt)}` },
            { key: 'paper', label: t('exam.form.paperMode'), children: `${e.paperMode === 'random' ? t('exam.form.random') : t('exam.form.fixed')} · ${t('exam.form.fullScore', { n: e.maxScore })}` },
            { key: 'limit', label: t('exam.form.timeLimit'), children: t('exam.minutes', { n: e.timeLimitMinutes }) },
            { key: 'pass', label: t('exam.form.passScore'), children: e.passScore },
            { key: 'attempts', label: t('exam.form.maxAttempts'), children: e.maxAttempts },
            { key: 'reveal', label: t('exam.form.reveal'), children: t(REVEAL_LABEL[e.reveal]) },
            { key: 'audience', label: t('exam.detail.audience'), children: `${[...e.audience.units.map((u) => u.name), ...e.audience.people.map((p) => p.name)].join('、')}（${t('crs.detail.people', { n: e.audience.size })}）` },
          ]} />
          {e.paperMode === 'random' && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
              {e.rules.map((r) => t('exam.detail.rule', { category: r.categoryName, difficulty: t(DIFFICULTY_LABEL[r.difficulty]!), count: r.count, points: r.points, available: r.available })).join('；')}
            </Typography.Paragraph>
          )}
          <Space wrap>
            {e.abilities.edit && <Button icon={<EditOutlined />} onClick={() => void navigate(`/exams/${e.id}/edit`)} data-testid="exam-edit">{t('exam.detail.edit')}</Button>}
            {e.abilities.publish && <Button type="primary" loading={act.isPending} onClick={() => act.mutate('publish')} data-testid="exam-publish">{t('exam.detail.publish')}</Button>}
            {e.abilities.archive && <Popconfirm title={t('exam.detail.archiveConfirm')} onConfirm={() => act.mutate('archive')}><Button danger data-testid="exam-archive">{t('exam.detail.archive')}</Button></Popconfirm>}
          </Space>
        </Card>
        {stale.length > 0 && (
          <Alert type="warning" showIcon title={t('exam.detail.stale', { n: stale.length })} description={
            <Space direction="vertical">
              {stale.map((i) => (
                <Flex key={i.questionId} gap={8} align="center" wrap>
                  <span>{i.position}. {i.stem}（{t('exam.bank.version', { n: i.version })} → {t('exam.bank.version', { n: i.currentVersion })}）</span>
                  <Popconfirm title={t('exam.regrade.confirm', { title: e.title })} onConfirm={() => act.mutate({ regrade: i.questionId })}><Button size="small" data-testid="exam-regrade">{t('exam.regrade.button')}</Button></Popconfirm>
                </Flex>
              ))}
            </Space>
          } />
        )}
        {e.state !== 'draft' && <Results e={e} />}
      </div>
    </div>
  );
}
