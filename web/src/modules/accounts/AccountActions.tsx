import { KeyOutlined, StopOutlined, UnlockOutlined, UserAddOutlined, CheckCircleOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Button, Flex, Popconfirm } from 'antd';
import { useT } from '../../app/preferences';
import { api, unwrap } from '../../shared/api';
import type { Account } from '../../shared/api-models';
import { useNotify } from '../../shared/hooks/useNotify';

interface Props {
  account: Account;
  onChanged: () => void;
  onGrant: (a: Account) => void;
  onTempPassword: (name: string, password: string) => void;
}

/** The buttons an account's abilities allow: reset password, unlock, enable/disable, grant role. */
export function AccountActions({ account: a, onChanged, onGrant, onTempPassword }: Props) {
  const t = useT();
  const notify = useNotify();
  const reset = useMutation({
    mutationFn: () => unwrap(api.POST('/api/accounts/{id}/reset-password', { params: { path: { id: a.id } } })),
    onSuccess: (res) => {
      onTempPassword(a.displayName, res.temporaryPassword);
      onChanged();
    },
    onError: notify.failure,
  });
  const unlock = useMutation({
    mutationFn: () => unwrap(api.POST('/api/accounts/{id}/unlock', { params: { path: { id: a.id } } })),
    onSuccess: () => {
      notify.success(t('accounts.unlocked'));
      onChanged();
    },
    onError: notify.failure,
  });
  const toggle = useMutation({
    mutationFn: (status: 'active' | 'disabled') =>
      unwrap(api.PATCH('/api/accounts/{id}', { params: { path: { id: a.id } }, body: { status } })),
    onSuccess: (_, status) => {
      notify.success(status === 'disabled' ? t('accounts.disabledDone') : t('accounts.enabledDone'));
      onChanged();
    },
    onError: notify.failure,
  });

  return (
    <Flex gap={6} wrap>
      {a.abilities.grantRoles && (
        <Button size="small" icon={<UserAddOutlined />} onClick={() => onGrant(a)} data-testid="account-grant">
          {t('accounts.grant')}
        </Button>
      )}
      {a.abilities.resetPassword && (
        <Popconfirm
          title={t('accounts.resetPassword')}
          description={t('accounts.resetConfirm', { name: a.displayName })}
          okText={t('common.ok')}
          cancelText={t('common.cancel')}
          onConfirm={() => reset.mutateAsync().catch(() => undefined)}
        >
          <Button size="small" icon={<KeyOutlined />} loading={reset.isPending} data-testid="account-reset-password">
            {t('accounts.resetPassword')}
          </Button>
        </Popconfirm>
      )}
      {a.abilities.unlock && a.locked && (
        <Button
          size="small"
          icon={<UnlockOutlined />}
          loading={unlock.isPending}
          onClick={() => unlock.mutate()}
          data-testid="account-unlock"
        >
          {t('accounts.unlock')}
        </Button>
      )}
      {a.abilities.edit &&
        (a.status === 'active' ? (
          <Popconfirm
            title={t('accounts.disable')}
            description={t('accounts.disableConfirm', { name: a.displayName })}
            okText={t('common.ok')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => toggle.mutateAsync('disabled').catch(() => undefined)}
          >
            <Button size="small" danger icon={<StopOutlined />} loading={toggle.isPending} data-testid="account-disable">
              {t('accounts.disable')}
            </Button>
          </Popconfirm>
        ) : (
          <Button
            size="small"
            icon={<CheckCircleOutlined />}
            loading={toggle.isPending}
            onClick={() => toggle.mutate('active')}
            data-testid="account-enable"
          >
            {t('accounts.enable')}
          </Button>
        ))}
    </Flex>
  );
}
