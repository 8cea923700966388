// 组织关系转接 end to end over HTTP (../shared/domain/RULES.md §3): within the tenant, to another tenant on the platform
// and out of the platform; the wrong side is refused; an expired letter cannot be received; the sender stays
// responsible (the person stays, not archived) until receipt; tenant isolation holds for both rows; every write is
// audited on each tenant's chain it touches.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../platform/db/tenancy.js';
import { asOwner, rowCounts } from '../../testing/db.js';
import { testApp, type TestApp } from '../../testing/app.js';
import { loginActive, makeTenant, makeUnit, makeUser, type Agent, type TestTenant, type TestUnit } from '../../testing/factories.js';
import { makeMember } from './testing.js';
import { expireOverdue } from './receive.js';
import { todayInChina } from './access.js';
import { addDays } from '../../platform/dates/legal-date.js';
import { readWorkbook, XLSX_CONTENT_TYPE } from '../../platform/office/xlsx.js';

let t: TestApp;
let a: TestTenant; let b: TestTenant; let c: TestTenant;
let aRoot: TestUnit; let a1: TestUnit; let a2: TestUnit; let bRoot: TestUnit; let b1: TestUnit; let cRoot: TestUnit;
/** 组织委员 of branch A1 (sends), 支部书记 of A2 (receives within A), 组织委员 at B's root, 组织委员 at C's root. */
let sender: Agent; let receiverA2: Agent; let receiverB: Agent; let outsiderC: Agent;
let senderUserId: string;

const TABLES = ['transfers', 'transfer_inbox', 'people', 'person_events', 'audit_log'] as const;

beforeAll(async () => {
  t = await testApp();
  [a, b, c] = await Promise.all([makeTenant(t, { name: '甲能源集团' }), makeTenant(t, { name: '乙电力集团' }), makeTenant(t, { name: '丙化工集团' })]);
  aRoot = await makeUnit(t, a.tenantId, { name: '甲集团党委' });
  a1 = await makeUnit(t, a.tenantId, { parentId: aRoot.id, name: '甲第一党支部' });
  a2 = await makeUnit(t, a.tenantId, { parentId: aRoot.id, name: '甲第二党支部' });
  bRoot = await makeUnit(t, b.tenantId, { name: '乙集团党委' });
  b1 = await makeUnit(t, b.tenantId, { parentId: bRoot.id, name: '乙运维党支部' });
  cRoot = await makeUnit(t, c.tenantId, { name: '丙集团党委' });
  const [su, ra2, rb, oc] = await Promise.all([
    makeUser(t, a.tenantId, { role: 'organization_member', orgUnitId: a1.id, displayName: '甲组织委员' }),
    makeUser(t, a.tenantId, { role: 'branch_secretary', orgUnitId: a2.id, displayName: '甲二支书记' }),
    makeUser(t, b.tenantId, { role: 'organization_member', orgUnitId: bRoot.id, displayName: '乙组织委员' }),
    makeUser(t, c.tenantId, { role: 'organization_member', orgUnitId: cRoot.id, displayName: '丙组织委员' }),
  ]);
  senderUserId = su.userId;
  [sender, receiverA2, receiverB, outsiderC] = await Promise.all([loginActive(t.app, su), loginActive(t.app, ra2), loginActive(t.app, rb), loginActive(t.app, oc)]);
});

afterAll(async () => {
  await t?.close();
});

interface Detail { id: string; state: string; letterNo: string | null; box: string; responsible: string; abilities: Record<string, boolean>; timeline: { event: string }[]; receivedOrgName: string | null }

async function draft(body: Record<string, unknown>): Promise<Detail> {
  const res = await sender.post('/api/transfers', { reason: '工作调动', validityDays: 30, ...body });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Detail>();
}

