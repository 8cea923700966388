/**
 * Reconciliation of online dues payments: a provider statement — downloaded through the provider's client, or
 * uploaded (the provider's bill file, or a bank/provider .xlsx/.csv with a row report) — matched against the ledger's
 * payments of that provider and days (reconciliation-rules.ts); the differences listed, exported to .xlsx, and each
 * resolved by a recorded decision. The ledger is never edited here: a payment missing from it is taken in only
 * through the normal path (the provider confirms it on query; payments-apply.ts records it).
 * Reconciling is a tenant-wide task (the merchant account is the enterprise's): dues.reconcile over the whole tenant.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withTenant, type Tx } from '../../platform/db/tenancy.js';
import { auditAs } from '../../platform/audit/chain.js';
import { can, scopesFor, type Actor } from '../../platform/access/actor.js';
import { badField, conflict, forbidden, notFound, AppError, type Msg } from '../../platform/http/errors.js';
import { txContext } from '../../platform/http/app.js';
import { readWorkbook, writeWorkbook } from '../../platform/office/xlsx.js';
import { ProviderError, type ProviderKind, type StatementLine } from '../../platform/payments/provider.js';
import { decodeStatementText, parseAlipayTradeBill, parseWechatTradeBill, splitCsvLine } from '../../platform/payments/statements.js';
import { readAlipayBillFile } from '../../platform/payments/alipay.js';
import { providerFor, type PaymentDeps } from './payments-providers.js';
import { refreshOrder } from './payments.js';
import { beijingDate, tenantDay } from './payments-time.js';
import { linesFromSheet, matchStatement, UPLOAD_COLUMNS, type LedgerPayment, type RowProblem } from './reconciliation-rules.js';
import type { DecisionKind, StatementItemKind } from './payments-tables.js';

const STATEMENT: Msg = { zh: '对账单', en: 'Statement' };
const ITEM: Msg = { zh: '对账差异', en: 'Reconciliation item' };
export const MAX_STATEMENT_BYTES = 10 * 1024 * 1024;

/** Reconciling needs dues.reconcile over the whole enterprise (every top unit), like the tenant's settings. */
async function requireTenantWide(tx: Tx, actor: Actor): Promise<void> {
  if (scopesFor(actor, 'dues.reconcile').includes('')) return;
  const roots = await tx.selectFrom('org_units').select('path').where('parent_id', 'is', null).where('dissolved_at', 'is', null).execute();
  if (roots.length === 0 || !roots.every((r) => can(actor, 'dues.reconcile', r.path))) {
    throw forbidden({ zh: '党费对账须由负责全企业党费的组织委员办理', en: 'Reconciliation needs dues.reconcile over the whole enterprise' });
  }
}

async function ledgerPayments(tx: Tx, provider: ProviderKind, fromDate: string, toDate: string): Promise<LedgerPayment[]> {
  const rows = await tx.selectFrom('dues_payments as p').leftJoin('dues_pay_orders as o', 'o.id', 'p.order_id')
    .select(['p.id', 'p.provider_ref', 'p.amount_fen', 'p.paid_at', 'p.person_id', 'p.order_id', 'o.order_no', 'o.attention'])
    .where('p.method', '=', provider).where('p.paid_at', '>=', tenantDay(fromDate).from).where('p.paid_at', '<', tenantDay(toDate).to).execute();
  return rows.map((r) => ({
    paymentId: r.id, providerRef: r.provider_ref, amountFen: Number(r.amount_fen), paidAt: r.paid_at, personId: r.person_id,
    orderId: r.order_id, orderNo: r.order_no, paidTwice: r.attention === 'months_already_paid',
  }));
}

interface Incoming { provider: ProviderKind; source: 'download' | 'upload'; fromDate: string; toDate: string; fileName: string; sha256: string; lines: StatementLine[]; problems: RowProblem[] }

