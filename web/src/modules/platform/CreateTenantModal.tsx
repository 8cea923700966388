import { useMutation } from '@tanstack/react-query';
import { Alert, Descriptions, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useT } from '../../app/preferences';
import { api, unwrap } from '../../shared/api';
import type { CreateTenantBody, CreateTenantResult } from '../../shared/api-models';
import { OneTimeSecretModal } from '../../shared/components/OneTimeSecret';
import { errorText } from '../../shared/errors';
import { applyFieldError, errorField } from '../../shared/formErrors';

const FIELDS = ['code', 'name', 'adminUsername', 'adminDisplayName'] as const;

/** Open a tenant with its first administrator; the initial password is shown once. */
export function CreateTenantModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: () => void }) {
  const t = useT();
  const [form] = Form.useForm<CreateTenantBody>();
  const [result, setResult] = useState<CreateTenantResult | null>(null);
  const create = useMutation({
    mutationFn: (v: CreateTenantBody) =>
      unwrap(
        api.POST('/api/platform/tenants', {
          body: {
            code: v.code.trim(),
            name: v.name.trim(),
            adminUsername: v.adminUsername.trim(),
            adminDisplayName: v.adminDisplayName.trim(),
          },
        }),
      ),
    onSuccess: (res) => {
      setResult(res);
      onCreated();
    },
    onError: (err) => applyFieldError(form, err, FIELDS),
  });
  const close = () => {
    setResult(null);
    create.reset();
    form.resetFields();
    onClose();
  };

  if (result !== null) {
    return (
      <OneTimeSecretModal
        open={open}
        title={t('platform.createdTitle')}
        label={t('platform.initialPassword')}
        value={result.temporaryPassword}
        hint={t('platform.createdHint', { name: result.tenant.name })}
        onDone={close}
      >
        <Descriptions
          size="small"
          column={1}
          style={{ marginBottom: 12 }}
          items={[
            { key: 'code', label: t('platform.code'), children: result.tenant.code },
            { key: 'name', label: t('platform.name'), children: result.tenant.name },
            { key: 'admin', label: t('platform.adminUsername'), children: result.adminUsername },
          ]}
        />
      </OneTimeSecretModal>
    );
  }

  const required = (label: string) => [{ required: true, whitespace: true, message: t('common.required', { label }) }];
  return (
    <Modal
      open={open}
      title={t('platform.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={close}
      destroyOnHidden
    >
      {create.error !== null && errorField(create.error, FIELDS) === undefined && <Alert type="error" showIcon title={errorText(create.error, t)} style={{ marginBottom: 12 }} />}
      <Form<CreateTenantBody> form={form} layout="vertical" requiredMark={false} onFinish={(v) => create.mutate(v)}>
        <Form.Item name="code" label={t('platform.code')} extra={t('platform.codeHint')} rules={required(t('platform.code'))}>
          <Input autoFocus autoCapitalize="none" autoComplete="off" maxLength={32} data-testid="tenant-code" />
        </Form.Item>
        <Form.Item name="name" label={t('platform.name')} rules={required(t('platform.name'))}>
          <Input maxLength={100} data-testid="tenant-name" />
        </Form.Item>
        <Form.Item name="adminUsername" label={t('platform.adminUsername')} rules={required(t('platform.adminUsername'))}>
          <Input autoCapitalize="none" autoComplete="off" maxLength={64} data-testid="tenant-admin-username" />
        </Form.Item>
        <Form.Item name="adminDisplayName" label={t('platform.adminDisplayName')} rules={required(t('platform.adminDisplayName'))}>
          <Input maxLength={64} data-testid="tenant-admin-display-name" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
