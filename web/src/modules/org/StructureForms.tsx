import { useMutation } from '@tanstack/react-query';
import { Alert, Form, Input, Modal, Typography } from 'antd';
import { useT } from '../../app/preferences';
import { api, unwrap } from '../../shared/api';
import type { OrgUnit } from '../../shared/api-models';
import { errorText } from '../../shared/errors';
import { applyFieldError, errorField } from '../../shared/formErrors';
import { TargetSelect } from './TargetSelect';

type Kind = 'move' | 'merge' | 'dissolve';

interface Props {
  kind: Kind;
  unit: OrgUnit;
  open: boolean;
  onClose: () => void;
  /** After success: the unit to show next (the moved unit, the merge target, or the parent of a dissolved unit). */
  onDone: (next: string | null, kind: Kind, target: string | null) => void;
}

interface Values { target?: string; reason?: string }

/** 调整上级 / 合并到… / 撤销: one dialog, the server checks the hierarchy rule, cycles and emptiness. */
export function StructureModal({ kind, unit, open, onClose, onDone }: Props) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const fields = kind === 'dissolve' ? ['reason'] : [kind === 'move' ? 'parentId' : 'intoId'];
  const run = useMutation({
    mutationFn: (v: Values) => {
      const path = { id: unit.id };
      if (kind === 'move') return unwrap(api.POST('/api/org/units/{id}/move', { params: { path }, body: { parentId: v.target ?? '' } }));
      if (kind === 'merge') return unwrap(api.POST('/api/org/units/{id}/merge', { params: { path }, body: { intoId: v.target ?? '' } }));
      return unwrap(api.POST('/api/org/units/{id}/dissolve', { params: { path }, body: { reason: (v.reason ?? '').trim() } }));
    },
    onSuccess: (_r, v) => {
      form.resetFields();
      onDone(kind === 'move' ? unit.id : kind === 'merge' ? (v.target ?? null) : unit.parentId, kind, v.target ?? null);
    },
    onError: (err) => {
      const f = errorField(err, fields);
      if (f !== undefined) form.setFields([{ name: f === 'reason' ? 'reason' : 'target', errors: [errorText(err, t)] }]);
      else applyFieldError(form, err, []);
    },
  });
  const title = t(`orgx.${kind}.title`);
  return (
    <Modal
      open={open}
      title={`${title}：${unit.name}`}
      okText={t(`orgx.${kind}.submit`)}
      okButtonProps={{ danger: kind !== 'move', ...({ 'data-testid': `org-${kind}-submit` } as Record<string, string>) }}
      cancelText={t('common.cancel')}
      confirmLoading={run.isPending}
      onOk={() => form.submit()}
      onCancel={() => {
        run.reset();
        onClose();
      }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t(`orgx.${kind}.hint`)}</Typography.Paragraph>
      {run.error !== null && errorField(run.error, fields) === undefined && <Alert type="error" showIcon title={errorText(run.error, t)} style={{ marginBottom: 12 }} data-testid="org-structure-error" />}
      <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={(v) => run.mutate(v)}>
        {kind === 'dissolve' ? (
          <Form.Item name="reason" label={t('orgx.dissolve.reason')} rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('orgx.dissolve.reason') }) }]}>
            <Input.TextArea maxLength={200} autoSize={{ minRows: 2 }} data-testid="org-dissolve-reason" />
          </Form.Item>
        ) : (
          <Form.Item name="target" label={t(`orgx.${kind}.target`)} rules={[{ required: true, message: t('common.required', { label: t(`orgx.${kind}.target`) }) }]}>
            <TargetSelect unitId={unit.id} purpose={kind} testId={`org-${kind}-target`} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
