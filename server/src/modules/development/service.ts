import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withTenant, type Tx } from '../../platform/db/tenancy.js';
import { auditAs } from '../../platform/audit/chain.js';
import { can, type Actor } from '../../platform/access/actor.js';
import { badField, conflict, forbidden } from '../../platform/http/errors.js';
import { txContext } from '../../platform/http/app.js';
import { isLegalDate, type LegalDate } from '../../platform/dates/legal-date.js';
import { tenantCalendar } from '../members/calendar-service.js';
import { dueReminders } from '../members/reminders.js';
import { fullMembershipDate, type Violation } from '../members/rules.js';
import { personOrThrow, recordPersonEvent } from '../members/person-access.js';
import { loadSteps, shanghaiToday, StepRefused, tenantDevelopmentSettings } from './context.js';
import type { StepDetail, StepDocument, StepKind, StepPersonRole, StoredViolation } from './tables.js';
import { attachDocuments, checkStepDocuments, listDocuments } from './documents.js';
import { checkNewStep, factsFrom, nextSteps, STEP_NAMES, STEP_PEOPLE, STEP_STATUS, type RecordedStep } from './workflow.js';
import { basisOf } from '../../platform/rules/basis.js';

export interface StepInput {
  kind: StepKind;
  on: LegalDate;
  note?: string | undefined;
  /** People named by the step (谈话人 / 培养联系人 / 入党介绍人), by person id. */
  people?: string[] | undefined;
  documents?: StepDocument[] | undefined;
  training?: { days: number; hours: number } | undefined;
  publicity?: { from: LegalDate; to: LegalDate } | undefined;
  extensionMonths?: number | undefined;
  submittedOn?: LegalDate | undefined;
  exception?: { reason: string } | undefined;
}

const stored = (v: Violation): StoredViolation => ({ code: v.code, severity: v.severity, overridable: v.overridable, rule: v.rule, message: v.message });

function detailOf(input: StepInput): StepDetail {
  const d: StepDetail = {};
  const dateField = (field: string, value: string | undefined) => {
    if (value !== undefined && !isLegalDate(value)) throw badField(field, { zh: '日期无效', en: 'Not a valid date' });
  };
  dateField('on', input.on);
  if (input.kind === 'training') {
    if (!input.training) throw badField('training', { zh: '请填写集中培训的天数和学时', en: 'Enter the days and class hours of the training' });
    d.training = input.training;
  }
  if (input.kind === 'candidate' || input.kind === 'admission_meeting' || input.kind === 'full_meeting') {
    if (input.publicity) {
      dateField('publicity.from', input.publicity.from);
      dateField('publicity.to', input.publicity.to);
      d.publicity = input.publicity;
    }
  }
  if (input.kind === 'probation_extension') {
    if (input.extensionMonths === undefined) throw badField('extensionMonths', { zh: '请填写延长的月数', en: 'Enter the months of the extension' });
    d.extensionMonths = input.extensionMonths;
  }
  if (input.kind === 'pretrial' && input.submittedOn) {
    dateField('submittedOn', input.submittedOn);
    d.submittedOn = input.submittedOn;
  }
  return d;
}

/** The people a step names, checked to exist in the tenant (row-level security hides the rest). */
async function namedPeople(tx: Tx, input: StepInput, personId: string): Promise<{ id: string; role: StepPersonRole; status: RecordedStep['people'][number]['status'] }[]> {
  const role = STEP_PEOPLE[input.kind];
  const ids = [...new Set(input.people ?? [])];
  if (ids.length === 0) return [];
  if (!role) throw badField('people', { zh: `“${STEP_NAMES[input.kind].zh}”不记录人员`, en: `"${STEP_NAMES[input.kind].en}" names no people` });
  if (ids.includes(personId)) throw badField('people', { zh: '不能选择本人', en: 'The person cannot be named on their own record' });
  const found = await tx.selectFrom('people').select(['id', 'party_status']).where('id', 'in', ids).where('archived_at', 'is', null).execute();
  if (found.length !== ids.length) throw badField('people', { zh: '所选人员不存在或已离开', en: 'A chosen person does not exist or has left' });
  return found.map((p) => ({ id: p.id, role, status: p.party_status }));
}

/**
 * Records one step of a person's development (RULES.md §2). The rules are checked first: a block refuses the step
 * (StepRefused → 422) unless it is overridable and the request carries an exception from a user with
 * `development.override` on the person's unit. A status step updates the person, and every step writes its history
 * line and one audit record, in one transaction.
 */
