import { SettingOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Col, Form, InputNumber, Modal, Row, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../app/preferences';
import type { MessageKey } from '../../app/i18n/translate';
import { api, unwrap } from '../../shared/api';
import type { OrgSettingsReply } from '../../shared/api-models';
import { errorText } from '../../shared/errors';
import { applyFieldError, errorField } from '../../shared/formErrors';
import { useNotify } from '../../shared/hooks/useNotify';

type Settings = OrgSettingsReply['settings'];
type NumberKey = Exclude<keyof Settings, 'termYears'>;

const NUMBERS: NumberKey[] = [
  'branchMinFullMembers', 'jointBranchMaxUnits', 'branchMaxMembers', 'committeeFromFullMembers', 'committeeMin', 'committeeUsualMax',
  'committeeMax', 'generalBranchAboveMembers', 'committeeFromMembers', 'renewalReminderMonths', 'termChangeMaxMonths',
];
const TERM_KINDS = ['group_committee', 'committee', 'general_branch', 'branch'] as const;
const FIELDS = [...NUMBERS, ...TERM_KINDS.map((k) => `termYears.${k}`)];

const settingsKey = ['org', 'settings'] as const;

/** 组织设置 (term lengths and the §1 numbers): only for an administrator of the top organisation (the server says). */
export function OrgSettingsButton() {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Settings>();
  const q = useQuery({ queryKey: settingsKey, queryFn: () => unwrap(api.GET('/api/org/settings')) });
  const save = useMutation({
    mutationFn: (v: Settings) => unwrap(api.PUT('/api/org/settings', { body: v })),
    onSuccess: (r) => {
      qc.setQueryData(settingsKey, r);
      void qc.invalidateQueries({ queryKey: ['org'] });
      notify.success(t('orgx.saved'));
      setOpen(false);
    },
    onError: (err) => {
      const f = errorField(err, FIELDS);
      if (f !== undefined) form.setFields([{ name: f.split('.') as never, errors: [errorText(err, t)] }]);
      else applyFieldError(form, err, []);
    },
  });
  if (!q.data?.canEdit) return null;
  const label = (k: string) => t(`orgx.settings.${k}` as MessageKey);
  return (
    <>
      <Button icon={<SettingOutlined />} onClick={() => setOpen(true)} data-testid="org-settings">
        {t('orgx.settings.title')}
      </Button>
      <Modal
        open={open}
        title={t('orgx.settings.title')}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={save.isPending}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
        width={720}
        okButtonProps={{ 'data-testid': 'org-settings-submit' } as Record<string, string>}
      >
        <Typography.Paragraph type="secondary">{t('orgx.settings.hint')}</Typography.Paragraph>
        {save.error !== null && errorField(save.error, FIELDS) === undefined && <Alert type="error" showIcon title={errorText(save.error, t)} style={{ marginBottom: 12 }} />}
        <Form<Settings> form={form} layout="vertical" requiredMark={false} initialValues={q.data.settings} onFinish={(v) => save.mutate(v)}>
          <Row gutter={12}>
            {TERM_KINDS.map((k) => (
              <Col key={k} xs={12} sm={6}>
                <Form.Item name={['termYears', k]} label={label(`termYears.${k}`)} rules={[{ required: true }]}>
                  <InputNumber min={1} max={10} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            ))}
            {NUMBERS.map((k) => (
              <Col key={k} xs={12} sm={8}>
                <Form.Item name={k} label={label(k)} rules={[{ required: true }]}>
                  <InputNumber min={0} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            ))}
          </Row>
        </Form>
      </Modal>
    </>
  );
}
