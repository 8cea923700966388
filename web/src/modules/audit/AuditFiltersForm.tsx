import { Button, DatePicker, Flex, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useT } from '../../app/preferences';
import { useIsMobile } from '../../shared/hooks/useIsMobile';
import type { AuditResult } from '../../shared/api-models';
import { EMPTY_FILTERS, type AuditFilters } from './filters';

interface Values {
  range: [Dayjs | null, Dayjs | null] | null;
  actor: string;
  action: string;
  result: AuditResult | '';
}

export function AuditFiltersForm({ onApply }: { onApply: (f: AuditFilters) => void }) {
  const t = useT();
  const isMobile = useIsMobile();
  const [form] = Form.useForm<Values>();
  const apply = (v: Values) =>
    onApply({
      from: v.range?.[0]?.format('YYYY-MM-DD') ?? null,
      to: v.range?.[1]?.format('YYYY-MM-DD') ?? null,
      actor: v.actor ?? '',
      action: v.action ?? '',
      result: v.result ?? '',
    });
  return (
    <Form<Values>
      form={form}
      layout={isMobile ? 'vertical' : 'inline'}
      initialValues={{ range: null, actor: '', action: '', result: '' }}
      onFinish={apply}
      style={{ rowGap: 12 }}
    >
      <Form.Item name="range" label={t('audit.range')}>
        <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: isMobile ? '100%' : 260 }} data-testid="audit-range" />
      </Form.Item>
      <Form.Item name="actor" label={t('audit.actor')}>
        <Input allowClear placeholder={t('audit.actorPlaceholder')} style={{ width: isMobile ? '100%' : 150 }} data-testid="audit-actor" />
      </Form.Item>
      <Form.Item name="action" label={t('audit.action')}>
        <Input allowClear placeholder={t('audit.actionPlaceholder')} style={{ width: isMobile ? '100%' : 200 }} data-testid="audit-action" />
      </Form.Item>
      <Form.Item name="result" label={t('audit.result')}>
        <Select
          style={{ width: isMobile ? '100%' : 130 }}
          data-testid="audit-result"
          options={[
            { value: '', label: t('audit.result.all') },
            { value: 'success', label: t('audit.result.success') },
            { value: 'failure', label: t('audit.result.failure') },
            { value: 'denied', label: t('audit.result.denied') },
          ]}
        />
      </Form.Item>
      <Form.Item>
        <Flex gap={8}>
          <Button type="primary" htmlType="submit" data-testid="audit-query">
            {t('audit.query')}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              onApply(EMPTY_FILTERS);
            }}
          >
            {t('common.reset')}
          </Button>
        </Flex>
      </Form.Item>
    </Form>
  );
}
