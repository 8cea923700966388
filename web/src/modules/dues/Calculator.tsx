import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Flex, Form, Input, Select, Statistic, Table, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../app/preferences';
import { api, unwrap } from '../../shared/api';
import type { ResponseOf } from '../../shared/api-models';
import { errorText } from '../../shared/errors';
import { CATEGORIES, FIXED, categoryKey, parseYuan, yuan, type DuesCategory } from './labels';

type Calculation = ResponseOf<'/api/dues/calculate', 'post'>;

/** 党费计算器: the same rules the server applies (POST /api/dues/calculate), in plain words. */
export function Calculator({ initial }: { initial?: { category: DuesCategory; baseFen: number | null } | undefined }) {
  const t = useT();
  const [category, setCategory] = useState<DuesCategory>(initial?.category ?? 'employed');
  const [base, setBase] = useState(initial?.baseFen != null ? yuan(initial.baseFen) : '');
  const [baseError, setBaseError] = useState<string | null>(null);
  const fixed = FIXED.includes(category);
  const calc = useMutation({
    mutationFn: (body: { category: DuesCategory; baseFen: number | null }) => unwrap(api.POST('/api/dues/calculate', { body })),
  });
  const run = () => {
    if (fixed) return calc.mutate({ category, baseFen: null });
    const fen = parseYuan(base);
    if (fen === null) return setBaseError(t('dues.calc.baseInvalid'));
    setBaseError(null);
    calc.mutate({ category, baseFen: fen });
  };
  const r: Calculation | undefined = calc.data;
  return (
    <Card size="small" title={t('dues.calc.title')} data-testid="dues-calculator">
      <Form layout="vertical" onFinish={run} requiredMark={false}>
        <Flex gap={12} wrap align="end">
          <Form.Item label={t('dues.calc.category')} style={{ minWidth: 200, flex: '1 1 200px', marginBottom: 12 }}>
            <Select value={category} onChange={(v) => { setCategory(v); calc.reset(); }} options={CATEGORIES.map((c) => ({ value: c, label: t(categoryKey(c)) }))} data-testid="dues-calc-category" />
          </Form.Item>
          {!fixed && (
            <Form.Item label={t(category === 'retired' ? 'dues.calc.pension' : 'dues.calc.base')} validateStatus={baseError ? 'error' : undefined} help={baseError ?? t('dues.calc.baseHelp')} style={{ minWidth: 200, flex: '1 1 200px', marginBottom: 12 }}>
              <Input inputMode="decimal" value={base} onChange={(e) => setBase(e.target.value)} suffix={t('dues.yuan')} placeholder="4523.50" data-testid="dues-calc-base" />
            </Form.Item>
          )}
          <Form.Item style={{ marginBottom: 12 }}>
            <Button type="primary" htmlType="submit" loading={calc.isPending} data-testid="dues-calc-submit">{t('dues.calc.submit')}</Button>
          </Form.Item>
        </Flex>
      </Form>
      {calc.isError && <Alert type="error" showIcon title={errorText(calc.error, t)} />}
      {r && (
        <div data-testid="dues-calc-result">
          <Statistic title={t('dues.calc.monthly')} value={yuan(r.monthlyFen)} suffix={t('dues.yuan')} valueStyle={{ fontSize: '2em' }} />
          <Descriptions size="small" column={1} style={{ marginTop: 8 }}>
            <Descriptions.Item label={t('dues.calc.bracket')}>{r.bracketText}{r.rateBp !== null ? ` · ${r.rateBp / 100}%` : ''}</Descriptions.Item>
            <Descriptions.Item label={t('dues.calc.rule')}><span data-testid="dues-calc-rule">{r.ruleText}</span></Descriptions.Item>
          </Descriptions>
          {!fixed && (
            <Table
              size="small"
              pagination={false}
              rowKey="i"
              style={{ marginTop: 8 }}
              dataSource={(category === 'retired' ? r.brackets.pension : r.brackets.income).map((b, i, all) => ({ i, from: i === 0 ? 0 : all[i - 1]!.upToFen!, to: b.upToFen, rate: b.rateBp, current: i === r.bracket }))}
              rowClassName={(row) => (row.current ? 'ant-table-row-selected' : '')}
              columns={[
                { title: t('dues.calc.range'), key: 'range', render: (_, row) => (row.to === null ? t('dues.calc.above', { from: yuan(row.from) }) : row.from === 0 ? t('dues.calc.upTo', { to: yuan(row.to) }) : t('dues.calc.between', { from: yuan(row.from), to: yuan(row.to) })) },
                { title: t('dues.calc.rate'), key: 'rate', width: 90, render: (_, row) => `${row.rate / 100}%` },
              ]}
            />
          )}
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>{t('dues.calc.note')}</Typography.Paragraph>
        </div>
      )}
    </Card>
  );
}
