// The people API over HTTP on a real database: scope, tenant isolation, encryption at rest, search, concurrency,
// honours and history, the audited reveal and export, and a member's own record (PIPL).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { asOwner, rowCounts, WRITE_TABLES } from '../../testing/db.js';
import { testApp, type TestApp } from '../../testing/app.js';
import { loginActive, makePerson, makeTenant, makeUnit, makeUser, type Agent, type TestTenant, type TestUnit } from '../../testing/factories.js';
import { idCheckDigit } from '../../platform/identity/id-number.js';
import { ageBandOf } from './vocabulary.js';
import { todayInChina } from './people-service.js';

const id = (first17: string) => first17 + idCheckDigit(first17);
/** 张慧娟, a woman born 1990-06-15 (sequence 002 is even). */
const ZHANG_ID = id('44030619900615002');

let t: TestApp;
let a: TestTenant;
let b: TestTenant;
let root: TestUnit;
let branch1: TestUnit;
let branch2: TestUnit;
let manager: Agent; // 组织委员, tenant-wide
let secretary1: Agent; // 支部书记 of branch 1
let member: Agent; // 党员 linked to their own person
let foreign: Agent; // 组织委员 of tenant b
let memberPersonId: string;
let branch2PersonId: string;

const zhang = () => ({
  name: '张慧娟', gender: 'female', ethnicity: '汉族', birthDate: '1990-06-15', idNumber: ZHANG_ID, phone: '13812345678',
  education: '大学本科', jobTitle: '会计', employeeNo: 'E1001', orgUnitId: branch1.id, partyStatus: 'full',
  appliedOn: '2010-03-01', activistOn: '2010-09-01', candidateOn: '2011-10-01', partyJoinedOn: '2012-01-10', fullOn: '2013-01-10',
  membership: 'normal', membershipNote: null,
});

interface ListBody { items: { id: string; name: string; idNumberMasked: string | null }[]; total: number; totalCapped: boolean }
interface RecordBody {
  id: string; version: number; name: string; idNumberMasked: string | null; phone: string | null; partyAgeYears: number | null;
  probationEndsOn: string | null; honours: { id: string; title: string }[]; history: { kind: string; detail: Record<string, unknown> }[];
  abilities: { edit: boolean; revealId: boolean }; orgUnitId: string; membership: string;
}

beforeAll(async () => {
  t = await testApp();
  a = await makeTenant(t);
  b = await makeTenant(t);
  root = await makeUnit(t, a.tenantId, { name: '集团党委' });
  branch1 = await makeUnit(t, a.tenantId, { parentId: root.id, name: '第一党支部' });
  branch2 = await makeUnit(t, a.tenantId, { parentId: root.id, name: '第二党支部' });
  const bRoot = await makeUnit(t, b.tenantId, { name: '乙集团党委' });
  manager = await loginActive(t.app, await makeUser(t, a.tenantId, { role: 'organization_member' }));
  secretary1 = await loginActive(t.app, await makeUser(t, a.tenantId, { role: 'branch_secretary', orgUnitId: branch1.id }));
  foreign = await loginActive(t.app, await makeUser(t, b.tenantId, { role: 'organization_member', orgUnitId: bRoot.id }));
  memberPersonId = await makePerson(t, a.tenantId, { orgUnitId: branch1.id, name: '王建国', partyStatus: 'full', partyJoinedOn: '2000-07-01', fullOn: '2001-07-01', birthDate: '1975-02-03', idNumber: id('11010519750203001'), phone: '13900001111' });
  branch2PersonId = await makePerson(t, a.tenantId, { orgUnitId: branch2.id, name: '李四' });
  const memberUser = await makeUser(t, a.tenantId, { role: 'party_member', orgUnitId: branch1.id });
  await asOwner(t.database, (tx) => tx.updateTable('users').set({ person_id: memberPersonId }).where('id', '=', memberUser.userId).execute());
  member = await loginActive(t.app, memberUser);
});

afterAll(async () => {
  await t?.close();
});

let zhangId = '';

