import { LockOutlined, SafetyOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Descriptions, Flex, Modal, Segmented, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useLogout } from '../../app/layout/useLogout';
import { usePreferences } from '../../app/preferences';
import { SESSION_KEY, useActiveSession } from '../../app/session';
import type { Locale } from '../../shared/api-models';
import { PageHeader } from '../../shared/components/PageHeader';
import { useNotify } from '../../shared/hooks/useNotify';
import { PasswordChangeForm } from '../auth/PasswordChangeForm';
import { TotpSetupFlow } from '../auth/TotpSetupFlow';
import { SessionsCard } from './SessionsCard';

export function MePage() {
  const { t, locale, largeText, setLocale, setLargeText } = usePreferences();
  const session = useActiveSession();
  const qc = useQueryClient();
  const notify = useNotify();
  const { logout, pending: loggingOut } = useLogout();
  const [dialog, setDialog] = useState<'totp' | 'password' | null>(null);
  const [prefPending, setPrefPending] = useState(false);

  const savePref = (p: Promise<void>) => {
    setPrefPending(true);
    p.catch((e: unknown) => notify.failure(e)).finally(() => setPrefPending(false));
  };

  return (
    <div className="zg-stack" style={{ maxWidth: 820 }}>
      <PageHeader title={t('me.title')} />
      <Card title={t('me.profile')} size="small">
        <Descriptions
          column={1}
          size="small"
          items={[
            { key: 'name', label: t('me.displayName'), children: session.user.displayName },
            { key: 'username', label: t('me.username'), children: session.user.username },
            { key: 'tenant', label: t('me.tenant'), children: session.tenant.name },
            {
              key: 'roles',
              label: t('me.roles'),
              children:
                session.roles.length === 0 ? (
                  <Typography.Text type="secondary">{t('accounts.noRoles')}</Typography.Text>
                ) : (
                  <Flex gap={4} wrap className="zg-wrap-tags">
                    {session.roles.map((r) => (
                      <Tag key={`${r.role}-${r.orgUnitId ?? 'all'}`}>
                        {r.roleName} · {r.orgUnitName ?? t('home.scopeAll')}
                      </Tag>
                    ))}
                  </Flex>
                ),
            },
          ]}
        />
      </Card>

      <Card title={t('me.preferences')} size="small">
        <Flex vertical gap={16}>
          <Flex justify="space-between" align="center" gap={12} wrap>
            <Typography.Text>{t('me.language')}</Typography.Text>
            <Segmented<Locale>
              data-testid="me-language"
              value={locale}
              disabled={prefPending}
              options={[
                { value: 'zh-CN', label: '中文' },
                { value: 'en-US', label: 'English' },
              ]}
              onChange={(v) => savePref(setLocale(v))}
            />
          </Flex>
          <Flex justify="space-between" align="center" gap={12}>
            <div>
              <Typography.Text>{t('me.largeText')}</Typography.Text>
              <br />
              <Typography.Text type="secondary">{t('me.largeTextHint')}</Typography.Text>
            </div>
            <Switch
              data-testid="me-large-text"
              checked={largeText}
              loading={prefPending}
              onChange={(on) => savePref(setLargeText(on))}
            />
          </Flex>
        </Flex>
      </Card>

      <Card title={t('me.security')} size="small">
        <Flex vertical gap={16}>
          <Flex justify="space-between" align="center" gap={12} wrap>
            <div>
              <Typography.Text>{t('me.totp')}</Typography.Text>{' '}
              {session.user.totpEnabled ? <Tag color="green">{t('me.totpOn')}</Tag> : <Tag>{t('me.totpOff')}</Tag>}
              {!session.user.totpEnabled && (
                <div>
                  <Typography.Text type="secondary">{t('me.totpOptional')}</Typography.Text>
                </div>
              )}
            </div>
            {!session.user.totpEnabled && (
              <Button icon={<SafetyOutlined />} onClick={() => setDialog('totp')} data-testid="me-totp-enable">
                {t('me.totpEnable')}
              </Button>
            )}
          </Flex>
          <Flex justify="space-between" align="center" gap={12} wrap>
            <Typography.Text>{t('me.changePassword')}</Typography.Text>
            <Button icon={<LockOutlined />} onClick={() => setDialog('password')} data-testid="me-change-password">
              {t('me.changePassword')}
            </Button>
          </Flex>
        </Flex>
      </Card>

      <SessionsCard />

      <Button size="large" block danger loading={loggingOut} onClick={() => void logout()} data-testid="me-logout">
        {t('me.logout')}
      </Button>

      <Modal
        open={dialog === 'totp'}
        title={t('totpSetup.title')}
        footer={null}
        destroyOnHidden
        mask={{ closable: false }}
        onCancel={() => {
          setDialog(null);
          void qc.invalidateQueries({ queryKey: SESSION_KEY });
        }}
      >
        <TotpSetupFlow
          onFinished={() => {
            setDialog(null);
            notify.success(t('me.totpDone'));
            void qc.invalidateQueries({ queryKey: SESSION_KEY });
          }}
        />
      </Modal>
      <Modal open={dialog === 'password'} title={t('me.changePassword')} footer={null} destroyOnHidden onCancel={() => setDialog(null)}>
        <PasswordChangeForm
          onDone={() => {
            setDialog(null);
            notify.success(t('pwd.changed'));
            void qc.invalidateQueries({ queryKey: SESSION_KEY });
            void qc.invalidateQueries({ queryKey: ['me', 'sessions'] });
          }}
        />
      </Modal>
    </div>
  );
}
