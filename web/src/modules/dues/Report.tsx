import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, DatePicker, Flex, Progress, Row, Spin, Statistic, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { usePreferences, useT } from '../../app/preferences';
import { api, download, unwrap } from '../../shared/api';
import { EmptyState } from '../../shared/components/EmptyState';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { LIST_PAGE_SIZE, ResponsiveList } from '../../shared/components/ResponsiveList';
import { useIsMobile } from '../../shared/hooks/useIsMobile';
import { useNotify } from '../../shared/hooks/useNotify';
import { dayjs } from '../../shared/time';
import { UnitSelect } from '../members/UnitSelect';
import { duesKeys, monthLabel, percent, yuan, type DuesReport, type UnpaidRow } from './labels';

const thisMonth = () => dayjs().tz('Asia/Shanghai').format('YYYY-MM');

/** 收缴情况 of a subtree and month, derived from the ledger; the 未交 list; export to .xlsx. */
export function ReportTab({ canExport }: { canExport: boolean }) {
  const t = useT();
  const notify = useNotify();
  const isMobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const unit = params.get('unit') ?? undefined;
  const month = /^\d{4}-\d{2}$/.test(params.get('month') ?? '') ? params.get('month')! : thisMonth();
  const [page, setPage] = useState(1);
  const set = (k: string, v: string | undefined) => {
    const p = new URLSearchParams(params);
    if (v) p.set(k, v); else p.delete(k);
    setParams(p, { replace: true });
    setPage(1);
  };
  const report = useQuery({
    queryKey: duesKeys.report(unit, month),
    queryFn: () => unwrap(api.GET('/api/dues/report', { params: { query: { month, ...(unit ? { orgUnitId: unit } : {}) } } })),
    placeholderData: keepPreviousData,
  });
  const unpaid = useQuery({
    queryKey: duesKeys.unpaid(unit, month, page),
    queryFn: () => unwrap(api.GET('/api/dues/unpaid', { params: { query: { month, page, pageSize: LIST_PAGE_SIZE, ...(unit ? { orgUnitId: unit } : {}) } } })),
    placeholderData: keepPreviousData,
  });
  const exportXlsx = useMutation({ mutationFn: () => download(`/api/dues/report.xlsx?month=${month}${unit ? `&orgUnitId=${unit}` : ''}`, `党费收缴-${month}.xlsx`), onError: notify.failure });
  const r = report.data;
  type URow = UnpaidRow & { id: string };
  const rows = { ...unpaid, data: unpaid.data ? { items: unpaid.data.items.map((u) => ({ ...u, id: u.personId })), total: unpaid.data.total } : undefined };
  return (
    <div className="zg-stack">
      <Card size="small">
        <Flex gap={12} wrap align="center">
          <div style={{ flex: isMobile ? '1 1 100%' : '0 1 360px', minWidth: 200 }}>
            <UnitSelect value={unit ?? r?.unit.id} initialLabel={r?.unit.name} onChange={(v) => set('unit', v)} testId="dues-report-unit" />
          </div>
          <DatePicker picker="month" format="YYYY-MM" allowClear={false} value={dayjs(`${month}-01`)} onChange={(d) => d && set('month', d.format('YYYY-MM'))} data-testid="dues-report-month" />
          {canExport && <Button icon={<DownloadOutlined />} onClick={() => exportXlsx.mutate()} loading={exportXlsx.isPending} disabled={!r} data-testid="dues-report-export">{t('dues.report.export')}</Button>}
        </Flex>
      </Card>
      {report.isError && <ErrorAlert error={report.error} onRetry={() => void report.refetch()} />}
      {report.isPending && <Card loading size="small" />}
      {r && <Spin spinning={report.isFetching}><Summary r={r} /></Spin>}
      <Card size="small" title={t('dues.unpaid.title')}>
        <ResponsiveList<URow>
          query={rows} page={page} onPageChange={setPage} testId="dues-unpaid" rowTestId="dues-unpaid-row"
          empty={<EmptyState text={t('dues.unpaid.empty')} />}
          columns={[
            { title: t('dues.col.name'), key: 'n', width: 120, render: (_, u) => <Link to={`/dues/people/${u.personId}`}>{u.name}</Link> },
            { title: t('dues.col.unit'), key: 'u', render: (_, u) => u.unitName },
            { title: t('dues.unpaid.months'), key: 'm', width: 100, render: (_, u) => u.months },
            { title: t('dues.unpaid.oldest'), key: 'o', width: 120, render: (_, u) => u.oldestMonth },
            { title: t('dues.unpaid.owed'), key: 'a', width: 120, align: 'right', render: (_, u) => `¥${yuan(u.owedFen)}` },
          ]}
          renderCard={(u) => (
            <Link to={`/dues/people/${u.personId}`} style={{ color: 'inherit', display: 'block' }}>
              <Flex justify="space-between"><Typography.Text strong style={{ fontSize: '1.1em' }}>{u.name}</Typography.Text><Typography.Text type="danger">¥{yuan(u.owedFen)}</Typography.Text></Flex>
              <Typography.Text type="secondary">{u.unitName} · {t('dues.unpaid.card', { months: u.months, oldest: u.oldestMonth })}</Typography.Text>
            </Link>
          )}
        />
      </Card>
    </div>
  );
}

