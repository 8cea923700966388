import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Flex, Form, Input, Radio, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { useT } from '../../app/preferences';
import { api, unwrap } from '../../shared/api';
import type { TransferBody, TransferScope } from '../../shared/api-models';
import { PageHeader } from '../../shared/components/PageHeader';
import { PersonalDataWatermark } from '../../shared/components/PersonalDataWatermark';
import { errorText } from '../../shared/errors';
import { applyFieldError, errorField } from '../../shared/formErrors';
import { useNotify } from '../../shared/hooks/useNotify';
import type { dayjs } from '../../shared/time';
import { fetchTransferSettings, fetchUnits, transferKeys } from './queries';

interface Values {
  personId: string;
  scope: TransferScope;
  toUnitId?: string;
  toTenantId?: string;
  toOrgName?: string;
  reason?: string;
  validityDays: number;
  duesPaidUntil?: ReturnType<typeof dayjs> | null;
}

const FIELDS = ['personId', 'scope', 'toUnitId', 'toTenantId', 'toOrgName', 'reason', 'validityDays', 'duesPaidUntil'] as const;
/** The letter's validity choices until the tenant's are loaded (RULES.md §3: 30 or 90 days); the server checks them again. */
const DEFAULT_VALIDITY = [30, 90];

export function CreateTransferPage() {
  const t = useT();
  const navigate = useNavigate();
  const notify = useNotify();
  const [form] = Form.useForm<Values>();
  const scope = Form.useWatch('scope', form) ?? 'within_tenant';
  const [q, setQ] = useState('');
  const candidates = useQuery({
    queryKey: transferKeys.candidates(q),
    queryFn: () => unwrap(api.GET('/api/transfers/candidates', { params: { query: q ? { q } : {} } })),
  });
  const units = useQuery({ queryKey: transferKeys.units('target'), queryFn: () => fetchUnits('target'), enabled: scope === 'within_tenant' });
  // The validity periods this enterprise offers (规则设置); a choice it dropped is not offered.
  const settings = useQuery({ queryKey: transferKeys.settings, queryFn: fetchTransferSettings });
  const validity = settings.data?.settings.letterValidityDays ?? DEFAULT_VALIDITY;
  const chosen = Form.useWatch('validityDays', form);
  useEffect(() => {
    if (chosen !== undefined && validity.length > 0 && !validity.includes(chosen)) form.setFieldValue('validityDays', validity[0]);
  }, [chosen, validity, form]);
  const directory = useQuery({ queryKey: transferKeys.directory, queryFn: () => unwrap(api.GET('/api/transfers/directory')), enabled: scope === 'platform' });
  const create = useMutation({
    mutationFn: (v: Values) => {
      const body: TransferBody = {
        personId: v.personId, scope: v.scope, reason: (v.reason ?? '').trim(), validityDays: v.validityDays,
        duesPaidUntil: v.duesPaidUntil ? v.duesPaidUntil.format('YYYY-MM') : null,
        ...(v.scope === 'within_tenant' && v.toUnitId ? { toUnitId: v.toUnitId } : {}),
        ...(v.scope === 'platform' && v.toTenantId ? { toTenantId: v.toTenantId } : {}),
        ...(v.scope !== 'within_tenant' ? { toOrgName: (v.toOrgName ?? '').trim() } : {}),
      };
      return unwrap(api.POST('/api/transfers', { body }));
    },
    onSuccess: (d) => {
      notify.success(t('tr.form.created'));
      void navigate(`/transfers/${d.id}`, { replace: true });
    },
    onError: (err) => applyFieldError(form, err, FIELDS),
  });
  const required = (label: string) => [{ required: true, message: t('common.required', { label }) }];

  return (
    <div>
      <PageHeader title={t('tr.form.title')} extra={<Button onClick={() => void navigate('/transfers')}>{t('tr.detail.back')}</Button>} />
      <PersonalDataWatermark>
        <Card size="small" style={{ maxWidth: 720 }}>
          {create.error !== null && errorField(create.error, FIELDS) === undefined && (
            <Alert type="error" showIcon title={errorText(create.error, t)} style={{ marginBottom: 12 }} data-testid="transfer-form-error" />
          )}
          <Form<Values> form={form} layout="vertical" requiredMark={false} initialValues={{ scope: 'within_tenant', validityDays: 30 }} onFinish={(v) => create.mutate(v)}>
            <Form.Item name="personId" label={t('tr.form.person')} rules={required(t('tr.form.person'))}>
              <Select
                showSearch={{ filterOption: false, onSearch: (v) => setQ(v.trim()) }}
                placeholder={t('tr.form.personSearch')}
                loading={candidates.isFetching}
                notFoundContent={candidates.isPending ? undefined : t('tr.form.personEmpty')}
                options={(candidates.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.name}（${c.unitName}）` }))}
                data-testid="transfer-person"
              />
            </Form.Item>
            <Form.Item name="scope" label={t('tr.form.scope')}>
              <Radio.Group data-testid="transfer-scope">
                <Space direction="vertical">
                  {(['within_tenant', 'platform', 'external'] as const).map((s) => (
                    <Radio key={s} value={s} data-testid={`transfer-scope-${s}`}>{t(`tr.scope.${s}`)}</Radio>
                  ))}
                </Space>
              </Radio.Group>
            </Form.Item>
            {scope === 'within_tenant' && (
              <Form.Item name="toUnitId" label={t('tr.form.toUnit')} rules={required(t('tr.form.toUnit'))}>
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  loading={units.isPending}
                  options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name, depth: u.depth }))}
                  optionRender={(o) => <span style={{ paddingLeft: Math.min(o.data.depth, 4) * 12 }}>{o.label}</span>}
                  data-testid="transfer-to-unit"
                />
              </Form.Item>
            )}
            {scope === 'platform' && (
              <Form.Item name="toTenantId" label={t('tr.form.toTenant')} extra={t('tr.form.toTenantHint')} rules={required(t('tr.form.toTenant'))}>
                <Select
                  loading={directory.isPending}
                  options={(directory.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))}
                  data-testid="transfer-to-tenant"
                />
              </Form.Item>
            )}
            {scope !== 'within_tenant' && (
              <Form.Item name="toOrgName" label={t('tr.form.toOrgName')} extra={t('tr.form.toOrgNameHint')} rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('tr.form.toOrgName') }) }]}>
                <Input maxLength={100} data-testid="transfer-to-org" />
              </Form.Item>
            )}
            <Form.Item name="reason" label={t('tr.form.reason')}>
              <Input maxLength={200} data-testid="transfer-reason" />
            </Form.Item>
            <Flex gap={24} wrap>
              <Form.Item name="validityDays" label={t('tr.form.validity')}>
                <Radio.Group data-testid="transfer-validity" optionType="button" options={validity.map((d) => ({ value: d, label: t('tr.form.days', { days: d }) }))} />
              </Form.Item>
              <Form.Item name="duesPaidUntil" label={t('tr.form.dues')} extra={t('tr.form.duesHint')} style={{ maxWidth: 360 }}>
                <DatePicker picker="month" format="YYYY-MM" data-testid="transfer-dues" />
              </Form.Item>
            </Flex>
            <Button type="primary" htmlType="submit" loading={create.isPending} block data-testid="transfer-submit">
              {t('tr.form.submit')}
            </Button>
          </Form>
        </Card>
      </PersonalDataWatermark>
    </div>
  );
}
