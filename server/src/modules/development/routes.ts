import { Type } from '@sinclair/typebox';
import { actorOf, type App } from '../../platform/http/app.js';
import { langOf, pick } from '../../platform/http/lang.js';
import { IdParams, Nullable, Obj, Ok, Str, Uuid } from '../../platform/http/schema.js';
import { StepRefused } from './context.js';
import { listReminders, pipeline, searchPeople } from './pipeline.js';
import { listQuotas, setQuota } from './quotas.js';
import { developmentRecord, recordStep } from './service.js';
import { STEP_KINDS } from './workflow.js';
import { DocumentFile, documentRoutes } from './documents-routes.js';
import { developmentSettingsRoutes } from './settings-routes.js';

const tags = ['development'];
const DateStr = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
const Status = Type.Union([Type.Literal('none'), Type.Literal('applicant'), Type.Literal('activist'), Type.Literal('candidate'), Type.Literal('probationary'), Type.Literal('full')]);
const Kind = Type.Union([
  Type.Literal('application'), Type.Literal('talk'), Type.Literal('activist'), Type.Literal('assessment'), Type.Literal('thought_report'),
  Type.Literal('candidate'), Type.Literal('political_review'), Type.Literal('training'), Type.Literal('pretrial'), Type.Literal('admission_meeting'),
  Type.Literal('admission_approval'), Type.Literal('probation_extension'), Type.Literal('full_meeting'), Type.Literal('full_approval'),
]) satisfies { static: (typeof STEP_KINDS)[number] };
const Msg = Type.Object({ zh: Type.String(), en: Type.String() });
const Violation = Type.Object({
  code: Type.String(), severity: Type.Union([Type.Literal('block'), Type.Literal('warning')]), overridable: Type.Boolean(), rule: Type.String(), basis: Msg, message: Msg,
});
const Document = Obj({ title: Str(1, 100), number: Str(0, 50), documentId: Type.Optional(Uuid) });
const Period = Obj({ from: DateStr, to: DateStr });
const StepBody = Obj({
  kind: Kind,
  on: DateStr,
  note: Type.Optional(Str(0, 500)),
  people: Type.Optional(Type.Array(Uuid, { maxItems: 5 })),
  documents: Type.Optional(Type.Array(Document, { maxItems: 20 })),
  training: Type.Optional(Obj({ days: Type.Integer({ minimum: 0, maximum: 60 }), hours: Type.Integer({ minimum: 0, maximum: 1000 }) })),
  publicity: Type.Optional(Period),
  extensionMonths: Type.Optional(Type.Integer({ minimum: 0, maximum: 24 })),
  submittedOn: Type.Optional(DateStr),
  exception: Type.Optional(Obj({ reason: Str(2, 500) })),
});
const Refused = Type.Object({
  statusCode: Type.Literal(422), error: Type.Literal('rule_violation'), message: Type.String(), violations: Type.Array(Violation), canOverride: Type.Boolean(),
});
const Reminder = Type.Object({
  code: Type.String(), dueOn: Type.String(), deadline: Nullable(Type.String()), limit: Nullable(Type.String()),
  state: Type.Union([Type.Literal('upcoming'), Type.Literal('due'), Type.Literal('overdue')]), rule: Type.String(), basis: Msg, message: Msg,
});
const Step = Type.Object({
  id: Type.String(), kind: Kind, on: Type.String(),
  detail: Type.Object({
    training: Type.Optional(Type.Object({ days: Type.Integer(), hours: Type.Integer() })), publicity: Type.Optional(Type.Object({ from: Type.String(), to: Type.String() })),
    extensionMonths: Type.Optional(Type.Integer()), submittedOn: Type.Optional(Type.String()),
  }),
  documents: Type.Array(Type.Object({ title: Type.String(), number: Type.String(), documentId: Type.Optional(Type.String()) })), note: Type.String(), violations: Type.Array(Violation),
  people: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), role: Type.Union([Type.Literal('talker'), Type.Literal('contact'), Type.Literal('introducer')]) })),
  exception: Nullable(Type.Object({ reason: Type.String(), byName: Type.String() })), createdByName: Type.String(), createdAt: Type.String(),
});
const Record = Type.Object({
  person: Type.Object({
    id: Type.String(), name: Type.String(), orgUnitName: Type.String(), status: Status, birthDate: Nullable(Type.String()), appliedOn: Nullable(Type.String()),
    activistOn: Nullable(Type.String()), candidateOn: Nullable(Type.String()), partyJoinedOn: Nullable(Type.String()), fullOn: Nullable(Type.String()), archived: Type.Boolean(),
  }),
  steps: Type.Array(Step),
  documents: Type.Array(DocumentFile),
  reminders: Type.Array(Reminder),
  next: Type.Object({ suggested: Nullable(Kind), allowed: Type.Array(Kind) }),
  abilities: Type.Object({ record: Type.Boolean(), documents: Type.Boolean(), override: Type.Boolean() }),
});

