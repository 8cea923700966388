import type { ButtonProps } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Col, Flex, Form, Input, List, Modal, Row, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { usePreferences, useT } from '../../app/preferences';
import { api, unwrap } from '../../shared/api';
import { EmptyState } from '../../shared/components/EmptyState';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { PageHeader } from '../../shared/components/PageHeader';
import { PersonalDataWatermark } from '../../shared/components/PersonalDataWatermark';
import { errorText } from '../../shared/errors';
import { useIsMobile } from '../../shared/hooks/useIsMobile';
import { useNotify } from '../../shared/hooks/useNotify';
import { formatDateTime } from '../../shared/time';
import { duesKeys, monthLabel, parseYuan, yuan, type DuesLedger } from './labels';
import { BaseHistory } from './Bases';

type Entry = DuesLedger['entries'][number];

const KIND_COLOR: Record<Entry['kind'], string> = { due: 'default', payment: 'green', waiver: 'blue', voluntary: 'gold' };

/** The ledger's entries, newest first: append-only, corrections shown as their own lines. */
export function EntryList({ ledger, onCorrect }: { ledger: DuesLedger; onCorrect?: ((e: Entry) => void) | undefined }) {
  const t = useT();
  const { locale } = usePreferences();
  const isMobile = useIsMobile();
  if (ledger.entries.length === 0) return <EmptyState text={t('dues.ledger.empty')} />;
  const what = (e: Entry) => (
    <>
      <Tag color={KIND_COLOR[e.kind]}>{t(`dues.kind.${e.kind}`)}</Tag>
      {e.correctsId && <Tag color="red">{t('dues.ledger.correction')}</Tag>}
      {e.central && <Tag color="volcano">{t('dues.ledger.central')}</Tag>}
      {e.method && <Typography.Text type="secondary">{t(`dues.method.${e.method}`)}</Typography.Text>}
    </>
  );
  const amount = (e: Entry) => <Typography.Text strong type={e.amountFen < 0 ? 'danger' : undefined}>¥{yuan(e.amountFen)}</Typography.Text>;
  if (isMobile) {
    return (
      <List size="small" dataSource={ledger.entries} data-testid="dues-entries" renderItem={(e) => (
        <List.Item data-testid="dues-entry" extra={amount(e)}>
          <div>
            <div>{e.month ? monthLabel(e.month, locale) : t('dues.ledger.noMonth')} {what(e)}</div>
            {e.note && <Typography.Text type="secondary">{e.note}</Typography.Text>}
            {onCorrect && e.kind !== 'due' && !e.correctsId && <Button size="small" type="link" onClick={() => onCorrect(e)}>{t('dues.ledger.correct')}</Button>}
          </div>
        </List.Item>
      )} />
    );
  }
  return (
    <Table<Entry>
      size="small" rowKey="id" dataSource={ledger.entries} pagination={{ pageSize: 12, hideOnSinglePage: true }} data-testid="dues-entries"
      onRow={() => ({ 'data-testid': 'dues-entry' }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        { title: t('dues.col.month'), key: 'month', width: 110, render: (_, e) => (e.month ? monthLabel(e.month, locale) : t('dues.ledger.noMonth')) },
        { title: t('dues.col.kind'), key: 'kind', render: (_, e) => what(e) },
        { title: t('dues.col.amount'), key: 'amount', width: 110, align: 'right', render: (_, e) => amount(e) },
        { title: t('dues.col.basis'), key: 'basis', render: (_, e) => (e.rateBp !== null && e.baseFen !== null ? `¥${yuan(e.baseFen)} × ${e.rateBp / 100}%` : e.note) },
        { title: t('dues.col.at'), key: 'at', width: 150, render: (_, e) => formatDateTime(e.createdAt) },
        ...(onCorrect ? [{ title: '', key: 'act', width: 80, render: (_: unknown, e: Entry) => (e.kind !== 'due' && !e.correctsId ? <Button size="small" type="link" onClick={() => onCorrect(e)}>{t('dues.ledger.correct')}</Button> : null) }] : []),
      ]}
    />
  );
}

/** A member's ledger for the branch: balance, owed months, cash confirmation, corrections, bases. */
export function LedgerPage() {
  const t = useT();
  const { locale } = usePreferences();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const notify = useNotify();
  const qc = useQueryClient();
  const ledger = useQuery({ queryKey: duesKeys.ledger(id), queryFn: () => unwrap(api.GET('/api/dues/people/{id}', { params: { path: { id } } })) });
  const [cashOpen, setCashOpen] = useState(false);
  const [correcting, setCorrecting] = useState<Entry | null>(null);
  const l = ledger.data;
  const refresh = () => void qc.invalidateQueries({ queryKey: ['dues'] });
  return (
    <div>
      <PageHeader title={l ? t('dues.ledger.title', { name: l.person.name }) : t('dues.ledger.titlePlain')} extra={<Button onClick={() => void navigate(-1)}>{t('dues.back')}</Button>} />
      <PersonalDataWatermark>
        <div className="zg-stack">
          {ledger.isError && <ErrorAlert error={ledger.error} onRetry={() => void ledger.refetch()} />}
          {ledger.isPending && <Card loading size="small" />}
          {l && (
            <>
              <Card size="small" title={`${l.person.name} · ${l.person.unitName}`} data-testid="dues-ledger-summary"
                extra={l.abilities.confirmCash && <Button type="primary" onClick={() => setCashOpen(true)} data-testid="dues-cash-open">{t('dues.cash.open')}</Button>}>
                <Row gutter={[12, 12]}>
                  <Col xs={12} md={6}><Statistic title={t('dues.my.monthly')} value={l.base ? yuan(l.base.monthlyFen) : '—'} /></Col>
                  <Col xs={12} md={6}><Statistic title={t('dues.my.paidUntil')} value={l.paidUntil ? monthLabel(l.paidUntil, locale) : t('dues.none')} data-testid="dues-ledger-paid-until" /></Col>
                  <Col xs={12} md={6}><Statistic title={t('dues.my.owed')} value={yuan(l.outstandingFen)} data-testid="dues-ledger-owed" /></Col>
                  <Col xs={12} md={6}><Statistic title={t('dues.ledger.streak')} value={l.unpaidStreak} /></Col>
                </Row>
                {l.base && <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>{locale === 'en-US' ? l.base.ruleText.en : l.base.ruleText.zh}</Typography.Paragraph>}
              </Card>
              <Card size="small" title={t('dues.ledger.entries')}><EntryList ledger={l} onCorrect={l.abilities.correct ? setCorrecting : undefined} /></Card>
              <BaseHistory personId={l.person.id} />
              <CashModal ledger={l} open={cashOpen} onClose={() => setCashOpen(false)} onDone={() => { setCashOpen(false); notify.success(t('dues.cash.done')); refresh(); }} />
              <CorrectModal entry={correcting} onClose={() => setCorrecting(null)} onDone={() => { setCorrecting(null); notify.success(t('dues.correct.done')); refresh(); }} />
            </>
          )}
        </div>
      </PersonalDataWatermark>
    </div>
  );
}

