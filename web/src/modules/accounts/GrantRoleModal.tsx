import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Form, Modal, Select, Typography } from 'antd';
import { useT } from '../../app/preferences';
import { api, unwrap } from '../../shared/api';
import type { Account } from '../../shared/api-models';
import { errorText } from '../../shared/errors';
import { applyFieldError, errorField } from '../../shared/formErrors';
import { OrgUnitSelect } from './OrgUnitSelect';
import { accountKeys, fetchRoles } from './queries';

interface Values {
  role: string;
  orgUnitId: string | null;
}

export function GrantRoleModal({ account, onClose, onGranted }: { account: Account | null; onClose: () => void; onGranted: () => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const roles = useQuery({ queryKey: accountKeys.roles, queryFn: fetchRoles, staleTime: 10 * 60_000, enabled: account !== null });
  const roleKey = Form.useWatch('role', form);
  const tenantWide = roles.data?.items.find((r) => r.key === roleKey)?.tenantWide === true;
  const grant = useMutation({
    mutationFn: (v: Values & { id: string }) =>
      unwrap(
        api.POST('/api/accounts/{id}/roles', {
          params: { path: { id: v.id } },
          body: { role: v.role, orgUnitId: tenantWide ? null : (v.orgUnitId ?? null) },
        }),
      ),
    onSuccess: () => {
      form.resetFields();
      onGranted();
    },
    onError: (err) => applyFieldError(form, err, ['role', 'orgUnitId']),
  });
  const close = () => {
    grant.reset();
    form.resetFields();
    onClose();
  };
  return (
    <Modal
      open={account !== null}
      title={account !== null ? t('accounts.grantTitle', { name: account.displayName }) : ''}
      okText={t('accounts.grant')}
      cancelText={t('common.cancel')}
      confirmLoading={grant.isPending}
      onOk={() => form.submit()}
      onCancel={close}
      destroyOnHidden
    >
      {grant.error !== null && errorField(grant.error, ['role', 'orgUnitId']) === undefined && <Alert type="error" showIcon title={errorText(grant.error, t)} style={{ marginBottom: 12 }} />}
      {roles.isError && <Alert type="error" showIcon title={errorText(roles.error, t)} style={{ marginBottom: 12 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ orgUnitId: null }}
        onFinish={(v) => {
          if (account !== null) grant.mutate({ ...v, id: account.id });
        }}
      >
        <Form.Item
          name="role"
          label={t('accounts.role')}
          rules={[{ required: true, message: t('common.required', { label: t('accounts.role') }) }]}
        >
          <Select
            data-testid="grant-role"
            loading={roles.isPending}
            showSearch={{ optionFilterProp: 'label' }}
            options={(roles.data?.items ?? []).map((r) => ({
              value: r.key,
              label: r.name,
              desc: r.description,
            }))}
            optionRender={(o) => (
              <div>
                <div>{o.label}</div>
                <Typography.Text type="secondary" style={{ fontSize: '0.85em', whiteSpace: 'normal' }}>
                  {o.data.desc}
                </Typography.Text>
              </div>
            )}
          />
        </Form.Item>
        {!tenantWide && (
          <Form.Item name="orgUnitId" label={t('accounts.orgUnit')} extra={t('accounts.orgUnitHint')}>
            <OrgUnitSelect placeholder={t('home.scopeAll')} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
