/** Test helpers of the exhibition: library images to hang, and the audit cases of the exhibition's write routes. */
import type { TestApp } from '../../testing/app.js';
import { loginActive, makeUnit, makeUser, type Agent, type Res, type TestTenant, type TestUnit } from '../../testing/factories.js';
import type { AuditCase } from '../members/testing.js';
import { SAMPLE } from '../../platform/files/testing.js';
import { uploadFile } from '../library/testing.js';

/** Uploads a PNG and publishes it as a library image; returns the resource id. */
export async function publishImage(manager: Agent, title: string, opts: { scopeUnitId?: string | null; summary?: string } = {}): Promise<string> {
  const up = await uploadFile(manager, SAMPLE.png, `${title}.png`);
  if (up.statusCode !== 200) throw new Error(`upload failed: ${up.body}`);
  const r = await manager.post('/api/library/resources', {
    kind: 'image', title, summary: opts.summary ?? '', source: '', category: 'history', tags: [], scopeUnitId: opts.scopeUnitId ?? null, fileId: up.json<{ id: string }>().id,
  });
  if (r.statusCode !== 200) throw new Error(`create failed: ${r.body}`);
  const id = r.json<{ id: string }>().id;
  const p = await manager.post(`/api/library/resources/${id}/publish`);
  if (p.statusCode !== 200) throw new Error(`publish failed: ${p.body}`);
  return id;
}

export const exhibitBody = (roomId: string, resourceId: string, over: Partial<{ title: string; text: string; year: number; month: number | null; wall: 'left' | 'right' | null; slot: number | null }> = {}) => ({
  roomId, resourceId, title: '展品', text: '', year: 1921, month: null, wall: null, slot: null, ...over,
});

/** A hall with one room, created over HTTP by `curator`; returns their ids. */
export async function makeHall(curator: Agent, orgUnitId: string, title = '测试展馆'): Promise<{ hallId: string; roomId: string }> {
  const h = await curator.post('/api/exhibition/halls', { title, intro: '', orgUnitId });
  if (h.statusCode !== 200) throw new Error(`hall failed: ${h.body}`);
  const hallId = h.json<{ id: string }>().id;
  const r = await curator.post(`/api/exhibition/halls/${hallId}/rooms`, { title: '第一展厅', theme: 'red' });
  if (r.statusCode !== 200) throw new Error(`room failed: ${r.body}`);
  return { hallId, roomId: r.json<{ id: string }>().id };
}

/** One successful call per exhibition write route for platform/audit/audit.test.ts, each leaving exactly one record. */
export async function exhibitionAuditCases(t: TestApp, tenant: TestTenant, root: TestUnit): Promise<AuditCase[]> {
  await makeUnit(t, tenant.tenantId, { parentId: root.id, name: '展馆测试支部' });
  const user = await makeUser(t, tenant.tenantId, { role: 'propaganda_member', orgUnitId: root.id });
  const m = await loginActive(t.app, user);
  const image = await publishImage(m, '审计用图片');
  const actor = user.userId;
  const tid = tenant.tenantId;
  // A second hall with two rooms, for the reordering case (its setup writes records of its own, before the cases run).
  const other = await makeHall(m, root.id, '审计展馆二');
  const otherRoom2 = (await m.post(`/api/exhibition/halls/${other.hallId}/rooms`, { title: '第二展厅', theme: 'stone' })).json<{ id: string }>().id;
  let hall = '';
  let room = '';
  let exhibit = '';
  const created = (set: (id: string) => void) => async (r: Res) => { set(r.json<{ id: string }>().id); return r; };
  return [
    { route: 'POST /api/exhibition/halls', tenantId: tid, action: 'exhibition.hall_create', actor, object: () => hall, call: async () => created((id) => { hall = id; })(await m.post('/api/exhibition/halls', { title: '审计展馆', orgUnitId: root.id })) },
    { route: 'PATCH /api/exhibition/halls/:id', tenantId: tid, action: 'exhibition.hall_update', actor, object: () => hall, call: () => m.patch(`/api/exhibition/halls/${hall}`, { title: '审计展馆（改）', intro: '前言', orgUnitId: root.id, version: 1 }) },
    { route: 'POST /api/exhibition/halls/:id/rooms', tenantId: tid, action: 'exhibition.room_create', actor, object: () => hall, call: async () => created((id) => { room = id; })(await m.post(`/api/exhibition/halls/${hall}/rooms`, { title: '建党', theme: 'red' })) },
    { route: 'PATCH /api/exhibition/halls/:id/rooms/:roomId', tenantId: tid, action: 'exhibition.room_update', actor, object: () => hall, call: () => m.patch(`/api/exhibition/halls/${hall}/rooms/${room}`, { title: '开天辟地', theme: 'gold' }) },
    {
      route: 'POST /api/exhibition/halls/:id/exhibits', tenantId: tid, action: 'exhibition.exhibit_create', actor, object: () => hall,
      call: async () => created((id) => { exhibit = id; })(await m.post(`/api/exhibition/halls/${hall}/exhibits`, exhibitBody(room, image, { title: '图片展品' }))),
    },
    { route: 'PATCH /api/exhibition/halls/:id/exhibits/:exhibitId', tenantId: tid, action: 'exhibition.exhibit_update', actor, object: () => hall, call: () => m.patch(`/api/exhibition/halls/${hall}/exhibits/${exhibit}`, { roomId: room, title: '图片展品（改）', text: '说明', year: 1921, month: 7, wall: 'left', slot: 1 }) },
    { route: 'PUT /api/exhibition/halls/:id/room-order', tenantId: tid, action: 'exhibition.room_order', actor, object: () => other.hallId, call: () => m.put(`/api/exhibition/halls/${other.hallId}/room-order`, { roomIds: [otherRoom2, other.roomId] }) },
    { route: 'POST /api/exhibition/halls/:id/publish', tenantId: tid, action: 'exhibition.publish', actor, object: () => hall, call: () => m.post(`/api/exhibition/halls/${hall}/publish`) },
    { route: 'POST /api/exhibition/halls/:id/unpublish', tenantId: tid, action: 'exhibition.unpublish', actor, object: () => hall, call: () => m.post(`/api/exhibition/halls/${hall}/unpublish`) },
    { route: 'DELETE /api/exhibition/halls/:id/exhibits/:exhibitId', tenantId: tid, action: 'exhibition.exhibit_delete', actor, object: () => hall, call: () => m.delete(`/api/exhibition/halls/${hall}/exhibits/${exhibit}`) },
    { route: 'DELETE /api/exhibition/halls/:id/rooms/:roomId', tenantId: tid, action: 'exhibition.room_delete', actor, object: () => hall, call: () => m.delete(`/api/exhibition/halls/${hall}/rooms/${room}`) },
    { route: 'DELETE /api/exhibition/halls/:id', tenantId: tid, action: 'exhibition.hall_delete', actor, object: () => hall, call: () => m.delete(`/api/exhibition/halls/${hall}`) },
  ];
}
