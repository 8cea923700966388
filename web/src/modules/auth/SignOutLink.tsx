import { Button } from 'antd';
import { useLogout } from '../../app/layout/useLogout';
import { useT } from '../../app/preferences';

/** Leave a sign-in step and start again. */
export function SignOutLink() {
  const t = useT();
  const { logout, pending } = useLogout();
  return (
    <Button type="link" loading={pending} onClick={() => void logout()} data-testid="step-sign-out" style={{ paddingInline: 0 }}>
      {t('totp.backToLogin')}
    </Button>
  );
}
