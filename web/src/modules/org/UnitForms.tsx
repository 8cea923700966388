import { useMutation } from '@tanstack/react-query';
import { Alert, Form, Input, Modal, Select } from 'antd';
import { useT } from '../../app/preferences';
import { api, unwrap } from '../../shared/api';
import type { OrgKind, OrgUnit } from '../../shared/api-models';
import { errorText } from '../../shared/errors';
import { applyFieldError, errorField } from '../../shared/formErrors';
import { kindLabelKey } from './labels';

interface CreateValues {
  name: string;
  kind: OrgKind;
}

export function CreateChildModal({
  parent,
  open,
  onClose,
  onCreated,
}: {
  parent: OrgUnit;
  open: boolean;
  onClose: () => void;
  onCreated: (unit: OrgUnit) => void;
}) {
  const t = useT();
  const [form] = Form.useForm<CreateValues>();
  // The server applies the hierarchy rule (RULES.md §1) and sends the kinds allowed here.
  const kinds = parent.abilities.childKinds;
  const create = useMutation({
    mutationFn: (v: CreateValues) =>
      unwrap(api.POST('/api/org/units', { body: { parentId: parent.id, name: v.name.trim(), kind: v.kind } })),
    onSuccess: (unit) => {
      form.resetFields();
      onCreated(unit);
    },
    onError: (err) => applyFieldError(form, err, ['name', 'kind']),
  });
  return (
    <Modal
      open={open}
      title={t('org.createChild')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={() => {
        create.reset();
        onClose();
      }}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'org-create-submit' } as Record<string, string>}
    >
      {create.error !== null && errorField(create.error, ['name', 'kind']) === undefined && <Alert type="error" showIcon title={errorText(create.error, t)} style={{ marginBottom: 12 }} />}
      <Form<CreateValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ kind: kinds[0] }}
        onFinish={(v) => create.mutate(v)}
      >
        <Form.Item label={t('org.parent')}>
          <Input value={parent.name} disabled />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('org.name')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('org.name') }) }]}
        >
          <Input autoFocus maxLength={100} data-testid="org-create-name" />
        </Form.Item>
        <Form.Item name="kind" label={t('org.kind')} rules={[{ required: true }]}>
          <Select options={kinds.map((k) => ({ value: k, label: t(kindLabelKey(k)) }))} data-testid="org-create-kind" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function RenameModal({
  unit,
  open,
  onClose,
  onRenamed,
}: {
  unit: OrgUnit;
  open: boolean;
  onClose: () => void;
  onRenamed: (unit: OrgUnit) => void;
}) {
  const t = useT();
  const [form] = Form.useForm<{ name: string }>();
  const rename = useMutation({
    mutationFn: (v: { name: string }) =>
      unwrap(api.PATCH('/api/org/units/{id}', { params: { path: { id: unit.id } }, body: { name: v.name.trim() } })),
    onSuccess: (u) => onRenamed(u),
    onError: (err) => applyFieldError(form, err, ['name']),
  });
  return (
    <Modal
      open={open}
      title={t('org.rename')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={rename.isPending}
      onOk={() => form.submit()}
      onCancel={() => {
        rename.reset();
        onClose();
      }}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'org-rename-submit' } as Record<string, string>}
    >
      {rename.error !== null && errorField(rename.error, ['name']) === undefined && <Alert type="error" showIcon title={errorText(rename.error, t)} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" requiredMark={false} initialValues={{ name: unit.name }} onFinish={(v) => rename.mutate(v)}>
        <Form.Item
          name="name"
          label={t('org.name')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('org.name') }) }]}
        >
          <Input autoFocus maxLength={100} data-testid="org-rename-name" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
