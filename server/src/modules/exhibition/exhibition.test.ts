// VR 党史展馆 (issue 6): curators arrange halls of rooms with exhibits picked from the library, ordered on a timeline,
// and publish them; visitors see only the exhibits whose resources the library lets them read (a resource shared with
// the platform works across enterprises); refused requests write nothing; another enterprise's hall is not there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowCounts, WRITE_TABLES } from '../../testing/db.js';
import { testApp, type TestApp } from '../../testing/app.js';
import { loginActive, makeTenant, makeUnit, makeUser, type Agent, type Res, type TestTenant, type TestUnit } from '../../testing/factories.js';
import { SAMPLE } from '../../platform/files/testing.js';
import { publishArticle, uploadFile } from '../library/testing.js';
import { exhibitBody, makeHall, publishImage } from './testing.js';

let t: TestApp;
let tenant: TestTenant;
let root: TestUnit;
let branchA: TestUnit;
let branchB: TestUnit;
let curator: Agent; // 宣传委员 of the group: curates every hall
let secretaryB: Agent; // 支部书记 of branch B: curates branch B only
let memberA: Agent;
let memberB: Agent;
let other: Agent; // 党员 of another enterprise
let otherCurator: Agent;
const res = { boat: '', zunyi: '', jinggang: '', branchOnly: '', pdf: '', shared: '', otherPrivate: '' };
let hall: { hallId: string; roomId: string };
let room2 = '';

interface TourExhibit { id: string; title: string; year: number; month: number | null; kind: string; wall: string; slot: number; imageUrl: string | null; excerpt: string; resourceId: string }
interface Tour { title: string; status: string; rooms: { id: string; title: string; slotsPerWall: number; years: { from: number; to: number } | null; exhibits: TourExhibit[] }[] }
interface EditorView { version: number; status: string; outOfOrder: number[]; rooms: { id: string; exhibits: { id: string; title: string; reach: string; resourceTitle: string | null; placedWall: string; placedSlot: number }[] }[] }

const ok = async <T>(r: Promise<Res>): Promise<T> => {
  const x = await r;
  expect(x.statusCode, x.body).toBe(200);
  return x.json<T>();
};
const tour = (a: Agent, id = hall.hallId) => ok<Tour>(a.get(`/api/exhibition/halls/${id}`));
const editor = (id = hall.hallId) => ok<EditorView>(curator.get(`/api/exhibition/halls/${id}/editor`));
const titlesOf = (x: Tour) => x.rooms.map((r) => r.exhibits.map((e) => e.title));
const add = (roomId: string, resourceId: string, over: Parameters<typeof exhibitBody>[2] = {}, who = curator, hallId = hall.hallId) =>
  who.post(`/api/exhibition/halls/${hallId}/exhibits`, exhibitBody(roomId, resourceId, over));