async function reconcile(deps: PaymentDeps, actor: Actor, s: Incoming): Promise<string> {
  const ctx = txContext(actor);
  return withTenant(deps.db, ctx, async (tx) => {
    await requireTenantWide(tx, actor);
    const payments = await ledgerPayments(tx, s.provider, s.fromDate, s.toDate);
    const items = matchStatement(s.lines, payments);
    // Orders named by lines the ledger lacks: the member, and whether the notice was lost (query fallback can fix it).
    const orderNos = items.filter((i) => i.kind === 'missing_in_ledger' && i.line?.orderNo).map((i) => i.line!.orderNo);
    const orders = orderNos.length ? await tx.selectFrom('dues_pay_orders').select(['id', 'order_no', 'person_id', 'state']).where('provider', '=', s.provider).where('order_no', 'in', orderNos).execute() : [];
    const orderOf = new Map(orders.map((o) => [o.order_no, o]));
    const id = randomUUID();
    const count = (k: StatementItemKind) => items.filter((i) => i.kind === k).length;
    await tx.insertInto('dues_statements').values({
      id, tenant_id: ctx.tenantId, provider: s.provider, source: s.source, from_date: s.fromDate, to_date: s.toDate, file_name: s.fileName, file_sha256: s.sha256,
      lines: s.lines.length, matched: count('matched'), missing_in_ledger: count('missing_in_ledger'), missing_in_statement: count('missing_in_statement'),
      amount_mismatch: count('amount_mismatch'), other: count('paid_twice') + count('refund'), row_errors: s.problems.length,
      statement_fen: s.lines.reduce((a, l) => a + (l.kind === 'payment' ? l.amountFen : -l.amountFen), 0), ledger_fen: payments.reduce((a, p) => a + p.amountFen, 0),
      created_by: actor.userId,
    }).execute();
    const rows = [
      ...items.map((i) => {
        const o = i.line?.orderNo ? orderOf.get(i.line.orderNo) : undefined;
        const lost = i.kind === 'missing_in_ledger' && o && o.state !== 'paid';
        return {
          id: randomUUID(), tenant_id: ctx.tenantId, statement_id: id, kind: i.kind, line_no: i.line?.lineNo ?? null,
          order_no: i.line?.orderNo || i.payment?.orderNo || '', provider_txn_id: i.line?.providerTxnId || i.payment?.providerRef || '',
          statement_fen: i.line?.amountFen ?? null, ledger_fen: i.payment?.amountFen ?? null, at: i.line?.at ?? i.payment?.paidAt ?? null,
          order_id: i.payment?.orderId ?? o?.id ?? null, payment_id: i.payment?.paymentId ?? null, person_id: i.payment?.personId ?? o?.person_id ?? null,
          message_zh: lost ? `${i.message.zh}（订单未收到支付通知，可向支付渠道查询后入账）` : i.message.zh,
          message_en: lost ? `${i.message.en} (the order's notice never came: query the provider to take it in)` : i.message.en,
        };
      }),
      ...s.problems.map((p) => ({
        id: randomUUID(), tenant_id: ctx.tenantId, statement_id: id, kind: 'row_error' as const, line_no: p.lineNo, order_no: '', provider_txn_id: '',
        statement_fen: null, ledger_fen: null, at: null, order_id: null, payment_id: null, person_id: null, message_zh: p.message.zh, message_en: p.message.en,
      })),
    ];
    for (let i = 0; i < rows.length; i += 500) await tx.insertInto('dues_statement_items').values(rows.slice(i, i + 500)).execute();
    await auditAs(tx, ctx, {
      action: s.source === 'download' ? 'dues.reconcile_fetch' : 'dues.reconcile_upload', objectType: 'dues_statement', objectId: id,
      detail: { provider: s.provider, from: s.fromDate, to: s.toDate, fileName: s.fileName, sha256: s.sha256, lines: s.lines.length, differences: items.filter((i) => i.kind !== 'matched').length, rowErrors: s.problems.length },
    });
    return id;
  });
}

