import { randomUUID } from 'node:crypto';
import { withTenant, type Tx } from '../../platform/db/tenancy.js';
import { auditAs } from '../../platform/audit/chain.js';
import type { Actor } from '../../platform/access/actor.js';
import { badField, conflict, notFound } from '../../platform/http/errors.js';
import { txContext } from '../../platform/http/app.js';
import { isAfter, isLegalDate } from '../../platform/dates/legal-date.js';
import { personOrThrow, recordPersonEvent } from './person-access.js';
import { todayInChina, type Deps } from './people-service.js';

/** 奖励和处分 of a person: written by those who manage the person, shown on the record and in the member's own record. */
export interface HonourInput {
  kind: 'award' | 'punishment';
  title: string;
  decidedOn: string;
  issuer: string;
  note: string;
}

const HONOUR = { zh: '奖惩记录', en: 'Award or punishment' };

function checkHonour(h: HonourInput): void {
  if (!isLegalDate(h.decidedOn)) throw badField('decidedOn', { zh: '决定日期不是有效日期（格式：2020-01-31）', en: 'The decision date is not a valid date (format 2020-01-31)' });
  if (isAfter(h.decidedOn, todayInChina())) throw badField('decidedOn', { zh: '决定日期不能晚于今天', en: 'The decision date cannot be later than today' });
  if (h.title.trim() === '') throw badField('title', { zh: '请填写名称', en: 'Title is required' });
}

async function managedPerson(tx: Tx, actor: Actor, personId: string) {
  const p = await personOrThrow(tx, actor, personId, 'people.manage');
  if (p.archived_at) throw conflict(undefined, { zh: '已归档的人员不能修改', en: 'An archived person cannot be edited' });
  return p;
}

export async function addHonour(d: Deps, actor: Actor, personId: string, h: HonourInput): Promise<string> {
  checkHonour(h);
  const ctx = txContext(actor);
  return withTenant(d.db, ctx, async (tx) => {
    const p = await managedPerson(tx, actor, personId);
    const id = randomUUID();
    await tx.insertInto('person_honours').values({ id, tenant_id: ctx.tenantId, person_id: p.id, kind: h.kind, title: h.title.trim(), decided_on: h.decidedOn, issuer: h.issuer.trim(), note: h.note.trim() }).execute();
    await recordPersonEvent(tx, ctx, p.id, 'honour.added', { kind: h.kind, title: h.title.trim(), decidedOn: h.decidedOn });
    await auditAs(tx, ctx, { action: 'people.honour_add', objectType: 'person', objectId: p.id, detail: { honourId: id, kind: h.kind, title: h.title.trim() } });
    return id;
  });
}

export async function updateHonour(d: Deps, actor: Actor, personId: string, honourId: string, h: HonourInput): Promise<void> {
  checkHonour(h);
  const ctx = txContext(actor);
  await withTenant(d.db, ctx, async (tx) => {
    const p = await managedPerson(tx, actor, personId);
    const before = await tx.selectFrom('person_honours').selectAll().where('id', '=', honourId).where('person_id', '=', p.id).executeTakeFirst();
    if (!before) throw notFound(HONOUR);
    await tx.updateTable('person_honours').set({ kind: h.kind, title: h.title.trim(), decided_on: h.decidedOn, issuer: h.issuer.trim(), note: h.note.trim() }).where('id', '=', honourId).execute();
    await recordPersonEvent(tx, ctx, p.id, 'honour.updated', { kind: h.kind, title: h.title.trim(), from: { title: before.title, decidedOn: before.decided_on }, decidedOn: h.decidedOn });
    await auditAs(tx, ctx, { action: 'people.honour_update', objectType: 'person', objectId: p.id, detail: { honourId, kind: h.kind, title: h.title.trim() } });
  });
}

export async function deleteHonour(d: Deps, actor: Actor, personId: string, honourId: string): Promise<void> {
  const ctx = txContext(actor);
  await withTenant(d.db, ctx, async (tx) => {
    const p = await managedPerson(tx, actor, personId);
    const before = await tx.deleteFrom('person_honours').where('id', '=', honourId).where('person_id', '=', p.id).returning(['kind', 'title', 'decided_on']).executeTakeFirst();
    if (!before) throw notFound(HONOUR);
    // The history keeps what was removed: the record of a punishment does not vanish without trace.
    await recordPersonEvent(tx, ctx, p.id, 'honour.removed', { kind: before.kind, title: before.title, decidedOn: before.decided_on });
    await auditAs(tx, ctx, { action: 'people.honour_delete', objectType: 'person', objectId: p.id, detail: { honourId, kind: before.kind, title: before.title } });
  });
}
