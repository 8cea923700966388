import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Flex, Row, Segmented, Select, Spin, Statistic, Table, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useSearchParams } from 'react-router';
import { usePreferences, useT } from '../../app/preferences';
import { api, download, unwrap } from '../../shared/api';
import type { Statistics, StatTable } from '../../shared/api-models';
import { EmptyState } from '../../shared/components/EmptyState';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { PageHeader } from '../../shared/components/PageHeader';
import { useIsMobile } from '../../shared/hooks/useIsMobile';
import { useNotify } from '../../shared/hooks/useNotify';
import { UnitSelect } from '../members/UnitSelect';

// ECharts is large: its own chunk, loaded when a chart is first shown.
const BarChart = lazy(() => import('./BarChart'));

const SUMMARY = ['members', 'full', 'probationary', 'female', 'minority', 'newMembers', 'orgUnits'] as const;

function chinaYear(): number {
  return Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
}

/** 党内统计: pick a unit in scope and a year; summary figures, then each table with a bar chart; export to .xlsx. */
export function StatsPage() {
  const t = useT();
  const notify = useNotify();
  const isMobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const thisYear = chinaYear();
  const year = Number(params.get('year')) || thisYear;
  const scopes = useQuery({ queryKey: ['stats', 'units'], queryFn: () => unwrap(api.GET('/api/stats/units')) });
  const unitId = params.get('unit') ?? scopes.data?.items[0]?.id;
  const unitLabel = scopes.data?.items.find((u) => u.id === unitId)?.name;
  const set = (next: { unit?: string | undefined; year?: number }) => {
    const p = new URLSearchParams(params);
    if (next.unit !== undefined) p.set('unit', next.unit);
    if (next.year !== undefined) p.set('year', String(next.year));
    setParams(p, { replace: true });
  };
  const stats = useQuery({
    queryKey: ['stats', unitId, year],
    queryFn: () => unwrap(api.GET('/api/stats', { params: { query: { unitId: unitId!, year } } })),
    enabled: unitId !== undefined,
    placeholderData: keepPreviousData,
  });
  const exportXlsx = useMutation({
    mutationFn: () => download(`/api/stats/export.xlsx?unitId=${unitId}&year=${year}`, `党内统计-${year}.xlsx`),
    onError: notify.failure,
  });
  const years = Array.from({ length: 11 }, (_, i) => thisYear - i);

  return (
    <div>
      <PageHeader
        title={t('stats.title')}
        subtitle={t('stats.subtitle')}
        extra={
          <Button icon={<DownloadOutlined />} disabled={!stats.data} loading={exportXlsx.isPending} onClick={() => exportXlsx.mutate()} data-testid="stats-export">
            {t('stats.export')}
          </Button>
        }
      />
      <div className="zg-stack">
        <Card size="small">
          <Flex gap={12} wrap align="center">
            <div style={{ flex: isMobile ? '1 1 100%' : '0 1 360px', minWidth: 200 }}>
              <UnitSelect value={unitId} initialLabel={unitLabel} onChange={(v) => v && set({ unit: v })} testId="stats-unit" />
            </div>
            <Select
              value={year}
              onChange={(v: number) => set({ year: v })}
              options={years.map((y) => ({ value: y, label: t('stats.yearValue', { year: y }) }))}
              style={{ width: 120 }}
              aria-label={t('stats.year')}
              data-testid="stats-year"
            />
            {stats.data && <Typography.Text type="secondary" data-testid="stats-asof">{t('stats.asOf', { date: stats.data.asOf })}</Typography.Text>}
          </Flex>
        </Card>
        {scopes.isError && <ErrorAlert error={scopes.error} onRetry={() => void scopes.refetch()} />}
        {stats.isError && <ErrorAlert error={stats.error} onRetry={() => void stats.refetch()} />}
        {unitId === undefined && scopes.data && <EmptyState text={t('stats.pickUnit')} />}
        {(stats.isPending && unitId !== undefined) && <Card loading size="small" />}
        {stats.data && (
          <Spin spinning={stats.isFetching}>
            <Report stats={stats.data} />
          </Spin>
        )}
      </div>
    </div>
  );
}

function Report({ stats }: { stats: Statistics }) {
  const t = useT();
  return (
    <div className="zg-stack" data-testid="stats-report">
      <Card size="small" title={stats.unit.name}>
        <Row gutter={[12, 12]}>
          {SUMMARY.map((k) => (
            <Col key={k} xs={12} sm={8} md={6} lg={3}>
              <Statistic title={t(`stats.summary.${k}`)} value={stats.summary[k]} data-testid={`stats-summary-${k}`} />
            </Col>
          ))}
        </Row>
      </Card>
      {stats.summary.members === 0 && <EmptyState text={t('stats.empty')} />}
      <Row gutter={[12, 12]}>
        {stats.tables.filter((x) => x.key !== 'status').map((table) => (
          <Col key={table.key} xs={24} lg={12}>
            <TableCard table={table} />
          </Col>
        ))}
      </Row>
    </div>
  );
}

function TableCard({ table }: { table: StatTable }) {
  const t = useT();
  const { locale } = usePreferences();
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const pick = (m: { zh: string; en: string }) => (locale === 'en-US' ? m.en : m.zh);
  const rows = table.rows.map((r) => ({ key: r.key || '_', label: pick(r.label), values: r.values }));
  const note = table.key === 'membership' ? t('stats.membershipNote') : undefined;
  return (
    <Card
      size="small"
      title={pick(table.title)}
      data-testid={`stats-table-${table.key}`}
      extra={<Segmented size="small" value={view} onChange={(v) => setView(v as 'chart' | 'table')} options={[{ value: 'chart', label: t('stats.chart') }, { value: 'table', label: t('stats.table') }]} />}
    >
      {rows.length === 0 ? (
        <EmptyState text="0" />
      ) : view === 'chart' ? (
        <Suspense fallback={<Spin />}>
          {/* Member tables chart 正式/预备 side by side; count tables their one value. */}
          <BarChart
            labels={rows.map((r) => r.label)}
            series={(table.columns.length > 1 ? table.columns.slice(1) : table.columns).map((c) => {
              const i = table.columns.indexOf(c);
              return { name: pick(c.label), values: rows.map((r) => r.values[i] ?? 0) };
            })}
          />
        </Suspense>
      ) : (
        <Table
          size="small"
          pagination={false}
          dataSource={rows}
          columns={[
            { title: t('stats.col.item'), dataIndex: 'label', key: 'label' },
            ...table.columns.map((c, i) => ({ title: pick(c.label), key: c.key, align: 'right' as const, render: (_: unknown, r: (typeof rows)[number]) => r.values[i] ?? 0 })),
          ]}
        />
      )}
      {note && <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>{note}</Typography.Text>}
    </Card>
  );
}
