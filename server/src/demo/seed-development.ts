import { randomUUID } from 'node:crypto';
import type { Tx, TxContext } from '../platform/db/tenancy.js';
import { subtreeRange } from '../platform/db/subtree.js';
import { addDays, addMonths, type LegalDate } from '../platform/dates/legal-date.js';
import type { PartyStatus } from '../platform/db/schema.js';
import { namePinyin } from '../platform/text/pinyin.js';
import type { StepDetail, StepKind, StepPersonRole } from '../modules/development/tables.js';
import { recordPersonEvent } from '../modules/members/person-access.js';

/**
 * The 发展党员 pipeline of the demo (RULES.md §2), in the branch of the demo 支部书记 (`zhibu`): people at every stage,
 * dated relative to the reference date so that some reminders are due or overdue whenever the demo is seeded, and
 * one 积极分子 of only 8 months (the journey tries to make them a 发展对象 and is refused). Generated names, no real person.
 */

interface SeedStep { kind: StepKind; on: LegalDate; detail?: StepDetail; people?: StepPersonRole }
interface SeedPerson { name: string; gender: 'male' | 'female'; birthDate: LegalDate; status: PartyStatus; steps: SeedStep[] }

function pipelinePeople(r: LegalDate): SeedPerson[] {
  const m = (n: number) => addMonths(r, -n);
  const d = (n: number) => addDays(r, -n);
  /** A 5-working-day 公示 ending a week before `on` (weekday-only spans; good enough for seeded demo data). */
  const notice = (on: LegalDate) => ({ publicity: { from: addDays(on, -14), to: addDays(on, -7) } });
  return [
    { name: '林晓雯', gender: 'female', birthDate: '2001-04-12', status: 'applicant', steps: [{ kind: 'application', on: d(40) }] },
    { name: '陈思远', gender: 'male', birthDate: '1999-09-03', status: 'applicant', steps: [{ kind: 'application', on: d(10) }] },
    {
      name: '黄浩然', gender: 'male', birthDate: '1998-02-20', status: 'activist',
      steps: [
        { kind: 'application', on: m(11) }, { kind: 'talk', on: addDays(m(11), 12), people: 'talker' },
        { kind: 'activist', on: m(8), people: 'contact' }, { kind: 'thought_report', on: m(5) }, { kind: 'thought_report', on: m(2) },
      ],
    },
    {
      name: '郑雨桐', gender: 'female', birthDate: '1997-06-30', status: 'activist',
      steps: [
        { kind: 'application', on: m(17) }, { kind: 'talk', on: addDays(m(17), 15), people: 'talker' },
        { kind: 'activist', on: m(14), people: 'contact' }, { kind: 'assessment', on: m(8) }, { kind: 'thought_report', on: m(2) },
      ],
    },
    {
      name: '何俊杰', gender: 'male', birthDate: '1996-11-08', status: 'candidate',
      steps: [
        { kind: 'application', on: m(30) }, { kind: 'talk', on: addDays(m(30), 10), people: 'talker' }, { kind: 'activist', on: m(27), people: 'contact' },
        { kind: 'candidate', on: m(3), detail: notice(m(3)) }, { kind: 'political_review', on: m(2) },
        { kind: 'training', on: addDays(m(2), 10), detail: { training: { days: 3, hours: 24 } } },
        { kind: 'pretrial', on: d(5), detail: { submittedOn: d(45) } },
      ],
    },
    {
      name: '许静怡', gender: 'female', birthDate: '1995-01-25', status: 'candidate',
      steps: [
        { kind: 'application', on: m(28) }, { kind: 'talk', on: addDays(m(28), 9), people: 'talker' }, { kind: 'activist', on: m(25), people: 'contact' },
        { kind: 'candidate', on: m(5), detail: notice(m(5)) }, { kind: 'political_review', on: m(4) },
        { kind: 'training', on: m(3), detail: { training: { days: 4, hours: 32 } } },
      ],
    },
    {
      name: '罗子涵', gender: 'male', birthDate: '1994-08-16', status: 'probationary',
      steps: [
        { kind: 'application', on: m(40) }, { kind: 'activist', on: m(36), people: 'contact' }, { kind: 'candidate', on: m(22), detail: notice(m(22)) },
        { kind: 'political_review', on: m(20) }, { kind: 'training', on: m(19), detail: { training: { days: 3, hours: 24 } } },
        { kind: 'pretrial', on: m(18), detail: { submittedOn: addDays(m(18), -20) } },
        { kind: 'admission_meeting', on: addDays(m(13), 5), detail: notice(addDays(m(13), 5)), people: 'introducer' },
        { kind: 'admission_approval', on: m(12) },
      ],
    },
    {
      name: '韩明轩', gender: 'male', birthDate: '1993-03-02', status: 'probationary',
      steps: [
        { kind: 'application', on: m(30) }, { kind: 'activist', on: m(27), people: 'contact' }, { kind: 'candidate', on: m(15), detail: notice(m(15)) },
        { kind: 'political_review', on: m(14) }, { kind: 'training', on: m(14), detail: { training: { days: 3, hours: 24 } } },
        { kind: 'pretrial', on: addDays(m(12), -10), detail: { submittedOn: addDays(m(12), -25) } },
        { kind: 'admission_meeting', on: addDays(m(12), 5), detail: notice(addDays(m(12), 5)), people: 'introducer' },
        { kind: 'admission_approval', on: m(11) },
      ],
    },
  ];
}

