import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Button, Card, Collapse, Flex, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { usePreferences, useT } from '../../app/preferences';
import { api, download, unwrap } from '../../shared/api';
import type { AuditRecord } from '../../shared/api-models';
import { EmptyState } from '../../shared/components/EmptyState';
import { PageHeader } from '../../shared/components/PageHeader';
import { PersonalDataWatermark } from '../../shared/components/PersonalDataWatermark';
import { LIST_PAGE_SIZE, ResponsiveList } from '../../shared/components/ResponsiveList';
import { useIsMobile } from '../../shared/hooks/useIsMobile';
import { useNotify } from '../../shared/hooks/useNotify';
import { formatDateTime } from '../../shared/time';
import { AuditFiltersForm } from './AuditFiltersForm';
import { EMPTY_FILTERS, RESULT_COLORS, toAuditQuery, toSearchString, type AuditFilters } from './filters';
import { useVerifyChain, VerifyButton, VerifyResult } from './VerifyChain';
import { actionName } from './actions';

function ResultTag({ result }: { result: string }) {
  const t = useT();
  const known = result === 'success' || result === 'failure' || result === 'denied';
  return <Tag color={RESULT_COLORS[result] ?? 'default'}>{known ? t(`audit.result.${result}`) : result}</Tag>;
}

function objectText(r: AuditRecord): string {
  if (r.objectType === null && r.objectId === null) return '—';
  return [r.objectType, r.objectId].filter((v) => v !== null && v !== '').join(' ');
}

function detailText(detail: unknown): string | null {
  if (detail === null || detail === undefined) return null;
  if (typeof detail === 'string') return detail;
  const s = JSON.stringify(detail, null, 2);
  return s === '{}' ? null : s;
}

export function AuditPage() {
  const t = useT();
  const { locale } = usePreferences();
  const notify = useNotify();
  const isMobile = useIsMobile();
  const [filters, setFilters] = useState<AuditFilters>(EMPTY_FILTERS);
  const [page, setPage] = useState(1);
  const query = toAuditQuery(filters);
  const list = useQuery({
    queryKey: ['audit', 'list', query, page],
    queryFn: () => unwrap(api.GET('/api/audit', { params: { query: { ...query, page, pageSize: LIST_PAGE_SIZE } } })),
    placeholderData: keepPreviousData,
  });
  const verify = useVerifyChain();
  const exportCsv = useMutation({
    mutationFn: () => download(`/api/audit/export.csv${toSearchString(query)}`, 'audit.csv'),
    onError: notify.failure,
  });

  const columns: TableColumnsType<AuditRecord> = [
    { title: '#', dataIndex: 'seq', key: 'seq', width: 80 },
    { title: t('audit.col.time'), key: 'at', width: 180, render: (_, r) => formatDateTime(r.at, true) },
    { title: t('audit.actor'), key: 'actor', width: 120, render: (_, r) => r.actorName ?? t('audit.system') },
    { title: t('audit.action'), key: 'action', width: 200, render: (_, r) => <span title={r.action}>{actionName(r.action, locale)}</span> },
    { title: t('audit.col.object'), key: 'object', ellipsis: true, render: (_, r) => objectText(r) },
    { title: t('audit.result'), key: 'result', width: 100, render: (_, r) => <ResultTag result={r.result} /> },
    { title: t('audit.col.sourceIp'), dataIndex: 'sourceIp', key: 'sourceIp', width: 140, render: (v: string | null) => v ?? '—' },
  ];
  const filterForm = (
    <AuditFiltersForm
      onApply={(f) => {
        setFilters(f);
        setPage(1);
      }}
    />
  );
  const card = (r: AuditRecord) => (
    <>
      <Flex justify="space-between" align="center" gap={8}>
        <Typography.Text strong title={r.action}>
          {actionName(r.action, locale)}
        </Typography.Text>
        <ResultTag result={r.result} />
      </Flex>
      <dl className="zg-kv" style={{ margin: '6px 0 0' }}>
        <dt>{t('audit.col.time')}</dt>
        <dd>{formatDateTime(r.at, true)}</dd>
        <dt>{t('audit.actor')}</dt>
        <dd>{r.actorName ?? t('audit.system')}</dd>
        <dt>{t('audit.col.object')}</dt>
        <dd style={{ wordBreak: 'break-all' }}>{objectText(r)}</dd>
        <dt>{t('audit.col.sourceIp')}</dt>
        <dd>{r.sourceIp ?? '—'}</dd>
      </dl>
    </>
  );

  return (
    <div>
      <PageHeader
        title={t('audit.title')}
        extra={
          <>
            <VerifyButton verify={verify} />
            <Button icon={<DownloadOutlined />} loading={exportCsv.isPending} onClick={() => exportCsv.mutate()} data-testid="audit-export">
              {t('audit.export')}
            </Button>
          </>
        }
      />
      <div className="zg-stack">
        <VerifyResult verify={verify} />
        {isMobile ? (
          <Collapse
            size="small"
            style={{ background: '#fff' }}
            items={[{ key: 'filters', label: t('audit.filters'), forceRender: true, children: filterForm }]}
          />
        ) : (
          <Card size="small">{filterForm}</Card>
        )}
        <PersonalDataWatermark>
          <Card size="small">
            <ResponsiveList<AuditRecord>
              query={list}
              page={page}
              onPageChange={setPage}
              columns={columns}
              empty={<EmptyState text={t('audit.empty')} />}
              testId="audit-table"
              rowTestId="audit-row"
              table={{
                size: 'middle',
                scroll: { x: 1000 },
                expandable: {
                  rowExpandable: (r) => detailText(r.detail) !== null,
                  expandedRowRender: (r) => <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{detailText(r.detail)}</pre>,
                },
              }}
              renderCard={card}
            />
          </Card>
        </PersonalDataWatermark>
      </div>
    </div>
  );
}