async function issue(id: string): Promise<Detail> {
  const res = await sender.post(`/api/transfers/${id}/issue`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Detail>();
}

async function auditActions(tenantId: string, objectId: string): Promise<string[]> {
  return asOwner(t.database, async (tx) => (await tx.selectFrom('audit_log').select('action').where('tenant_id', '=', tenantId).where('object_id', '=', objectId).orderBy('seq').execute()).map((r) => r.action));
}

async function person(id: string) {
  return asOwner(t.database, (tx) => tx.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
}

describe('within the tenant (RULES.md §3)', () => {
  it('the receiving unit receives an issued letter; the member moves there; each write audited once', async () => {
    const p = await makeMember(t, a.tenantId, { orgUnitId: a1.id, name: '王立新' });
    const d = await draft({ personId: p.id, scope: 'within_tenant', toUnitId: a2.id });
    expect(d).toMatchObject({ state: 'draft', letterNo: null, abilities: { issue: true, cancel: true, receive: false } });
    // The receiving unit learns of it once the letter is issued.
    expect((await receiverA2.get(`/api/transfers/${d.id}`)).statusCode).toBe(404);
    const issued = await issue(d.id);
    expect(issued.state).toBe('issued');
    expect(issued.letterNo).toMatch(/^〔\d{4}〕转字第\d{4}号$/);
    expect(issued.responsible).toBe('sender');
    // Until receipt the member stays on the sender's lists, marked 转出中 (the sender is still responsible).
    const marked = async () => (await sender.get(`/api/people?unitId=${a1.id}&subtree=true`)).json<{ items: { id: string; transferringOut: boolean }[] }>().items.find((i) => i.id === p.id)?.transferringOut;
    expect(await marked()).toBe(true);
    expect((await sender.get(`/api/people/${p.id}`)).json<{ transferringOut: boolean }>().transferringOut).toBe(true);
    const seen = (await receiverA2.get(`/api/transfers/${d.id}`)).json<Detail>();
    expect(seen).toMatchObject({ box: 'incoming', abilities: { receive: true, return: true, issue: false } });
    const incoming = (await receiverA2.get('/api/transfers?box=incoming')).json<{ items: { id: string }[] }>();
    expect(incoming.items.map((i) => i.id)).toContain(d.id);

    // Wrong side: the sender cannot receive its own letter.
    const wrong = await sender.post(`/api/transfers/${d.id}/receive`, {});
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json<{ message: string }>().message).toMatch(/另一方/);

    const res = await receiverA2.post(`/api/transfers/${d.id}/receive`, {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Detail>()).toMatchObject({ state: 'received', responsible: 'receiver' });
    const moved = await person(p.id);
    expect(moved.org_unit_id).toBe(a2.id);
    expect(moved.archived_at).toBeNull();
    expect((await receiverA2.get(`/api/people/${p.id}`)).json<{ transferringOut: boolean }>().transferringOut).toBe(false);
    expect(await auditActions(a.tenantId, d.id)).toEqual(['transfer.create', 'transfer.issue', 'transfer.receive']);
    const events = await asOwner(t.database, (tx) => tx.selectFrom('person_events').select('kind').where('person_id', '=', p.id).orderBy('at').execute());
    expect(events.map((e) => e.kind)).toEqual(['transfer.created', 'transfer.issued', 'transfer.received']);
  });

  it('refuses a validity not offered (60 days) naming the field, and a non-member, writing nothing', async () => {
    const p = await makeMember(t, a.tenantId, { orgUnitId: a1.id });
    const np = await makeMember(t, a.tenantId, { orgUnitId: a1.id, status: 'activist' });
    const other = await makeMember(t, a.tenantId, { orgUnitId: a2.id });
    const before = await rowCounts(t.database, TABLES);
    const bad = await sender.post('/api/transfers', { personId: p.id, scope: 'within_tenant', toUnitId: a2.id, reason: '', validityDays: 60 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ field: string; message: string }>()).toMatchObject({ field: 'validityDays' });
    expect(bad.json<{ message: string }>().message).toMatch(/30天或90天/);
    const nonMember = await sender.post('/api/transfers', { personId: np.id, scope: 'within_tenant', toUnitId: a2.id, reason: '', validityDays: 30 });
    expect(nonMember.statusCode).toBe(400);
    expect(nonMember.json<{ field: string }>().field).toBe('personId');
    // Outside the sender's scope answers like a missing person.
    expect((await sender.post('/api/transfers', { personId: other.id, scope: 'within_tenant', toUnitId: a1.id, reason: '', validityDays: 30 })).statusCode).toBe(404);
    expect(await rowCounts(t.database, TABLES)).toEqual(before);
  });

  it('a draft can be cancelled by the sender; one open transfer per member', async () => {
    const p = await makeMember(t, a.tenantId, { orgUnitId: a1.id });
    const d = await draft({ personId: p.id, scope: 'external', toOrgName: '某市委组织部' });
    expect((await sender.post('/api/transfers', { personId: p.id, scope: 'external', toOrgName: 'x', reason: '', validityDays: 30 })).statusCode).toBe(409);
    const res = await sender.post(`/api/transfers/${d.id}/cancel`);
    expect(res.statusCode).toBe(200);
    expect(res.json<Detail>()).toMatchObject({ state: 'cancelled', abilities: { issue: false, cancel: false } });
    expect(await auditActions(a.tenantId, d.id)).toEqual(['transfer.create', 'transfer.cancel']);
  });
});

describe('an expired letter (RULES.md §3: validity 30 or 90 days)', () => {
  it('reads as expired at once, cannot be received, and the sweep records the expiry with an audit record', async () => {
    const p = await makeMember(t, a.tenantId, { orgUnitId: a1.id });
    const d = await draft({ personId: p.id, scope: 'within_tenant', toUnitId: a2.id });
    await issue(d.id);
    const today = todayInChina();
    await asOwner(t.database, (tx) => tx.updateTable('transfers').set({ issued_on: addDays(today, -40), expires_on: addDays(today, -11) }).where('id', '=', d.id).execute());
    const read = (await receiverA2.get(`/api/transfers/${d.id}`)).json<Detail>();
    expect(read).toMatchObject({ state: 'expired', abilities: { receive: false } });
    const before = await rowCounts(t.database, TABLES);
    const refused = await receiverA2.post(`/api/transfers/${d.id}/receive`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json<{ message: string }>().message).toMatch(/已过有效期/);
    expect(await rowCounts(t.database, TABLES)).toEqual(before);

    expect(await expireOverdue(t.database.db, today)).toBeGreaterThanOrEqual(1);
    const row = await asOwner(t.database, (tx) => tx.selectFrom('transfers').select(['state', 'expired_on']).where('id', '=', d.id).executeTakeFirstOrThrow());
    expect(row).toEqual({ state: 'expired', expired_on: today });
    expect(await auditActions(a.tenantId, d.id)).toEqual(['transfer.create', 'transfer.issue', 'transfer.expire']);
    expect((await person(p.id)).org_unit_id).toBe(a1.id);
    // Idempotent: a second sweep finds nothing more for this letter.
    await expireOverdue(t.database.db, today);
    expect(await auditActions(a.tenantId, d.id)).toHaveLength(3);
  });
});

describe('out of the platform (printed letter)', () => {
  it('prints 存根/介绍信/回执 data; the sender records the 回执; the member is archived only then', async () => {
    const p = await makeMember(t, a.tenantId, { orgUnitId: a1.id, name: '赵红梅' });
    const d = await draft({ personId: p.id, scope: 'external', toOrgName: '某市委组织部', validityDays: 90, duesPaidUntil: '2026-05' });
    expect((await sender.get(`/api/transfers/${d.id}/letter`)).statusCode).toBe(404);
    const issued = await issue(d.id);
    const letter = (await sender.get(`/api/transfers/${d.id}/letter`)).json<Record<string, unknown>>();
    expect(letter).toMatchObject({ letterNo: issued.letterNo, personName: '赵红梅', toOrgName: '某市委组织部', validityDays: 90, duesPaidUntilText: '2026年5月', duesSource: 'form', partyStatusText: '正式党员' });
    const issuedOn = letter.issuedOn as string;
    expect(letter.expiresOn).toBe(addDays(issuedOn, 89));
    expect(letter.stubRetainUntil).toBe(`${Number(issuedOn.slice(0, 4)) + 10}${issuedOn.slice(4)}`);
    expect((await person(p.id)).archived_at).toBeNull();
    // Nobody else receives a letter that left the platform.
    expect((await receiverA2.get(`/api/transfers/${d.id}`)).statusCode).toBe(404);
    const res = await sender.post(`/api/transfers/${d.id}/receive`, { note: '回执已寄回' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Detail>()).toMatchObject({ state: 'received', responsible: 'receiver' });
    expect(await person(p.id)).toMatchObject({ archived_reason: 'transferred_out' });
    expect(await auditActions(a.tenantId, d.id)).toEqual(['transfer.create', 'transfer.issue', 'transfer.receive']);
  });

  it('records a returned letter with a reason; the member stays', async () => {
    const p = await makeMember(t, a.tenantId, { orgUnitId: a1.id });
    const d = await draft({ personId: p.id, scope: 'external', toOrgName: '某县委组织部' });
    await issue(d.id);
    expect((await sender.post(`/api/transfers/${d.id}/return`, { reason: '' })).statusCode).toBe(400);
    const res = await sender.post(`/api/transfers/${d.id}/return`, { reason: '接收单位名称有误' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Detail>().state).toBe('returned');
    expect((await person(p.id)).archived_at).toBeNull();
  });
});

describe('to another enterprise on the platform (tenant isolation holds)', () => {
  it('offers active enterprise tenants other than its own in the directory', async () => {
    const items = (await sender.get('/api/transfers/directory')).json<{ items: { id: string; name: string }[] }>().items;
    expect(items.map((i) => i.id)).toEqual(expect.arrayContaining([b.tenantId, c.tenantId]));
    expect(items.map((i) => i.id)).not.toContain(a.tenantId);
  });

  it('the receiver sees the inbox row, a third tenant sees nothing, receipt creates the person there and archives it here', async () => {
    const p = await makeMember(t, a.tenantId, { orgUnitId: a1.id, name: '孙志强' });
    const d = await draft({ personId: p.id, scope: 'platform', toTenantId: b.tenantId, toOrgName: '乙集团运维党支部', duesPaidUntil: '2026-04' });
    expect((await receiverB.get(`/api/transfers/${d.id}`)).statusCode).toBe(404);
    await issue(d.id);

    const inbox = (await receiverB.get('/api/transfers?box=incoming')).json<{ items: { id: string; fromTenantName: string; personName: string; state: string }[] }>();
    expect(inbox.items.find((i) => i.id === d.id)).toMatchObject({ fromTenantName: '甲能源集团', personName: '孙志强', state: 'issued' });
    const seen = (await receiverB.get(`/api/transfers/${d.id}`)).json<Detail & { receiveNeedsUnit: boolean; personId: string | null }>();
    expect(seen).toMatchObject({ abilities: { receive: true, return: true, letter: false }, receiveNeedsUnit: true, personId: null });
    // A third tenant sees neither row, by API or on the database under its own context.
    expect((await outsiderC.get(`/api/transfers/${d.id}`)).statusCode).toBe(404);
    expect((await outsiderC.get('/api/transfers?box=incoming')).json<{ total: number }>().total).toBe(0);
    const cSees = await withTenant(t.database.db, { tenantId: c.tenantId, actorId: null, actorName: 'rls', sourceIp: '' }, async (tx) => ({
      transfers: (await sql<{ n: number }>`select count(*)::int as n from transfers`.execute(tx)).rows[0]?.n,
      inbox: (await sql<{ n: number }>`select count(*)::int as n from transfer_inbox`.execute(tx)).rows[0]?.n,
    }));
    expect(cSees).toEqual({ transfers: 0, inbox: 0 });
    // Each side's row lives in its own tenant only.
    const rows = await asOwner(t.database, async (tx) => ({
      out: await tx.selectFrom('transfers').select('tenant_id').where('id', '=', d.id).execute(),
      in: await tx.selectFrom('transfer_inbox').select('tenant_id').where('id', '=', d.id).execute(),
    }));
    expect(rows).toEqual({ out: [{ tenant_id: a.tenantId }], in: [{ tenant_id: b.tenantId }] });
    // The sender's tenant cannot act for the receiver.
    expect((await sender.post(`/api/transfers/${d.id}/receive`, {})).statusCode).toBe(403);
    expect((await person(p.id)).archived_at).toBeNull();

    // The unit is required, and must be one the receiver is responsible for.
    expect((await receiverB.post(`/api/transfers/${d.id}/receive`, {})).json<{ field: string }>().field).toBe('unitId');
    expect((await receiverB.post(`/api/transfers/${d.id}/receive`, { unitId: a2.id })).statusCode).toBe(400);

    const res = await receiverB.post(`/api/transfers/${d.id}/receive`, { unitId: b1.id });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Detail>().state).toBe('received');

    const created = await asOwner(t.database, (tx) => tx.selectFrom('people').selectAll().where('tenant_id', '=', b.tenantId).where('name', '=', '孙志强').executeTakeFirstOrThrow());
    const original = await person(p.id);
    expect(created).toMatchObject({ org_unit_id: b1.id, party_status: 'full', party_joined_on: '2014-06-20', full_on: '2015-06-20', birth_date: '1990-01-01', ethnicity: '汉族', phone_enc: null, archived_at: null });
    expect(created.id_number_hash).toBe(original.id_number_hash);
    expect(t.cipher.decrypt(created.id_number_enc!)).toBe(p.idNumber);
    expect(original.archived_reason).toBe('transferred_out');

    const out = (await sender.get(`/api/transfers/${d.id}`)).json<Detail>();
    expect(out).toMatchObject({ state: 'received', responsible: 'receiver', receivedOrgName: '乙运维党支部' });
    expect(await auditActions(a.tenantId, d.id)).toEqual(['transfer.create', 'transfer.issue', 'transfer.receive']);
    expect(await auditActions(b.tenantId, d.id)).toEqual(['transfer.incoming', 'transfer.receive']);
    expect(await auditActions(c.tenantId, d.id)).toEqual([]);
    const bRec = await asOwner(t.database, (tx) => tx.selectFrom('audit_log').select(['actor_name', 'detail']).where('tenant_id', '=', a.tenantId).where('object_id', '=', d.id).where('action', '=', 'transfer.receive').executeTakeFirstOrThrow());
    expect(bRec.actor_name).toMatch(/乙组织委员（乙电力集团）/);
    // No ID number in any audit record of either chain.
    const details = await asOwner(t.database, (tx) => tx.selectFrom('audit_log').select('detail').where('object_id', '=', d.id).execute());
    expect(JSON.stringify(details)).not.toContain(p.idNumber!);
    const events = await asOwner(t.database, (tx) => tx.selectFrom('person_events').select(['tenant_id', 'kind']).where('person_id', 'in', [p.id, created.id]).where('kind', '=', 'transfer.received').execute());
    expect(events.map((e) => e.tenant_id).sort()).toEqual([a.tenantId, b.tenantId].sort());
    expect(senderUserId).toBeTruthy();
  });

  it('the receiver returns it with a reason; both sides read returned; the member stays with the sender', async () => {
    const p = await makeMember(t, a.tenantId, { orgUnitId: a1.id });
    const d = await draft({ personId: p.id, scope: 'platform', toTenantId: b.tenantId, toOrgName: '乙集团某支部' });
    await issue(d.id);
    const before = await rowCounts(t.database, TABLES);
    expect((await receiverB.post(`/api/transfers/${d.id}/return`, {})).statusCode).toBe(400);
    expect(await rowCounts(t.database, TABLES)).toEqual(before);
    const res = await receiverB.post(`/api/transfers/${d.id}/return`, { reason: '本企业无此岗位' });
    expect(res.statusCode, res.body).toBe(200);
    expect((await sender.get(`/api/transfers/${d.id}`)).json<Detail & { returnReason: string }>()).toMatchObject({ state: 'returned', returnReason: '本企业无此岗位' });
    expect((await person(p.id)).archived_at).toBeNull();
    expect(await auditActions(a.tenantId, d.id)).toEqual(['transfer.create', 'transfer.issue', 'transfer.return']);
    expect(await auditActions(b.tenantId, d.id)).toEqual(['transfer.incoming', 'transfer.return']);
  });

  it('an expired letter between tenants cannot be received; the sweep expires both rows, audited on both chains', async () => {
    const p = await makeMember(t, a.tenantId, { orgUnitId: a1.id });
    const d = await draft({ personId: p.id, scope: 'platform', toTenantId: b.tenantId, toOrgName: '乙集团某支部' });
    await issue(d.id);
    const today = todayInChina();
    await asOwner(t.database, async (tx) => {
      await tx.updateTable('transfers').set({ issued_on: addDays(today, -35), expires_on: addDays(today, -6) }).where('id', '=', d.id).execute();
      await tx.updateTable('transfer_inbox').set({ issued_on: addDays(today, -35), expires_on: addDays(today, -6) }).where('id', '=', d.id).execute();
    });
    const refused = await receiverB.post(`/api/transfers/${d.id}/receive`, { unitId: b1.id });
    expect(refused.statusCode).toBe(409);
    await expireOverdue(t.database.db, today);
    const states = await asOwner(t.database, async (tx) => [
      (await tx.selectFrom('transfers').select('state').where('id', '=', d.id).executeTakeFirstOrThrow()).state,
      (await tx.selectFrom('transfer_inbox').select('state').where('id', '=', d.id).executeTakeFirstOrThrow()).state,
    ]);
    expect(states).toEqual(['expired', 'expired']);
    expect(await auditActions(b.tenantId, d.id)).toEqual(['transfer.incoming', 'transfer.expire']);
    expect((await person(p.id)).archived_at).toBeNull();
  });

  it('keeps the 存根: transfer rows cannot be deleted, even by the owner', async () => {
    await expect(asOwner(t.database, (tx) => sql`delete from transfers`.execute(tx))).rejects.toThrow(/kept/);
  });
});

describe('the lists as .xlsx (Excel export of a filtered list)', () => {
  interface Page { items: { personName: string; letterNo: string | null }[]; total: number }
  const HEADERS = ['介绍信编号', '党员姓名', '转接类型', '转出组织', '转入组织', '开具日期', '有效期至', '状态'];

  it('exports the list as filtered, in its order, audited with the filter and the count; others export only their own', async () => {
    const list = (await sender.get('/api/transfers?box=outgoing&page=1&pageSize=100')).json<Page>();
    expect(list.total).toBeGreaterThan(3);
    const res = await sender.get('/api/transfers/export.xlsx?box=outgoing');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_CONTENT_TYPE);
    expect(String(res.headers['content-disposition'])).toContain(`filename*=UTF-8''${encodeURIComponent('组织关系转出')}`);
    const sheet = await readWorkbook(res.rawPayload);
    expect(sheet.headers).toEqual(HEADERS);
    expect(sheet.rows.map((r) => r.cells[1])).toEqual(list.items.map((i) => i.personName));
    expect(sheet.rows.map((r) => r.cells[0])).toEqual(list.items.map((i) => i.letterNo ?? ''));

    const received = (await sender.get('/api/transfers?box=outgoing&state=received&page=1&pageSize=100')).json<Page>();
    const filtered = await readWorkbook((await sender.get('/api/transfers/export.xlsx?box=outgoing&state=received')).rawPayload);
    expect(filtered.rows).toHaveLength(received.total);
    expect(new Set(filtered.rows.map((r) => r.cells[7]))).toEqual(new Set(received.total > 0 ? ['已接收'] : []));

    const audit = await asOwner(t.database, (tx) => tx.selectFrom('audit_log').select(['detail', 'actor_id']).where('tenant_id', '=', a.tenantId).where('action', '=', 'transfer.export').orderBy('seq').execute());
    expect(audit.map((x) => x.detail)).toEqual([{ box: 'outgoing', state: null, count: list.total }, { box: 'outgoing', state: 'received', count: received.total }]);
    expect(audit.every((x) => x.actor_id === senderUserId)).toBe(true);

    // B's 转入 holds the letters from A; C, which was never part of a transfer, exports an empty sheet.
    const incomingB = (await receiverB.get('/api/transfers?box=incoming&page=1&pageSize=100')).json<Page>();
    expect(incomingB.total).toBeGreaterThan(0);
    expect((await readWorkbook((await receiverB.get('/api/transfers/export.xlsx?box=incoming')).rawPayload)).rows).toHaveLength(incomingB.total);
    expect((await readWorkbook((await outsiderC.get('/api/transfers/export.xlsx?box=outgoing')).rawPayload)).rows).toEqual([]);
  });
});
