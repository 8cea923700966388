/**
 * Reconciliation, pure: a provider's statement lines against the ledger's payments of the same provider and days.
 * A line and a payment belong together by the provider's transaction id (or, failing that, our order number); then
 * the amounts in 分 must be equal. What is left on either side is a difference someone must decide on.
 */
import type { StatementLine } from '../../platform/payments/provider.js';
import type { Msg } from '../../platform/http/errors.js';
import type { StatementItemKind } from './payments-tables.js';

export interface LedgerPayment {
  paymentId: string;
  providerRef: string;
  amountFen: number;
  paidAt: Date;
  personId: string;
  orderId: string | null;
  orderNo: string | null;
  /** The order's money went to months meanwhile paid otherwise (payments-apply.ts). */
  paidTwice: boolean;
}

export interface MatchItem {
  kind: Exclude<StatementItemKind, 'row_error'>;
  line: StatementLine | null;
  payment: LedgerPayment | null;
  message: Msg;
}

const yuan = (fen: number) => (fen / 100).toFixed(2);

export function matchStatement(lines: readonly StatementLine[], payments: readonly LedgerPayment[]): MatchItem[] {
  const byRef = new Map(payments.map((p) => [p.providerRef, p]));
  const byOrder = new Map(payments.filter((p) => p.orderNo).map((p) => [p.orderNo!, p]));
  const used = new Set<string>();
  const out: MatchItem[] = [];
  for (const line of lines) {
    if (line.kind === 'refund') {
      out.push({ kind: 'refund', line, payment: byRef.get(line.providerTxnId) ?? byOrder.get(line.orderNo) ?? null, message: {
        zh: `支付渠道退款 ${yuan(line.amountFen)} 元，台账仍记为已交，请记录处理结果`, en: `The provider refunded ${yuan(line.amountFen)} yuan; the ledger still shows it paid` } });
      continue;
    }
    const p = (line.providerTxnId ? byRef.get(line.providerTxnId) : undefined) ?? (line.orderNo ? byOrder.get(line.orderNo) : undefined);
    if (!p || used.has(p.paymentId)) {
      out.push({ kind: 'missing_in_ledger', line, payment: null, message: {
        zh: `对账单有这笔 ${yuan(line.amountFen)} 元的收款，台账中没有`, en: `The statement has ${yuan(line.amountFen)} yuan the ledger does not` } });
      continue;
    }
    used.add(p.paymentId);
    if (p.amountFen !== line.amountFen) {
      out.push({ kind: 'amount_mismatch', line, payment: p, message: {
        zh: `金额不符：对账单 ${yuan(line.amountFen)} 元，台账 ${yuan(p.amountFen)} 元`, en: `Amounts differ: statement ${yuan(line.amountFen)}, ledger ${yuan(p.amountFen)} yuan` } });
    } else if (p.paidTwice) {
      out.push({ kind: 'paid_twice', line, payment: p, message: {
        zh: '这笔款所交月份已另行交纳，台账暂记为自愿多交，请记录处理结果（退还或保留）', en: 'The months were meanwhile paid otherwise; the ledger holds this as voluntary extra until decided' } });
    } else {
      out.push({ kind: 'matched', line, payment: p, message: { zh: '一致', en: 'Matched' } });
    }
  }
  for (const p of payments) {
    if (used.has(p.paymentId)) continue;
    out.push({ kind: 'missing_in_statement', line: null, payment: p, message: {
      zh: `台账有这笔 ${yuan(p.amountFen)} 元的在线交纳，对账单中没有`, en: `The ledger has ${yuan(p.amountFen)} yuan the statement does not` } });
  }
  return out;
}

/** The column names an uploaded spreadsheet may use (our template, the providers' bills, common bank exports). */
export const UPLOAD_COLUMNS = {
  txn: ['交易号', '支付宝交易号', '微信订单号', '渠道交易号', '流水号', 'transaction id'],
  order: ['商户订单号', '订单号', 'order no'],
  amount: ['金额', '金额（元）', '金额(元)', '订单金额', '订单金额（元）', '交易金额', 'amount'],
  at: ['时间', '交易时间', '完成时间', '支付时间', 'time'],
  kind: ['类型', '业务类型', '交易状态', 'type'],
} as const;

export interface RowProblem { lineNo: number; message: Msg }

/** Reads the rows of an uploaded sheet into statement lines, with a problem per unreadable row (the row report). */
export function linesFromSheet(headers: readonly string[], rows: readonly { rowNumber: number; cells: string[] }[]): { lines: StatementLine[]; problems: RowProblem[]; missing: string[] } {
  const norm = (s: string) => s.replace(/\s/g, '').toLowerCase();
  const find = (names: readonly string[]) => headers.findIndex((h) => names.some((n) => norm(n) === norm(h)));
  const col = { txn: find(UPLOAD_COLUMNS.txn), order: find(UPLOAD_COLUMNS.order), amount: find(UPLOAD_COLUMNS.amount), at: find(UPLOAD_COLUMNS.at), kind: find(UPLOAD_COLUMNS.kind) };
  const missing: string[] = [];
  if (col.amount < 0) missing.push('金额');
  if (col.txn < 0 && col.order < 0) missing.push('交易号或商户订单号');
  const lines: StatementLine[] = [];
  const problems: RowProblem[] = [];
  if (missing.length) return { lines, problems, missing };
  for (const r of rows) {
    const cell = (i: number) => (i >= 0 ? (r.cells[i] ?? '').replace(/^`/, '').trim() : '');
    const rawAmount = cell(col.amount).replace(/[,，¥￥\s]/g, '');
    const negative = rawAmount.startsWith('-');
    const m = /^-?(\d{1,12})(?:\.(\d{1,2}))?$/.exec(rawAmount);
    if (!m) {
      problems.push({ lineNo: r.rowNumber, message: { zh: `第${r.rowNumber}行：金额“${cell(col.amount)}”不是有效的金额（元，最多两位小数）`, en: `Row ${r.rowNumber}: amount is not a number of yuan` } });
      continue;
    }
    const amountFen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
    const txn = cell(col.txn);
    const order = cell(col.order);
    if (!txn && !order) {
      problems.push({ lineNo: r.rowNumber, message: { zh: `第${r.rowNumber}行：交易号和商户订单号都为空`, en: `Row ${r.rowNumber}: no transaction id or order number` } });
      continue;
    }
    const kindText = cell(col.kind);
    const refund = negative || /退款|REFUND|refund/.test(kindText);
    const atText = cell(col.at);
    const at = atText ? new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(atText) ? atText : `${atText.replace(' ', 'T')}+08:00`) : null;
    if (at && Number.isNaN(at.getTime())) {
      problems.push({ lineNo: r.rowNumber, message: { zh: `第${r.rowNumber}行：时间“${atText}”无法识别（应为 YYYY-MM-DD HH:mm:ss）`, en: `Row ${r.rowNumber}: time not understood` } });
      continue;
    }
    if (amountFen === 0) continue;
    lines.push({ lineNo: r.rowNumber, providerTxnId: txn, orderNo: order, kind: refund ? 'refund' : 'payment', amountFen, at });
  }
  return { lines, problems, missing };
}
