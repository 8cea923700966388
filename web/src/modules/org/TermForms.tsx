import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Flex, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useT } from '../../app/preferences';
import { api, unwrap } from '../../shared/api';
import type { PositionDuty, PositionRole } from '../../shared/api-models';
import { errorText } from '../../shared/errors';
import { errorField } from '../../shared/formErrors';
import { CandidateSelect } from './CandidateSelect';
import { DUTIES, ROLES } from './leadership-labels';

export type TermDialog = 'elect' | 'position' | 'change';

interface Props {
  dialog: TermDialog;
  unitId: string;
  open: boolean;
  /** The server says whether this user may record an exception to a §1 block (higher organisation). */
  canOverride: boolean;
  onClose: () => void;
  onDone: () => void;
}

interface PositionValues { personId: string; role: PositionRole; duty?: PositionDuty | null }
interface Values {
  date?: Dayjs;
  positions?: PositionValues[];
  personId?: string;
  role?: PositionRole;
  duty?: PositionDuty | null;
  reason?: string;
  exceptionReason?: string;
  note?: string;
}

const day = (d: Dayjs | undefined) => (d ? d.format('YYYY-MM-DD') : '');

/** 换届 (a whole new 班子), 任命 (one appointment), 延期/提前换届 (a new end date): the server checks §1 and names the rule. */
export function TermModal({ dialog, unitId, open, canOverride, onClose, onDone }: Props) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const path = { id: unitId };
  const exception = (v: Values) => (canOverride && v.exceptionReason?.trim() ? { exceptionReason: v.exceptionReason.trim() } : {});
  const run = useMutation({
    mutationFn: async (v: Values) => {
      if (dialog === 'elect') {
        const positions = (v.positions ?? []).map((p) => ({ personId: p.personId, role: p.role, duty: p.duty ?? null }));
        return unwrap(api.POST('/api/org/units/{id}/terms', { params: { path }, body: { startedOn: day(v.date), positions, ...(v.note?.trim() ? { note: v.note.trim() } : {}), ...exception(v) } }));
      }
      if (dialog === 'position') {
        return unwrap(api.POST('/api/org/units/{id}/positions', { params: { path }, body: { personId: v.personId ?? '', role: v.role ?? 'member', duty: v.duty ?? null, fromOn: day(v.date), ...exception(v) } }));
      }
      return unwrap(api.PATCH('/api/org/units/{id}/terms/current', { params: { path }, body: { endsOn: day(v.date), reason: (v.reason ?? '').trim(), ...exception(v) } }));
    },
    onSuccess: () => {
      form.resetFields();
      onDone();
    },
  });
  const dateField = dialog === 'elect' ? 'startedOn' : dialog === 'position' ? 'fromOn' : 'endsOn';
  const fieldErr = run.error !== null ? errorField(run.error, [dateField, 'personId', 'role', 'reason']) : undefined;
  const roleOptions = ROLES.map((r) => ({ value: r, label: t(`orgx.role.${r}`) }));
  const dutyOptions = DUTIES.map((d) => ({ value: d, label: t(`orgx.duty.${d}`) }));
  return (
    <Modal
      open={open}
      title={t(`orgx.${dialog}.title`)}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={run.isPending}
      onOk={() => form.submit()}
      onCancel={() => {
        run.reset();
        onClose();
      }}
      okButtonProps={{ 'data-testid': `org-${dialog}-submit` } as Record<string, string>}
      destroyOnHidden
      width={640}
    >
      {run.error !== null && (
        <Alert type="error" showIcon title={errorText(run.error, t)} style={{ marginBottom: 12 }} data-testid="org-term-error" description={fieldErr ? t(`orgx.field.${fieldErr === dateField ? 'date' : 'other'}`) : undefined} />
      )}
      <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={(v) => run.mutate(v)} initialValues={{ positions: [{ role: 'secretary' }] }}>
        <Form.Item name="date" label={t(`orgx.${dialog}.date`)} rules={[{ required: true, message: t('common.required', { label: t(`orgx.${dialog}.date`) }) }]}>
          <DatePicker style={{ width: '100%' }} data-testid={`org-${dialog}-date`} />
        </Form.Item>
        {dialog === 'elect' && (
          <Form.List name="positions">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => (
                  <Flex key={f.key} gap={8} wrap align="start" data-testid="org-elect-position">
                    <Form.Item name={[f.name, 'personId']} rules={[{ required: true, message: t('orgx.person.required') }]} style={{ flex: '2 1 180px', marginBottom: 8 }}>
                      <CandidateSelect unitId={unitId} testId={`org-elect-person-${i}`} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'role']} rules={[{ required: true }]} style={{ flex: '1 1 100px', marginBottom: 8 }}>
                      <Select options={roleOptions} data-testid={`org-elect-role-${i}`} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'duty']} style={{ flex: '1 1 110px', marginBottom: 8 }}>
                      <Select allowClear placeholder={t('orgx.duty.none')} options={dutyOptions} />
                    </Form.Item>
                    <Button type="text" aria-label={t('orgx.position.remove')} icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} />
                  </Flex>
                ))}
                <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ role: 'member' })} style={{ marginBottom: 16 }} data-testid="org-elect-add">
                  {t('orgx.position.add')}
                </Button>
              </>
            )}
          </Form.List>
        )}
        {dialog === 'position' && (
          <>
            <Form.Item name="personId" label={t('orgx.person')} rules={[{ required: true, message: t('orgx.person.required') }]}>
              <CandidateSelect unitId={unitId} testId="org-position-person" />
            </Form.Item>
            <Flex gap={8} wrap>
              <Form.Item name="role" label={t('orgx.role')} rules={[{ required: true }]} style={{ flex: '1 1 140px' }} initialValue="member">
                <Select options={roleOptions} data-testid="org-position-role" />
              </Form.Item>
              <Form.Item name="duty" label={t('orgx.duty')} style={{ flex: '1 1 140px' }}>
                <Select allowClear placeholder={t('orgx.duty.none')} options={dutyOptions} />
              </Form.Item>
            </Flex>
          </>
        )}
        {dialog === 'change' && (
          <Form.Item name="reason" label={t('orgx.change.reason')} rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('orgx.change.reason') }) }]}>
            <Input.TextArea maxLength={200} autoSize={{ minRows: 2 }} data-testid="org-change-reason" />
          </Form.Item>
        )}
        {dialog === 'elect' && (
          <Form.Item name="note" label={t('orgx.elect.note')}>
            <Input.TextArea maxLength={500} autoSize={{ minRows: 1 }} />
          </Form.Item>
        )}
        {canOverride && (
          <Form.Item name="exceptionReason" label={t('orgx.exception')} extra={t('orgx.exception.hint')}>
            <Input.TextArea maxLength={200} autoSize={{ minRows: 1 }} data-testid="org-exception-reason" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
