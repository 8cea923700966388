// Benchmark (issue 4): 1,000 concurrent payment notices with 20% duplicates and some out of order, against the real
// HTTP server, on PGlite and PostgreSQL side by side. Target: 0 double payments, 0 lost payments; latency reported.
//
//   npx tsx bench/dues-callbacks/run.ts                       # PostgreSQL and PGlite, 1,000 orders
//   npx tsx bench/dues-callbacks/run.ts --db=pglite --orders=200 --no-write
//
// Each database: the demo enterprise is seeded, WeChat Pay is configured for it with keys generated here, and
// `--orders` unpaid orders are made for members' months ahead (one month each, amount from the ledger's rules). Then
// every notice is sent at once over keep-alive HTTP to POST /api/dues/pay/notify/wechatpay/<tenant>, in random order:
//  - one genuine TRANSACTION.SUCCESS notice per order (signed with the platform key, resource encrypted with the
//    APIv3 key — the full verification path);
//  - 20% of them again, as a second delivery (a new notice id, same transaction), shuffled among the rest, so a
//    duplicate may arrive before its original;
//  - 5% 'closed' notices for orders that are (or are about to be) paid: out of order, they must not undo the payment;
// then the database is checked: every order paid exactly once, one ledger payment per order, the ledger's total equal
// to the orders' total, one audit record per payment.
//
// BENCH_DATABASE_URL: admin URL of the PostgreSQL server (default postgres://postgres:postgres@127.0.0.1:5432/postgres).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import http from 'node:http';
import { sql } from 'kysely';
import { openBenchDatabase, startApp } from '../lib/setup.js';
import { withTenant, type TxContext } from '../../server/src/platform/db/tenancy.js';
import type { DatabaseKind } from '../../server/src/platform/db/database.js';
import { FakeWechatPay, type FakeWechatOrder } from '../../server/src/platform/payments/fakes/wechatpay-fake.js';
import { chinaMonth, expectedDue, tenantDuesSettings } from '../../server/src/modules/dues/ledger.js';
import { addMonthsYm } from '../../server/src/modules/dues/rules.js';
import { orderNumber } from '../../server/src/modules/dues/payments-rules.js';

const args = new Map(process.argv.slice(2).map((a) => { const [k, v] = a.replace(/^--/, '').split('='); return [k!, v ?? 'true']; }));
const ORDERS = Number(args.get('orders') ?? 1000);
const DUP_SHARE = Number(args.get('duplicates') ?? 0.2);
const CLOSED_SHARE = Number(args.get('closed') ?? 0.05);
const DBS: DatabaseKind[] = args.get('db') === 'pglite' ? ['pglite'] : args.get('db') === 'postgresql' ? ['postgresql'] : ['postgresql', 'pglite'];
const WRITE = !args.has('no-write');
const here = path.dirname(fileURLToPath(import.meta.url));

