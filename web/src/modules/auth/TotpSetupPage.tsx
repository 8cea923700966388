import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useT } from '../../app/preferences';
import { afterStep } from '../../app/session';
import { AuthLayout } from './AuthLayout';
import { SignOutLink } from './SignOutLink';
import { TotpSetupFlow } from './TotpSetupFlow';

export function TotpSetupPage() {
  const t = useT();
  const qc = useQueryClient();
  const navigate = useNavigate();
  return (
    <AuthLayout title={t('totpSetup.title')} subtitle={t('totpSetup.requiredHint')}>
      <TotpSetupFlow onFinished={(stage) => void afterStep(qc, stage).then((path) => navigate(path, { replace: true }))} />
      <div style={{ marginTop: 12 }}>
        <SignOutLink />
      </div>
    </AuthLayout>
  );
}
