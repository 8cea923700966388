import { useMutation } from '@tanstack/react-query';
import { Alert, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useT } from '../../app/preferences';
import { api, unwrap } from '../../shared/api';
import { OneTimeSecretModal } from '../../shared/components/OneTimeSecret';
import { errorText } from '../../shared/errors';
import { applyFieldError, errorField } from '../../shared/formErrors';

interface Values {
  username: string;
  displayName: string;
}

/** New account; the generated temporary password is shown once. */
export function CreateAccountModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: () => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const [result, setResult] = useState<{ name: string; password: string } | null>(null);
  const create = useMutation({
    mutationFn: (v: Values) =>
      unwrap(api.POST('/api/accounts', { body: { username: v.username.trim(), displayName: v.displayName.trim() } })),
    onSuccess: (res) => {
      setResult({ name: res.account.displayName, password: res.temporaryPassword });
      onCreated();
    },
    onError: (err) => applyFieldError(form, err, ['username', 'displayName']),
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
        title={t('accounts.createdTitle')}
        label={t('accounts.tempPasswordTitle')}
        value={result.password}
        hint={t('accounts.tempPasswordHint', { name: result.name })}
        onDone={close}
      />
    );
  }

  return (
    <Modal
      open={open}
      title={t('accounts.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={close}
      destroyOnHidden
    >
      {create.error !== null && errorField(create.error, ['username', 'displayName']) === undefined && <Alert type="error" showIcon title={errorText(create.error, t)} style={{ marginBottom: 12 }} />}
      <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={(v) => create.mutate(v)}>
        <Form.Item
          name="username"
          label={t('accounts.username')}
          extra={t('accounts.usernameHint')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('accounts.username') }) }]}
        >
          <Input autoFocus autoComplete="off" autoCapitalize="none" maxLength={64} data-testid="account-username" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('accounts.displayName')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('accounts.displayName') }) }]}
        >
          <Input autoComplete="off" maxLength={64} data-testid="account-display-name" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
