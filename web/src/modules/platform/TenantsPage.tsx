import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useT } from '../../app/preferences';
import { api, unwrap } from '../../shared/api';
import type { Tenant } from '../../shared/api-models';
import { EmptyState } from '../../shared/components/EmptyState';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { PageHeader } from '../../shared/components/PageHeader';
import { useIsMobile } from '../../shared/hooks/useIsMobile';
import { formatDateTime } from '../../shared/time';
import { CreateTenantModal } from './CreateTenantModal';

function StatusTag({ status }: { status: string }) {
  const t = useT();
  if (status === 'active') return <Tag color="green">{t('platform.status.active')}</Tag>;
  if (status === 'disabled') return <Tag>{t('platform.status.disabled')}</Tag>;
  return <Tag>{status}</Tag>;
}

export function TenantsPage() {
  const t = useT();
  const qc = useQueryClient();
  const isMobile = useIsMobile();
  const [creating, setCreating] = useState(false);
  const list = useQuery({ queryKey: ['platform', 'tenants'], queryFn: () => unwrap(api.GET('/api/platform/tenants')) });
  const items = list.data?.items ?? [];
  const columns: TableColumnsType<Tenant> = [
    { title: t('platform.col.code'), dataIndex: 'code', key: 'code', width: 160 },
    {
      title: t('platform.col.name'),
      key: 'name',
      render: (_, r) => (
        <>
          {r.name} {r.isDemo && <Tag color="gold">{t('platform.demo')}</Tag>}
        </>
      ),
    },
    { title: t('platform.col.status'), key: 'status', width: 110, render: (_, r) => <StatusTag status={r.status} /> },
    { title: t('platform.col.createdAt'), key: 'createdAt', width: 170, render: (_, r) => formatDateTime(r.createdAt) },
  ];
  const empty = <EmptyState text={t('platform.empty')} />;

  return (
    <div>
      <PageHeader
        title={t('platform.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="tenant-create">
            {t('platform.create')}
          </Button>
        }
      />
      {list.isError && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      {isMobile ? (
        <div className="zg-card-list" data-testid="tenants-table">
          {list.isPending && <Card loading size="small" />}
          {!list.isPending && items.length === 0 && empty}
          {items.map((r) => (
            <Card key={r.id} size="small">
              <Flex justify="space-between" align="center" gap={8}>
                <Typography.Text strong>{r.name}</Typography.Text>
                <StatusTag status={r.status} />
              </Flex>
              <Typography.Text type="secondary">
                {r.code} · {formatDateTime(r.createdAt)} {r.isDemo && <Tag color="gold">{t('platform.demo')}</Tag>}
              </Typography.Text>
            </Card>
          ))}
        </div>
      ) : (
        <Card size="small">
          <Table<Tenant>
            data-testid="tenants-table"
            rowKey="id"
            columns={columns}
            dataSource={items}
            loading={list.isFetching}
            locale={{ emptyText: list.isPending ? ' ' : empty }}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
          />
        </Card>
      )}
      <CreateTenantModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={() => void qc.invalidateQueries({ queryKey: ['platform', 'tenants'] })}
      />
    </div>
  );
}