function Summary({ r }: { r: DuesReport }) {
  const t = useT();
  const isMobile = useIsMobile();
  const { locale } = usePreferences();
  const rate = r.total.rate;
  return (
    <div className="zg-stack" data-testid="dues-report">
      <Card size="small" title={`${r.unit.name} · ${monthLabel(r.month, locale)}`}>
        {!r.derived && <Alert type="info" showIcon title={t('dues.report.notDerived')} style={{ marginBottom: 12 }} />}
        <Row gutter={[12, 12]} align="middle">
          <Col xs={24} sm={8} md={5} style={{ textAlign: 'center' }}>
            <Progress type="circle" size={110} percent={rate === null ? 0 : Math.round(rate * 1000) / 10} format={() => percent(rate)} data-testid="dues-report-rate" />
            <div><Typography.Text type="secondary">{t('dues.report.rate')}</Typography.Text></div>
          </Col>
          <Col xs={24} sm={16} md={19}>
            <Row gutter={[12, 12]}>
              <Col xs={12} md={6}><Statistic title={t('dues.report.due')} value={yuan(r.total.dueFen)} prefix="¥" data-testid="dues-report-due" /></Col>
              <Col xs={12} md={6}><Statistic title={t('dues.report.collected')} value={yuan(r.total.collectedFen)} prefix="¥" data-testid="dues-report-collected" /></Col>
              <Col xs={12} md={6}><Statistic title={t('dues.report.waived')} value={yuan(r.total.waivedFen)} prefix="¥" /></Col>
              <Col xs={12} md={6}><Statistic title={t('dues.report.outstanding')} value={yuan(r.total.outstandingFen)} prefix="¥" valueStyle={r.total.outstandingFen > 0 ? { color: '#cf1322' } : undefined} /></Col>
              <Col xs={12} md={6}><Statistic title={t('dues.report.members')} value={`${r.total.paidMembers} / ${r.total.members}`} /></Col>
              <Col xs={12} md={6}><Statistic title={t('dues.report.voluntary')} value={yuan(r.voluntaryFen)} prefix="¥" /></Col>
              <Col xs={24} md={12}><Statistic title={t('dues.report.central')} value={`¥${yuan(r.centralFen)}（${r.centralCount}）`} /></Col>
            </Row>
          </Col>
        </Row>
      </Card>
      {r.units.length > 0 && (
        <Card size="small" title={t('dues.report.byUnit')}>
          {isMobile ? (
            // On a phone a card per unit, as the 未交 list below: a five-column table would scroll sideways.
            <Flex vertical gap={8} data-testid="dues-report-units">
              {r.units.map((u) => (
                <Card key={u.id} size="small">
                  <Flex justify="space-between" gap={8}><Typography.Text strong>{u.name}</Typography.Text><span>{percent(u.rate)}</span></Flex>
                  <Progress percent={u.rate === null ? 0 : Math.round(u.rate * 1000) / 10} showInfo={false} size="small" />
                  <Typography.Text type="secondary">
                    {t('dues.report.due')} ¥{yuan(u.dueFen)} · {t('dues.report.collected')} ¥{yuan(u.collectedFen)} · {t('dues.report.outstanding')} ¥{yuan(u.outstandingFen)}
                  </Typography.Text>
                </Card>
              ))}
            </Flex>
          ) : (
          <Table size="small" rowKey="id" pagination={false} dataSource={r.units} scroll={{ x: 640 }} data-testid="dues-report-units" columns={[
            { title: t('dues.col.unit'), dataIndex: 'name' },
            { title: t('dues.report.due'), key: 'd', align: 'right', render: (_, u) => `¥${yuan(u.dueFen)}` },
            { title: t('dues.report.collected'), key: 'c', align: 'right', render: (_, u) => `¥${yuan(u.collectedFen)}` },
            { title: t('dues.report.outstanding'), key: 'o', align: 'right', render: (_, u) => `¥${yuan(u.outstandingFen)}` },
            { title: t('dues.report.rate'), key: 'r', width: 180, render: (_, u) => (u.rate === null ? '—' : <Progress percent={Math.round(u.rate * 1000) / 10} size="small" format={() => percent(u.rate)} />) },
          ]} />
          )}
        </Card>
      )}
      {r.total.members === 0 && <EmptyState text={t('dues.report.empty')} />}
    </div>
  );
}