export async function developmentRoutes(app: App): Promise<void> {
  const db = app.deps.database.db;

  app.get('/api/development/pipeline', {
    config: { permission: 'people.read' },
    schema: {
      tags, summary: '发展党员看板（入党申请人至预备党员）',
      response: { 200: Type.Object({ today: Type.String(), items: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), orgUnitName: Type.String(), status: Status, nextStep: Nullable(Kind), daysWaiting: Nullable(Type.Integer()), overdue: Type.Integer(), due: Type.Integer() })) }) },
    },
  }, async (req) => pipeline(db, actorOf(req)));

  app.get('/api/development/reminders', {
    config: { permission: 'development.manage' },
    schema: {
      tags, summary: '发展党员提醒（到期和逾期）',
      response: { 200: Type.Object({ today: Type.String(), items: Type.Array(Type.Composite([Type.Object({ personId: Type.String(), name: Type.String(), orgUnitName: Type.String(), status: Status }), Reminder])) }) },
    },
  }, async (req) => listReminders(db, actorOf(req)));

  app.get('/api/development/people-search', {
    config: { permission: 'people.read' },
    schema: { tags, summary: '选择谈话人、培养联系人、入党介绍人', querystring: Obj({ q: Str(0, 50) }), response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), status: Status, orgUnitName: Type.String() })) }) } },
  }, async (req) => searchPeople(db, actorOf(req), req.query.q));

  app.get('/api/development/people/:id', {
    config: { permission: 'people.read' },
    schema: { tags, summary: '个人发展党员记录（时间线、提醒、下一步）', params: IdParams, response: { 200: Record } },
  }, async (req) => developmentRecord(db, actorOf(req), req.params.id));

  app.post('/api/development/people/:id/steps', {
    config: { permission: 'development.manage' },
    schema: {
      tags, summary: '办理一个发展步骤（不合规定时拒绝并列出规则；有权限者可记录例外）', params: IdParams, body: StepBody,
      response: {
        200: Type.Object({ stepId: Type.String(), status: Status, warnings: Type.Array(Violation), excepted: Type.Array(Violation) }),
        422: Refused,
      },
    },
  }, async (req, reply) => {
    try {
      return await recordStep(db, actorOf(req), req.params.id, req.body);
    } catch (err) {
      if (!(err instanceof StepRefused)) throw err;
      const lang = langOf(req);
      const first = err.violations.find((v) => v.severity === 'block') ?? err.violations[0];
      const message = pick({ zh: `不符合发展党员规定：${first ? first.message.zh : ''}`, en: `Refused by the development rules: ${first ? first.message.en : ''}` }, lang);
      return reply.status(422).send({ statusCode: 422 as const, error: 'rule_violation' as const, message, violations: err.violations, canOverride: err.canOverride });
    }
  });

  app.get('/api/development/quotas', {
    config: { permission: 'people.read' },
    schema: {
      tags, summary: '年度发展计划（按党委）及完成情况', querystring: Obj({ year: Year }),
      response: { 200: Type.Object({ year: Type.Integer(), items: Type.Array(Type.Object({ orgUnitId: Type.String(), name: Type.String(), kind: Type.String(), quota: Nullable(Type.Integer()), progress: Type.Integer(), canEdit: Type.Boolean() })) }) },
    },
  }, async (req) => listQuotas(db, actorOf(req), req.query.year));

  app.put('/api/development/quotas', {
    config: { permission: 'development.manage' },
    schema: { tags, summary: '设置党委的年度发展计划', body: Obj({ orgUnitId: Uuid, year: Year, quota: Type.Integer({ minimum: 0, maximum: 100_000 }) }), response: { 200: Ok } },
  }, async (req) => {
    await setQuota(db, actorOf(req), req.body);
    return { ok: true as const };
  });
  await documentRoutes(app);
  await developmentSettingsRoutes(app);
}
