import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Segmented, Select, Typography, type TableColumnsType } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useT } from '../../app/preferences';
import { api, download, unwrap } from '../../shared/api';
import type { TransferItem, TransferState } from '../../shared/api-models';
import { EmptyState } from '../../shared/components/EmptyState';
import { PageHeader } from '../../shared/components/PageHeader';
import { PersonalDataWatermark } from '../../shared/components/PersonalDataWatermark';
import { LIST_PAGE_SIZE, ResponsiveList } from '../../shared/components/ResponsiveList';
import { useIsMobile } from '../../shared/hooks/useIsMobile';
import { useNotify } from '../../shared/hooks/useNotify';
import { transferKeys, type Box } from './queries';
import { StateTag } from './StateTag';
import { TransferSettingsButton } from './TransferSettingsButton';

const STATES: TransferState[] = ['draft', 'issued', 'received', 'returned', 'expired', 'cancelled'];

/** The 转出 and 转入 tabs; box, state and page live in the address so "back" from a detail keeps them. */
export function TransferListPage() {
  const t = useT();
  const navigate = useNavigate();
  const notify = useNotify();
  const isMobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const box: Box = params.get('box') === 'incoming' ? 'incoming' : 'outgoing';
  const state = (STATES as string[]).includes(params.get('state') ?? '') ? (params.get('state') as TransferState) : undefined;
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const set = (next: { box?: Box; state?: TransferState | undefined; page?: number }) => {
    const p = new URLSearchParams();
    p.set('box', next.box ?? box);
    const s = 'state' in next ? next.state : state;
    if (s) p.set('state', s);
    if ((next.page ?? 1) > 1) p.set('page', String(next.page));
    setParams(p, { replace: true });
  };
  const list = useQuery({
    queryKey: transferKeys.list({ box, state, page }),
    queryFn: () => unwrap(api.GET('/api/transfers', { params: { query: { box, page, pageSize: LIST_PAGE_SIZE, ...(state ? { state } : {}) } } })),
    placeholderData: keepPreviousData,
  });
  // The list as filtered (box and state) as .xlsx; the server audits the export.
  const exporting = useMutation({
    mutationFn: () => download(`/api/transfers/export.xlsx?${new URLSearchParams({ box, ...(state ? { state } : {}) }).toString()}`, `组织关系${box === 'incoming' ? '转入' : '转出'}.xlsx`),
    onError: notify.failure,
  });
  const to = (r: TransferItem) => (r.toTenantName ? `${r.toTenantName} · ${r.toOrgName}` : r.toOrgName);
  const from = (r: TransferItem) => (r.fromTenantName ? `${r.fromTenantName} · ${r.fromOrgName}` : r.fromOrgName);
  const link = (r: TransferItem) => <Link to={`/transfers/${r.id}`} data-testid="transfer-open">{r.personName}</Link>;
  const columns: TableColumnsType<TransferItem> = [
    { title: t('tr.col.person'), key: 'person', width: 110, render: (_, r) => link(r) },
    { title: t('tr.col.letterNo'), key: 'no', width: 190, render: (_, r) => r.letterNo ?? <Typography.Text type="secondary">{t('tr.noLetterNo')}</Typography.Text> },
    { title: t('tr.col.scope'), key: 'scope', width: 200, render: (_, r) => t(`tr.scope.${r.scope}`) },
    { title: box === 'outgoing' ? t('tr.col.to') : t('tr.col.from'), key: 'org', render: (_, r) => (box === 'outgoing' ? to(r) : from(r)) },
    { title: t('tr.col.expires'), key: 'expires', width: 120, render: (_, r) => r.expiresOn ?? t('tr.none') },
    { title: t('tr.col.state'), key: 'state', width: 100, render: (_, r) => <StateTag state={r.state} incoming={box === 'incoming'} /> },
  ];
  const card = (r: TransferItem) => (
    <Link to={`/transfers/${r.id}`} style={{ color: 'inherit', display: 'block' }} data-testid="transfer-open">
      <Flex justify="space-between" align="start" gap={8}>
        <Typography.Text strong style={{ fontSize: '1.1em' }}>{r.personName}</Typography.Text>
        <StateTag state={r.state} incoming={box === 'incoming'} />
      </Flex>
      <Typography.Text type="secondary" style={{ display: 'block' }}>{box === 'outgoing' ? `→ ${to(r)}` : `← ${from(r)}`}</Typography.Text>
      <Typography.Text type="secondary" style={{ display: 'block' }}>
        {r.letterNo ?? t('tr.noLetterNo')}
        {r.expiresOn ? ` · ${t('tr.col.expires')} ${r.expiresOn}` : ''}
      </Typography.Text>
    </Link>
  );

  return (
    <div>
      <PageHeader
        title={t('tr.title')}
        extra={
          <>
            {/* Phones: the two secondary actions as icons, so all three fit on one line. */}
            <Button icon={<DownloadOutlined />} loading={exporting.isPending} onClick={() => exporting.mutate()} data-testid="transfer-export" aria-label={t('tr.export')} title={t('tr.export')}>
              {isMobile ? null : t('tr.export')}
            </Button>
            <TransferSettingsButton iconOnly={isMobile} />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/transfers/new')} data-testid="transfer-create">
              {t('tr.create')}
            </Button>
          </>
        }
      />
      <PersonalDataWatermark>
        <Card size="small">
          <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
            <Segmented
              data-testid="transfer-tabs"
              value={box}
              onChange={(v) => set({ box: v as Box, state: undefined, page: 1 })}
              options={[
                { value: 'outgoing', label: <span data-testid="transfer-tab-outgoing">{t('tr.tab.outgoing')}</span> },
                { value: 'incoming', label: <span data-testid="transfer-tab-incoming">{t('tr.tab.incoming')}</span> },
              ]}
            />
            <Select<TransferState | ''>
              style={{ minWidth: 140 }}
              value={state ?? ''}
              onChange={(v) => set({ state: v === '' ? undefined : v, page: 1 })}
              options={[{ value: '', label: t('tr.filter.all') }, ...STATES.map((s) => ({ value: s, label: t(`tr.state.${s}`) }))]}
              data-testid="transfer-state-filter"
            />
          </Flex>
          <ResponsiveList<TransferItem>
            query={list}
            page={page}
            onPageChange={(p) => set({ page: p })}
            columns={columns}
            empty={<EmptyState text={t(box === 'outgoing' ? 'tr.empty.outgoing' : 'tr.empty.incoming')} />}
            testId="transfers-table"
            rowTestId="transfer-row"
            table={{ scroll: { x: 900 } }}
            renderCard={card}
          />
        </Card>
      </PersonalDataWatermark>
    </div>
  );
}