const STATUS_DATE: Partial<Record<StepKind, 'applied_on' | 'activist_on' | 'candidate_on'>> = { application: 'applied_on', activist: 'activist_on', candidate: 'candidate_on' };

export async function seedDevelopment(tx: Tx, ctx: TxContext, referenceDate: LegalDate): Promise<void> {
  const grant = await tx.selectFrom('role_grants as g').innerJoin('users as u', 'u.id', 'g.user_id')
    .select(['g.org_unit_id', 'u.person_id']).where('u.username', '=', 'zhibu').where('g.role', '=', 'branch_secretary').executeTakeFirst();
  if (!grant?.org_unit_id) return;
  const branchId = grant.org_unit_id;
  const branch = await tx.selectFrom('org_units').select('path').where('id', '=', branchId).executeTakeFirstOrThrow();
  // 谈话人, 培养联系人 and 入党介绍人: two 正式党员 of the branch (or its 党小组), the secretary first.
  const full = await tx.selectFrom('people').select('id').where(subtreeRange('org_path', branch.path)).where('party_status', '=', 'full')
    .orderBy('name_pinyin').limit(3).execute();
  const helpers = [...new Set([grant.person_id, ...full.map((p) => p.id)].filter((x): x is string => !!x))].slice(0, 2);
  for (const p of pipelinePeople(referenceDate)) {
    const id = randomUUID();
    const { pinyin, initials } = namePinyin(p.name);
    const dates: Record<string, LegalDate | null> = { applied_on: null, activist_on: null, candidate_on: null, party_joined_on: null };
    for (const s of p.steps) {
      const col = STATUS_DATE[s.kind];
      if (col) dates[col] = s.on;
      if (s.kind === 'admission_meeting') dates.party_joined_on = s.on;
    }
    await tx.insertInto('people').values({
      id, tenant_id: ctx.tenantId, org_unit_id: branchId, name: p.name, name_pinyin: pinyin, name_initials: initials, gender: p.gender,
      birth_date: p.birthDate, education: '大学本科', job_title: '专责', party_status: p.status,
      applied_on: dates.applied_on ?? null, activist_on: dates.activist_on ?? null, candidate_on: dates.candidate_on ?? null, party_joined_on: dates.party_joined_on ?? null,
    }).execute();
    for (const s of p.steps) {
      const stepId = randomUUID();
      await tx.insertInto('development_steps').values({
        id: stepId, tenant_id: ctx.tenantId, person_id: id, kind: s.kind, on_date: s.on, detail: JSON.stringify(s.detail ?? {}),
        documents: JSON.stringify([]), note: '', violations: JSON.stringify([]), exception_reason: null, exception_by: null, created_by: null,
      }).execute();
      const named = s.people === 'talker' ? helpers.slice(0, 1) : s.people ? helpers : [];
      if (named.length > 0) {
        await tx.insertInto('development_step_people').values(named.map((pid) => ({ tenant_id: ctx.tenantId, step_id: stepId, person_id: pid, role: s.people! }))).execute();
      }
    }
    await recordPersonEvent(tx, ctx, id, 'development.seeded', { steps: p.steps.length });
  }
}
