import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Collapse, Flex, Input, Radio, Space, Switch, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, Navigate, Route, Routes, useNavigate, useSearchParams } from 'react-router';
import { usePreferences, useT } from '../../app/preferences';
import type { MessageKey } from '../../app/i18n/translate';
import { api, unwrap } from '../../shared/api';
import type { ResponseOf } from '../../shared/api-models';
import { EmptyState } from '../../shared/components/EmptyState';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { PageHeader } from '../../shared/components/PageHeader';
import { useNotify } from '../../shared/hooks/useNotify';
import { monthLabel, parseYuan, yuan } from './labels';
import { CheckoutPage } from './CheckoutPage';

export type PayOrder = ResponseOf<'/api/dues/pay/orders/{id}', 'get'>;
type Checkout = ResponseOf<'/api/dues/pay/checkout', 'get'>;
type Provider = Checkout['providers'][number];
type Channel = Provider['channels'][number];

export const payKeys = {
  checkout: ['dues-pay', 'checkout'] as const,
  order: (id: string) => ['dues-pay', 'order', id] as const,
  mine: (page: number) => ['dues-pay', 'mine', page] as const,
};

/** /dues/pay (choose and start) and /dues/pay/orders/:id (pay, result, receipt). */
export function PayPage() {
  return (
    <Routes>
      <Route index element={<PayForm />} />
      <Route path="orders/:id" element={<CheckoutPage />} />
      <Route path="*" element={<Navigate to="/dues/pay" replace />} />
    </Routes>
  );
}

/**
 * The checkout's first step, phone first: the months owed (pre-chosen from 我的党费's ?months=), months ahead, or a
 * voluntary amount; the way to pay among the enterprise's enabled providers. The total shown is the ledger's; the
 * server computes the order's amount again and that is what is charged.
 */
