import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Flex, Form, Input, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../app/preferences';
import { api, unwrap } from '../../shared/api';
import type { Stage } from '../../shared/api-models';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { errorText } from '../../shared/errors';
import { RecoveryCodes } from './RecoveryCodes';

/**
 * Bind an authenticator: QR + secret, confirm with a code, then show the recovery codes once.
 * The secret is fetched as a query (not an effect) so a double mount creates only one secret.
 */
export function TotpSetupFlow({ onFinished }: { onFinished: (stage: Stage) => void }) {
  const t = useT();
  const [result, setResult] = useState<{ codes: string[]; stage: Stage } | null>(null);
  const setup = useQuery({
    queryKey: ['totp-setup'],
    queryFn: () => unwrap(api.POST('/api/auth/totp/setup')),
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
  });
  const confirm = useMutation({
    mutationFn: (code: string) => unwrap(api.POST('/api/auth/totp/confirm', { body: { code } })),
    onSuccess: (res) => setResult({ codes: res.recoveryCodes, stage: res.stage }),
  });

  if (result !== null) return <RecoveryCodes codes={result.codes} onContinue={() => onFinished(result.stage)} />;
  if (setup.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (setup.isError) return <ErrorAlert error={setup.error} onRetry={() => void setup.refetch()} />;

  return (
    <Flex vertical gap={12}>
      <Typography.Paragraph style={{ margin: 0 }}>1. {t('totpSetup.step1')}</Typography.Paragraph>
      <Typography.Paragraph style={{ margin: 0 }}>2. {t('totpSetup.step2')}</Typography.Paragraph>
      <Flex justify="center">
        <img className="zg-qr" src={setup.data.qrDataUrl} alt={t('totpSetup.qrAlt')} data-testid="totp-qr" />
      </Flex>
      <div>
        <Typography.Text type="secondary">{t('totpSetup.secret')}</Typography.Text>
        <Typography.Paragraph copyable={{ text: setup.data.secret }} className="zg-totp-secret" style={{ margin: 0 }}>
          <span data-testid="totp-secret">{setup.data.secret}</span>
        </Typography.Paragraph>
      </div>
      <Typography.Paragraph style={{ margin: 0 }}>3. {t('totpSetup.step3')}</Typography.Paragraph>
      {confirm.error !== null && <Alert type="error" showIcon title={errorText(confirm.error, t)} data-testid="totp-setup-error" />}
      <Form<{ code: string }> layout="vertical" requiredMark={false} onFinish={(v) => confirm.mutate(v.code.trim())}>
        <Form.Item
          name="code"
          label={t('totp.code')}
          rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t('totp.codeInvalid') }]}
        >
          <Input
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            style={{ fontSize: '1.5em', letterSpacing: '0.4em', textAlign: 'center' }}
            data-testid="totp-setup-code"
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={confirm.isPending} data-testid="totp-setup-confirm">
          {t('totpSetup.confirm')}
        </Button>
      </Form>
    </Flex>
  );
}