beforeAll(async () => {
  t = await testApp();
  tenant = await makeTenant(t);
  root = await makeUnit(t, tenant.tenantId, { kind: 'committee', name: '集团党委' });
  branchA = await makeUnit(t, tenant.tenantId, { parentId: root.id, name: '第一党支部' });
  branchB = await makeUnit(t, tenant.tenantId, { parentId: root.id, name: '第二党支部' });
  curator = await loginActive(t.app, await makeUser(t, tenant.tenantId, { role: 'propaganda_member', orgUnitId: root.id }));
  secretaryB = await loginActive(t.app, await makeUser(t, tenant.tenantId, { role: 'branch_secretary', orgUnitId: branchB.id }));
  memberA = await loginActive(t.app, await makeUser(t, tenant.tenantId, { role: 'party_member', orgUnitId: branchA.id }));
  memberB = await loginActive(t.app, await makeUser(t, tenant.tenantId, { role: 'party_member', orgUnitId: branchB.id }));
  const o = await makeTenant(t);
  const oRoot = await makeUnit(t, o.tenantId, { kind: 'committee' });
  other = await loginActive(t.app, await makeUser(t, o.tenantId, { role: 'party_member', orgUnitId: oRoot.id }));
  otherCurator = await loginActive(t.app, await makeUser(t, o.tenantId, { role: 'propaganda_member', orgUnitId: oRoot.id }));

  res.boat = await publishImage(curator, '南湖红船', { summary: '嘉兴南湖的游船（示意图）' });
  res.zunyi = await publishArticle(curator, { title: '遵义会议', category: 'history', body: '1935年1月，中共中央政治局在贵州遵义召开扩大会议。会议集中解决了当时具有决定意义的军事问题和组织问题。' });
  res.jinggang = await publishArticle(curator, { title: '井冈山', category: 'history', body: '1927年秋收起义后，起义部队向井冈山进军。' });
  res.branchOnly = await publishImage(curator, '第一支部荣誉墙', { scopeUnitId: branchA.id });
  res.pdf = await (async () => {
    const up = (await uploadFile(curator, SAMPLE.pdf, '文件.pdf')).json<{ id: string }>().id;
    const r = (await curator.post('/api/library/resources', { kind: 'pdf', title: 'PDF 文件', summary: '', source: '', category: 'general', tags: [], scopeUnitId: null, fileId: up })).json<{ id: string }>().id;
    await curator.post(`/api/library/resources/${r}/publish`);
    return r;
  })();
  // Another enterprise shares a picture with the whole platform.
  res.shared = await publishImage(otherCurator, '共享的党史图片');
  expect((await otherCurator.put(`/api/library/resources/${res.shared}/sharing`, { shared: true })).statusCode).toBe(200);
  res.otherPrivate = await publishImage(otherCurator, '未共享的图片');

  hall = await makeHall(curator, root.id, '党史展馆');
  room2 = (await ok<{ id: string }>(curator.post(`/api/exhibition/halls/${hall.hallId}/rooms`, { title: '伟大转折', intro: '长征途中', theme: 'stone' }))).id;
});

afterAll(async () => {
  await t?.close();
});

