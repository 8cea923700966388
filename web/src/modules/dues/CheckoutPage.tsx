import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, type ButtonProps, Card, Descriptions, Flex, Image, List, Popconfirm, Result, Spin, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { usePreferences, useT } from '../../app/preferences';
import type { MessageKey } from '../../app/i18n/translate';
import { api, unwrap } from '../../shared/api';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { PageHeader } from '../../shared/components/PageHeader';
import { useNotify } from '../../shared/hooks/useNotify';
import { formatDateTime } from '../../shared/time';
import { monthLabel, yuan } from './labels';
import { payKeys, type PayOrder } from './PayPage';

const STATE_COLOR: Record<PayOrder['state'], string> = { created: 'processing', paid: 'success', closed: 'default', expired: 'warning' };

/**
 * One payment order: the amount, then how to pay it (the sandbox's confirm, a QR code to scan, the Alipay cashier),
 * polled every 3 s while it waits, and at the end the result with the ledger's receipt.
 */
export function CheckoutPage() {
  const { id = '' } = useParams();
  const t = useT();
  const { locale } = usePreferences();
  const notify = useNotify();
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: payKeys.order(id),
    queryFn: () => unwrap(api.GET('/api/dues/pay/orders/{id}', { params: { path: { id } } })),
    refetchInterval: (s) => (s.state.data?.state === 'created' && s.state.data.channel !== 'checkout' ? 3000 : false),
  });
  const set = (o: PayOrder) => {
    qc.setQueryData(payKeys.order(id), o);
    void qc.invalidateQueries({ queryKey: payKeys.checkout });
    void qc.invalidateQueries({ queryKey: ['dues'] });
  };
  const confirm = useMutation({ mutationFn: () => unwrap(api.POST('/api/dues/pay/orders/{id}/sandbox-confirm', { params: { path: { id } } })), onSuccess: set, onError: notify.failure });
  const refresh = useMutation({ mutationFn: () => unwrap(api.POST('/api/dues/pay/orders/{id}/refresh', { params: { path: { id } } })), onSuccess: set, onError: notify.failure });
  const cancel = useMutation({
    mutationFn: () => unwrap(api.POST('/api/dues/pay/orders/{id}/cancel', { params: { path: { id } } })),
    onSuccess: (o) => { set(o); notify.success(t('checkout.cancelled')); },
    onError: notify.failure,
  });
  const o = q.data;
  const what = o ? (o.purpose === 'voluntary' ? t('checkout.forVoluntary') : o.months.map((m) => monthLabel(m, locale)).join('、')) : '';
  const providerName = o ? (locale === 'en-US' ? o.providerName.en : o.providerName.zh) : '';

  return (
    <div>
      <PageHeader title={t('checkout.title')} extra={<Link to="/my-dues">{t('pay.back')}</Link>} />
      <div className="zg-stack" data-testid="checkout">
        {q.isError && <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
        {q.isPending && <Card loading size="small" />}
        {o && o.state === 'paid' && (
          <Card size="small" data-testid="checkout-paid">
            <Result status="success" title={t('checkout.paid.title')} subTitle={t('checkout.paid.sub', { amount: yuan(o.amountFen) })} style={{ padding: '16px 0' }}
              extra={<Link to="/my-dues"><Button type="primary" size="large" data-testid="checkout-my-dues">{t('checkout.myDues')}</Button></Link>} />
            {o.attention && <Alert type="warning" showIcon message={t('checkout.attention')} style={{ marginBottom: 12 }} data-testid="checkout-attention" />}
            {o.receipt && (
              <Card type="inner" size="small" title={t('checkout.receipt')} data-testid="checkout-receipt">
                <List size="small" dataSource={[
                  ...o.receipt.months.map((m) => ({ k: m.month, label: t('checkout.receipt.month', { month: monthLabel(m.month, locale) }), fen: m.amountFen })),
                  ...(o.receipt.voluntaryFen > 0 ? [{ k: 'v', label: t('checkout.receipt.voluntary') + (o.receipt.central ? t('checkout.receipt.central') : ''), fen: o.receipt.voluntaryFen }] : []),
                ]} renderItem={(r) => (
                  <List.Item key={r.k} data-testid="checkout-receipt-line" extra={`${yuan(r.fen)} ${t('pay.yuan')}`}>{r.label}</List.Item>
                )} />
                <Descriptions size="small" column={1} style={{ marginTop: 8 }} items={[
                  { key: 'p', label: t('pay.method'), children: providerName },
                  { key: 'n', label: t('checkout.orderNo'), children: <Typography.Text copyable>{o.orderNo}</Typography.Text> },
                  { key: 't', label: t('checkout.receipt.txn'), children: <Typography.Text copyable>{o.providerTxnId}</Typography.Text> },
                  { key: 'a', label: t('checkout.receipt.paidAt'), children: formatDateTime(o.paidAt, true) },
                ]} />
              </Card>
            )}
          </Card>
        )}
        {o && (o.state === 'closed' || o.state === 'expired') && (
          <Card size="small" data-testid="checkout-closed">
            <Result status="warning" title={t(o.state === 'expired' ? 'checkout.expired.title' : 'checkout.closed.title')} subTitle={t('checkout.closed.sub')}
              extra={<Link to="/dues/pay"><Button type="primary" size="large">{t('checkout.again')}</Button></Link>} />
          </Card>
        )}
        {o && o.state === 'created' && (
          <>
            <Card size="small">
              <Flex vertical align="center" gap={4}>
                <Typography.Text type="secondary">{t('checkout.amount')}</Typography.Text>
                <Typography.Title level={1} style={{ margin: 0 }} data-testid="checkout-amount">¥ {yuan(o.amountFen)}</Typography.Title>
                <Tag color={STATE_COLOR[o.state]} data-testid="checkout-state" data-state={o.state}>{t(`checkout.state.${o.state}` as MessageKey)}</Tag>
              </Flex>
              <Descriptions size="small" column={1} style={{ marginTop: 12 }} items={[
                { key: 'f', label: t('checkout.for'), children: what },
                { key: 'p', label: t('pay.method'), children: providerName },
                { key: 'n', label: t('checkout.orderNo'), children: o.orderNo },
              ]} />
              <Typography.Text type="secondary">{t('checkout.expires', { time: formatDateTime(o.expiresAt) })}</Typography.Text>
            </Card>
            <Card size="small">
              {o.channel === 'checkout' && (
                <Flex vertical gap={12}>
                  <Alert type="info" showIcon message={t('checkout.sandbox.title')} description={t('checkout.sandbox.hint')} />
                  <Button type="primary" size="large" block loading={confirm.isPending} disabled={!o.abilities.confirmSandbox} onClick={() => confirm.mutate()} data-testid="checkout-sandbox-confirm">
                    {t('checkout.sandbox.confirm', { amount: yuan(o.amountFen) })}
                  </Button>
                </Flex>
              )}
              {o.payAction?.qrDataUrl && (
                <Flex vertical align="center" gap={8} data-testid="checkout-qr">
                  <Typography.Text strong>{t(o.provider === 'alipay' ? 'checkout.qr.alipay' : 'checkout.qr.wechatpay')}</Typography.Text>
                  <Image src={o.payAction.qrDataUrl} width={220} height={220} preview={false} alt="QR" />
                  <Flex align="center" gap={8}><Spin size="small" /><Typography.Text type="secondary">{t('checkout.qr.waiting')}</Typography.Text></Flex>
                </Flex>
              )}
              {o.payAction?.redirectUrl && (
                <Button type="primary" size="large" block href={o.payAction.redirectUrl} data-testid="checkout-redirect">{t('checkout.redirect')}</Button>
              )}
              {o.channel !== 'checkout' && (
                <Button block style={{ marginTop: 12 }} loading={refresh.isPending} onClick={() => refresh.mutate()} data-testid="checkout-refresh">{t('checkout.refresh')}</Button>
              )}
            </Card>
            {o.abilities.cancel && (
              <Popconfirm title={t('checkout.cancelConfirm')} onConfirm={() => cancel.mutate()} okButtonProps={{ 'data-testid': 'checkout-cancel-ok' } as ButtonProps}>
                <Button danger type="link" loading={cancel.isPending} data-testid="checkout-cancel">{t('checkout.cancel')}</Button>
              </Popconfirm>
            )}
          </>
        )}
      </div>
    </div>
  );
}