interface Result {
  db: string; serverVersion: string; orders: number; notices: number; duplicates: number; closedOutOfOrder: number;
  wallMs: number; p50: number; p95: number; p99: number; max: number; statuses: Record<string, number>;
  paidOrders: number; ledgerPayments: number; doublePayments: number; lostPayments: number; ledgerFen: number; ordersFen: number; auditPayments: number;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

function shuffle<T>(a: T[], seed: number): T[] {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

async function runOne(kind: DatabaseKind): Promise<Result> {
  const bench = await openBenchDatabase(kind);
  const { app, baseUrl } = await startApp(bench.database);
  const db = bench.database.db;
  try {
    // Read as the owner: the application role sees no tenant without a tenant context.
    const tenantId = await db.transaction().execute(async (tx) => {
      await sql`set local role none`.execute(tx);
      return (await sql<{ id: string }>`select id from tenants where code = 'demo'`.execute(tx)).rows[0]!.id;
    });
    const ctx: TxContext = { tenantId, actorId: null, actorName: '基准测试', sourceIp: '127.0.0.1' };
    // WeChat Pay for the demo enterprise, with a merchant key and a "platform" key generated here.
    const merchant = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const apiV3Key = crypto.randomBytes(16).toString('hex');
    const fake = new FakeWechatPay({ mchId: '1900009191', appId: 'wxd678efh567hg6787', merchantSerialNo: '5157F09EFDC096DE15EBE81A47057A72', merchantPublicKey: merchant.publicKey.export({ type: 'spki', format: 'pem' }).toString(), apiV3Key });
    const cipher = app.deps.cipher;
    // Unpaid orders: members' months ahead, one month each, priced by the ledger's rules.
    const orders = await withTenant(db, ctx, async (tx) => {
      await tx.insertInto('dues_pay_providers').values({
        tenant_id: tenantId, provider: 'wechatpay', enabled: true, updated_by: null,
        config: JSON.stringify({ notifyBaseUrl: 'https://zg.example.cn', mchId: '1900009191', appId: 'wxd678efh567hg6787', merchantSerialNo: '5157F09EFDC096DE15EBE81A47057A72', platformSerial: fake.platformSerial, platformPublicKey: fake.platformPublicKey }),
        secrets_enc: cipher.encrypt(JSON.stringify({ merchantPrivateKey: merchant.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), apiV3Key })),
      }).execute();
      const settings = await tenantDuesSettings(tx, tenantId);
      const people = (await tx.selectFrom('dues_bases').select('person_id').distinct().execute()).map((r) => r.person_id);
      const current = chinaMonth();
      const out: { id: string; orderNo: string; amountFen: number }[] = [];
      const now = new Date();
      for (const personId of people) {
        for (let i = 1; i <= 12 && out.length < ORDERS; i++) {
          const month = addMonthsYm(current, i);
          const fen = await expectedDue(tx, personId, month, settings);
          if (!fen) break;
          const id = crypto.randomUUID();
          const orderNo = orderNumber(now, crypto.randomBytes(8).toString('hex'));
          await tx.insertInto('dues_pay_orders').values({
            id, tenant_id: tenantId, order_no: orderNo, person_id: personId, user_id: null, provider: 'wechatpay', channel: 'qr', purpose: 'months',
            months: JSON.stringify([month]), amount_fen: fen, pay_action: null, expires_at: new Date(now.getTime() + 3_600_000), provider_txn_id: null, paid_at: null,
            payment_id: null, settled_by: null, close_reason: null, attention: null, last_checked_at: null,
          }).execute();
          out.push({ id, orderNo, amountFen: fen });
        }
        if (out.length >= ORDERS) break;
      }
      return out;
    });
    if (orders.length < ORDERS) throw new Error(`only ${orders.length} orders could be made from the demo's members`);

    // The notices, as WeChat Pay would send them.
    const fakeOrder = (o: { orderNo: string; amountFen: number }, i: number, state: FakeWechatOrder['state']): FakeWechatOrder => ({
      outTradeNo: o.orderNo, description: '党费', total: o.amountFen, notifyUrl: '', timeExpire: null, kind: 'native', state,
      transactionId: state === 'SUCCESS' ? `4200${String(i).padStart(10, '0')}${o.orderNo.slice(-8)}` : null, successTime: state === 'SUCCESS' ? new Date() : null, openid: 'oBench',
    });
    const notices: { kind: 'paid' | 'duplicate' | 'closed'; headers: Record<string, string>; body: string }[] = [];
    orders.forEach((o, i) => notices.push({ kind: 'paid', ...fake.notification(fakeOrder(o, i, 'SUCCESS')) }));
    const dupCount = Math.round(orders.length * DUP_SHARE);
    for (let i = 0; i < dupCount; i++) notices.push({ kind: 'duplicate', ...fake.notification(fakeOrder(orders[i]!, i, 'SUCCESS')) });
    const closedCount = Math.round(orders.length * CLOSED_SHARE);
    for (let i = 0; i < closedCount; i++) {
      const o = orders[orders.length - 1 - i]!;
      notices.push({ kind: 'closed', ...fake.notification(fakeOrder(o, i, 'CLOSED'), { eventType: 'TRANSACTION.CLOSED' }) });
    }
    shuffle(notices, 20260601);

    const url = `${baseUrl}/api/dues/pay/notify/wechatpay/${tenantId}`;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
    const target = new URL(url);
    const post = (headers: Record<string, string>, body: string) => new Promise<number>((resolve, reject) => {
      const req = http.request({ host: target.hostname, port: target.port, path: target.pathname, method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) }, timeout: 300_000 }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.end(body);
    });
    const statuses: Record<string, number> = {};
    const latencies: number[] = [];
    console.log(`[dues-callbacks] ${kind}: ${notices.length} notices (${orders.length} payments, ${dupCount} duplicates, ${closedCount} 'closed' out of order)…`);
    const t0 = performance.now();
    await Promise.all(notices.map(async (n) => {
      const s = performance.now();
      let key = 'error';
      try {
        key = String(await post(n.headers, n.body));
      } catch (err) {
        key = `error:${(err as Error).message.slice(0, 40)}`;
      }
      latencies.push(performance.now() - s);
      statuses[`${n.kind} ${key}`] = (statuses[`${n.kind} ${key}`] ?? 0) + 1;
    }));
    const wallMs = performance.now() - t0;
    agent.destroy();
    latencies.sort((a, b) => a - b);

    // What the database says.
    const check = await db.transaction().execute(async (tx) => {
      await sql`set local role none`.execute(tx);
      const ids = orders.map((o) => o.id);
      const paid = await tx.selectFrom('dues_pay_orders').select((eb) => eb.fn.countAll<number>().as('n')).where('id', 'in', ids).where('state', '=', 'paid').executeTakeFirstOrThrow();
      const perOrder = await sql<{ n: number; orders: number; fen: string }>`
        select count(*)::int as n, count(distinct order_id)::int as orders, coalesce(sum(amount_fen), 0)::text as fen
        from dues_payments where order_id = any(${ids}::uuid[])`.execute(tx);
      const doubles = await sql<{ n: number }>`
        select count(*)::int as n from (select order_id from dues_payments where order_id = any(${ids}::uuid[]) group by order_id having count(*) > 1) d`.execute(tx);
      const entries = await sql<{ fen: string }>`
        select coalesce(sum(e.amount_fen), 0)::text as fen from dues_entries e join dues_payments p on p.id = e.payment_id where p.order_id = any(${ids}::uuid[])`.execute(tx);
      const audits = await sql<{ n: number }>`
        select count(*)::int as n from audit_log where tenant_id = ${tenantId} and action = 'dues.payment' and detail->>'method' = 'wechatpay'`.execute(tx);
      return { paid: Number(paid.n), payments: perOrder.rows[0]!.n, paidOrders: perOrder.rows[0]!.orders, doubles: doubles.rows[0]!.n, ledgerFen: Number(entries.rows[0]!.fen), audits: audits.rows[0]!.n };
    });
    return {
      db: kind, serverVersion: bench.serverVersion, orders: orders.length, notices: notices.length, duplicates: dupCount, closedOutOfOrder: closedCount,
      wallMs, p50: pct(latencies, 0.5), p95: pct(latencies, 0.95), p99: pct(latencies, 0.99), max: latencies[latencies.length - 1] ?? 0, statuses,
      paidOrders: check.paid, ledgerPayments: check.payments, doublePayments: check.doubles + (check.payments - check.paidOrders), lostPayments: orders.length - check.paidOrders,
      ledgerFen: check.ledgerFen, ordersFen: orders.reduce((a, o) => a + o.amountFen, 0), auditPayments: check.audits,
    };
  } finally {
    await app.close();
    await bench.close();
  }
}

