import { UndoOutlined } from '@ant-design/icons';
import { useMutation, type UseQueryResult } from '@tanstack/react-query';
import { Alert, Button, Col, Flex, Form, InputNumber, List, Row, Skeleton, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../../app/preferences';
import { errorText } from '../errors';
import { errorField } from '../formErrors';
import { useNotify } from '../hooks/useNotify';
import { ErrorAlert } from './ErrorAlert';

type Bound = { minimum: number; maximum: number };

/** What a settings endpoint answers: the tenant's numbers, the regulations' defaults, the allowed range, who may edit. */
export interface RuleSettingsData<S> {
  settings: S;
  defaults: S;
  bounds: Partial<Record<keyof S, Bound>>;
  canEdit: boolean;
}

export interface RuleSettingField<K extends string> {
  key: K;
  label: string;
  /** What the number does, in plain words, citing the rule (RULES.md §n). */
  help: string;
  unit: string;
}

/** A field that is not a plain number (e.g. the validity periods offered): its own control and how it reads. */
export interface CustomRuleField<S> {
  input: ReactNode;
  display: (value: S[keyof S]) => ReactNode;
  /** The range line under the control (defaults and what may be chosen). */
  range: (defaults: S) => string;
}

type RuleSettingsProps<S> = Parameters<typeof RuleSettings<S & Record<string, unknown>>>[0];

/** RuleSettings for a settings query: its load error (with retry), a skeleton while it loads, a fresh form per answer. */
export function RuleSettingsOf<S extends Record<string, unknown>>({ query, ...props }: Omit<RuleSettingsProps<S>, 'data'> & {
  query: UseQueryResult<RuleSettingsData<S>>;
}) {
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  if (query.isPending) return <Skeleton active />;
  return <RuleSettings<S> key={query.dataUpdatedAt} data={query.data} {...props} />;
}

/**
 * A tenant's rule settings (规则设置): read-only for those who may not change them, an editable form within the bounds
 * for those the server says may; each number with its explanation, default and range; the server's field errors under
 * the field; "reset to defaults" fills the form with the regulations' numbers (saved only with 保存).
 */
export function RuleSettings<S extends Record<string, unknown>>({ data, groups, save, onSaved, testId, custom }: {
  data: RuleSettingsData<S>;
  groups: readonly { title: string; fields: readonly RuleSettingField<keyof S & string>[] }[];
  save: (values: S) => Promise<RuleSettingsData<S>>;
  onSaved: (reply: RuleSettingsData<S>) => void;
  testId: string;
  custom?: Partial<Record<keyof S & string, CustomRuleField<S>>>;
}) {
  const t = useT();
  const notify = useNotify();
  const [form] = Form.useForm<S>();
  const keys = groups.flatMap((g) => g.fields.map((f) => f.key));
  const mutation = useMutation({
    mutationFn: (values: S) => save({ ...data.settings, ...values }),
    onSuccess: (reply) => {
      form.setFieldsValue(reply.settings as never);
      notify.success(t('rules.settings.saved'));
      onSaved(reply);
    },
    onError: (err) => {
      const f = errorField(err, keys);
      if (f === undefined) return;
      form.setFields([{ name: f as never, errors: [errorText(err, t)] }]);
      form.scrollToField(f as never, { block: 'center' });
    },
  });
  const rangeOf = (key: keyof S & string, unit: string): string => {
    const c = custom?.[key];
    if (c) return c.range(data.defaults);
    const b = data.bounds[key];
    const def = `${String(data.defaults[key])}${unit}`;
    if (b === undefined) return t('rules.settings.defaultIs', { value: def });
    if (b.minimum === b.maximum) return t('rules.settings.fixed', { value: def });
    return t('rules.settings.range', { value: def, min: b.minimum, max: b.maximum, unit });
  };
  const shown = (key: keyof S & string, unit: string): ReactNode => {
    const c = custom?.[key];
    return c ? c.display(data.settings[key]) : `${String(data.settings[key])}${unit}`;
  };
  const isDefault = (key: keyof S) => JSON.stringify(data.settings[key]) === JSON.stringify(data.defaults[key]);

  if (!data.canEdit) {
    return (
      <div data-testid={testId}>
        <Alert type="info" showIcon title={t('rules.settings.readOnly')} style={{ marginBottom: 12 }} data-testid={`${testId}-readonly`} />
        {groups.map((g) => (
          <div key={g.title}>
            <Typography.Title level={5} style={{ margin: '12px 0 0' }}>{g.title}</Typography.Title>
            <List
              size="small"
              dataSource={[...g.fields]}
              renderItem={(f) => (
                <List.Item key={f.key}>
                  <Flex vertical gap={2} style={{ width: '100%' }}>
                    <Flex justify="space-between" gap={8} align="baseline">
                      <Typography.Text strong>{f.label}</Typography.Text>
                      <Flex gap={4} align="baseline" style={{ flexShrink: 0 }}>
                        <Typography.Text strong data-testid={`${testId}-value-${f.key}`}>{shown(f.key, f.unit)}</Typography.Text>
                        {!isDefault(f.key) && <Tag color="orange" style={{ marginInlineEnd: 0 }}>{t('rules.settings.changed')}</Tag>}
                      </Flex>
                    </Flex>
                    <Typography.Text type="secondary">{f.help}</Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: '0.9em' }}>{rangeOf(f.key, f.unit)}</Typography.Text>
                  </Flex>
                </List.Item>
              )}
            />
          </div>
        ))}
      </div>
    );
  }

  const general = mutation.error !== null && errorField(mutation.error, keys) === undefined ? errorText(mutation.error, t) : null;
  return (
    <div data-testid={testId}>
      <Typography.Paragraph type="secondary">{t('rules.settings.editHint')}</Typography.Paragraph>
      {general !== null && <Alert type="error" showIcon title={general} style={{ marginBottom: 12 }} data-testid={`${testId}-error`} />}
      <Form<S> form={form} layout="vertical" requiredMark={false} initialValues={data.settings} onFinish={(v) => mutation.mutate(v)}>
        {groups.map((g) => (
          <div key={g.title}>
            <Typography.Title level={5} style={{ margin: '4px 0 12px', paddingTop: 8, borderTop: '1px solid rgba(0,0,0,0.06)' }}>{g.title}</Typography.Title>
            <Row gutter={16}>
              {g.fields.map((f) => {
                const b = data.bounds[f.key];
                const fixed = b !== undefined && b.minimum === b.maximum;
                return (
                  <Col key={f.key} xs={24} md={12}>
                    <Form.Item
                      name={f.key as never}
                      label={f.label}
                      extra={<><div>{f.help}</div><div>{rangeOf(f.key, f.unit)}</div></>}
                      rules={custom?.[f.key] ? [] : [{ required: true, message: t('rules.settings.required') }]}
                    >
                      {custom?.[f.key]?.input ?? (
                        <InputNumber
                          min={b?.minimum}
                          max={b?.maximum}
                          precision={0}
                          disabled={fixed}
                          suffix={f.unit}
                          style={{ width: '100%', maxWidth: 220 }}
                          data-testid={`${testId}-input-${f.key}`}
                        />
                      )}
                    </Form.Item>
                  </Col>
                );
              })}
            </Row>
          </div>
        ))}
        <Flex gap={8} wrap>
          <Button type="primary" htmlType="submit" loading={mutation.isPending} data-testid={`${testId}-save`}>{t('common.save')}</Button>
          <Button
            icon={<UndoOutlined />}
            data-testid={`${testId}-reset`}
            onClick={() => {
              form.setFieldsValue(data.defaults as never);
              form.setFields(keys.map((k) => ({ name: k as never, errors: [] })));
              notify.warn(t('rules.settings.resetDone'));
            }}
          >
            {t('rules.settings.reset')}
          </Button>
        </Flex>
      </Form>
    </div>
  );
}
