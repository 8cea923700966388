import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Input, InputNumber, List, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { usePreferences, useT } from '../../app/preferences';
import type { DevRecord, DevStepBody, DevStepKind, DevViolation } from '../../shared/api-models';
import { useNotify } from '../../shared/hooks/useNotify';
import { dayjs, DISPLAY_TZ } from '../../shared/time';
import { PUBLICITY_STEPS, STEP_PEOPLE_ROLE, stepKey } from './labels';
import { PeopleSelect } from './PeopleSelect';
import { StepDocuments, type DocumentValue } from './StepDocuments';
import { devKeys, recordStep, type Refusal } from './queries';

interface Values {
  kind: DevStepKind;
  on: string;
  people?: string[];
  days?: number;
  hours?: number;
  publicityFrom?: string;
  publicityTo?: string;
  extensionMonths?: number;
  submittedOn?: string;
  documents?: DocumentValue[];
  note?: string;
  reason?: string;
}

function bodyOf(v: Values, withException: boolean): DevStepBody {
  const role = STEP_PEOPLE_ROLE[v.kind];
  return {
    kind: v.kind,
    on: v.on,
    ...(v.note ? { note: v.note } : {}),
    ...(role && v.people && v.people.length > 0 ? { people: v.people } : {}),
    ...(v.kind === 'training' ? { training: { days: v.days ?? 0, hours: v.hours ?? 0 } } : {}),
    ...(PUBLICITY_STEPS.includes(v.kind) && v.publicityFrom && v.publicityTo ? { publicity: { from: v.publicityFrom, to: v.publicityTo } } : {}),
    ...(v.kind === 'probation_extension' ? { extensionMonths: v.extensionMonths ?? 0 } : {}),
    ...(v.kind === 'pretrial' && v.submittedOn ? { submittedOn: v.submittedOn } : {}),
    ...(v.documents && v.documents.length > 0
      ? { documents: v.documents.filter((d) => d.title.trim() !== '').map((d) => ({ title: d.title.trim(), number: d.number ?? '', ...(d.documentId ? { documentId: d.documentId } : {}) })) }
      : {}),
    ...(withException && v.reason ? { exception: { reason: v.reason } } : {}),
  };
}

/** Each violated rule: the message and the regulation it comes from, in the user's language (the exact citation on hover). */
export function ViolationList({ items, testId }: { items: readonly DevViolation[]; testId: string }) {
  const { locale } = usePreferences();
  const t = useT();
  return (
    <List
      size="small"
      data-testid={testId}
      dataSource={[...items]}
      renderItem={(v) => (
        <List.Item data-testid="dev-violation" data-code={v.code}>
          <Flex vertical gap={2} style={{ minWidth: 0 }}>
            <Typography.Text style={{ overflowWrap: 'anywhere' }}>{locale === 'en-US' ? v.message.en : v.message.zh}</Typography.Text>
            <Space size={4} wrap>
              {/* The regulation's name can be long: let it wrap on phones. */}
              <Tag color={v.severity === 'block' ? 'red' : 'gold'} style={{ whiteSpace: 'normal', overflowWrap: 'anywhere' }} title={v.rule} data-testid="dev-violation-basis">
                {t('dev.rule.basis', { basis: locale === 'en-US' ? v.basis.en : v.basis.zh })}
              </Tag>
              {v.severity === 'block' && !v.overridable && <Tag>{t('dev.refused.hard')}</Tag>}
            </Space>
          </Flex>
        </List.Item>
      )}
    />
  );
}

