import { LockOutlined, BankOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useT } from '../../app/preferences';
import { afterStep, lastExitReason } from '../../app/session';
import { api, unwrap } from '../../shared/api';
import { errorText } from '../../shared/errors';
import { AuthLayout } from './AuthLayout';
import { readTenantCode, rememberTenantCode } from './tenantCode';

interface LoginForm {
  tenant: string;
  username: string;
  password: string;
}

function readFrom(state: unknown): string | undefined {
  if (typeof state !== 'object' || state === null || !('from' in state)) return undefined;
  return typeof state.from === 'string' && state.from.startsWith('/') ? state.from : undefined;
}

export function LoginPage() {
  const t = useT();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const from = readFrom(location.state);
  // Why we are here: shown until the next sign-in attempt (会话已过期 / 已安全退出).
  const [reason] = useState(lastExitReason);
  const [form] = Form.useForm<LoginForm>();

  const login = useMutation({
    mutationFn: async (values: LoginForm) => {
      const body = { tenant: values.tenant.trim(), username: values.username.trim(), password: values.password };
      const res = await unwrap(api.POST('/api/auth/login', { body }));
      rememberTenantCode(body.tenant);
      return afterStep(qc, res.stage, res.csrfToken);
    },
    onSuccess: (path) => {
      const target = path === '/' && from !== undefined ? from : path;
      void navigate(target, { replace: true });
    },
    onError: () => form.setFieldValue('password', ''),
  });

  return (
    <AuthLayout title={t('login.title')} subtitle={t('login.subtitle')}>
      {reason === 'expired' && !login.isPending && login.error === null && (
        <Alert type="warning" showIcon title={t('login.expired')} data-testid="login-expired" style={{ marginBottom: 16 }} />
      )}
      {reason === 'loggedOut' && !login.isPending && login.error === null && (
        <Alert type="success" showIcon title={t('login.loggedOut')} data-testid="login-logged-out" style={{ marginBottom: 16 }} />
      )}
      {login.error !== null && (
        <Alert type="error" showIcon title={errorText(login.error, t)} data-testid="login-error" style={{ marginBottom: 16 }} />
      )}
      <Form<LoginForm>
        form={form}
        layout="vertical"
        size="large"
        requiredMark={false}
        initialValues={{ tenant: readTenantCode(), username: '', password: '' }}
        onFinish={(v) => login.mutate(v)}
      >
        <Form.Item
          name="tenant"
          label={t('login.tenant')}
          extra={t('login.tenantHint')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('login.tenant') }) }]}
        >
          <Input prefix={<BankOutlined />} autoComplete="organization" autoCapitalize="none" data-testid="login-tenant" />
        </Form.Item>
        <Form.Item
          name="username"
          label={t('login.username')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('login.username') }) }]}
        >
          <Input prefix={<UserOutlined />} autoComplete="username" autoCapitalize="none" data-testid="login-username" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('login.password')}
          rules={[{ required: true, message: t('common.required', { label: t('login.password') }) }]}
        >
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={login.isPending} data-testid="login-submit">
          {t('login.submit')}
        </Button>
      </Form>
    </AuthLayout>
  );
}