describe('people API', () => {
  it('creates a person; the ID number and phone are encrypted at rest, findable by keyed hash', async () => {
    const res = await secretary1.post('/api/people', zhang());
    expect(res.statusCode, res.body).toBe(200);
    const rec = res.json<RecordBody>();
    zhangId = rec.id;
    expect(rec.idNumberMasked).toBe(`440306********${ZHANG_ID.slice(-4)}`);
    expect(rec.phone).toBe('13812345678'); // the secretary manages this person
    expect(rec.partyAgeYears).toBeGreaterThanOrEqual(13);
    expect(rec.history.map((h) => h.kind)).toEqual(['created']);
    const row = await asOwner(t.database, (tx) => tx.selectFrom('people').selectAll().where('id', '=', zhangId).executeTakeFirstOrThrow());
    expect(row.id_number_enc).not.toContain(ZHANG_ID);
    expect(row.id_number_enc).not.toContain(ZHANG_ID.slice(6, 14));
    expect(row.phone_enc).not.toContain('13812345678');
    expect(row.id_number_hash).toBe(t.cipher.lookupHash(ZHANG_ID));
    expect(row).toMatchObject({ name_pinyin: 'zhanghuijuan', name_initials: 'zhj', org_path: `${branch1.path}` });
  });

  it('a rejected write changes nothing: bad check digit, wrong unit, duplicate ID number', async () => {
    const before = await rowCounts(t.database, [...WRITE_TABLES, 'person_events']);
    const bad = await secretary1.post('/api/people', { ...zhang(), idNumber: ZHANG_ID.slice(0, 17) + (ZHANG_ID[17] === '1' ? '2' : '1') });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ field: string }>().field).toBe('idNumber');
    const outOfScope = await secretary1.post('/api/people', { ...zhang(), idNumber: null, orgUnitId: branch2.id });
    expect(outOfScope.statusCode).toBe(400);
    expect(outOfScope.json<{ field: string }>().field).toBe('orgUnitId');
    const dup = await manager.post('/api/people', { ...zhang(), name: '张慧娟二' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json<{ field: string }>().field).toBe('idNumber');
    const status = await secretary1.post('/api/people', { ...zhang(), idNumber: null, fullOn: null });
    expect(status.json<{ field: string }>().field).toBe('fullOn');
    expect(await rowCounts(t.database, [...WRITE_TABLES, 'person_events'])).toEqual(before);
  });

  it.each([['张慧', 'name prefix'], ['zhanghui', 'pinyin prefix'], ['ZHJ', 'initials'], [ZHANG_ID.toLowerCase(), 'exact ID number']])('finds 张慧娟 by %s (%s)', async (q) => {
    const res = await manager.get(`/api/people?q=${encodeURIComponent(q)}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<ListBody>().items.map((p) => p.name)).toEqual(['张慧娟']);
  });

  it('an ID number not registered, or a partial one, finds nobody', async () => {
    expect((await manager.get(`/api/people?q=${id('44030619900615004')}`)).json<ListBody>().total).toBe(0);
    expect((await manager.get(`/api/people?q=440306`)).json<ListBody>().total).toBe(0);
  });

  it('lists only the actor\'s scope; filters by unit, status, age band and gender', async () => {
    const mine = (await secretary1.get('/api/people')).json<ListBody>();
    expect(new Set(mine.items.map((p) => p.name))).toEqual(new Set(['王建国', '张慧娟']));
    expect(mine.items.every((p) => p.idNumberMasked === null || p.idNumberMasked.includes('********'))).toBe(true);
    const all = (await manager.get(`/api/people?unitId=${root.id}`)).json<ListBody>();
    expect(all.total).toBe(3);
    expect((await manager.get(`/api/people?unitId=${root.id}&subtree=false`)).json<ListBody>().total).toBe(0);
    expect((await manager.get('/api/people?status=full&gender=female')).json<ListBody>().items.map((p) => p.name)).toEqual(['张慧娟']);
    expect((await manager.get('/api/people?status=full&status=none')).json<ListBody>().total).toBe(3);
    expect((await manager.get(`/api/people?ageBand=${ageBandOf('1975-02-03', todayInChina())}`)).json<ListBody>().items.map((p) => p.name)).toEqual(['王建国']);
    // A unit outside the secretary's scope answers like a missing one.
    expect((await secretary1.get(`/api/people?unitId=${branch2.id}`)).statusCode).toBe(404);
  });

  it('out of scope and other tenants answer 404 (read, edit, reveal, honours)', async () => {
    expect((await secretary1.get(`/api/people/${branch2PersonId}`)).statusCode).toBe(404);
    expect((await foreign.get(`/api/people/${zhangId}`)).statusCode).toBe(404);
    expect((await foreign.patch(`/api/people/${zhangId}`, { name: '被改', version: 1 })).statusCode).toBe(404);
    expect((await foreign.post(`/api/people/${zhangId}/reveal-id`)).statusCode).toBe(404);
    expect((await foreign.post(`/api/people/${zhangId}/honours`, { kind: 'award', title: 'x', decidedOn: '2020-01-01' })).statusCode).toBe(404);
    expect((await foreign.get('/api/people')).json<ListBody>().total).toBe(0);
    const row = await asOwner(t.database, (tx) => tx.selectFrom('people').select(['name', 'version']).where('id', '=', zhangId).executeTakeFirstOrThrow());
    expect(row).toEqual({ name: '张慧娟', version: 1 });
  });

  it('edits with optimistic concurrency: a stale version answers 409', async () => {
    const ok = await secretary1.patch(`/api/people/${zhangId}`, { jobTitle: '财务主管', phone: '010-12345678', version: 1 });
    expect(ok.statusCode, ok.body).toBe(200);
    const rec = ok.json<RecordBody>();
    expect(rec.version).toBe(2);
    const updated = rec.history.find((h) => h.kind === 'updated');
    expect(updated?.detail).toEqual({ jobTitle: { from: '会计', to: '财务主管' }, phone: { changed: true } });
    const stale = await manager.patch(`/api/people/${zhangId}`, { jobTitle: '旧值', version: 1 });
    expect(stale.statusCode).toBe(409);
    const moved = await manager.patch(`/api/people/${zhangId}`, { orgUnitId: branch2.id, version: 2 });
    expect(moved.json<RecordBody>().history[0]?.kind).toBe('moved');
    expect((await secretary1.get(`/api/people/${zhangId}`)).statusCode).toBe(404);
    const back = await manager.patch(`/api/people/${zhangId}`, { orgUnitId: branch1.id, version: 3 });
    expect(back.statusCode).toBe(200);
  });

  it('reveals the full ID number to a manager only, as an audit record', async () => {
    const res = await secretary1.post(`/api/people/${zhangId}/reveal-id`);
    expect(res.json()).toEqual({ idNumber: ZHANG_ID });
    expect((await member.post(`/api/people/${zhangId}/reveal-id`)).statusCode).toBe(403);
    const audit = await asOwner(t.database, (tx) => tx.selectFrom('audit_log').select(['action', 'detail']).where('tenant_id', '=', a.tenantId).where('action', '=', 'people.reveal_id').execute());
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(ZHANG_ID);
  });

  it('awards and punishments: add, change, remove; history keeps each', async () => {
    const add = await secretary1.post(`/api/people/${zhangId}/honours`, { kind: 'award', title: '优秀共产党员', decidedOn: '2021-06-30', issuer: '集团党委' });
    expect(add.statusCode, add.body).toBe(200);
    const hid = add.json<{ id: string }>().id;
    expect((await secretary1.put(`/api/people/${zhangId}/honours/${hid}`, { kind: 'award', title: '优秀党务工作者', decidedOn: '2021-06-30' })).statusCode).toBe(200);
    expect((await secretary1.post(`/api/people/${zhangId}/honours`, { kind: 'award', title: 'x', decidedOn: '2099-01-01' })).statusCode).toBe(400);
    let rec = (await secretary1.get(`/api/people/${zhangId}`)).json<RecordBody>();
    expect(rec.honours.map((h) => h.title)).toEqual(['优秀党务工作者']);
    expect((await secretary1.delete(`/api/people/${zhangId}/honours/${hid}`)).statusCode).toBe(200);
    rec = (await secretary1.get(`/api/people/${zhangId}`)).json<RecordBody>();
    expect(rec.honours).toEqual([]);
    expect(rec.history.slice(0, 3).map((h) => h.kind)).toEqual(['honour.removed', 'honour.updated', 'honour.added']);
  });

  it('exports the filtered list as .xlsx with masked ID numbers, audited', async () => {
    const res = await secretary1.get('/api/people/export.xlsx?q=zhj');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(2);
    expect(String(ws.getRow(2).getCell(1).value)).toBe('张慧娟');
    expect(String(ws.getRow(2).getCell(5).value)).toContain('********');
    const full = await secretary1.get('/api/people/export.xlsx?q=zhj&fullId=true');
    expect(full.statusCode).toBe(200);
    const audit = await asOwner(t.database, (tx) => tx.selectFrom('audit_log').select('detail').where('tenant_id', '=', a.tenantId).where('action', '=', 'people.export').execute());
    expect(audit).toHaveLength(2);
  });

  it('archives a person: gone from the current list, found among the archived', async () => {
    const rec = (await manager.get(`/api/people/${branch2PersonId}`)).json<RecordBody>();
    const res = await manager.post(`/api/people/${branch2PersonId}/archive`, { reason: 'left', version: rec.version });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<RecordBody>().abilities.edit).toBe(false);
    expect((await manager.get('/api/people?q=李')).json<ListBody>().total).toBe(0);
    expect((await manager.get('/api/people?q=李&archived=true')).json<ListBody>().total).toBe(1);
    expect((await manager.patch(`/api/people/${branch2PersonId}`, { name: '李五', version: rec.version + 1 })).statusCode).toBe(409);
  });
});

describe('a member\'s own record (PIPL)', () => {
  it('a party member sees only their own record', async () => {
    const own = await member.get('/api/me/record');
    expect(own.statusCode, own.body).toBe(200);
    const rec = own.json<RecordBody>();
    expect(rec).toMatchObject({ id: memberPersonId, name: '王建国', phone: '13900001111', abilities: { edit: false, revealId: false } });
    expect((await member.get(`/api/people/${zhangId}`)).statusCode).toBe(403);
    expect((await member.get(`/api/people/${memberPersonId}`)).statusCode).toBe(403);
    expect((await member.get('/api/people')).statusCode).toBe(403);
  });

  it('exports a full copy as JSON and .xlsx, audited; an account without a person gets a plain 404', async () => {
    const json = await member.get('/api/me/record/export?format=json');
    expect(json.statusCode).toBe(200);
    expect(json.json<{ idNumber: string }>().idNumber).toBe(id('11010519750203001'));
    const xlsx = await member.get('/api/me/record/export?format=xlsx');
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const audit = await asOwner(t.database, (tx) => tx.selectFrom('audit_log').select('action').where('tenant_id', '=', a.tenantId).where('action', 'like', 'me.record%').execute());
    expect(audit.map((r) => r.action).sort()).toEqual(['me.record_export', 'me.record_export', 'me.record_view']);
    expect((await manager.get('/api/me/record')).statusCode).toBe(404);
  });
});