function PayForm() {
  const t = useT();
  const { locale } = usePreferences();
  const notify = useNotify();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [params] = useSearchParams();
  const q = useQuery({ queryKey: payKeys.checkout, queryFn: () => unwrap(api.GET('/api/dues/pay/checkout')) });
  const preset = useMemo(() => (params.get('months') ?? '').split(',').filter((m) => /^\d{4}-\d{2}$/.test(m)), [params]);
  const [picked, setPicked] = useState<string[] | null>(null);
  const [voluntary, setVoluntary] = useState(params.get('voluntary') === '1');
  const [amountText, setAmountText] = useState('');
  const [choice, setChoice] = useState<{ provider: Provider['provider']; channel: Channel } | null>(null);
  const c = q.data;
  const payable = (c?.owed ?? []).filter((o) => !o.beyondLimit);
  const all = [...payable, ...(c?.ahead ?? [])];
  const chosen = picked ?? (preset.length ? preset.filter((m) => all.some((o) => o.month === m)) : payable.map((o) => o.month));
  const total = all.filter((o) => chosen.includes(o.month)).reduce((a, o) => a + o.amountFen, 0);
  const voluntaryFen = parseYuan(amountText);
  const method = choice ?? (c?.providers[0] ? { provider: c.providers[0].provider, channel: c.providers[0].channels[0]! } : null);
  const amount = voluntary ? (voluntaryFen ?? 0) : total;

  const create = useMutation({
    mutationFn: () => unwrap(api.POST('/api/dues/pay/orders', { body: {
      ...(voluntary ? { voluntaryFen: voluntaryFen ?? 0 } : { months: [...chosen].sort() }), provider: method!.provider, channel: method!.channel,
    } })),
    onSuccess: (o) => {
      void qc.invalidateQueries({ queryKey: ['dues-pay'] });
      void navigate(`/dues/pay/orders/${o.id}`);
    },
    onError: notify.failure,
  });

  const monthRow = (o: { month: string; amountFen: number; beyondLimit?: boolean }) => (
    <Checkbox key={o.month} value={o.month} disabled={o.beyondLimit} data-testid="pay-month" style={{ width: '100%' }}>
      <Flex justify="space-between" style={{ width: '100%' }} gap={12}>
        <span>{monthLabel(o.month, locale)}</span>
        <span>{yuan(o.amountFen)} {t('pay.yuan')}</span>
      </Flex>
      {o.beyondLimit && <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }}>{t('pay.beyondLimit')}</Typography.Text>}
    </Checkbox>
  );

  return (
    <div>
      <PageHeader title={t('pay.title')} subtitle={t('pay.subtitle')} extra={<Link to="/my-dues">{t('pay.back')}</Link>} />
      <div className="zg-stack" data-testid="pay-page">
        {q.isError && <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
        {q.isPending && <Card loading size="small" />}
        {c && c.openOrders.length > 0 && (
          <Alert type="info" showIcon message={t('pay.open.title')} data-testid="pay-open-order"
            description={c.openOrders.map((o) => (
              <Flex key={o.id} justify="space-between" align="center" gap={8} wrap>
                <span>{yuan(o.amountFen)} {t('pay.yuan')} · {o.months.map((m) => monthLabel(m, locale)).join('、') || t('checkout.forVoluntary')}</span>
                <Link to={`/dues/pay/orders/${o.id}`} data-testid="pay-open-continue">{t('pay.open.continue')}</Link>
              </Flex>
            ))} />
        )}
        {c?.person.archived && <Alert type="warning" showIcon message={t('pay.archived')} />}
        {c && (
          <>
            <Card size="small" title={t('pay.months')}>
              <Flex align="center" gap={8} style={{ marginBottom: 12 }}>
                <Switch checked={voluntary} onChange={setVoluntary} data-testid="pay-voluntary-switch" />
                <span>{t('pay.voluntary')}</span>
              </Flex>
              {voluntary ? (
                <Space direction="vertical" style={{ width: '100%' }}>
                  <Input size="large" inputMode="decimal" addonAfter={t('pay.yuan')} placeholder={t('pay.voluntaryAmount')} value={amountText}
                    onChange={(e) => setAmountText(e.target.value)} status={amountText && voluntaryFen === null ? 'error' : undefined} data-testid="pay-voluntary-amount" />
                  <Typography.Text type="secondary">{t('pay.voluntaryHint', { max: yuan(c.maxVoluntaryFen) })}</Typography.Text>
                </Space>
              ) : (
                <Checkbox.Group value={chosen} onChange={(v) => setPicked(v)} style={{ display: 'flex', flexDirection: 'column', gap: 10, width: '100%' }}>
                  {c.owed.length === 0 && <EmptyState text={t('pay.none')} />}
                  {c.owed.map(monthRow)}
                  {c.ahead.length > 0 && (
                    <Collapse ghost size="small" items={[{ key: 'ahead', label: t('pay.ahead'), children: (
                      <Flex vertical gap={10}>{c.ahead.map(monthRow)}</Flex>
                    ) }]} defaultActiveKey={preset.some((m) => c.ahead.some((a) => a.month === m)) ? ['ahead'] : []} />
                  )}
                </Checkbox.Group>
              )}
            </Card>
            <Card size="small" title={t('pay.method')}>
              {c.providers.length === 0 ? <Alert type="warning" showIcon message={t('pay.noProvider')} data-testid="pay-no-provider" /> : (
                <Radio.Group value={method ? `${method.provider}:${method.channel}` : undefined} style={{ width: '100%' }}
                  onChange={(e) => { const [provider, channel] = String(e.target.value).split(':'); setChoice({ provider: provider as Provider['provider'], channel: channel as Channel }); }}>
                  <Flex vertical gap={12}>
                    {c.providers.flatMap((p) => p.channels.map((ch) => (
                      <Radio key={`${p.provider}:${ch}`} value={`${p.provider}:${ch}`} data-testid={`pay-method-${p.provider}-${ch}`}>
                        <Typography.Text strong>{locale === 'en-US' ? p.name.en : p.name.zh}</Typography.Text>
                        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>{t(`pay.channel.${ch}` as MessageKey)}</Typography.Text>
                      </Radio>
                    )))}
                  </Flex>
                </Radio.Group>
              )}
            </Card>
            <Card size="small">
              <Flex justify="space-between" align="center" gap={12} wrap>
                <div>
                  <Typography.Text type="secondary">{t('pay.total')}</Typography.Text>
                  <Typography.Title level={2} style={{ margin: 0 }} data-testid="pay-total">¥ {yuan(amount)}</Typography.Title>
                  {!voluntary && chosen.length > 0 && <Typography.Text type="secondary" style={{ display: 'block' }}>{t('pay.monthsCount', { n: chosen.length })}</Typography.Text>}
                </div>
                <Button type="primary" size="large" loading={create.isPending} data-testid="pay-submit"
                  disabled={!method || amount <= 0 || c.person.archived || (voluntary && voluntaryFen === null)} onClick={() => create.mutate()}>
                  {t('pay.submit', { amount: yuan(amount) })}
                </Button>
              </Flex>
            </Card>
          </>
        )}
      </div>
    </div>
  );
}
