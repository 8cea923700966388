/**
 * 学习设置: the points rules with their daily caps, whether rankings are shown (off by default, RULES.md §8) and how
 * early a due date is flagged. Everyone reads them (a learner sees how points are earned); a course manager of the
 * whole enterprise (courses.manage over every top unit) changes them.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withTenant, type Tx } from '../../platform/db/tenancy.js';
import { auditAs } from '../../platform/audit/chain.js';
import { can, scopesFor, type Actor } from '../../platform/access/actor.js';
import { forbidden } from '../../platform/http/errors.js';
import { txContext } from '../../platform/http/app.js';
import { tenantLearningSettings } from './points.js';
import { DEFAULT_LEARNING_SETTINGS, LEARNING_SETTING_BOUNDS, POINT_RULES, type LearningSettings } from './rules.js';

async function mayEdit(tx: Tx, actor: Actor): Promise<boolean> {
  if (scopesFor(actor, 'courses.manage').includes('')) return true;
  const roots = await tx.selectFrom('org_units').select('path').where('parent_id', 'is', null).where('dissolved_at', 'is', null).execute();
  return roots.length > 0 && roots.every((r) => can(actor, 'courses.manage', r.path));
}

const reply = (settings: LearningSettings, canEdit: boolean) => ({ settings, defaults: DEFAULT_LEARNING_SETTINGS, bounds: LEARNING_SETTING_BOUNDS, canEdit });

export async function getLearningSettings(db: Kysely<DB>, actor: Actor) {
  return withTenant(db, txContext(actor), async (tx) => reply(await tenantLearningSettings(tx, actor.tenantId), await mayEdit(tx, actor)));
}

export async function updateLearningSettings(db: Kysely<DB>, actor: Actor, next: LearningSettings) {
  const ctx = txContext(actor);
  return withTenant(db, ctx, async (tx) => {
    if (!(await mayEdit(tx, actor))) throw forbidden({ zh: '只有管理全企业课程的人员可以修改学习设置', en: 'Only a course manager of the whole enterprise may change the learning settings' });
    const t = await tx.selectFrom('tenants').select('settings').where('id', '=', ctx.tenantId).forUpdate().executeTakeFirstOrThrow();
    const before = await tenantLearningSettings(tx, ctx.tenantId);
    const stored: LearningSettings = {
      points: Object.fromEntries(POINT_RULES.map((r) => [r, { points: next.points[r].points, dailyCap: next.points[r].dailyCap }])) as LearningSettings['points'],
      rankingsEnabled: next.rankingsEnabled,
      reminderDays: next.reminderDays,
    };
    await tx.updateTable('tenants').set({ settings: JSON.stringify({ ...t.settings, learning: stored }) }).where('id', '=', ctx.tenantId).execute();
    const changed: Record<string, { from: unknown; to: unknown }> = {};
    for (const r of POINT_RULES) if (JSON.stringify(before.points[r]) !== JSON.stringify(stored.points[r])) changed[`points.${r}`] = { from: before.points[r], to: stored.points[r] };
    if (before.rankingsEnabled !== stored.rankingsEnabled) changed.rankingsEnabled = { from: before.rankingsEnabled, to: stored.rankingsEnabled };
    if (before.reminderDays !== stored.reminderDays) changed.reminderDays = { from: before.reminderDays, to: stored.reminderDays };
    await auditAs(tx, ctx, { action: 'settings.learning', objectType: 'tenant', objectId: ctx.tenantId, detail: { changed } });
    return reply(stored, true);
  });
}
