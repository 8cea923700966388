import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Form, Input } from 'antd';
import { useT } from '../../app/preferences';
import { api, setCsrfToken, unwrap } from '../../shared/api';
import type { Stage } from '../../shared/api-models';
import { errorText } from '../../shared/errors';
import { applyFieldError, errorField } from '../../shared/formErrors';
import { PasswordPolicy } from './PasswordPolicy';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Change password: used by the forced step after first sign-in and by 我的账号. */
export function PasswordChangeForm({ onDone }: { onDone: (stage: Stage) => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const change = useMutation({
    mutationFn: async (v: Values) =>
      unwrap(api.POST('/api/auth/password', { body: { currentPassword: v.currentPassword, newPassword: v.newPassword } })),
    onSuccess: (res) => {
      // The server starts a fresh session after a password change.
      setCsrfToken(res.csrfToken);
      form.resetFields();
      onDone(res.stage);
    },
    onError: (err) => {
      applyFieldError(form, err, ['currentPassword', 'newPassword']);
    },
  });
  const showAlert = change.error !== null && errorField(change.error, ['currentPassword', 'newPassword']) === undefined;

  return (
    <>
      <PasswordPolicy />
      {showAlert && (
        <Alert type="error" showIcon title={errorText(change.error, t)} data-testid="pwd-error" style={{ marginBottom: 16 }} />
      )}
      <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={(v) => change.mutate(v)}>
        <Form.Item
          name="currentPassword"
          label={t('pwd.current')}
          rules={[{ required: true, message: t('common.required', { label: t('pwd.current') }) }]}
        >
          <Input.Password autoComplete="current-password" data-testid="pwd-current" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('pwd.new')}
          rules={[{ required: true, message: t('common.required', { label: t('pwd.new') }) }]}
        >
          <Input.Password autoComplete="new-password" data-testid="pwd-new" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('pwd.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('common.required', { label: t('pwd.confirm') }) },
            ({ getFieldValue }) => ({
              validator: async (_, value: unknown) => {
                if (value === undefined || value === '' || value === getFieldValue('newPassword')) return;
                throw new Error(t('pwd.mismatch'));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="pwd-confirm" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={change.isPending} data-testid="pwd-submit">
          {t('pwd.submit')}
        </Button>
      </Form>
    </>
  );
}