/** Downloads the day's statement through the provider's client and reconciles it. */
export async function fetchStatement(deps: PaymentDeps, actor: Actor, input: { provider: ProviderKind; date: string }): Promise<string> {
  const ctx = txContext(actor);
  await withTenant(deps.db, ctx, (tx) => requireTenantWide(tx, actor));
  if (input.date >= beijingDate(new Date())) throw badField('date', { zh: '只能下载今天以前的对账单（支付渠道次日生成）', en: 'Statements exist for past days only' });
  const client = await providerFor(deps, ctx, input.provider, { requireEnabled: false });
  if (!client) throw badField('provider', { zh: '该支付方式尚未设置，无法下载对账单', en: 'This provider is not set up' });
  let statement;
  try {
    statement = await client.downloadStatement(input.date);
  } catch (err) {
    const rejected = err instanceof ProviderError && err.code === 'rejected';
    throw new AppError(502, 'provider_unavailable', rejected
      ? { zh: `支付渠道没有提供该日的对账单（${(err as ProviderError).providerCode ?? ''}）`, en: `The provider has no statement for that day (${(err as ProviderError).providerCode ?? ''})` }
      : { zh: '暂时无法从支付渠道下载对账单，请稍后再试或上传对账单文件', en: 'The statement cannot be downloaded now; try later or upload the file' });
  }
  return reconcile(deps, actor, { provider: input.provider, source: 'download', fromDate: input.date, toDate: input.date, fileName: `${input.provider}-${input.date}`, sha256: statement.fileSha256, lines: statement.lines, problems: [] });
}

/** Reads an uploaded statement: the provider's own bill (WeChat CSV, Alipay CSV or zip) or a sheet with our columns. */
async function readUpload(data: Buffer): Promise<{ lines: StatementLine[]; problems: RowProblem[] }> {
  const isZip = data.length >= 4 && data.readUInt32LE(0) === 0x04034b50;
  if (isZip) {
    let sheet;
    try {
      sheet = await readWorkbook(data);
    } catch {
      sheet = null;
    }
    if (sheet && sheet.headers.length) {
      const r = linesFromSheet(sheet.headers, sheet.rows);
      if (r.missing.length) throw badField('file', { zh: `表格缺少列：${r.missing.join('、')}（请使用对账单模板或支付渠道的账单）`, en: `The sheet lacks columns: ${r.missing.join(', ')}` });
      return r;
    }
    try {
      return { lines: await readAlipayBillFile(data), problems: [] };
    } catch {
      throw badField('file', { zh: '无法读取压缩包中的账单，请上传支付宝账单或 .xlsx 对账单', en: 'The archive holds no bill we can read' });
    }
  }
  const text = decodeStatementText(data);
  try {
    if (text.includes('微信订单号') && text.includes('交易时间')) return { lines: parseWechatTradeBill(text), problems: [] };
    if (text.includes('支付宝交易号')) return { lines: parseAlipayTradeBill(text), problems: [] };
  } catch (err) {
    throw badField('file', { zh: `账单格式不正确：${(err as Error).message}`, en: `The bill is not in the expected form: ${(err as Error).message}` });
  }
  const rows = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '' && !l.startsWith('#'));
  if (rows.length === 0) throw badField('file', { zh: '文件是空的', en: 'The file is empty' });
  const headers = splitCsvLine(rows[0]!).map((h) => h.trim());
  const r = linesFromSheet(headers, rows.slice(1).map((l, i) => ({ rowNumber: i + 2, cells: splitCsvLine(l) })));
  if (r.missing.length) throw badField('file', { zh: `文件缺少列：${r.missing.join('、')}（请使用对账单模板或支付渠道的账单）`, en: `The file lacks columns: ${r.missing.join(', ')}` });
  return r;
}

