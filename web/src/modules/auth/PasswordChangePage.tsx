import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useNavigate } from 'react-router';
import { useT } from '../../app/preferences';
import { afterStep } from '../../app/session';
import { AuthLayout } from './AuthLayout';
import { PasswordChangeForm } from './PasswordChangeForm';
import { SignOutLink } from './SignOutLink';

export function PasswordChangePage() {
  const t = useT();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  return (
    <AuthLayout title={t('pwd.title')} subtitle={t('pwd.forcedHint')}>
      <PasswordChangeForm
        onDone={(stage) => {
          void message.success(t('pwd.changed'));
          void afterStep(qc, stage).then((path) => navigate(path, { replace: true }));
        }}
      />
      <div style={{ marginTop: 12 }}>
        <SignOutLink />
      </div>
    </AuthLayout>
  );
}
