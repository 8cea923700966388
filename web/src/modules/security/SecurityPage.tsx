import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, InputNumber, Radio, Space, Switch } from 'antd';
import { useEffect } from 'react';
import type { MessageKey } from '../../app/i18n/translate';
import { useT } from '../../app/preferences';
import { SESSION_KEY } from '../../app/session';
import { api, unwrap } from '../../shared/api';
import type { SecuritySettings } from '../../shared/api-models';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { PageHeader } from '../../shared/components/PageHeader';
import { PageLoading } from '../../shared/components/PageLoading';
import { errorText } from '../../shared/errors';
import { applyFieldError, errorField } from '../../shared/formErrors';
import { useNotify } from '../../shared/hooks/useNotify';

type NumberField =
  | 'passwordMinLength'
  | 'lockoutThreshold' | 'lockoutMinutes' | 'idleMinutes' | 'adminPasswordMaxAgeDays' | 'auditRetentionDays';

const NUMBER_FIELDS: { name: NumberField; label: MessageKey; unit: MessageKey; min: number; max: number }[] = [
  { name: 'passwordMinLength', label: 'security.passwordMinLength', unit: 'security.unit.chars', min: 8, max: 64 },
  { name: 'lockoutThreshold', label: 'security.lockoutThreshold', unit: 'security.unit.times', min: 1, max: 100 },
  { name: 'lockoutMinutes', label: 'security.lockoutMinutes', unit: 'security.unit.minutes', min: 1, max: 1440 },
  { name: 'idleMinutes', label: 'security.idleMinutes', unit: 'security.unit.minutes', min: 1, max: 1440 },
  { name: 'adminPasswordMaxAgeDays', label: 'security.adminPasswordMaxAgeDays', unit: 'security.unit.days', min: 1, max: 3650 },
];

const ALL_FIELDS = [
  'passwordMinLength',
  'lockoutThreshold',
  'lockoutMinutes',
  'idleMinutes',
  'adminPasswordMaxAgeDays',
  'totpRequiredForAdmins',
  'watermark',
  'fieldAlgorithm',
  'auditRetentionDays',
] as const;

export function SecurityPage() {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const [form] = Form.useForm<SecuritySettings>();
  const settings = useQuery({ queryKey: ['settings', 'security'], queryFn: () => unwrap(api.GET('/api/settings/security')) });
  const save = useMutation({
    mutationFn: (body: SecuritySettings) => unwrap(api.PUT('/api/settings/security', { body })),
    onSuccess: (next) => {
      qc.setQueryData(['settings', 'security'], next);
      form.setFieldsValue(next);
      notify.success(t('security.saved'));
      // The watermark flag travels in the session.
      void qc.invalidateQueries({ queryKey: SESSION_KEY });
    },
    onError: (err) => applyFieldError(form, err, ALL_FIELDS),
  });

  useEffect(() => {
    if (settings.data !== undefined) form.setFieldsValue(settings.data);
  }, [settings.data, form]);

  if (settings.isPending) return <PageLoading />;
  if (settings.isError) return <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />;

  const num = (f: (typeof NUMBER_FIELDS)[number]) => (
    <Form.Item key={f.name} name={f.name} label={t(f.label)} rules={[{ required: true, message: t('common.required', { label: t(f.label) }) }]}>
      <InputNumber min={f.min} max={f.max} precision={0} suffix={t(f.unit)} style={{ width: 180 }} data-testid={`security-${f.name}`} />
    </Form.Item>
  );

  return (
    <div>
      <PageHeader title={t('security.title')} />
      <Form<SecuritySettings>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={settings.data}
        onFinish={(v) => save.mutate({ ...settings.data, ...v })}
        style={{ maxWidth: 720 }}
      >
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          {save.error !== null && errorField(save.error, ALL_FIELDS) === undefined && <Alert type="error" showIcon title={errorText(save.error, t)} />}
          <Card title={t('security.groupLogin')} size="small">
            {NUMBER_FIELDS.map(num)}
            <Form.Item name="totpRequiredForAdmins" label={t('security.totpRequiredForAdmins')} valuePropName="checked">
              <Switch data-testid="security-totpRequiredForAdmins" />
            </Form.Item>
          </Card>
          <Card title={t('security.groupData')} size="small">
            <Form.Item name="watermark" label={t('security.watermark')} valuePropName="checked">
              <Switch data-testid="security-watermark" />
            </Form.Item>
            <Form.Item name="fieldAlgorithm" label={t('security.fieldAlgorithm')}>
              <Radio.Group
                data-testid="security-fieldAlgorithm"
                options={[
                  { value: 'aes', label: t('security.alg.aes') },
                  { value: 'sm4', label: t('security.alg.sm4') },
                ]}
              />
            </Form.Item>
            {num({ name: 'auditRetentionDays', label: 'security.auditRetentionDays', unit: 'security.unit.days', min: 1, max: 36500 })}
          </Card>
          <Button type="primary" htmlType="submit" size="large" loading={save.isPending} data-testid="security-save">
            {t('common.save')}
          </Button>
        </Space>
      </Form>
    </div>
  );
}
