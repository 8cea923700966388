import { Card, Pagination, Spin, Table, type TableColumnsType, type TableProps } from 'antd';
import type { HTMLAttributes, Key, ReactNode } from 'react';
import { useT } from '../../app/preferences';
import { useIsMobile } from '../hooks/useIsMobile';
import { ErrorAlert } from './ErrorAlert';

/** Page size of the server-paged lists (accounts, audit, members). */
export const LIST_PAGE_SIZE = 20;

/** What the list reads from its TanStack query (a `useQuery` result over one page of items fits). */
export interface PagedQuery<T> {
  data: { items: readonly T[]; total: number } | undefined;
  isPending: boolean;
  isFetching: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
}

interface Props<T extends { id: Key }> {
  query: PagedQuery<T>;
  page: number;
  onPageChange: (page: number) => void;
  pageSize?: number;
  /** Desktop table columns. */
  columns: TableColumnsType<T>;
  /** Body of an item's card on phones (the card itself, its key and row test id are provided). */
  renderCard: (item: T) => ReactNode;
  /** Shown when the page has no items (an `EmptyState`). */
  empty: ReactNode;
  /** `data-testid` of the list: the card list on phones, the table on desktops. */
  testId: string;
  /** `data-testid` of each item: its card on phones, its table row on desktops. */
  rowTestId: string;
  /** Table presentation that differs between lists. */
  table?: Pick<TableProps<T>, 'size' | 'scroll' | 'expandable'>;
  /** Show a failed load with a retry button above the list (default true). */
  showError?: boolean;
}

/**
 * A server-paged list: cards with simple pagination on phones, a table with the standard pagination on desktops.
 * Loading: a placeholder card / blank table while nothing has loaded (`isPending`), a spinner over the kept page
 * while another page or search loads (`isFetching`). The empty state only once a page has loaded and is empty (not
 * under a load error).
 */
export function ResponsiveList<T extends { id: Key }>({
  query,
  page,
  onPageChange,
  pageSize = LIST_PAGE_SIZE,
  columns,
  renderCard,
  empty,
  testId,
  rowTestId,
  table,
  showError = true,
}: Props<T>) {
  const t = useT();
  const isMobile = useIsMobile();
  const data = query.data;
  const error = showError && query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null;

  if (isMobile) {
    return (
      <>
        {error}
        <Spin spinning={query.isFetching}>
          <div className="zg-card-list" data-testid={testId}>
            {query.isPending && <Card loading size="small" />}
            {data !== undefined && data.items.length === 0 && empty}
            {data?.items.map((item) => (
              <Card key={item.id} size="small" data-testid={rowTestId}>
                {renderCard(item)}
              </Card>
            ))}
          </div>
          {data !== undefined && data.total > pageSize && (
            <Pagination simple align="center" style={{ marginTop: 12 }} current={page} pageSize={pageSize} total={data.total} onChange={onPageChange} />
          )}
        </Spin>
      </>
    );
  }

  const rowAttributes: HTMLAttributes<HTMLElement> & { 'data-testid': string } = { 'data-testid': rowTestId };
  return (
    <>
      {error}
      <Table<T>
        data-testid={testId}
        rowKey="id"
        {...table}
        columns={columns}
        dataSource={data?.items ?? []}
        loading={query.isFetching}
        locale={{ emptyText: data === undefined ? ' ' : empty }}
        onRow={() => rowAttributes}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (total) => t('common.total', { total }),
          onChange: onPageChange,
        }}
      />
    </>
  );
}