export async function uploadStatement(deps: PaymentDeps, actor: Actor, input: { provider: ProviderKind; fileName: string; date?: string | undefined; data: Buffer }): Promise<string> {
  await withTenant(deps.db, txContext(actor), (tx) => requireTenantWide(tx, actor));
  if (input.data.length === 0) throw badField('file', { zh: '文件是空的', en: 'The file is empty' });
  const { lines, problems } = await readUpload(input.data);
  const days = lines.filter((l) => l.at).map((l) => beijingDate(l.at!)).sort();
  const fromDate = input.date ?? days[0];
  const toDate = input.date ?? days[days.length - 1];
  if (!fromDate || !toDate) throw badField('date', { zh: '文件中没有交易时间，请填写对账日期', en: 'The file has no times; give the date' });
  const sha256 = createHash('sha256').update(input.data).digest('hex');
  return reconcile(deps, actor, { provider: input.provider, source: 'upload', fromDate, toDate, fileName: input.fileName, sha256, lines, problems });
}

function statementView(s: Awaited<ReturnType<typeof loadStatement>>) {
  return {
    id: s.id, provider: s.provider, source: s.source, fromDate: s.from_date, toDate: s.to_date, fileName: s.file_name, lines: s.lines,
    counts: { matched: s.matched, missingInLedger: s.missing_in_ledger, missingInStatement: s.missing_in_statement, amountMismatch: s.amount_mismatch, other: s.other, rowErrors: s.row_errors },
    statementFen: Number(s.statement_fen), ledgerFen: Number(s.ledger_fen), createdBy: s.created_by_name ?? '', createdAt: s.created_at.toISOString(),
  };
}

async function loadStatement(tx: Tx, id: string) {
  const s = await tx.selectFrom('dues_statements as s').leftJoin('users as u', 'u.id', 's.created_by').selectAll('s').select('u.display_name as created_by_name').where('s.id', '=', id).executeTakeFirst();
  if (!s) throw notFound(STATEMENT);
  return s;
}

