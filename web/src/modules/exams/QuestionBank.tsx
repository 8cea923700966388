import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Flex, Input, Modal, Select, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useT } from '../../app/preferences';
import { api, unwrap } from '../../shared/api';
import { EmptyState } from '../../shared/components/EmptyState';
import { LIST_PAGE_SIZE, ResponsiveList } from '../../shared/components/ResponsiveList';
import { useNotify } from '../../shared/hooks/useNotify';
import { DIFFICULTY_LABEL, KIND_LABEL } from './labels';
import { examKeys, fetchCategories, type QuestionItem, type QuestionKind, type QuestionQuery } from './queries';

const KINDS: QuestionKind[] = ['single', 'multiple', 'true_false', 'fill', 'short'];

export function useCategories() {
  return useQuery({ queryKey: examKeys.categories, queryFn: fetchCategories });
}

function NewCategory() {
  const t = useT();
  const notify = useNotify();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const create = useMutation({
    mutationFn: () => unwrap(api.POST('/api/exams/categories', { body: { name: name.trim() } })),
    onSuccess: () => { setOpen(false); setName(''); void qc.invalidateQueries({ queryKey: examKeys.categories }); notify.success(t('common.saved')); },
    onError: notify.failure,
  });
  return (
    <>
      <Button icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="category-create">{t('exam.bank.newCategory')}</Button>
      <Modal open={open} title={t('exam.bank.newCategory')} onCancel={() => setOpen(false)} onOk={() => create.mutate()} okButtonProps={{ disabled: !name.trim(), loading: create.isPending }}>
        <Input value={name} maxLength={50} onChange={(e) => setName(e.target.value)} placeholder={t('exam.bank.categoryName')} data-testid="category-name" />
      </Modal>
    </>
  );
}

/** 题库: filter by category, kind, difficulty and words of the question; each question shows its current version. */
export function QuestionBank() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const cats = useCategories();
  const query: QuestionQuery = {
    page: Math.max(1, Number(params.get('page') ?? '1') || 1), pageSize: LIST_PAGE_SIZE,
    ...(params.get('category') ? { categoryId: params.get('category')! } : {}),
    ...(KINDS.includes(params.get('kind') as QuestionKind) ? { kind: params.get('kind') as QuestionKind } : {}),
    ...(['1', '2', '3'].includes(params.get('difficulty') ?? '') ? { difficulty: Number(params.get('difficulty')) as 1 | 2 | 3 } : {}),
    ...(params.get('q') ? { q: params.get('q')! } : {}),
    ...(params.get('archived') === '1' ? { archived: true } : {}),
  };
  const set = (k: string, v: string | undefined) => {
    const p = new URLSearchParams(params);
    p.set('tab', 'bank');
    p.delete('page');
    if (v) p.set(k, v); else p.delete(k);
    if (k === 'page' && v) p.set('page', v);
    setParams(p, { replace: true });
  };
  const list = useQuery({ queryKey: examKeys.questions(query), queryFn: () => unwrap(api.GET('/api/exams/questions', { params: { query } })), placeholderData: keepPreviousData });
  const tags = (q: QuestionItem) => (
    <>
      <Tag color="blue">{t(KIND_LABEL[q.kind])}</Tag>
      <Tag>{t(DIFFICULTY_LABEL[q.difficulty] ?? 'exam.difficulty.2')}</Tag>
      <Tag bordered={false}>{q.categoryName}</Tag>
      {q.version > 1 && <Tag bordered={false}>{t('exam.bank.version', { n: q.version })}</Tag>}
    </>
  );
  const columns: TableColumnsType<QuestionItem> = [
    { title: t('exam.bank.stem'), key: 'stem', render: (_, q) => <Link to={`/exams/questions/${q.id}`} data-testid="question-open">{q.stem}</Link> },
    { title: '', key: 'tags', width: 300, render: (_, q) => tags(q) },
  ];
  return (
    <div data-testid="question-bank">
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Select allowClear style={{ minWidth: 160 }} placeholder={t('exam.bank.allCategories')} value={query.categoryId} onChange={(v?: string) => set('category', v)} loading={cats.isPending}
          options={(cats.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.name}（${c.total}）` }))} data-testid="bank-category" />
        <Select allowClear style={{ minWidth: 120 }} placeholder={t('exam.bank.allKinds')} value={query.kind} onChange={(v?: string) => set('kind', v)}
          options={KINDS.map((k) => ({ value: k, label: t(KIND_LABEL[k]) }))} />
        <Select allowClear style={{ minWidth: 100 }} placeholder={t('exam.bank.allDifficulties')} value={query.difficulty ? String(query.difficulty) : undefined} onChange={(v?: string) => set('difficulty', v)}
          options={['1', '2', '3'].map((d) => ({ value: d, label: t(DIFFICULTY_LABEL[Number(d)]!) }))} />
        <Input.Search allowClear style={{ maxWidth: 240 }} placeholder={t('exam.bank.search')} defaultValue={query.q} onSearch={(v) => set('q', v.trim() || undefined)} data-testid="bank-search" />
        <Select style={{ minWidth: 100 }} value={params.get('archived') === '1' ? '1' : '0'} onChange={(v: string) => set('archived', v === '1' ? '1' : undefined)}
          options={[{ value: '0', label: t('exam.bank.live') }, { value: '1', label: t('exam.bank.archived') }]} />
        <NewCategory />
      </Flex>
      <ResponsiveList<QuestionItem>
        query={list} page={query.page} onPageChange={(p) => set('page', String(p))} columns={columns}
        empty={<EmptyState text={t('exam.bank.empty')} />} testId="questions-table" rowTestId="question-row"
        renderCard={(q) => (
          <Link to={`/exams/questions/${q.id}`} style={{ color: 'inherit', display: 'block' }} data-testid="question-open">
            <Typography.Paragraph ellipsis={{ rows: 3 }} style={{ marginBottom: 4 }}>{q.stem}</Typography.Paragraph>
            <div>{tags(q)}</div>
          </Link>
        )}
      />
    </div>
  );
}