/** The "next step" form: records a step; a refusal lists each rule, and a user with the override records an exception. */
export function StepForm({ record }: { record: DevRecord }) {
  const t = useT();
  const notify = useNotify();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [warnings, setWarnings] = useState<DevViolation[]>([]);
  const kind = Form.useWatch('kind', form) ?? record.next.suggested ?? record.next.allowed[0];
  const personId = record.person.id;
  const mutation = useMutation({
    mutationFn: ({ values, exception }: { values: Values; exception: boolean }) => recordStep(personId, bodyOf(values, exception)),
    onSuccess: (outcome, { values }) => {
      if (!outcome.ok) {
        setRefusal(outcome.refusal);
        setWarnings([]);
        return;
      }
      setRefusal(null);
      setWarnings(outcome.result.warnings);
      notify.success(t('dev.form.recorded', { step: t(stepKey(values.kind)) }));
      form.resetFields();
      void qc.invalidateQueries({ queryKey: ['development'] });
    },
    onError: (err) => notify.failure(err),
  });
  if (kind === undefined) return null;
  const role = STEP_PEOPLE_ROLE[kind];
  const submit = (exception: boolean) => {
    void form.validateFields().then((values) => mutation.mutate({ values, exception }));
  };
  const mayException = refusal !== null && refusal.canOverride && record.abilities.override;
  return (
    <Card size="small" title={t('dev.form.title')} data-testid="dev-step-form">
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ kind, on: dayjs().tz(DISPLAY_TZ).format('YYYY-MM-DD') }}
        onValuesChange={(changed) => {
          if ('kind' in changed) setRefusal(null);
        }}
      >
        <Form.Item name="kind" label={t('dev.form.kind')} rules={[{ required: true }]}>
          <Select data-testid="dev-form-kind" options={record.next.allowed.map((k) => ({ value: k, label: t(stepKey(k)) }))} />
        </Form.Item>
        <Form.Item name="on" label={t('dev.form.on')} rules={[{ required: true }]}>
          <Input type="date" data-testid="dev-form-on" />
        </Form.Item>
        {role !== undefined && (
          <Form.Item name="people" label={`${t(`dev.role.${role}`)} · ${t('dev.form.people')}`}>
            <PeopleSelect max={role === 'talker' ? 3 : 2} />
          </Form.Item>
        )}
        {kind === 'training' && (
          <Form.Item label={t('dev.form.training')}>
            <Space.Compact>
              <Form.Item name="days" noStyle><InputNumber min={0} max={60} suffix={t('dev.form.days')} data-testid="dev-form-days" /></Form.Item>
              <Form.Item name="hours" noStyle><InputNumber min={0} max={1000} suffix={t('dev.form.hours')} data-testid="dev-form-hours" /></Form.Item>
            </Space.Compact>
          </Form.Item>
        )}
        {PUBLICITY_STEPS.includes(kind) && (
          <Flex gap={12} wrap>
            <Form.Item name="publicityFrom" label={t('dev.form.publicityFrom')}><Input type="date" data-testid="dev-form-publicity-from" /></Form.Item>
            <Form.Item name="publicityTo" label={t('dev.form.publicityTo')}><Input type="date" data-testid="dev-form-publicity-to" /></Form.Item>
          </Flex>
        )}
        {kind === 'probation_extension' && (
          <Form.Item name="extensionMonths" label={t('dev.form.extension')} rules={[{ required: true }]}>
            <InputNumber min={1} max={24} />
          </Form.Item>
        )}
        {kind === 'pretrial' && (
          <Form.Item name="submittedOn" label={t('dev.form.submittedOn')}><Input type="date" /></Form.Item>
        )}
        <StepDocuments personId={personId} documents={record.documents} />
        <Form.Item name="note" label={t('dev.form.note')} rules={[{ max: 500 }]}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>
        {refusal !== null && (
          <Alert
            type="error"
            showIcon
            data-testid="dev-refusal"
            title={t('dev.refused.title')}
            description={
              <>
                <ViolationList items={refusal.violations.filter((v) => v.severity === 'block')} testId="dev-refusal-rules" />
                {!mayException && refusal.violations.every((v) => v.severity !== 'block' || v.overridable) && <Typography.Text type="secondary">{t('dev.refused.noOverride')}</Typography.Text>}
              </>
            }
            style={{ marginBottom: 16 }}
          />
        )}
        {mayException && (
          <Card size="small" type="inner" title={t('dev.exception.title')} data-testid="dev-exception" style={{ marginBottom: 16 }}>
            <Form.Item name="reason" label={t('dev.exception.reason')} rules={[{ required: true, min: 2, max: 500 }]}>
              <Input.TextArea data-testid="dev-exception-reason" autoSize={{ minRows: 2, maxRows: 5 }} />
            </Form.Item>
            <Button danger loading={mutation.isPending} onClick={() => submit(true)} data-testid="dev-exception-submit">{t('dev.exception.submit')}</Button>
          </Card>
        )}
        {warnings.length > 0 && (
          <Alert type="warning" showIcon title={t('dev.form.warnings')} description={<ViolationList items={warnings} testId="dev-warnings" />} style={{ marginBottom: 16 }} />
        )}
        <Button type="primary" loading={mutation.isPending} onClick={() => submit(false)} data-testid="dev-form-submit">{t('dev.form.submit')}</Button>
      </Form>
    </Card>
  );
}
