import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { auditAs } from '../../platform/audit/chain.js';
import type { Actor } from '../../platform/access/actor.js';
import { badField, forbidden } from '../../platform/http/errors.js';
import { txContext } from '../../platform/http/app.js';
import { mayEditSettings } from '../org/settings.js';
import { DEFAULT_DEVELOPMENT_SETTINGS, type DevelopmentSettings } from '../members/rules.js';
import { tenantDevelopmentSettings } from './context.js';

/**
 * Bounds of each §2 setting (RULES.md §2; the defaults are DEFAULT_DEVELOPMENT_SETTINGS). A tenant may follow local
 * practice only where the regulations leave room, and only in the stricter direction:
 * - fixed by 党章: 年满十八岁 may apply (a higher age would refuse people the constitution admits), 两名正式党员 as
 *   入党介绍人, 预备期 one year;
 * - "within N months" (谈话, 预审, 支部大会 1 month; 党委 approval 3 months, never more than 6): 1..N — shorter is
 *   stricter, longer breaks the rule;
 * - "at least" (积极分子 one year, 集中培训 3 days / 24 学时, 公示 5 working days — some places 7): the rule's number up
 *   to a sane ceiling;
 * - "every" (考察 half-yearly, 思想汇报 quarterly): 1..N;
 * - 培养联系人 1–2 and 延长预备期 6–12 months (党章: never more than a year): ranges whose ends may move inwards.
 * The route schema uses these, so an out-of-range number is a 400 naming the field; the screen shows them.
 */
export const DEVELOPMENT_SETTING_BOUNDS: Record<keyof DevelopmentSettings, { minimum: number; maximum: number }> = {
  minApplicantAge: { minimum: 18, maximum: 18 },
  talkWithinMonths: { minimum: 1, maximum: 1 },
  contactsMin: { minimum: 1, maximum: 2 },
  contactsMax: { minimum: 1, maximum: 2 },
  assessmentEveryMonths: { minimum: 1, maximum: 6 },
  thoughtReportEveryMonths: { minimum: 1, maximum: 3 },
  activistMinMonths: { minimum: 12, maximum: 36 },
  trainingMinDays: { minimum: 3, maximum: 30 },
  trainingMinHours: { minimum: 24, maximum: 240 },
  introducersRequired: { minimum: 2, maximum: 2 },
  pretrialWithinMonths: { minimum: 1, maximum: 1 },
  meetingWithinMonths: { minimum: 1, maximum: 1 },
  approvalWithinMonths: { minimum: 1, maximum: 3 },
  approvalLimitMonths: { minimum: 1, maximum: 6 },
  probationMonths: { minimum: 12, maximum: 12 },
  extensionMinMonths: { minimum: 6, maximum: 12 },
  extensionMaxMonths: { minimum: 6, maximum: 12 },
  publicityWorkingDays: { minimum: 5, maximum: 15 },
  reminderLeadDays: { minimum: 1, maximum: 90 },
};

export const DEVELOPMENT_SETTING_KEYS = Object.keys(DEFAULT_DEVELOPMENT_SETTINGS) as (keyof DevelopmentSettings)[];

const reply = (settings: DevelopmentSettings, canEdit: boolean) => ({
  settings, defaults: DEFAULT_DEVELOPMENT_SETTINGS, bounds: DEVELOPMENT_SETTING_BOUNDS, canEdit,
});

export async function getDevelopmentSettings(db: Kysely<DB>, actor: Actor) {
  return withTenant(db, txContext(actor), async (tx) => reply(await tenantDevelopmentSettings(tx, actor.tenantId), await mayEditSettings(tx, actor)));
}

export async function updateDevelopmentSettings(db: Kysely<DB>, actor: Actor, next: DevelopmentSettings) {
  const ctx = txContext(actor);
  return withTenant(db, ctx, async (tx) => {
    if (!(await mayEditSettings(tx, actor))) throw forbidden({ zh: '只有最高一级党组织的管理员可以修改发展党员规则设置', en: 'Only an administrator of the top organisation may change the development settings' });
    if (next.contactsMax < next.contactsMin) {
      throw badField('contactsMax', { zh: '培养联系人人数上限不能小于下限', en: 'The most contacts cannot be fewer than the fewest' });
    }
    if (next.extensionMaxMonths < next.extensionMinMonths) {
      throw badField('extensionMaxMonths', { zh: '延长预备期的最长月数不能小于最短月数', en: 'The longest probation extension cannot be shorter than the shortest' });
    }
    if (next.approvalLimitMonths < next.approvalWithinMonths) {
      throw badField('approvalLimitMonths', { zh: '党委审批的最长期限不能短于一般期限', en: 'The outer limit for the committee approval cannot be shorter than its usual limit' });
    }
    const t = await tx.selectFrom('tenants').select('settings').where('id', '=', ctx.tenantId).forUpdate().executeTakeFirstOrThrow();
    const before = await tenantDevelopmentSettings(tx, ctx.tenantId);
    // Only the known keys are stored: the body schema already refuses others, this keeps a stale key from surviving.
    const stored = Object.fromEntries(DEVELOPMENT_SETTING_KEYS.map((k) => [k, next[k]])) as unknown as DevelopmentSettings;
    await tx.updateTable('tenants').set({ settings: JSON.stringify({ ...t.settings, development: stored }) }).where('id', '=', ctx.tenantId).execute();
    const changed: Record<string, { from: unknown; to: unknown }> = {};
    for (const k of DEVELOPMENT_SETTING_KEYS) if (before[k] !== stored[k]) changed[k] = { from: before[k], to: stored[k] };
    await auditAs(tx, ctx, { action: 'settings.development', objectType: 'tenant', objectId: ctx.tenantId, detail: { changed } });
    return reply(stored, true);
  });
}