const results: Result[] = [];
for (const kind of DBS) {
  const r = await runOne(kind);
  console.log(`[dues-callbacks] ${kind}:`, JSON.stringify(r));
  results.push(r);
}

const cpu = os.cpus();
const ms = (x: number) => x.toFixed(0);
const ok = (r: Result) => r.doublePayments === 0 && r.lostPayments === 0 && r.ledgerFen === r.ordersFen && r.auditPayments === r.orders;
const lines = [
  `### ${results[0]?.orders.toLocaleString('en') ?? 0} concurrent payment notices (${new Date().toISOString().slice(0, 10)})`,
  '',
  `Machine: ${cpu[0]?.model.trim() ?? '?'}, ${cpu.length} cores, Node ${process.version}. Command: \`${['npx tsx bench/dues-callbacks/run.ts', ...process.argv.slice(2)].join(' ')}\`. ` +
    'All notices sent at once (up to 256 keep-alive connections) to the real server; WeChat Pay protocol (RSA signature, AES-256-GCM resource) on every notice.',
  '',
  '| Database | Orders | Notices sent | of which duplicates | of which \'closed\' out of order | Wall s | Notices/s | p50 ms | p95 ms | p99 ms | max ms | Orders paid | Ledger payments | Double payments | Lost payments | Ledger = orders (分) | Answers | Target 0 double, 0 lost |',
  '| :--- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :--- | :--- | :--- |',
  ...results.map((r) => `| ${r.serverVersion} | ${r.orders.toLocaleString('en')} | ${r.notices.toLocaleString('en')} | ${r.duplicates} | ${r.closedOutOfOrder} | ${(r.wallMs / 1000).toFixed(1)} | ${Math.round(r.notices / (r.wallMs / 1000))} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${ms(r.max)} | ${r.paidOrders} | ${r.ledgerPayments} | **${r.doublePayments}** | **${r.lostPayments}** | ${r.ledgerFen === r.ordersFen ? `✅ ${r.ledgerFen.toLocaleString('en')}` : `❌ ${r.ledgerFen} ≠ ${r.ordersFen}`} | ${Object.entries(r.statuses).sort().map(([k, v]) => `${k}: ${v}`).join(', ')} | ${ok(r) ? '✅' : '❌'} |`),
  '',
];
console.log(lines.join('\n'));
if (WRITE) {
  const out = path.join(here, 'RESULTS.md');
  const prev = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : '# Payment notice benchmark results\n\nNewest first. How to run and read: [../README.md](../README.md) (section “Payment notices”).\n\n';
  const [head, ...rest] = prev.split(/\n(?=### )/);
  fs.writeFileSync(out, [head!.trimEnd() + '\n', lines.join('\n'), ...rest].join('\n'));
  const dated = path.join(here, '..', 'results', `${new Date().toISOString().slice(0, 10)}-dues-callbacks.md`);
  fs.writeFileSync(dated, `# Payment notices (bench/dues-callbacks)\n\n${lines.join('\n')}\n`);
  console.log(`wrote ${out} and ${dated}`);
}
process.exit(results.every(ok) ? 0 : 1);
