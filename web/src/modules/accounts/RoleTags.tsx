import { useMutation } from '@tanstack/react-query';
import { Flex, Popconfirm, Tag, Typography } from 'antd';
import { useT } from '../../app/preferences';
import { api, unwrap } from '../../shared/api';
import type { Account, Grant } from '../../shared/api-models';
import { useNotify } from '../../shared/hooks/useNotify';

/** An account's role grants; each can be revoked when the account's abilities allow it. */
export function RoleTags({ account, onChanged }: { account: Account; onChanged: () => void }) {
  const t = useT();
  const notify = useNotify();
  const revoke = useMutation({
    mutationFn: (g: Grant) =>
      unwrap(api.DELETE('/api/accounts/{id}/roles/{grantId}', { params: { path: { id: account.id, grantId: g.grantId } } })),
    onSuccess: () => {
      notify.success(t('accounts.revoked'));
      onChanged();
    },
    onError: notify.failure,
  });
  if (account.roles.length === 0) return <Typography.Text type="secondary">{t('accounts.noRoles')}</Typography.Text>;
  return (
    <Flex gap={4} wrap className="zg-wrap-tags">
      {account.roles.map((g) => {
        const label = `${g.roleName}${g.orgUnitName !== null ? ` · ${g.orgUnitName}` : ''}`;
        if (!account.abilities.grantRoles) return <Tag key={g.grantId}>{label}</Tag>;
        return (
          <Popconfirm
            key={g.grantId}
            title={t('accounts.revokeConfirm', { role: label })}
            okText={t('common.ok')}
            cancelText={t('common.cancel')}
            onConfirm={() => revoke.mutateAsync(g).catch(() => undefined)}
          >
            <Tag
              closable
              data-testid="account-role"
              onClose={(e) => e.preventDefault()}
              style={{ cursor: 'pointer', opacity: revoke.isPending && revoke.variables.grantId === g.grantId ? 0.5 : 1 }}
            >
              {label}
            </Tag>
          </Popconfirm>
        );
      })}
    </Flex>
  );
}
