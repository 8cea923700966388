import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Input, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import { usePreferences, useT } from '../../app/preferences';
import { api, unwrap } from '../../shared/api';
import type { ResponseOf } from '../../shared/api-models';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { PageHeader } from '../../shared/components/PageHeader';
import { useNotify } from '../../shared/hooks/useNotify';
import { applyFieldError } from '../../shared/formErrors';

type Settings = ResponseOf<'/api/dues/pay/settings', 'get'>;
type ProviderSettings = Settings['providers'][number];
const KEY = ['dues-pay', 'settings'] as const;

/** 在线支付设置 (dues.pay_settings): one card per provider; secrets are write-only (shown only as set / not set). */
export function PaySettingsPage() {
  const t = useT();
  const q = useQuery({ queryKey: KEY, queryFn: () => unwrap(api.GET('/api/dues/pay/settings')) });
  return (
    <div>
      <PageHeader title={t('paySettings.title')} subtitle={t('paySettings.subtitle')} />
      <div className="zg-stack" data-testid="pay-settings">
        {q.isError && <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
        {q.isPending && <Card loading size="small" />}
        {q.data?.providers.map((p) => <ProviderCard key={p.provider} p={p} />)}
      </div>
    </div>
  );
}

function ProviderCard({ p }: { p: ProviderSettings }) {
  const t = useT();
  const { locale } = usePreferences();
  const notify = useNotify();
  const qc = useQueryClient();
  const [form] = Form.useForm<Record<string, string>>();
  const [enabled, setEnabled] = useState(p.enabled);
  const name = locale === 'en-US' ? p.name.en : p.name.zh;
  const label = (f: ProviderSettings['fields'][number]) => (locale === 'en-US' ? f.label.en : f.label.zh);
  const save = useMutation({
    mutationFn: (values: Record<string, string>) => {
      const config: Record<string, string> = {};
      const secrets: Record<string, string> = {};
      for (const f of p.fields) {
        const v = (values[f.key] ?? '').trim();
        if (f.secret) { if (v) secrets[f.key] = v; } else config[f.key] = v;
      }
      return unwrap(api.PUT('/api/dues/pay/settings/{provider}', { params: { path: { provider: p.provider } }, body: { enabled, config, secrets } }));
    },
    onSuccess: (data) => {
      qc.setQueryData(KEY, data);
      form.setFieldsValue(Object.fromEntries(p.fields.filter((f) => f.secret).map((f) => [f.key, ''])));
      notify.success(t('paySettings.saved', { name }));
    },
    onError: (err) => { if (!applyFieldError(form, err, p.fields.map((f) => f.key))) notify.failure(err); },
  });
  return (
    <Card size="small" data-testid={`pay-settings-${p.provider}`}
      title={<Flex align="center" gap={8} wrap><span>{name}</span>{p.fields.length > 0 && <Tag color={p.ready ? 'success' : 'default'}>{t(p.ready ? 'paySettings.ready' : 'paySettings.notReady')}</Tag>}</Flex>}
      extra={<Flex align="center" gap={8}><span>{t('paySettings.enabled')}</span><Switch checked={enabled} onChange={setEnabled} data-testid={`pay-settings-${p.provider}-enabled`} /></Flex>}>
      {p.provider === 'sandbox' && <Alert type="info" showIcon message={t('paySettings.sandboxHint')} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={Object.fromEntries(p.fields.map((f) => [f.key, f.secret ? '' : (f.value ?? '')]))} onFinish={(v) => save.mutate(v)}>
        {p.fields.map((f) => (
          <Form.Item key={f.key} name={f.key} label={label(f)} required={f.required}
            extra={f.secret ? (f.isSet ? t('paySettings.secretSet') : t('paySettings.secretUnset')) : undefined}>
            {f.kind.startsWith('pem') ? (
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} placeholder={f.secret && f.isSet ? '••••••••' : '-----BEGIN …'} data-testid={`pay-field-${f.key}`} style={{ fontFamily: 'monospace' }} />
            ) : f.secret ? (
              <Input.Password autoComplete="new-password" placeholder={f.isSet ? '••••••••' : ''} data-testid={`pay-field-${f.key}`} />
            ) : (
              <Input data-testid={`pay-field-${f.key}`} />
            )}
          </Form.Item>
        ))}
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          {t('paySettings.notifyUrl')}: <Typography.Text code copyable>{p.notifyUrl}</Typography.Text>
        </Typography.Paragraph>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid={`pay-settings-${p.provider}-save`}>{t('paySettings.save')}</Button>
      </Form>
    </Card>
  );
}
