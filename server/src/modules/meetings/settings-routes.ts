/** The §5 frequencies and the reminder settings over HTTP: read by anyone with meetings.read, changed by the top unit. */
import { Type, type TSchema } from '@sinclair/typebox';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { auditAs } from '../../platform/audit/chain.js';
import type { Actor } from '../../platform/access/actor.js';
import { forbidden } from '../../platform/http/errors.js';
import { actorOf, txContext, type App } from '../../platform/http/app.js';
import { Obj } from '../../platform/http/schema.js';
import { mayEditSettings } from '../org/settings.js';
import { ALLOWED_FREQUENCIES, DEFAULT_MEETING_SETTINGS, type MeetingSettings } from './rules.js';
import { tenantMeetingSettings } from './planning.js';

const L = <T extends string>(v: T) => Type.Literal(v);
const Grain = Type.Union([L('month'), L('quarter'), L('year')]);
const Quarter = Type.Union([Type.Literal(1), Type.Literal(2), Type.Literal(3), Type.Literal(4)]);
export const MEETING_SETTING_BOUNDS = {
  themeDayOfMonth: { minimum: 1, maximum: 28 },
  dueSoonDays: { minimum: 1, maximum: 60 },
  remindBeforeHours: { minimum: 1, maximum: 168 },
} as const;
// What RULES.md §5 allows per kind (rules.ts ALLOWED_FREQUENCIES): the regulation's frequency or more often.
const FrequencyObj = Obj({
  branch_assembly: Type.Union([L('quarter'), L('month')]), committee: L('month'), group: L('month'), lecture: Type.Union([L('quarter'), L('month')]),
  theme_day: L('month'), life_meeting: L('year'), evaluation: L('year'),
});
const settingsOf = <F extends TSchema>(frequency: F) => Obj({
  frequency,
  themeDayOfMonth: Type.Integer(MEETING_SETTING_BOUNDS.themeDayOfMonth),
  lifeMeetingQuarter: Quarter,
  evaluationQuarter: Quarter,
  evaluationWithLifeMeeting: Type.Boolean(),
  dueSoonDays: Type.Integer(MEETING_SETTING_BOUNDS.dueSoonDays),
  remindBeforeHours: Type.Integer(MEETING_SETTING_BOUNDS.remindBeforeHours),
});
const Settings = settingsOf(FrequencyObj);
const SettingsOut = settingsOf(Type.Object({
  branch_assembly: Grain, committee: Grain, group: Grain, lecture: Grain, theme_day: Grain, life_meeting: Grain, evaluation: Grain,
}));
const BoundSchema = Type.Object({ minimum: Type.Integer(), maximum: Type.Integer() });
const Reply = Type.Object({
  settings: SettingsOut, defaults: SettingsOut, canEdit: Type.Boolean(),
  bounds: Type.Object({ themeDayOfMonth: BoundSchema, dueSoonDays: BoundSchema, remindBeforeHours: BoundSchema }),
  allowed: Type.Record(Type.String(), Type.Array(Grain)),
});

const reply = (settings: MeetingSettings, canEdit: boolean) => ({ settings, defaults: DEFAULT_MEETING_SETTINGS, canEdit, bounds: MEETING_SETTING_BOUNDS, allowed: ALLOWED_FREQUENCIES as Record<string, ('month' | 'quarter' | 'year')[]> });

async function updateMeetingSettings(db: Kysely<DB>, actor: Actor, next: MeetingSettings) {
  const ctx = txContext(actor);
  return withTenant(db, ctx, async (tx) => {
    if (!(await mayEditSettings(tx, actor))) throw forbidden({ zh: '只有最高一级党组织的管理员可以修改组织生活设置', en: 'Only an administrator of the top organisation may change the meeting settings' });
    const t = await tx.selectFrom('tenants').select('settings').where('id', '=', ctx.tenantId).forUpdate().executeTakeFirstOrThrow();
    const before = await tenantMeetingSettings(tx, ctx.tenantId);
    await tx.updateTable('tenants').set({ settings: JSON.stringify({ ...t.settings, meetings: next }) }).where('id', '=', ctx.tenantId).execute();
    const changed: Record<string, { from: unknown; to: unknown }> = {};
    for (const k of Object.keys(next) as (keyof MeetingSettings)[]) {
      if (JSON.stringify(before[k]) !== JSON.stringify(next[k])) changed[k] = { from: before[k], to: next[k] };
    }
    await auditAs(tx, ctx, { action: 'settings.meetings', objectType: 'tenant', objectId: ctx.tenantId, detail: { changed } });
    return reply(next, true);
  });
}

export async function meetingSettingsRoutes(app: App): Promise<void> {
  const db = app.deps.database.db;
  app.get('/api/meetings/settings', {
    config: { permission: 'meetings.read' },
    schema: { tags: ['meetings'], summary: '组织生活设置（RULES.md §5 的频次、主题党日固定日、提醒）', response: { 200: Reply } },
  }, async (req) => {
    const actor = actorOf(req);
    return withTenant(db, txContext(actor), async (tx) => reply(await tenantMeetingSettings(tx, actor.tenantId), await mayEditSettings(tx, actor)));
  });
  app.put('/api/meetings/settings', {
    config: { permission: 'meetings.manage' },
    schema: { tags: ['meetings'], summary: '修改组织生活设置（只能比条例更频繁）', body: Settings, response: { 200: Reply } },
  }, async (req) => updateMeetingSettings(db, actorOf(req), req.body));
}