export async function recordStep(db: Kysely<DB>, actor: Actor, personId: string, input: StepInput) {
  const ctx = txContext(actor);
  return withTenant(db, ctx, async (tx) => {
    const person = await personOrThrow(tx, actor, personId, 'development.manage');
    if (person.archived_at) throw conflict(undefined, { zh: '此人已归档，不能再办理发展党员手续', en: 'This person is archived; no more steps can be recorded' });
    const mayOverride = can(actor, 'development.override', person.org_path);
    if (input.exception && !mayOverride) throw forbidden({ zh: '您没有记录发展党员规则例外的权限', en: 'You may not record exceptions to the development rules' });
    const detail = detailOf(input);
    const people = await namedPeople(tx, input, personId);
    const documentIds = await checkStepDocuments(tx, personId, input.documents ?? []);
    const steps = (await loadSteps(tx, [personId])).get(personId) ?? [];
    const settings = await tenantDevelopmentSettings(tx, ctx.tenantId);
    const calendar = await tenantCalendar(tx, ctx.tenantId);
    const basics = { status: person.party_status, birthDate: person.birth_date };
    const step: RecordedStep = { kind: input.kind, on: input.on, detail, people, excepted: [] };
    const check = checkNewStep(basics, steps, step, shanghaiToday(), settings, calendar);
    if (check.hardBlocks.length > 0 || (check.blocks.length > 0 && !input.exception)) {
      throw new StepRefused(check.violations, mayOverride && check.hardBlocks.length === 0);
    }
    const excepting = check.blocks.length > 0;
    const stepId = randomUUID();
    await tx.insertInto('development_steps').values({
      id: stepId, tenant_id: ctx.tenantId, person_id: personId, kind: input.kind, on_date: input.on,
      detail: JSON.stringify(detail), documents: JSON.stringify(input.documents ?? []), note: input.note ?? '',
      violations: JSON.stringify(check.violations.map(stored)),
      exception_reason: excepting ? input.exception!.reason : null, exception_by: excepting ? actor.userId : null, created_by: actor.userId,
    }).execute();
    if (people.length > 0) {
      await tx.insertInto('development_step_people').values(people.map((p) => ({ tenant_id: ctx.tenantId, step_id: stepId, person_id: p.id, role: p.role }))).execute();
    }
    await attachDocuments(tx, stepId, documentIds);
    const from = person.party_status;
    const to = STEP_STATUS[input.kind];
    if (to) {
      const after = factsFrom(basics, [...steps, { ...step, excepted: [] }]);
      const dates = {
        applicant: { applied_on: input.on },
        activist: { activist_on: input.on },
        candidate: { candidate_on: input.on },
        // 入党时间 is the day the 支部大会 admitted the person (预备期 counts from it).
        probationary: { party_joined_on: after.admissionMeetingOn ?? input.on },
        // 转正 takes effect the day the 预备期 ends, whenever the approval came (党龄 counts from it).
        full: { full_on: fullMembershipDate(after, settings) ?? input.on },
      }[to];
      await tx.updateTable('people').set({ party_status: to, ...dates, updated_at: new Date(), version: sql<number>`version + 1` }).where('id', '=', personId).execute();
    }
    const codes = check.blocks.map((v) => v.code);
    await recordPersonEvent(tx, ctx, personId, excepting ? 'development.exception' : 'development.step', {
      stepId, kind: input.kind, on: input.on, ...(to ? { from, to } : {}), ...(excepting ? { excepted: codes, reason: input.exception!.reason } : {}),
    });
    await auditAs(tx, ctx, {
      action: excepting ? 'development.exception' : 'development.step', objectType: 'person', objectId: personId,
      detail: { stepId, kind: input.kind, on: input.on, ...(to ? { from, to } : {}), ...(excepting ? { excepted: codes, reason: input.exception!.reason } : {}), warnings: check.warnings.map((w) => w.code) },
    });
    return { stepId, status: to ?? from, warnings: check.warnings, excepted: excepting ? check.blocks : [] };
  });
}

/** A person's development record: the timeline, what is due, the next step, and what the actor may do. */
export async function developmentRecord(db: Kysely<DB>, actor: Actor, personId: string) {
  const ctx = txContext(actor);
  return withTenant(db, ctx, async (tx) => {
    const p = await personOrThrow(tx, actor, personId, 'people.read');
    const unit = await tx.selectFrom('org_units').select('name').where('id', '=', p.org_unit_id).executeTakeFirst();
    const steps = (await loadSteps(tx, [personId])).get(personId) ?? [];
    const settings = await tenantDevelopmentSettings(tx, ctx.tenantId);
    const facts = factsFrom({ status: p.party_status, birthDate: p.birth_date }, steps);
    const archived = p.archived_at !== null;
    const manage = can(actor, 'development.manage', p.org_path);
    return {
      person: {
        id: p.id, name: p.name, orgUnitName: unit?.name ?? '', status: p.party_status, birthDate: p.birth_date,
        appliedOn: p.applied_on, activistOn: p.activist_on, candidateOn: p.candidate_on, partyJoinedOn: p.party_joined_on, fullOn: p.full_on, archived,
      },
      steps: steps.map((s) => ({
        id: s.id, kind: s.kind, on: s.on, detail: s.detail, documents: s.documents, note: s.note,
        violations: s.violations.map((v) => ({ ...v, basis: basisOf(v.rule) })),
        people: s.named, exception: s.exceptionReason ? { reason: s.exceptionReason, byName: s.exceptionByName ?? '' } : null,
        createdByName: s.createdByName ?? '', createdAt: s.createdAt.toISOString(),
      })),
      // The files themselves are for those who manage the record (download is audited); others see the titles.
      documents: manage ? await listDocuments(tx, personId) : [],
      reminders: dueReminders(facts, shanghaiToday(), settings),
      next: archived ? { suggested: null, allowed: [] } : nextSteps(facts, settings),
      abilities: { record: !archived && manage, documents: manage, override: !archived && can(actor, 'development.override', p.org_path) },
    };
  });
}
