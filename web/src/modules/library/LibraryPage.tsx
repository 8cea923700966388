import { PlusOutlined, SearchOutlined, ShareAltOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Input, List, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, Route, Routes, useNavigate, useSearchParams } from 'react-router';
import { useT } from '../../app/preferences';
import { usePermissions } from '../../app/session';
import { api, unwrap } from '../../shared/api';
import { EmptyState } from '../../shared/components/EmptyState';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { PageHeader } from '../../shared/components/PageHeader';
import { useIsMobile } from '../../shared/hooks/useIsMobile';
import { formatDateTime } from '../../shared/time';
import { Highlighted } from './Highlighted';
import { categoryLabel, KIND_COLORS, kindLabel } from './labels';
import { CATEGORIES, KINDS, libraryKeys, searchLibrary, type ResourceCard, type ResourceCategory, type ResourceKind, type SearchQuery } from './queries';
import { ResourceEditPage } from './ResourceEditPage';
import { ResourcePage } from './ResourcePage';

const PAGE_SIZE = 10;

/** 学习资源库: search and browse; a resource's page; the editor for managers. */
export function LibraryPage() {
  return (
    <Routes>
      <Route index element={<SearchPage />} />
      <Route path="new" element={<ResourceEditPage />} />
      <Route path=":id/edit" element={<ResourceEditPage />} />
      <Route path=":id" element={<ResourcePage />} />
    </Routes>
  );
}

function SearchPage() {
  const t = useT();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const canManage = usePermissions().includes('library.manage');
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [text, setText] = useState(q);
  const query: SearchQuery = {
    page: Math.max(1, Number(params.get('page') ?? '1') || 1), pageSize: PAGE_SIZE,
    ...(q ? { q } : {}),
    ...(params.get('kind') ? { kind: params.get('kind') as ResourceKind } : {}),
    ...(params.get('category') ? { category: params.get('category') as ResourceCategory } : {}),
    ...(params.get('tag') ? { tag: params.get('tag')! } : {}),
    ...(params.get('status') ? { status: params.get('status') as 'draft' | 'published' } : {}),
  };
  const set = (next: Record<string, string | null>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) if (v) p.set(k, v); else p.delete(k);
    if (!('page' in next)) p.delete('page');
    setParams(p, { replace: true });
  };
  const results = useQuery({ queryKey: libraryKeys.search(query), queryFn: () => searchLibrary(query), placeholderData: keepPreviousData });
  const tags = useQuery({ queryKey: libraryKeys.tags, queryFn: () => unwrap(api.GET('/api/library/tags')) });
  const filtered = Boolean(q || query.kind || query.category || query.tag || query.status);

  const card = (r: ResourceCard) => (
    <List.Item key={r.id} data-testid="library-result">
      <Link to={`/library/${r.id}${r.passageId ? `?passage=${r.passageId}` : ''}`} style={{ color: 'inherit', display: 'block', width: '100%' }} data-testid="library-result-open">
        <Flex gap={8} wrap align="center" style={{ marginBottom: 4 }}>
          <Tag color={KIND_COLORS[r.kind]}>{t(kindLabel(r.kind))}</Tag>
          <Typography.Text strong style={{ fontSize: '1.1em' }}><Highlighted parts={r.titleParts} testId="library-result-title" /></Typography.Text>
          {r.status === 'draft' && <Tag>{t('library.status.draft')}</Tag>}
          {r.shared && !r.fromOtherTenant && <Tag icon={<ShareAltOutlined />} color="gold">{t('library.shared')}</Tag>}
          {r.fromOtherTenant && <Tag color="gold">{t('library.fromOther')}</Tag>}
        </Flex>
        {r.snippet.length > 0 && (
          <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }} data-testid="library-result-snippet">
            <Highlighted parts={r.snippet} />
          </Typography.Paragraph>
        )}
        <Space size={4} wrap>
          <Typography.Text type="secondary">{t(categoryLabel(r.category))}</Typography.Text>
          {r.source && <Typography.Text type="secondary">· {r.source}</Typography.Text>}
          {r.publishedAt && <Typography.Text type="secondary">· {formatDateTime(r.publishedAt).slice(0, 10)}</Typography.Text>}
          {r.tags.map((tag) => <Tag key={tag} bordered={false}>{tag}</Tag>)}
        </Space>
      </Link>
    </List.Item>
  );

  const select = (key: string, value: string | null, options: { value: string; label: string }[], label: string) => (
    <Select
      allowClear
      aria-label={label}
      placeholder={label}
      style={{ minWidth: isMobile ? 0 : 130, flex: isMobile ? '1 1 45%' : undefined }}
      value={value ?? undefined}
      onChange={(v: string | undefined) => set({ [key]: v ?? null })}
      options={options}
      data-testid={`library-filter-${key}`}
    />
  );

  return (
    <div>
      <PageHeader
        title={t('library.title')}
        subtitle={t('library.subtitle')}
        extra={canManage ? <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/library/new')} data-testid="library-new">{t('library.new')}</Button> : undefined}
      />
      <div className="zg-stack">
        <Card size="small">
          <Input.Search
            size="large"
            allowClear
            value={text}
            onChange={(e) => setText(e.target.value)}
            onSearch={(v) => set({ q: v.trim() || null })}
            placeholder={t('library.search.placeholder')}
            enterButton={<><SearchOutlined /> {isMobile ? '' : t('library.search.button')}</>}
            maxLength={100}
            data-testid="library-search"
          />
          <Flex gap={8} wrap style={{ marginTop: 12 }}>
            {select('kind', query.kind ?? null, KINDS.map((k) => ({ value: k, label: t(kindLabel(k)) })), t('library.filter.kind'))}
            {select('category', query.category ?? null, CATEGORIES.map((c) => ({ value: c, label: t(categoryLabel(c)) })), t('library.filter.category'))}
            {select('tag', query.tag ?? null, (tags.data?.items ?? []).map((x) => ({ value: x.tag, label: `${x.tag} (${x.count})` })), t('library.filter.tag'))}
            {canManage && select('status', query.status ?? null, [{ value: 'published', label: t('library.status.published') }, { value: 'draft', label: t('library.status.draft') }], t('library.filter.status'))}
          </Flex>
        </Card>
        {results.isError && <ErrorAlert error={results.error} onRetry={() => void results.refetch()} />}
        <Card size="small" title={results.data ? t('library.results', { total: results.data.total }) : undefined}>
          <List<ResourceCard>
            data-testid="library-results"
            loading={results.isFetching}
            dataSource={results.data?.items ?? []}
            renderItem={card}
            locale={{ emptyText: results.data === undefined ? ' ' : <EmptyState text={filtered ? t('library.empty.search') : t('library.empty')} /> }}
            pagination={results.data && results.data.total > PAGE_SIZE ? {
              current: query.page, pageSize: PAGE_SIZE, total: results.data.total, simple: isMobile, align: 'center', onChange: (p) => set({ page: String(p) }),
            } : false}
          />
        </Card>
      </div>
    </div>
  );
}
