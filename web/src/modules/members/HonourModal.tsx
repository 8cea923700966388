import { useMutation } from '@tanstack/react-query';
import { Alert, DatePicker, Form, Input, Modal, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import { useT } from '../../app/preferences';
import { api, unwrap } from '../../shared/api';
import type { HonourBody } from '../../shared/api-models';
import { errorText } from '../../shared/errors';
import { applyFieldError, errorField } from '../../shared/formErrors';

interface Values { kind: HonourBody['kind']; title: string; decidedOn: Dayjs; issuer?: string; note?: string }
const FIELDS = ['kind', 'title', 'decidedOn', 'issuer', 'note'];

/** Add an award (奖励) or punishment (处分). */
export function HonourModal({ personId, open, onClose, onSaved }: { personId: string; open: boolean; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    mutationFn: (v: Values) => unwrap(api.POST('/api/people/{id}/honours', {
      params: { path: { id: personId } },
      body: { kind: v.kind, title: v.title.trim(), decidedOn: v.decidedOn.format('YYYY-MM-DD'), issuer: v.issuer?.trim() ?? '', note: v.note?.trim() ?? '' },
    })),
    onSuccess: () => {
      form.resetFields();
      onSaved();
    },
    onError: (err) => applyFieldError(form, err, FIELDS),
  });
  return (
    <Modal open={open} title={t('people.honourAdd')} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={save.isPending}
      onOk={() => form.submit()} onCancel={() => { save.reset(); onClose(); }} destroyOnHidden
      okButtonProps={{ 'data-testid': 'honour-submit' } as Record<string, string>}>
      {save.error !== null && errorField(save.error, FIELDS) === undefined && <Alert type="error" showIcon title={errorText(save.error, t)} style={{ marginBottom: 12 }} />}
      <Form<Values> form={form} layout="vertical" requiredMark={false} initialValues={{ kind: 'award' }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="kind" label={t('people.honour.kind')}>
          <Radio.Group options={[{ value: 'award', label: t('people.honour.award') }, { value: 'punishment', label: t('people.honour.punishment') }]} />
        </Form.Item>
        <Form.Item name="title" label={t('people.honour.title')} rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('people.honour.title') }) }]}>
          <Input maxLength={100} data-testid="honour-title" />
        </Form.Item>
        <Form.Item name="decidedOn" label={t('people.honour.decidedOn')} rules={[{ required: true, message: t('common.required', { label: t('people.honour.decidedOn') }) }]}>
          <DatePicker style={{ width: '100%' }} data-testid="honour-date" />
        </Form.Item>
        <Form.Item name="issuer" label={t('people.honour.issuer')}><Input maxLength={100} /></Form.Item>
        <Form.Item name="note" label={t('people.honour.note')}><Input.TextArea maxLength={500} rows={2} /></Form.Item>
      </Form>
    </Modal>
  );
}
