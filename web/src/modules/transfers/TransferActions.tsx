import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Flex, Form, Input, Modal, Popconfirm, Select, type ButtonProps } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useT } from '../../app/preferences';
import { api, unwrap } from '../../shared/api';
import type { TransferDetail } from '../../shared/api-models';
import { errorText } from '../../shared/errors';
import { applyFieldError, errorField } from '../../shared/formErrors';
import { useNotify } from '../../shared/hooks/useNotify';
import { dayjs } from '../../shared/time';
import { fetchUnits, transferKeys } from './queries';

/** The actions the server allows now (`abilities`); nothing else is offered. */
export function TransferActions({ d }: { d: TransferDetail }) {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const navigate = useNavigate();
  const [modal, setModal] = useState<'receive' | 'return' | null>(null);
  const done = (next: TransferDetail) => {
    qc.setQueryData(transferKeys.detail(d.id), next);
    void qc.invalidateQueries({ queryKey: ['transfers', 'list'] });
    void qc.invalidateQueries({ queryKey: ['transfers', 'candidates'] });
    notify.success(t('tr.action.done'));
  };
  const issue = useMutation({ mutationFn: () => unwrap(api.POST('/api/transfers/{id}/issue', { params: { path: { id: d.id } } })), onSuccess: done, onError: notify.failure });
  const cancel = useMutation({ mutationFn: () => unwrap(api.POST('/api/transfers/{id}/cancel', { params: { path: { id: d.id } } })), onSuccess: done, onError: notify.failure });
  const external = d.scope === 'external';
  const a = d.abilities;
  if (!a.issue && !a.cancel && !a.receive && !a.return && !a.letter) return null;
  return (
    <>
      <Flex gap={8} wrap>
        {a.issue && (
          <Popconfirm title={t('tr.action.issueConfirm')} okText={t('common.ok')} cancelText={t('common.cancel')} onConfirm={() => issue.mutate()}>
            <Button type="primary" loading={issue.isPending} data-testid="transfer-issue">{t('tr.action.issue')}</Button>
          </Popconfirm>
        )}
        {a.receive && (
          <Button type="primary" onClick={() => setModal('receive')} data-testid="transfer-receive">
            {t(external ? 'tr.action.receiveExternal' : 'tr.action.receive')}
          </Button>
        )}
        {a.return && (
          <Button danger onClick={() => setModal('return')} data-testid="transfer-return">
            {t(external ? 'tr.action.returnExternal' : 'tr.action.return')}
          </Button>
        )}
        {a.letter && (
          <Button onClick={() => void navigate(`/transfers/${d.id}/letter`)} data-testid="transfer-letter">{t('tr.action.letter')}</Button>
        )}
        {a.cancel && (
          <Popconfirm title={t('tr.action.cancelConfirm')} okText={t('common.ok')} cancelText={t('common.cancel')} onConfirm={() => cancel.mutate()}>
            <Button loading={cancel.isPending} data-testid="transfer-cancel">{t('tr.action.cancel')}</Button>
          </Popconfirm>
        )}
      </Flex>
      {modal === 'receive' && <ReceiveModal d={d} onClose={() => setModal(null)} onDone={(n) => { setModal(null); done(n); }} />}
      {modal === 'return' && <ReturnModal d={d} onClose={() => setModal(null)} onDone={(n) => { setModal(null); done(n); }} />}
    </>
  );
}

interface ReceiveValues { unitId?: string; on?: ReturnType<typeof dayjs>; note?: string }

function ReceiveModal({ d, onClose, onDone }: { d: TransferDetail; onClose: () => void; onDone: (d: TransferDetail) => void }) {
  const t = useT();
  const [form] = Form.useForm<ReceiveValues>();
  const units = useQuery({ queryKey: transferKeys.units('receive'), queryFn: () => fetchUnits('receive'), enabled: d.receiveNeedsUnit });
  const fields = ['unitId', 'on', 'note'];
  const receive = useMutation({
    mutationFn: (v: ReceiveValues) => unwrap(api.POST('/api/transfers/{id}/receive', {
      params: { path: { id: d.id } },
      body: { ...(v.unitId ? { unitId: v.unitId } : {}), ...(v.on ? { on: v.on.format('YYYY-MM-DD') } : {}), ...(v.note?.trim() ? { note: v.note.trim() } : {}) },
    })),
    onSuccess: onDone,
    onError: (err) => applyFieldError(form, err, fields),
  });
  return (
    <Modal open title={t('tr.receive.title')} okText={t('common.ok')} cancelText={t('common.cancel')} confirmLoading={receive.isPending}
      onOk={() => form.submit()} onCancel={onClose} okButtonProps={{ 'data-testid': 'transfer-receive-ok' } as ButtonProps} destroyOnHidden>
      {receive.error !== null && errorField(receive.error, fields) === undefined && <Alert type="error" showIcon title={errorText(receive.error, t)} style={{ marginBottom: 12 }} data-testid="transfer-action-error" />}
      <Form<ReceiveValues> form={form} layout="vertical" requiredMark={false} onFinish={(v) => receive.mutate(v)}>
        {d.receiveNeedsUnit && (
          <Form.Item name="unitId" label={t('tr.receive.unit')} rules={[{ required: true, message: t('common.required', { label: t('tr.receive.unit') }) }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={units.isPending}
              options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name, depth: u.depth }))}
                  optionRender={(o) => <span style={{ paddingLeft: Math.min(o.data.depth, 4) * 12 }}>{o.label}</span>}
              data-testid="transfer-receive-unit"
            />
          </Form.Item>
        )}
        <Form.Item name="on" label={t('tr.receive.on')}>
          <DatePicker style={{ width: '100%' }} disabledDate={(day) => day.isAfter(dayjs(), 'day')} placeholder={dayjs().format('YYYY-MM-DD')} />
        </Form.Item>
        {d.scope === 'external' && (
          <Form.Item name="note" label={t('tr.receive.note')}>
            <Input maxLength={200} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function ReturnModal({ d, onClose, onDone }: { d: TransferDetail; onClose: () => void; onDone: (d: TransferDetail) => void }) {
  const t = useT();
  const [form] = Form.useForm<{ reason: string }>();
  const ret = useMutation({
    mutationFn: (v: { reason: string }) => unwrap(api.POST('/api/transfers/{id}/return', { params: { path: { id: d.id } }, body: { reason: v.reason.trim() } })),
    onSuccess: onDone,
    onError: (err) => applyFieldError(form, err, ['reason']),
  });
  return (
    <Modal open title={t('tr.return.title')} okText={t('common.ok')} cancelText={t('common.cancel')} confirmLoading={ret.isPending}
      onOk={() => form.submit()} onCancel={onClose} okButtonProps={{ danger: true, 'data-testid': 'transfer-return-ok' } as ButtonProps} destroyOnHidden>
      {ret.error !== null && errorField(ret.error, ['reason']) === undefined && <Alert type="error" showIcon title={errorText(ret.error, t)} style={{ marginBottom: 12 }} />}
      <Form<{ reason: string }> form={form} layout="vertical" requiredMark={false} onFinish={(v) => ret.mutate(v)}>
        <Form.Item name="reason" label={t('tr.return.reason')} rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('tr.return.reason') }) }]}>
          <Input.TextArea maxLength={200} rows={3} data-testid="transfer-return-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