function CashModal({ ledger, open, onClose, onDone }: { ledger: DuesLedger; open: boolean; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const { locale } = usePreferences();
  const payable = ledger.owed.filter((o) => !o.beyondLimit);
  const [months, setMonths] = useState<string[]>([]);
  const [receiptNo, setReceiptNo] = useState('');
  const [voluntary, setVoluntary] = useState('');
  const cash = useMutation({
    mutationFn: () => {
      const v = voluntary.trim() ? parseYuan(voluntary) : null;
      return unwrap(api.POST('/api/dues/people/{id}/cash', { params: { path: { id: ledger.person.id } }, body: { ...(months.length ? { months } : {}), ...(v ? { voluntaryFen: v } : {}), ...(receiptNo.trim() ? { receiptNo: receiptNo.trim() } : {}) } }));
    },
    onSuccess: () => { setMonths([]); setReceiptNo(''); setVoluntary(''); onDone(); },
  });
  const total = payable.filter((o) => months.includes(o.month)).reduce((a, o) => a + o.owedFen, 0);
  return (
    <Modal open={open} title={t('dues.cash.title', { name: ledger.person.name })} onCancel={onClose} onOk={() => cash.mutate()} okText={t('dues.cash.confirm')} confirmLoading={cash.isPending}
      okButtonProps={{ disabled: months.length === 0 && !voluntary.trim(), 'data-testid': 'dues-cash-confirm' } as ButtonProps} destroyOnHidden>
      {cash.isError && <Alert type="error" showIcon title={errorText(cash.error, t)} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph type="secondary">{t('dues.cash.help')}</Typography.Paragraph>
      {payable.length === 0 ? <EmptyState text={t('dues.my.allPaid')} /> : (
        <Checkbox.Group value={months} onChange={(v) => setMonths(v)} style={{ display: 'flex', flexDirection: 'column', gap: 6 }} data-testid="dues-cash-months">
          {payable.map((o) => <Checkbox key={o.month} value={o.month}>{monthLabel(o.month, locale)} · ¥{yuan(o.owedFen)}</Checkbox>)}
        </Checkbox.Group>
      )}
      <Flex vertical gap={8} style={{ marginTop: 12 }}>
        <Typography.Text strong>{t('dues.my.total', { amount: yuan(total) })}</Typography.Text>
        <Input value={receiptNo} onChange={(e) => setReceiptNo(e.target.value)} placeholder={t('dues.cash.receipt')} maxLength={64} data-testid="dues-cash-receipt" />
        <Input value={voluntary} onChange={(e) => setVoluntary(e.target.value)} placeholder={t('dues.cash.voluntary')} inputMode="decimal" disabled={months.length > 0} />
      </Flex>
    </Modal>
  );
}

function CorrectModal({ entry, onClose, onDone }: { entry: Entry | null; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ amount: string; reason: string }>();
  const correct = useMutation({
    mutationFn: (v: { amount: string; reason: string }) => unwrap(api.POST('/api/dues/entries/{id}/correct', { params: { path: { id: entry!.id } }, body: { amountFen: parseYuan(v.amount) ?? -1, reason: v.reason.trim() } })),
    onSuccess: () => { form.resetFields(); onDone(); },
  });
  return (
    <Modal open={entry !== null} title={t('dues.correct.title')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={correct.isPending} destroyOnHidden>
      {correct.isError && <Alert type="error" showIcon title={errorText(correct.error, t)} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph type="secondary">{t('dues.correct.help', { amount: entry ? yuan(entry.amountFen) : '' })}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => correct.mutate(v)} requiredMark={false}>
        <Form.Item name="amount" label={t('dues.correct.amount')} rules={[{ required: true, pattern: /^\d{1,9}(\.\d{1,2})?$/, message: t('dues.calc.baseInvalid') }]}><Input inputMode="decimal" suffix={t('dues.yuan')} /></Form.Item>
        <Form.Item name="reason" label={t('dues.correct.reason')} rules={[{ required: true, min: 2, max: 200, message: t('dues.correct.reasonRequired') }]}><Input.TextArea rows={2} /></Form.Item>
      </Form>
    </Modal>
  );
}
