import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Flex, Form, Input } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useT } from '../../app/preferences';
import { afterStep } from '../../app/session';
import { api, unwrap } from '../../shared/api';
import { errorText } from '../../shared/errors';
import { AuthLayout } from './AuthLayout';
import { SignOutLink } from './SignOutLink';

type Mode = 'code' | 'recovery';

export function TotpPage() {
  const t = useT();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [mode, setMode] = useState<Mode>('code');
  const [form] = Form.useForm<{ value: string }>();

  const verify = useMutation({
    mutationFn: async (value: string) => {
      const body = mode === 'code' ? { code: value.replace(/\s/g, '') } : { recoveryCode: value.trim() };
      const res = await unwrap(api.POST('/api/auth/totp', { body }));
      return afterStep(qc, res.stage, res.csrfToken);
    },
    onSuccess: (path) => void navigate(path, { replace: true }),
    onError: () => form.setFieldValue('value', ''),
  });

  const switchMode = () => {
    setMode(mode === 'code' ? 'recovery' : 'code');
    form.resetFields();
    verify.reset();
  };

  return (
    <AuthLayout title={t('totp.title')} subtitle={mode === 'code' ? t('totp.hint') : t('totp.recoveryHint')}>
      {verify.error !== null && (
        <Alert type="error" showIcon title={errorText(verify.error, t)} data-testid="totp-error" style={{ marginBottom: 16 }} />
      )}
      <Form form={form} layout="vertical" size="large" requiredMark={false} onFinish={(v) => verify.mutate(v.value)}>
        {mode === 'code' ? (
          <Form.Item
            name="value"
            label={t('totp.code')}
            rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t('totp.codeInvalid') }]}
          >
            <Input
              autoFocus
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              className="zg-otp-input"
              style={{ fontSize: '1.6em', letterSpacing: '0.4em', textAlign: 'center' }}
              data-testid="totp-code"
            />
          </Form.Item>
        ) : (
          <Form.Item
            name="value"
            label={t('totp.recoveryCode')}
            rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('totp.recoveryCode') }) }]}
          >
            <Input autoFocus autoComplete="off" autoCapitalize="none" data-testid="totp-recovery-code" />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" block loading={verify.isPending} data-testid="totp-submit">
          {t('totp.submit')}
        </Button>
      </Form>
      <Flex justify="space-between" wrap style={{ marginTop: 12 }}>
        <Button type="link" onClick={switchMode} data-testid="totp-use-recovery" style={{ paddingInline: 0 }}>
          {mode === 'code' ? t('totp.useRecovery') : t('totp.useCode')}
        </Button>
        <SignOutLink />
      </Flex>
    </AuthLayout>
  );
}
