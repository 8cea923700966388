import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Pagination, Segmented, Select, Tag, Tooltip, Typography } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useT } from '../../app/preferences';
import { usePermissions } from '../../app/session';
import { api, unwrap } from '../../shared/api';
import { EmptyState } from '../../shared/components/EmptyState';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { PageHeader } from '../../shared/components/PageHeader';
import { PageLoading } from '../../shared/components/PageLoading';
import { dayjs, DISPLAY_TZ } from '../../shared/time';
import { LIGHT_COLORS, LIGHT_TAG, meetingKeys, type BranchCompliance, type Light } from './types';

const PAGE = 20;

/** The periods offered: this year and last, their quarters, and the months of this year. */
function periodOptions(t: ReturnType<typeof useT>) {
  const now = dayjs().tz(DISPLAY_TZ);
  const y = now.year();
  const out: { value: string; label: string }[] = [];
  for (const year of [y, y - 1]) {
    out.push({ value: String(year), label: t('cp.year', { y: year }) });
    for (let q = 1; q <= 4; q++) out.push({ value: `${year}-Q${q}`, label: t('cp.quarter', { y: year, q }) });
  }
  for (let m = 1; m <= now.month() + 1; m++) out.push({ value: `${y}-${String(m).padStart(2, '0')}`, label: t('cp.month', { y, m }) });
  return out;
}

function Cells({ b }: { b: BranchCompliance }) {
  const t = useT();
  const perms = usePermissions();
  return (
    <Flex vertical gap={6}>
      {b.kinds.filter((k) => k.applicable).map((k) => (
        <Flex key={k.kind} gap={8} align="center" wrap data-testid="compliance-kind" data-kind={k.kind} data-light={k.light}>
          <Typography.Text style={{ width: 110 }}>{t(`mt.kind.${k.kind}`)}</Typography.Text>
          <Flex gap={3} wrap>
            {k.cells.map((c, i) => (
              <Tooltip key={`${c.period}-${c.group ?? ''}-${i}`} title={`${c.group ? `${c.group} ` : ''}${c.period}：${t(`cp.reason.${c.reason}`)}`}>
                <span aria-label={`${c.period} ${t(`cp.reason.${c.reason}`)}`} style={{ display: 'inline-block', width: 16, height: 16, borderRadius: 3, background: LIGHT_COLORS[c.light], border: c.planned ? '2px solid #1677ff' : 'none' }} />
              </Tooltip>
            ))}
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: '0.9em' }}>{t('cp.counts', { held: k.held, late: k.late, missing: k.missing })}</Typography.Text>
          {perms.includes('meetings.manage') && (k.light === 'red' || k.light === 'amber') && k.kind !== 'group' ? (
            <Link to={`/meetings/new?unitId=${b.unitId}&kind=${k.kind}&period=${k.cells.find((c) => c.light === 'red' || c.light === 'amber')?.period ?? ''}`} data-testid="compliance-plan">{t('cp.planFix')}</Link>
          ) : null}
        </Flex>
      ))}
    </Flex>
  );
}

/** 组织生活落实情况 of a subtree for a period, red first, with the 台账 exports — all from the meeting records. */
export function CompliancePage() {
  const t = useT();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const period = params.get('period') ?? String(dayjs().tz(DISPLAY_TZ).year());
  const light = (['red', 'amber', 'green', 'open'] as const).find((x) => x === params.get('light'));
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const set = (next: { period?: string; light?: Light | undefined; page?: number }) => {
    const p = new URLSearchParams();
    p.set('period', next.period ?? period);
    const l = 'light' in next ? next.light : light;
    if (l) p.set('light', l);
    if ((next.page ?? 1) > 1) p.set('page', String(next.page));
    setParams(p, { replace: true });
  };
  const q = useQuery({
    queryKey: meetingKeys.compliance({ period, light, page }),
    queryFn: () => unwrap(api.GET('/api/meetings/compliance', { params: { query: { period, page, pageSize: PAGE, ...(light ? { light } : {}) } } })),
    placeholderData: keepPreviousData,
  });
  const d = q.data;
  return (
    <div data-testid="compliance-page">
      <PageHeader title={t('cp.title')} subtitle={d ? `${d.unit.name} · ${d.periodLabel}` : undefined} extra={<Button onClick={() => void navigate('/meetings')}>{t('common.back')}</Button>} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex gap={12} wrap align="center">
          <Select value={period} onChange={(v) => set({ period: v, page: 1 })} options={periodOptions(t)} style={{ minWidth: 160 }} data-testid="compliance-period" />
          <Segmented value={light ?? 'all'} onChange={(v) => set({ light: v === 'all' ? undefined : (v as Light), page: 1 })} data-testid="compliance-filter"
            options={[{ value: 'all', label: t('cp.filter.all') }, ...(['red', 'amber', 'green', 'open'] as const).map((l) => ({ value: l, label: `${t(`cp.light.${l}`)}${d ? ` ${d.summary.lights[l]}` : ''}` }))]} />
          <Flex gap={8} wrap>
            <Button href={`/api/meetings/ledger.xlsx?period=${period}`} data-testid="ledger-xlsx">{t('cp.exportXlsx')}</Button>
            <Button href={`/api/meetings/ledger.docx?period=${period}`} data-testid="ledger-docx">{t('cp.exportDocx')}</Button>
          </Flex>
        </Flex>
        {d ? <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>{t('cp.branches', { n: d.summary.branches })}</Typography.Text> : null}
      </Card>
      {q.isError ? <ErrorAlert error={q.error} onRetry={() => void q.refetch()} /> : null}
      {!d ? <PageLoading /> : d.items.length === 0 ? <EmptyState text={t('cp.empty')} /> : (
        <Flex vertical gap={12} data-testid="compliance-list">
          {d.items.map((b) => (
            <Card key={b.unitId} size="small" data-testid="compliance-branch" data-light={b.light}
              title={<Flex gap={8} align="center" wrap><span>{b.name}</span><Tag color={LIGHT_TAG[b.light]} data-testid="compliance-light">{t(`cp.light.${b.light}`)}</Tag></Flex>}>
              <Cells b={b} />
            </Card>
          ))}
          <Pagination simple current={page} total={d.total} pageSize={PAGE} onChange={(p) => set({ page: p })} style={{ alignSelf: 'center' }} />
        </Flex>
      )}
    </div>
  );
}
