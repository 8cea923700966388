/**
 * Provider statement files, read into lines: WeChat Pay's trade bill (交易账单, text with every field prefixed by a
 * backtick) and Alipay's trade bill (业务明细, CSV in GBK inside a zip, with '#' comment lines around it). Columns are
 * found by their header names, so a provider adding a column does not shift what we read.
 */
import { fenFromYuan, parseBeijingPlain, ProviderError, type StatementLine } from './provider.js';

/** Splits one CSV line (quotes allowed, "" inside quotes is a quote). */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

const clean = (s: string | undefined) => (s ?? '').replace(/^`/, '').trim();

function columnIndex(headers: string[], names: readonly string[]): number {
  for (const n of names) {
    const i = headers.findIndex((h) => h.replace(/\s/g, '') === n);
    if (i >= 0) return i;
  }
  return -1;
}

/**
 * WeChat Pay 交易账单 (bill_type ALL): a header row, one row per payment (交易状态 SUCCESS) or refund (REFUND), then a
 * summary header (总交易单数…) and its row. Amounts are yuan with two decimals.
 */
export function parseWechatTradeBill(text: string): StatementLine[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  const headerAt = lines.findIndex((l) => l.includes('交易时间') && l.includes('商户订单号'));
  if (headerAt < 0) throw new ProviderError('bad_response', 'WeChat Pay bill without its header row');
  const headers = splitCsvLine(lines[headerAt]!).map(clean);
  const col = {
    at: columnIndex(headers, ['交易时间']),
    txn: columnIndex(headers, ['微信订单号']),
    order: columnIndex(headers, ['商户订单号']),
    state: columnIndex(headers, ['交易状态']),
    amount: columnIndex(headers, ['订单金额', '应结订单金额']),
    refund: columnIndex(headers, ['申请退款金额', '退款金额']),
  };
  if (Object.values(col).some((i) => i < 0)) throw new ProviderError('bad_response', 'WeChat Pay bill header lacks a column we need');
  const out: StatementLine[] = [];
  for (let i = headerAt + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('总交易单数')) break;
    // Fields start with a backtick; splitting on ",`" keeps commas inside a field (a product name) intact.
    const cells = line.startsWith('`') ? line.slice(1).split(',`') : splitCsvLine(line);
    const state = clean(cells[col.state]);
    const kind = state === 'REFUND' ? 'refund' : state === 'SUCCESS' ? 'payment' : null;
    if (!kind) continue;
    const amountFen = fenFromYuan(clean(cells[kind === 'refund' ? col.refund : col.amount]));
    if (amountFen === null) throw new ProviderError('bad_response', `WeChat Pay bill line ${i - headerAt}: amount is not a number`);
    out.push({ lineNo: i - headerAt, providerTxnId: clean(cells[col.txn]), orderNo: clean(cells[col.order]), kind, amountFen, at: parseBeijingPlain(clean(cells[col.at])) });
  }
  return out;
}

/**
 * Alipay 业务明细 CSV (already decoded to text): '#' lines, the header (支付宝交易号, 商户订单号, 业务类型, …, 订单金额（元）),
 * rows of 交易 (payments) and 退款 (refunds, negative amounts), more '#' lines with totals.
 */
export function parseAlipayTradeBill(text: string): StatementLine[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const headerAt = lines.findIndex((l) => l.includes('支付宝交易号') && l.includes('商户订单号'));
  if (headerAt < 0) throw new ProviderError('bad_response', 'Alipay bill without its header row');
  const headers = splitCsvLine(lines[headerAt]!).map((h) => h.trim());
  const col = {
    txn: columnIndex(headers, ['支付宝交易号']),
    order: columnIndex(headers, ['商户订单号']),
    type: columnIndex(headers, ['业务类型']),
    done: columnIndex(headers, ['完成时间']),
    amount: columnIndex(headers, ['订单金额（元）', '订单金额(元)']),
  };
  if (Object.values(col).some((i) => i < 0)) throw new ProviderError('bad_response', 'Alipay bill header lacks a column we need');
  const out: StatementLine[] = [];
  for (let i = headerAt + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '' || line.startsWith('#')) continue;
    const cells = splitCsvLine(line).map((c) => c.trim());
    const type = cells[col.type] ?? '';
    const kind = type === '退款' ? 'refund' : type === '交易' ? 'payment' : null;
    if (!kind) continue;
    const amountFen = fenFromYuan((cells[col.amount] ?? '').replace(/^-/, ''));
    if (amountFen === null) throw new ProviderError('bad_response', `Alipay bill line ${i - headerAt}: amount is not a number`);
    out.push({ lineNo: i - headerAt, providerTxnId: cells[col.txn] ?? '', orderNo: cells[col.order] ?? '', kind, amountFen, at: parseBeijingPlain(cells[col.done]) });
  }
  return out;
}

/** Text of a provider CSV: UTF-8 when it decodes cleanly (with or without a BOM), else GBK (Alipay's bills). */
export function decodeStatementText(data: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return new TextDecoder('gbk').decode(data);
  }
}
