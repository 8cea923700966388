import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Segmented, Tag, Typography, type TableColumnsType } from 'antd';
import { Link, Route, Routes, useNavigate, useSearchParams } from 'react-router';
import { useT } from '../../app/preferences';
import type { MessageKey } from '../../app/i18n/translate';
import { api, unwrap } from '../../shared/api';
import { EmptyState } from '../../shared/components/EmptyState';
import { PageHeader } from '../../shared/components/PageHeader';
import { LIST_PAGE_SIZE, ResponsiveList } from '../../shared/components/ResponsiveList';
import { formatDateTime } from '../../shared/time';
import { ExamDetailPage } from './ExamDetailPage';
import { ExamEditPage } from './ExamEditPage';
import { QuestionBank } from './QuestionBank';
import { QuestionEditPage } from './QuestionEditPage';
import { QuestionImportPage } from './QuestionImportPage';
import { WINDOW_LABEL } from './labels';
import { examKeys, type ExamItem } from './queries';

export const EXAM_STATE: Record<ExamItem['state'], { color: string; label: MessageKey }> = {
  draft: { color: 'default', label: 'exam.state.draft' },
  published: { color: 'success', label: 'exam.state.published' },
  archived: { color: 'default', label: 'exam.state.archived' },
};

function ExamList() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const list = useQuery({
    queryKey: examKeys.list(page, ''),
    queryFn: () => unwrap(api.GET('/api/exams', { params: { query: { page, pageSize: LIST_PAGE_SIZE } } })),
    placeholderData: keepPreviousData,
  });
  const tags = (e: ExamItem) => (
    <>
      <Tag color={EXAM_STATE[e.state].color}>{t(EXAM_STATE[e.state].label)}</Tag>
      {e.state === 'published' && <Tag color={WINDOW_LABEL[e.window].color}>{t(WINDOW_LABEL[e.window].label)}</Tag>}
    </>
  );
  const columns: TableColumnsType<ExamItem> = [
    { title: t('exam.col.title'), key: 'title', render: (_, e) => <Link to={`/exams/${e.id}`} data-testid="exam-open">{e.title}</Link> },
    { title: t('exam.col.unit'), dataIndex: 'unitName', key: 'unit', width: 160 },
    { title: t('exam.col.time'), key: 'time', width: 280, render: (_, e) => `${formatDateTime(e.opensAt)} – ${formatDateTime(e.closesAt)}` },
    { title: t('exam.col.takers'), key: 'takers', width: 90, render: (_, e) => e.takers },
    { title: t('exam.col.state'), key: 'state', width: 160, render: (_, e) => tags(e) },
  ];
  return (
    <ResponsiveList<ExamItem>
      query={list} page={page} onPageChange={(p) => setParams(p > 1 ? { page: String(p) } : {}, { replace: true })} columns={columns}
      empty={<EmptyState text={t('exam.admin.empty')} />} testId="exams-table" rowTestId="exam-row"
      renderCard={(e) => (
        <Link to={`/exams/${e.id}`} style={{ color: 'inherit', display: 'block' }} data-testid="exam-open">
          <Flex justify="space-between" gap={8}><Typography.Text strong>{e.title}</Typography.Text><span>{tags(e)}</span></Flex>
          <Typography.Text type="secondary" style={{ display: 'block' }}>{formatDateTime(e.opensAt)} – {formatDateTime(e.closesAt)} · {t('exam.takersN', { n: e.takers })}</Typography.Text>
        </Link>
      )}
    />
  );
}

function Home() {
  const t = useT();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'bank' ? 'bank' : 'exams';
  return (
    <div>
      <PageHeader title={t('exam.admin.title')} subtitle={t('exam.admin.subtitle')} extra={tab === 'exams'
        ? <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/exams/new')} data-testid="exam-create">{t('exam.admin.create')}</Button>
        : (
          <>
            <Button icon={<UploadOutlined />} onClick={() => void navigate('/exams/import')} data-testid="question-import">{t('exam.import.title')}</Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/exams/questions/new')} data-testid="question-create">{t('exam.bank.create')}</Button>
          </>
        )} />
      <Segmented value={tab} onChange={(v) => setParams(v === 'bank' ? { tab: 'bank' } : {}, { replace: true })} style={{ marginBottom: 12 }} data-testid="exam-admin-tabs"
        options={[{ value: 'exams', label: <span data-testid="exam-tab-exams">{t('exam.admin.tabExams')}</span> }, { value: 'bank', label: <span data-testid="exam-tab-bank">{t('exam.admin.tabBank')}</span> }]} />
      <Card size="small">{tab === 'exams' ? <ExamList /> : <QuestionBank />}</Card>
    </div>
  );
}

/** 考试与题库: exams (setup, results, regrades) and the question bank (list, edit with versions, Excel import). */
export function ExamsAdminPage() {
  return (
    <Routes>
      <Route index element={<Home />} />
      <Route path="new" element={<ExamEditPage />} />
      <Route path="import" element={<QuestionImportPage />} />
      <Route path="questions/new" element={<QuestionEditPage />} />
      <Route path="questions/:qid" element={<QuestionEditPage />} />
      <Route path=":id" element={<ExamDetailPage />} />
      <Route path=":id/edit" element={<ExamEditPage />} />
    </Routes>
  );
}