export async function listStatements(db: Kysely<DB>, actor: Actor, q: { page: number; pageSize: number }) {
  return withTenant(db, txContext(actor), async (tx) => {
    await requireTenantWide(tx, actor);
    const total = await tx.selectFrom('dues_statements').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const ids = await tx.selectFrom('dues_statements').select('id').orderBy('created_at', 'desc').orderBy('id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
    const items = [];
    for (const { id } of ids) items.push(statementView(await loadStatement(tx, id)));
    return { items, total: Number(total.n) };
  });
}

export async function getStatement(db: Kysely<DB>, actor: Actor, id: string) {
  return withTenant(db, txContext(actor), async (tx) => {
    await requireTenantWide(tx, actor);
    return statementView(await loadStatement(tx, id));
  });
}

const DECIDABLE: readonly StatementItemKind[] = ['missing_in_ledger', 'missing_in_statement', 'amount_mismatch', 'paid_twice', 'refund'];

async function itemRows(tx: Tx, statementId: string, q: { kind?: StatementItemKind | 'differences' | undefined; page: number; pageSize: number; itemId?: string }) {
  let base = tx.selectFrom('dues_statement_items as i').where('i.statement_id', '=', statementId);
  if (q.itemId) base = base.where('i.id', '=', q.itemId);
  if (q.kind === 'differences') base = base.where('i.kind', 'in', [...DECIDABLE]);
  else if (q.kind) base = base.where('i.kind', '=', q.kind);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base.leftJoin('people as p', 'p.id', 'i.person_id').selectAll('i').select('p.name as person_name')
    .orderBy('i.line_no', (ob) => ob.asc().nullsLast()).orderBy('i.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
  const decisions = rows.length ? await tx.selectFrom('dues_reconciliation_decisions as d').leftJoin('users as u', 'u.id', 'd.decided_by')
    .select(['d.item_id', 'd.decision', 'd.note', 'd.decided_at', 'u.display_name']).where('d.item_id', 'in', rows.map((r) => r.id)).orderBy('d.decided_at', 'desc').execute() : [];
  const latest = new Map<string, (typeof decisions)[number]>();
  for (const d of decisions) if (!latest.has(d.item_id)) latest.set(d.item_id, d);
  return {
    total: Number(total.n),
    items: rows.map((r) => {
      const d = latest.get(r.id);
      return {
        id: r.id, kind: r.kind, lineNo: r.line_no, orderNo: r.order_no, providerTxnId: r.provider_txn_id,
        statementFen: r.statement_fen === null ? null : Number(r.statement_fen), ledgerFen: r.ledger_fen === null ? null : Number(r.ledger_fen),
        at: r.at ? r.at.toISOString() : null, personName: r.person_name ?? null, orderId: r.order_id, message: { zh: r.message_zh, en: r.message_en },
        decision: d ? { decision: d.decision, note: d.note, by: d.display_name ?? '', at: d.decided_at.toISOString() } : null,
        canDecide: DECIDABLE.includes(r.kind),
      };
    }),
  };
}

export async function statementItems(db: Kysely<DB>, actor: Actor, id: string, q: { kind?: StatementItemKind | 'differences' | undefined; page: number; pageSize: number }) {
  return withTenant(db, txContext(actor), async (tx) => {
    await requireTenantWide(tx, actor);
    await loadStatement(tx, id);
    return itemRows(tx, id, q);
  });
}

/**
 * Records a decision on a difference. 'recorded_after_query' first asks the provider about the item's order and
 * takes a confirmed payment in through the normal path; it is refused when the provider does not confirm it.
 */
export async function decideItem(deps: PaymentDeps, actor: Actor, itemId: string, input: { decision: DecisionKind; note: string }) {
  const ctx = txContext(actor);
  const item = await withTenant(deps.db, ctx, async (tx) => {
    await requireTenantWide(tx, actor);
    const i = await tx.selectFrom('dues_statement_items').selectAll().where('id', '=', itemId).executeTakeFirst();
    if (!i) throw notFound(ITEM);
    return i;
  });
  if (!DECIDABLE.includes(item.kind)) throw conflict('decision', { zh: '这一行没有需要处理的差异', en: 'This line has no difference to decide' });
  if (input.decision === 'recorded_after_query') {
    if (!item.order_id) throw badField('decision', { zh: '这笔款没有对应的订单，无法向支付渠道查询', en: 'No order to query for this line' });
    await refreshOrder(deps, null, item.order_id, ctx);
    const o = await withTenant(deps.db, ctx, (tx) => tx.selectFrom('dues_pay_orders').select(['state', 'payment_id']).where('id', '=', item.order_id!).executeTakeFirstOrThrow());
    if (o.state !== 'paid') throw conflict('decision', { zh: '支付渠道没有确认这笔款已支付，台账未入账', en: 'The provider did not confirm the payment; nothing was recorded' });
  }
  return withTenant(deps.db, ctx, async (tx) => {
    const id = randomUUID();
    await tx.insertInto('dues_reconciliation_decisions').values({ id, tenant_id: ctx.tenantId, item_id: itemId, decision: input.decision, note: input.note.trim(), decided_by: actor.userId }).execute();
    await auditAs(tx, ctx, { action: 'dues.reconcile_decide', objectType: 'dues_statement_item', objectId: itemId, detail: { statementId: item.statement_id, kind: item.kind, decision: input.decision, note: input.note.trim(), orderNo: item.order_no } });
    return (await itemRows(tx, item.statement_id, { page: 1, pageSize: 1, itemId })).items[0]!;
  });
}

export const DECISION_LABELS: Record<DecisionKind, string> = {
  refunded: '已退还党员', kept_as_voluntary: '经本人同意作为自愿多交', recorded_after_query: '经查询支付渠道后入账', provider_error: '支付渠道差错，已联系更正',
  timing: '跨日时差，次日对账单中', other: '其他',
};
const KIND_LABELS: Record<StatementItemKind, string> = {
  matched: '一致', missing_in_ledger: '台账缺少', missing_in_statement: '对账单缺少', amount_mismatch: '金额不符', paid_twice: '月份已另行交纳', refund: '退款', row_error: '无法读取的行',
};

/** The statement and its items as .xlsx (names people: audited as an export). */
export async function exportStatement(db: Kysely<DB>, actor: Actor, id: string): Promise<{ file: Buffer; name: string }> {
  const ctx = txContext(actor);
  const { s, items } = await withTenant(db, ctx, async (tx) => {
    await requireTenantWide(tx, actor);
    const s = statementView(await loadStatement(tx, id));
    const items = (await itemRows(tx, id, { page: 1, pageSize: 1_000_000 })).items;
    await auditAs(tx, ctx, { action: 'dues.reconcile_export', objectType: 'dues_statement', objectId: id, detail: { lines: items.length } });
    return { s, items };
  });
  const y = (fen: number | null) => (fen === null ? null : fen / 100);
  const file = await writeWorkbook([
    {
      name: '对账结果',
      columns: [
        { header: '行号', key: 'lineNo', width: 8 }, { header: '结果', key: 'kind', width: 14 }, { header: '商户订单号', key: 'orderNo', width: 28, text: true },
        { header: '交易号', key: 'txn', width: 32, text: true }, { header: '对账单金额（元）', key: 'statement', width: 16 }, { header: '台账金额（元）', key: 'ledger', width: 16 },
        { header: '时间', key: 'at', width: 20 }, { header: '党员', key: 'person', width: 10 }, { header: '说明', key: 'message', width: 60 },
        { header: '处理决定', key: 'decision', width: 22 }, { header: '处理说明', key: 'note', width: 40 }, { header: '处理人', key: 'by', width: 10 },
      ],
      rows: items.map((i) => ({
        lineNo: i.lineNo, kind: KIND_LABELS[i.kind], orderNo: i.orderNo, txn: i.providerTxnId, statement: y(i.statementFen), ledger: y(i.ledgerFen),
        at: i.at ? new Date(new Date(i.at).getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ') : '', person: i.personName ?? '', message: i.message.zh,
        decision: i.decision ? DECISION_LABELS[i.decision.decision] : '', note: i.decision?.note ?? '', by: i.decision?.by ?? '',
      })),
    },
    {
      name: '汇总',
      columns: [{ header: '项目', key: 'k', width: 16 }, { header: '内容', key: 'v', width: 40 }],
      rows: [
        { k: '支付方式', v: s.provider }, { k: '日期', v: s.fromDate === s.toDate ? s.fromDate : `${s.fromDate} 至 ${s.toDate}` }, { k: '来源', v: s.source === 'download' ? '从支付渠道下载' : `上传：${s.fileName}` },
        { k: '对账单笔数', v: s.lines }, { k: '一致', v: s.counts.matched }, { k: '台账缺少', v: s.counts.missingInLedger }, { k: '对账单缺少', v: s.counts.missingInStatement },
        { k: '金额不符', v: s.counts.amountMismatch }, { k: '其他待处理', v: s.counts.other }, { k: '无法读取的行', v: s.counts.rowErrors },
        { k: '对账单金额（元）', v: s.statementFen / 100 }, { k: '台账金额（元）', v: s.ledgerFen / 100 },
      ],
    },
  ]);
  return { file, name: `党费对账-${s.provider}-${s.fromDate}` };
}

/** The upload template: the columns a bank or provider export needs, with an example row. */
export function statementTemplate(): Promise<Buffer> {
  return writeWorkbook([
    {
      name: '对账单',
      columns: [
        { header: UPLOAD_COLUMNS.txn[0], key: 'txn', width: 32, text: true }, { header: UPLOAD_COLUMNS.order[0], key: 'order', width: 28, text: true },
        { header: UPLOAD_COLUMNS.amount[0], key: 'amount', width: 12 }, { header: UPLOAD_COLUMNS.at[0], key: 'at', width: 20, text: true },
        { header: UPLOAD_COLUMNS.kind[0], key: 'kind', width: 10, list: ['交易', '退款'] },
      ],
      rows: [{ txn: '4200001234202601011234567890', order: 'DF20260101093000ABCD1234', amount: 36.5, at: '2026-01-01 09:30:00', kind: '交易' }],
      validationRows: 5000,
    },
  ]);
}
