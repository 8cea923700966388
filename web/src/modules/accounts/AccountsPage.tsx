import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Flex, Input, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { can } from '../../app/nav';
import { useT } from '../../app/preferences';
import { usePermissions } from '../../app/session';
import { api, unwrap } from '../../shared/api';
import type { Account } from '../../shared/api-models';
import { EmptyState } from '../../shared/components/EmptyState';
import { OneTimeSecretModal } from '../../shared/components/OneTimeSecret';
import { PageHeader } from '../../shared/components/PageHeader';
import { PersonalDataWatermark } from '../../shared/components/PersonalDataWatermark';
import { LIST_PAGE_SIZE, ResponsiveList } from '../../shared/components/ResponsiveList';
import { useIsMobile } from '../../shared/hooks/useIsMobile';
import { useNotify } from '../../shared/hooks/useNotify';
import { formatDateTime } from '../../shared/time';
import { AccountActions } from './AccountActions';
import { CreateAccountModal } from './CreateAccountModal';
import { GrantRoleModal } from './GrantRoleModal';
import { accountKeys } from './queries';
import { RoleTags } from './RoleTags';

function StatusTags({ a }: { a: Account }) {
  const t = useT();
  return (
    <Space size={4} wrap>
      {a.status === 'active' ? (
        <Tag color="green">{t('accounts.status.active')}</Tag>
      ) : (
        <Tag>{t('accounts.status.disabled')}</Tag>
      )}
      {a.locked && <Tag color="red">{t('accounts.locked')}</Tag>}
      {a.totpEnabled && <Tag color="blue">{t('accounts.totp')}</Tag>}
    </Space>
  );
}

export function AccountsPage() {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const isMobile = useIsMobile();
  const permissions = usePermissions();
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const [creating, setCreating] = useState(false);
  const [granting, setGranting] = useState<Account | null>(null);
  const [secret, setSecret] = useState<{ name: string; password: string } | null>(null);
  const params = { page, pageSize: LIST_PAGE_SIZE, q };
  const list = useQuery({
    queryKey: accountKeys.list(params),
    queryFn: () => unwrap(api.GET('/api/accounts', { params: { query: { page, pageSize: LIST_PAGE_SIZE, q: q === '' ? undefined : q } } })),
    placeholderData: keepPreviousData,
  });
  const lastLogin = (a: Account) => (a.lastLoginAt !== null ? formatDateTime(a.lastLoginAt) : t('accounts.never'));
  const refresh = () => void qc.invalidateQueries({ queryKey: accountKeys.all });
  const actions = (a: Account) => (
    <AccountActions account={a} onChanged={refresh} onGrant={setGranting} onTempPassword={(name, password) => setSecret({ name, password })} />
  );

  const columns: TableColumnsType<Account> = [
    { title: t('accounts.col.username'), dataIndex: 'username', key: 'username', width: 140 },
    { title: t('accounts.col.displayName'), dataIndex: 'displayName', key: 'displayName', width: 120 },
    { title: t('accounts.col.status'), key: 'status', width: 150, render: (_, a) => <StatusTags a={a} /> },
    { title: t('accounts.col.roles'), key: 'roles', render: (_, a) => <RoleTags account={a} onChanged={refresh} /> },
    { title: t('accounts.col.lastLogin'), key: 'lastLogin', width: 150, render: (_, a) => lastLogin(a) },
    { title: t('common.actions'), key: 'actions', width: 260, render: (_, a) => actions(a) },
  ];
  const empty = <EmptyState text={q !== '' ? t('accounts.noMatch') : t('accounts.empty')} />;
  const card = (a: Account) => (
    <>
      <Flex justify="space-between" align="start" gap={8}>
        <div>
          <Typography.Text strong style={{ fontSize: '1.1em' }}>
            {a.displayName}
          </Typography.Text>
          <br />
          <Typography.Text type="secondary">{a.username}</Typography.Text>
        </div>
        <StatusTags a={a} />
      </Flex>
      <div style={{ margin: '8px 0' }}>
        <RoleTags account={a} onChanged={refresh} />
      </div>
      <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
        {t('accounts.col.lastLogin')}：{lastLogin(a)}
      </Typography.Text>
      {actions(a)}
    </>
  );

  return (
    <div>
      <PageHeader
        title={t('accounts.title')}
        extra={
          can(permissions, 'accounts.manage') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="account-create">
              {t('accounts.create')}
            </Button>
          ) : undefined
        }
      />
      <PersonalDataWatermark>
        <Card size="small">
          <Input.Search
            allowClear
            placeholder={t('accounts.search')}
            enterButton={t('common.search')}
            style={{ maxWidth: isMobile ? '100%' : 360, marginBottom: 12 }}
            data-testid="accounts-search"
            onSearch={(v) => {
              setQ(v.trim());
              setPage(1);
            }}
          />
          <ResponsiveList<Account>
            query={list}
            page={page}
            onPageChange={setPage}
            columns={columns}
            empty={empty}
            testId="accounts-table"
            rowTestId="account-row"
            table={{ scroll: { x: 1000 } }}
            renderCard={card}
          />
        </Card>
      </PersonalDataWatermark>
      <CreateAccountModal open={creating} onClose={() => setCreating(false)} onCreated={refresh} />
      <GrantRoleModal
        account={granting}
        onClose={() => setGranting(null)}
        onGranted={() => {
          setGranting(null);
          notify.success(t('accounts.granted'));
          refresh();
        }}
      />
      <OneTimeSecretModal
        open={secret !== null}
        title={t('accounts.resetTitle')}
        label={t('accounts.tempPasswordTitle')}
        value={secret?.password ?? ''}
        hint={secret !== null ? t('accounts.tempPasswordHint', { name: secret.name }) : null}
        onDone={() => setSecret(null)}
      />
    </div>
  );
}
