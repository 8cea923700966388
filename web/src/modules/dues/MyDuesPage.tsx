import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Col, Flex, List, Row, Statistic, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { usePreferences, useT } from '../../app/preferences';
import { api, unwrap } from '../../shared/api';
import { EmptyState } from '../../shared/components/EmptyState';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { PageHeader } from '../../shared/components/PageHeader';
import { Calculator } from './Calculator';
import { RequestForm, RequestList } from './Requests';
import { duesKeys, monthLabel, yuan } from './labels';
import { EntryList } from './Ledger';

/**
 * 我的党费 (phone first): what I owe, since when it is paid, my reminders, my history, the calculator and hardship
 * applications. 缴纳 hands the chosen months to the checkout at /dues/pay?months=… (the online payment module).
 */
export function MyDuesPage() {
  const t = useT();
  const { locale } = usePreferences();
  const navigate = useNavigate();
  const me = useQuery({ queryKey: duesKeys.me, queryFn: () => unwrap(api.GET('/api/dues/me')) });
  const [picked, setPicked] = useState<string[] | null>(null);
  const [applying, setApplying] = useState(false);
  const l = me.data?.ledger;
  const payable = (l?.owed ?? []).filter((o) => !o.beyondLimit);
  const chosen = picked ?? payable.map((o) => o.month);
  const total = payable.filter((o) => chosen.includes(o.month)).reduce((a, o) => a + o.owedFen, 0);

  return (
    <div>
      <PageHeader title={t('dues.my.title')} subtitle={t('dues.my.subtitle')} />
      <div className="zg-stack">
        {me.isError && <ErrorAlert error={me.error} onRetry={() => void me.refetch()} />}
        {me.isPending && <Card loading size="small" />}
        {me.data && !l && <EmptyState text={t('dues.my.noRecord')} />}
        {l && (
          <>
            {l.reminders.map((r) => (
              <Alert key={r.id} type={r.kind === 'case' ? 'error' : 'warning'} showIcon data-testid="my-dues-reminder"
                title={t(r.kind === 'case' ? 'dues.my.case' : 'dues.my.reminder', { months: r.unpaidMonths, since: monthLabel(r.sinceMonth, locale) })} />
            ))}
            <Card size="small" data-testid="my-dues-summary">
              <Row gutter={[12, 12]}>
                <Col xs={12} md={6}><Statistic title={t('dues.my.monthly')} value={l.base ? yuan(l.base.monthlyFen) : '—'} suffix={l.base ? t('dues.yuan') : undefined} /></Col>
                <Col xs={12} md={6}><Statistic title={t('dues.my.paidUntil')} value={l.paidUntil ? monthLabel(l.paidUntil, locale) : t('dues.none')} /></Col>
                <Col xs={12} md={6}><Statistic title={t('dues.my.owed')} value={yuan(l.outstandingFen)} suffix={t('dues.yuan')} valueStyle={l.outstandingFen > 0 ? { color: '#cf1322' } : undefined} data-testid="my-dues-owed" /></Col>
                <Col xs={12} md={6}><Statistic title={t('dues.my.owedMonths')} value={l.owed.length} /></Col>
              </Row>
              {l.base && <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>{locale === 'en-US' ? l.base.ruleText.en : l.base.ruleText.zh}</Typography.Paragraph>}
              {!l.base && <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>{t('dues.my.noBase')}</Typography.Paragraph>}
            </Card>
            <Card size="small" title={t('dues.my.toPay')}>
              {l.owed.length === 0 ? (
                <EmptyState text={t('dues.my.allPaid')} />
              ) : (
                <>
                  <Checkbox.Group value={chosen} onChange={(v) => setPicked(v)} style={{ width: '100%' }}>
                    <List
                      size="small"
                      dataSource={l.owed}
                      data-testid="my-dues-owed-list"
                      renderItem={(o) => (
                        <List.Item extra={<Typography.Text strong>¥{yuan(o.owedFen)}</Typography.Text>}>
                          <Checkbox value={o.month} disabled={o.beyondLimit}>{monthLabel(o.month, locale)}</Checkbox>
                          {o.beyondLimit && <Tag color="orange">{t('dues.my.beyondLimit')}</Tag>}
                        </List.Item>
                      )}
                    />
                  </Checkbox.Group>
                  <Flex justify="space-between" align="center" wrap gap={8} style={{ marginTop: 12 }}>
                    <Typography.Text>{t('dues.my.total', { amount: yuan(total) })}</Typography.Text>
                    <Button type="primary" size="large" disabled={chosen.length === 0 || total === 0}
                      onClick={() => void navigate(`/dues/pay?months=${chosen.filter((m) => payable.some((o) => o.month === m)).sort().join(',')}`)} data-testid="my-dues-pay">
                      {t('dues.my.pay')}
                    </Button>
                  </Flex>
                  {l.owed.some((o) => o.beyondLimit) && <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>{t('dues.my.beyondLimitHelp')}</Typography.Paragraph>}
                </>
              )}
            </Card>
            <Card size="small" title={t('dues.my.history')}>
              <EntryList ledger={l} />
            </Card>
            <Card size="small" title={t('dues.req.mine')} extra={<Button onClick={() => setApplying(true)} data-testid="my-dues-apply">{t('dues.req.apply')}</Button>}>
              <RequestList mine />
            </Card>
            <RequestForm open={applying} onClose={() => setApplying(false)} />
          </>
        )}
        <Calculator initial={l?.base ? { category: l.base.category, baseFen: l.base.baseFen } : undefined} />
      </div>
    </div>
  );
}
