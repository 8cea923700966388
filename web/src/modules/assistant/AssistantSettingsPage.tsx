import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, Input, InputNumber, Switch, Typography } from 'antd';
import { useT } from '../../app/preferences';
import { api, unwrap } from '../../shared/api';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { PageHeader } from '../../shared/components/PageHeader';
import { PageLoading } from '../../shared/components/PageLoading';
import { applyFieldError } from '../../shared/formErrors';
import { useNotify } from '../../shared/hooks/useNotify';

interface Values { questionsPerHour: number; modelEnabled: boolean; baseUrl: string; model: string; apiKey: string }
const KEY = ['assistant', 'settings'] as const;

/** The administrator's settings: the rate limit and an OpenAI-compatible endpoint, whose key is write-only. */
export function AssistantSettingsPage() {
  const t = useT();
  const notify = useNotify();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const q = useQuery({ queryKey: KEY, queryFn: () => unwrap(api.GET('/api/assistant/settings')) });
  const save = useMutation({
    mutationFn: (v: Values & { clearKey?: boolean }) => unwrap(api.PUT('/api/assistant/settings', {
      body: { questionsPerHour: v.questionsPerHour, modelEnabled: v.modelEnabled, baseUrl: v.baseUrl ?? '', model: v.model ?? '', ...(v.clearKey ? { apiKey: '' } : v.apiKey ? { apiKey: v.apiKey } : {}) },
    })),
    onSuccess: (data) => { qc.setQueryData(KEY, data); form.setFieldValue('apiKey', ''); notify.success(t('assistant.settings.saved')); },
    onError: (err) => { if (!applyFieldError(form, err, ['questionsPerHour', 'modelEnabled', 'baseUrl', 'model', 'apiKey'])) notify.failure(err); },
  });
  if (q.isPending) return <PageLoading />;
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  const s = q.data;
  return (
    <div>
      <PageHeader title={t('assistant.settings.title')} subtitle={t('assistant.settings.subtitle')} />
      <Card style={{ maxWidth: 640 }}>
        <Form<Values> form={form} layout="vertical" initialValues={{ ...s, apiKey: '' }} onFinish={(v) => save.mutate(v)} data-testid="assistant-settings-form">
          <Form.Item name="questionsPerHour" label={t('assistant.settings.limit')}>
            <InputNumber min={1} max={1000} data-testid="assistant-settings-limit" />
          </Form.Item>
          <Form.Item name="modelEnabled" label={t('assistant.settings.modelEnabled')} valuePropName="checked">
            <Switch data-testid="assistant-settings-enabled" />
          </Form.Item>
          <Form.Item name="baseUrl" label={t('assistant.settings.baseUrl')}>
            <Input maxLength={300} placeholder={t('assistant.settings.baseUrl.placeholder')} data-testid="assistant-settings-baseurl" />
          </Form.Item>
          <Form.Item name="model" label={t('assistant.settings.model')}>
            <Input maxLength={100} placeholder="qwen2.5-7b-instruct" />
          </Form.Item>
          <Form.Item name="apiKey" label={t('assistant.settings.apiKey')} extra={s.apiKeySet ? t('assistant.settings.apiKey.set') : t('assistant.settings.apiKey.unset')}>
            <Input.Password maxLength={300} autoComplete="new-password" visibilityToggle={false} data-testid="assistant-settings-key" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="assistant-settings-save">{t('library.form.save')}</Button>
          {s.apiKeySet && (
            <Button style={{ marginLeft: 8 }} danger onClick={() => save.mutate({ ...form.getFieldsValue(), modelEnabled: false, clearKey: true })}>{t('assistant.settings.apiKey.clear')}</Button>
          )}
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>{t('assistant.privacy')}</Typography.Paragraph>
      </Card>
    </div>
  );
}
