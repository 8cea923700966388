import { GlobalOutlined, LogoutOutlined } from '@ant-design/icons';
import { Button, Flex, Switch } from 'antd';
import { useState } from 'react';
import { useNotify } from '../../shared/hooks/useNotify';
import { usePreferences } from '../preferences';
import { useLogout } from './useLogout';

export function LanguageSwitch({ compact = false }: { compact?: boolean }) {
  const { locale, setLocale, t } = usePreferences();
  const notify = useNotify();
  const [pending, setPending] = useState(false);
  const next = locale === 'zh-CN' ? 'en-US' : 'zh-CN';
  return (
    <Button
      data-testid="lang-switch"
      icon={<GlobalOutlined />}
      loading={pending}
      aria-label={t('header.language')}
      onClick={() => {
        setPending(true);
        setLocale(next)
          .catch((e: unknown) => notify.failure(e))
          .finally(() => setPending(false));
      }}
    >
      {compact ? (next === 'en-US' ? 'EN' : '中') : t('header.switchTo')}
    </Button>
  );
}

export function LargeTextSwitch({ compact = false }: { compact?: boolean }) {
  const { largeText, setLargeText, t } = usePreferences();
  const notify = useNotify();
  const [pending, setPending] = useState(false);
  return (
    <label className="zg-switch-label">
      <Switch
        data-testid="large-text-switch"
        checked={largeText}
        loading={pending}
        aria-label={t('header.largeText')}
        onChange={(on) => {
          setPending(true);
          setLargeText(on)
            .catch((e: unknown) => notify.failure(e))
            .finally(() => setPending(false));
        }}
      />
      <span>{compact ? t('header.largeTextShort') : t('header.largeText')}</span>
    </label>
  );
}

export function LogoutButton({ block = false }: { block?: boolean }) {
  const { t } = usePreferences();
  const { logout, pending } = useLogout();
  return (
    <Button data-testid="logout" icon={<LogoutOutlined />} loading={pending} block={block} onClick={() => void logout()}>
      {t('header.logout')}
    </Button>
  );
}

export function HeaderControls({ mobile }: { mobile: boolean }) {
  return (
    <Flex align="center" gap={mobile ? 8 : 16}>
      <LargeTextSwitch compact={mobile} />
      <LanguageSwitch compact={mobile} />
      {!mobile && <LogoutButton />}
    </Flex>
  );
}