describe('curating a hall', () => {
  it('hangs exhibits from the library, ordered by date and laid out on the walls', async () => {
    await ok(add(room2, res.zunyi, { title: '遵义会议', year: 1935, month: 1 }));
    await ok(add(hall.roomId, res.jinggang, { title: '井冈山会师', year: 1928, month: 4 }));
    await ok(add(hall.roomId, res.boat, { title: '红船启航', year: 1921, month: 7, text: '中共一大在嘉兴南湖红船上闭幕。' }));
    await ok(add(hall.roomId, res.shared, { title: '平台共享展品', year: 1927, month: null }));
    const view = await tour(curator);
    expect(view.status).toBe('draft');
    expect(titlesOf(view)).toEqual([['红船启航', '平台共享展品', '井冈山会师'], ['遵义会议']]);
    const [first, second] = view.rooms;
    expect(first!.years).toEqual({ from: 1921, to: 1928 });
    expect(first!.exhibits.map((e) => `${e.wall}${e.slot}`)).toEqual(['left1', 'right1', 'left2']);
    const boat = first!.exhibits[0]!;
    expect(boat).toMatchObject({ kind: 'image', imageUrl: `/api/library/resources/${res.boat}/file`, excerpt: '嘉兴南湖的游船（示意图）' });
    expect(second!.exhibits[0]).toMatchObject({ kind: 'article', imageUrl: null });
    expect(second!.exhibits[0]!.excerpt).toMatch(/^1935年1月，中共中央政治局在贵州遵义召开扩大会议。/);
  });

  it('keeps a fixed place, refuses a taken one, and moves an exhibit between rooms', async () => {
    const e = await editor();
    const boat = e.rooms[0]!.exhibits.find((x) => x.title === '红船启航')!;
    await ok(curator.patch(`/api/exhibition/halls/${hall.hallId}/exhibits/${boat.id}`, { roomId: hall.roomId, title: '红船启航', text: '', year: 1921, month: 7, wall: 'right', slot: 3 }));
    const taken = await add(hall.roomId, res.jinggang, { title: '重复位置', year: 1930, wall: 'right', slot: 3 });
    expect(taken.statusCode).toBe(409);
    expect(taken.json<{ field: string; message: string }>()).toMatchObject({ field: 'slot', message: expect.stringContaining('红船启航') });
    const half = await add(hall.roomId, res.jinggang, { title: '半个位置', year: 1930, wall: 'left', slot: null });
    expect(half.statusCode).toBe(400);
    expect(half.json<{ field: string }>().field).toBe('slot');
    const view = await tour(curator);
    expect(view.rooms[0]!.slotsPerWall).toBe(3);
    expect(view.rooms[0]!.exhibits.find((x) => x.title === '红船启航')).toMatchObject({ wall: 'right', slot: 3 });
    // Out of walking order: a room whose period starts before the previous one ends.
    const jg = e.rooms[0]!.exhibits.find((x) => x.title === '井冈山会师')!;
    await ok(curator.patch(`/api/exhibition/halls/${hall.hallId}/exhibits/${jg.id}`, { roomId: room2, title: '井冈山会师', year: 1928, month: 4, wall: null, slot: null }));
    expect(titlesOf(await tour(curator))).toEqual([['红船启航', '平台共享展品'], ['井冈山会师', '遵义会议']]);
    await ok(curator.put(`/api/exhibition/halls/${hall.hallId}/room-order`, { roomIds: [room2, hall.roomId] }));
    expect((await editor()).outOfOrder).toEqual([2]);
    await ok(curator.put(`/api/exhibition/halls/${hall.hallId}/room-order`, { roomIds: [hall.roomId, room2] }));
    expect((await editor()).outOfOrder).toEqual([]);
  });

  it('refuses what cannot be an exhibit, and a refused request writes nothing', async () => {
    const otherHall = await makeHall(curator, root.id, '临时展馆');
    const empty = await makeHall(curator, root.id, '空展馆');
    const before = await rowCounts(t.database, WRITE_TABLES);
    const refused: [string, () => Promise<Res>, number, string?][] = [
      ['a PDF', () => add(hall.roomId, res.pdf, { title: 'PDF' }), 400, 'resourceId'],
      ['another enterprise’s unshared image', () => add(hall.roomId, res.otherPrivate, { title: '私有' }), 400, 'resourceId'],
      ['a room of another hall', () => add(otherHall.roomId, res.boat), 400, 'roomId'],
      ['a year out of range', () => add(hall.roomId, res.boat, { year: 1700 }), 400, 'year'],
      ['an unknown wall', () => curator.post(`/api/exhibition/halls/${hall.hallId}/exhibits`, { ...exhibitBody(hall.roomId, res.boat), wall: 'ceiling', slot: 1 }), 400, 'wall'],
      ['a room order missing a room', () => curator.put(`/api/exhibition/halls/${hall.hallId}/room-order`, { roomIds: [room2] }), 400, 'roomIds'],
      ['a stale version', () => curator.patch(`/api/exhibition/halls/${hall.hallId}`, { title: '改名', orgUnitId: root.id, version: 99 }), 409, 'version'],
      ['a unit outside the scope', () => secretaryB.post('/api/exhibition/halls', { title: '越权展馆', orgUnitId: branchA.id }), 400, 'orgUnitId'],
      ['a hall outside the scope', () => secretaryB.get(`/api/exhibition/halls/${hall.hallId}/editor`), 404],
      ['a change outside the scope', () => secretaryB.post(`/api/exhibition/halls/${hall.hallId}/rooms`, { title: '越权', theme: 'red' }), 404],
      ['publishing an empty hall', () => curator.post(`/api/exhibition/halls/${empty.hallId}/publish`), 409],
    ];
    for (const [name, call, status, field] of refused) {
      const r = await call();
      expect(r.statusCode, `${name}: ${r.body}`).toBe(status);
      if (field) expect(r.json<{ field?: string }>().field, name).toBe(field);
    }
    expect(await rowCounts(t.database, WRITE_TABLES)).toEqual(before);
  });
});

describe('visiting', () => {
  it('shows a draft to its curators only, then everyone under the hall’s unit once published', async () => {
    expect((await memberA.get(`/api/exhibition/halls/${hall.hallId}`)).statusCode).toBe(404);
    expect((await ok<{ items: { id: string }[] }>(memberA.get('/api/exhibition/halls'))).items.map((h) => h.id)).not.toContain(hall.hallId);
    await ok(curator.post(`/api/exhibition/halls/${hall.hallId}/publish`));
    const list = await ok<{ items: { id: string; exhibits: number; coverUrl: string | null; years: unknown }[]; canCurate: boolean }>(memberA.get('/api/exhibition/halls'));
    expect(list.canCurate).toBe(false);
    expect(list.items.find((h) => h.id === hall.hallId)).toMatchObject({ exhibits: 4, years: { from: 1921, to: 1935 }, coverUrl: expect.stringMatching(/\/file$/) });
    expect(titlesOf(await tour(memberB))).toEqual([['红船启航', '平台共享展品'], ['井冈山会师', '遵义会议']]);
    // The image of another enterprise's shared resource streams through the library for our visitors.
    const shared = (await tour(memberB)).rooms[0]!.exhibits.find((e) => e.resourceId === res.shared)!;
    expect((await memberB.get(shared.imageUrl!)).statusCode).toBe(200);
  });

  it('shows an exhibit only to those who may read its resource, and tells the curator how far it reaches', async () => {
    await ok(add(hall.roomId, res.branchOnly, { title: '第一支部荣誉墙', year: 2021 }));
    expect(titlesOf(await tour(memberA))[0]).toContain('第一支部荣誉墙');
    expect(titlesOf(await tour(memberB))[0]).not.toContain('第一支部荣誉墙');
    const e = await editor();
    expect(e.rooms[0]!.exhibits.find((x) => x.title === '第一支部荣誉墙')!.reach).toBe('partial');
    // Withdrawn in the library: gone for visitors, unavailable in the editor, and the hall can no longer be republished.
    await ok(curator.post(`/api/library/resources/${res.branchOnly}/unpublish`));
    expect(titlesOf(await tour(memberA))[0]).not.toContain('第一支部荣誉墙');
    expect((await editor()).rooms[0]!.exhibits.find((x) => x.title === '第一支部荣誉墙')).toMatchObject({ reach: 'unavailable' });
    await ok(curator.post(`/api/exhibition/halls/${hall.hallId}/unpublish`));
    const blocked = await curator.post(`/api/exhibition/halls/${hall.hallId}/publish`);
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json<{ message: string }>().message).toContain('第一支部荣誉墙');
    // Deleted in the library: the editor still shows the exhibit to remove, nothing fails.
    await ok(curator.delete(`/api/library/resources/${res.branchOnly}`));
    const gone = (await editor()).rooms[0]!.exhibits.find((x) => x.title === '第一支部荣誉墙')!;
    expect(gone).toMatchObject({ reach: 'unavailable', resourceTitle: null });
    await ok(curator.delete(`/api/exhibition/halls/${hall.hallId}/exhibits/${gone.id}`));
    await ok(curator.post(`/api/exhibition/halls/${hall.hallId}/publish`));
  });

  it('keeps a branch hall to its branch, and another enterprise out', async () => {
    const b = await makeHall(secretaryB, branchB.id, '第二支部展室');
    await ok(add(b.roomId, res.boat, { title: '红船' }, secretaryB, b.hallId));
    await ok(secretaryB.post(`/api/exhibition/halls/${b.hallId}/publish`));
    expect((await tour(memberB, b.hallId)).rooms[0]!.exhibits).toHaveLength(1);
    expect((await memberA.get(`/api/exhibition/halls/${b.hallId}`)).statusCode).toBe(404);
    for (const path of [`/api/exhibition/halls/${hall.hallId}`]) expect((await other.get(path)).statusCode).toBe(404);
    expect((await otherCurator.get(`/api/exhibition/halls/${hall.hallId}/editor`)).statusCode).toBe(404);
    expect((await otherCurator.post(`/api/exhibition/halls/${hall.hallId}/unpublish`)).statusCode).toBe(404);
    expect((await ok<{ items: unknown[] }>(other.get('/api/exhibition/halls'))).items).toEqual([]);
  });

  it('keeps a published hall from being emptied, and deletes a hall with its rooms but not its resources', async () => {
    const h = await makeHall(curator, root.id, '将被删除的展馆');
    const only = (await ok<{ id: string }>(add(h.roomId, res.zunyi, { title: '唯一展品', year: 1935 }, curator, h.hallId))).id;
    await ok(curator.post(`/api/exhibition/halls/${h.hallId}/publish`));
    expect((await curator.delete(`/api/exhibition/halls/${h.hallId}/exhibits/${only}`)).statusCode).toBe(409);
    expect((await curator.delete(`/api/exhibition/halls/${h.hallId}/rooms/${h.roomId}`)).statusCode).toBe(409);
    await ok(curator.delete(`/api/exhibition/halls/${h.hallId}`));
    expect((await curator.get(`/api/exhibition/halls/${h.hallId}/editor`)).statusCode).toBe(404);
    expect((await memberA.get(`/api/library/resources/${res.zunyi}`)).statusCode).toBe(200);
  });
});
