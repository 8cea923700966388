/**
 * Demo 组织生活 (RULES.md §5): a year of held meetings for every demo branch, up to the reference date, with deliberate
 * gaps so the compliance view has red (a missed 支委会, a missed 党小组会) and amber (a 支部党员大会 made up late), the
 * minutes signed; the next 主题党日 of the demo 党员's branch announced (in their inbox); and 民主评议 rounds: last year's
 * closed with grades, this year's open for rating. Deterministic (the branch's position in the tree decides its gaps).
 */
import { randomUUID } from 'node:crypto';
import type { Tx, TxContext } from '../platform/db/tenancy.js';
import { subtreeRange } from '../platform/db/subtree.js';
import { addDays, addMonths, type LegalDate } from '../platform/dates/legal-date.js';
import { deliver, usersOfPeople } from '../platform/notify/inbox.js';
import { chinaDayEnd, defaultTitle, DEFAULT_MEETING_SETTINGS, parsePeriod, periodOf, previousPeriod } from '../modules/meetings/rules.js';
import type { MeetingKind } from '../modules/meetings/tables.js';

const at = (date: LegalDate, hour = 14) => new Date(`${date}T${String(hour).padStart(2, '0')}:30:00+08:00`);
const MINUTES = '一、传达学习上级党委会议精神\n与会同志结合岗位实际交流了学习体会。\n二、研究支部近期工作\n（一）安排本月主题党日活动；\n（二）讨论党员教育管理有关事项。';

interface Person { id: string; name: string; party_status: string }

export async function seedMeetings(tx: Tx, ctx: TxContext, referenceDate: LegalDate): Promise<void> {
  const branches = await tx.selectFrom('org_units').select(['id', 'name', 'path']).where('kind', '=', 'branch').where('dissolved_at', 'is', null).orderBy('path').execute();
  const groups = await tx.selectFrom('org_units').select(['id', 'parent_id', 'path']).where('kind', '=', 'party_group').where('dissolved_at', 'is', null).execute();
  const committees = new Set((await tx.selectFrom('org_positions').select('unit_id').where('role', '=', 'member').where('to_on', 'is', null).execute()).map((r) => r.unit_id));
  const today = referenceDate;
  const meetings: Record<string, unknown>[] = [];
  const attendees: Record<string, unknown>[] = [];
  const add = (unitId: string, kind: MeetingKind, period: string, held: LegalDate, people: Person[], absentEvery: number) => {
    if (held > today) return;
    const id = randomUUID();
    const start = at(held);
    const host = people.find((p) => p.party_status === 'full') ?? people[0];
    meetings.push({
      id, tenant_id: ctx.tenantId, org_unit_id: unitId, kind, title: defaultTitle(kind, period), period, planned_start_at: start, planned_end_at: new Date(start.getTime() + 90 * 60_000),
      held_start_at: start, held_end_at: new Date(start.getTime() + 90 * 60_000), place: '党员活动室', status: 'held', host_person_id: host?.id ?? null,
      minutes: MINUTES, minutes_signed_at: new Date(start.getTime() + 86_400_000), minutes_signed_name: host?.name ?? null, notified_at: new Date(start.getTime() - 3 * 86_400_000),
      lecturer: kind === 'lecture' ? '支部书记' : '',
    });
    people.forEach((p, i) => attendees.push({
      tenant_id: ctx.tenantId, meeting_id: id, person_id: p.id, person_name: p.name, party_status: p.party_status, voting: p.party_status === 'full',
      attendance: absentEvery > 0 && i % absentEvery === absentEvery - 1 ? 'absent' : 'present',
      signed_in_at: absentEvery > 0 && i % absentEvery === absentEvery - 1 ? null : start, sign_in_channel: absentEvery > 0 && i % absentEvery === absentEvery - 1 ? null : 'manual',
    }));
  };
  const partyOf = async (path: string) => tx.selectFrom('people').select(['id', 'name', 'party_status']).where(subtreeRange('org_path', path))
    .where('archived_at', 'is', null).where('party_status', 'in', ['full', 'probationary']).orderBy('name_pinyin').orderBy('id').execute();

  // Months of the past year, oldest first, ending with the reference month.
  const months: string[] = [];
  for (let p = periodOf(addMonths(today, -11), 'month'); months.length < 12; p = periodOf(addDays(parsePeriod(p)!.end, 1), 'month')) months.push(p);
  const quarters = [...new Set(months.map((m) => periodOf(`${m}-01`, 'quarter')))];
  const thisYear = periodOf(today, 'year');

  for (const [i, b] of branches.entries()) {
    const people = await partyOf(b.path);
    if (people.length === 0) continue;
    const committee = people.filter((p) => committees.has(b.id) && p.party_status === 'full').slice(0, 5);
    for (const [mi, m] of months.entries()) {
      // 主题党日 on its fixed day; one branch in five skipped one month.
      if (!(i % 5 === 2 && mi === 7)) add(b.id, 'theme_day', m, `${m}-${String(DEFAULT_MEETING_SETTINGS.themeDayOfMonth).padStart(2, '0')}`, people, 9);
      // 支委会 early in the month where there is a committee; one branch in four missed one.
      if (committee.length && !(i % 4 === 1 && mi === 9)) add(b.id, 'committee', m, `${m}-06`, committee, 0);
    }
    for (const [qi, q] of quarters.entries()) {
      const end = parsePeriod(q)!.end;
      // 支部党员大会 in the last month of the quarter; one branch in three held one a week late (amber).
      const late = i % 3 === 0 && qi === quarters.length - 2;
      add(b.id, 'branch_assembly', q, late ? addDays(end, 7) : addDays(end, -12), people, 7);
      // 党课 mid-quarter; one branch in six gave none in the previous quarter.
      if (!(i % 6 === 5 && qi === quarters.length - 2)) add(b.id, 'lecture', q, addDays(end, -40), people, 8);
    }
    // Last year's 组织生活会 in December (it also counts as that year's 民主评议); this year's when Q4 has come.
    add(b.id, 'life_meeting', previousPeriod(thisYear), `${previousPeriod(thisYear)}-12-20`, people, 10);
    // This year's: half the branches held theirs early in November; the others are amber from 1 October until they do.
    if (i % 2 === 0) add(b.id, 'life_meeting', thisYear, `${thisYear}-11-12`, people, 10);
  }
  for (const [gi, g] of groups.entries()) {
    const people = await partyOf(g.path);
    if (people.length === 0) continue;
    for (const [mi, m] of months.entries()) if (!(gi === 1 && mi >= 9)) add(g.id, 'group', m, `${m}-10`, people, 0);
  }
  for (let i = 0; i < meetings.length; i += 500) await tx.insertInto('meetings').values(meetings.slice(i, i + 500) as never).execute();
  for (let i = 0; i < attendees.length; i += 2000) await tx.insertInto('meeting_attendees').values(attendees.slice(i, i + 2000) as never).execute();
  await seedUpcoming(tx, ctx, today);
  await seedEvaluation(tx, ctx, today);
}

/** The next 主题党日 of the demo 党员's branch, announced: it shows in 我的会议 and in the inbox. */
async function seedUpcoming(tx: Tx, ctx: TxContext, today: LegalDate): Promise<void> {
  const member = await tx.selectFrom('users').select(['person_id']).where('username', '=', 'dangyuan').executeTakeFirst();
  if (!member?.person_id) return;
  const person = await tx.selectFrom('people').select(['org_unit_id', 'org_path']).where('id', '=', member.person_id).executeTakeFirstOrThrow();
  const branch = await tx.selectFrom('org_units').select(['id', 'path', 'kind', 'parent_id']).where('id', '=', person.org_unit_id).executeTakeFirstOrThrow();
  const unitId = branch.kind === 'party_group' && branch.parent_id ? branch.parent_id : branch.id;
  const unit = await tx.selectFrom('org_units').select(['path']).where('id', '=', unitId).executeTakeFirstOrThrow();
  const people = await tx.selectFrom('people').select(['id', 'name', 'party_status']).where(subtreeRange('org_path', unit.path)).where('archived_at', 'is', null)
    .where('party_status', 'in', ['full', 'probationary']).orderBy('name_pinyin').execute();
  const day = addDays(today, 5);
  const period = periodOf(day, 'month');
  const id = randomUUID();
  const start = at(day, 15);
  await tx.insertInto('meetings').values({
    id, tenant_id: ctx.tenantId, org_unit_id: unitId, kind: 'theme_day', title: `${defaultTitle('theme_day', period)}：重温入党誓词`, period,
    planned_start_at: start, planned_end_at: new Date(start.getTime() + 2 * 3_600_000), held_start_at: null, held_end_at: null, place: '党员活动室', online: false,
    video_link: null, status: 'notified', host_person_id: people.find((p) => p.party_status === 'full')?.id ?? null, recorder_person_id: null,
    minutes_updated_at: null, minutes_updated_by: null, minutes_signed_at: null, minutes_signed_by: null, minutes_signed_name: null, notified_at: new Date(),
    cancelled_at: null, cancel_reason: null, created_by: null,
  }).execute();
  await tx.insertInto('meeting_attendees').values(people.map((p) => ({
    tenant_id: ctx.tenantId, meeting_id: id, person_id: p.id, person_name: p.name, party_status: p.party_status, voting: p.party_status === 'full',
    leave_state: null, leave_reason: null, leave_requested_at: null, leave_decided_at: null, leave_decided_by: null, leave_decision_note: null, signed_in_at: null, sign_in_channel: null,
  }))).execute();
  await tx.insertInto('meeting_agenda_items').values(['重温入党誓词', '学习党章有关内容', '开展志愿服务'].map((title, i) => ({ id: randomUUID(), tenant_id: ctx.tenantId, meeting_id: id, position: i, title, duration_minutes: null }))).execute();
  const users = await usersOfPeople(tx, people.map((p) => p.id));
  await deliver(tx, ctx.tenantId, users.map((u) => ({
    userId: u.userId, kind: 'meeting.notice', title: `【会议通知】${defaultTitle('theme_day', period)}：重温入党誓词`, body: `时间：${day} 15:30\n地点：党员活动室\n不能参加的，请在会议页面请假并说明理由。`,
    link: `/meetings/${id}`, dedupeKey: `meeting:${id}:notice:1`,
  })));
}

/**
 * 民主评议: in the demo 支部书记's branch, last year's round closed (peer ratings as counters, grades decided) and this
 * year's open for rating.
 */
async function seedEvaluation(tx: Tx, ctx: TxContext, today: LegalDate): Promise<void> {
  const grant = await tx.selectFrom('role_grants').select('org_unit_id').where('role', '=', 'branch_secretary').executeTakeFirst();
  if (!grant?.org_unit_id) return;
  const unit = await tx.selectFrom('org_units').select(['id', 'name', 'path']).where('id', '=', grant.org_unit_id).executeTakeFirstOrThrow();
  const people = await tx.selectFrom('people').select(['id', 'name']).where(subtreeRange('org_path', unit.path)).where('archived_at', 'is', null)
    .where('party_status', 'in', ['full', 'probationary']).orderBy('name_pinyin').execute();
  if (people.length < 2) return;
  const year = Number(today.slice(0, 4));
  for (const [y, status] of [[year - 1, 'closed'], [year, 'open']] as const) {
    const id = randomUUID();
    await tx.insertInto('evaluation_rounds').values({
      id, tenant_id: ctx.tenantId, org_unit_id: unit.id, year: y, title: `${unit.name}${y}年度民主评议党员`, status, meeting_id: null, created_by: null,
      rating_closed_at: status === 'closed' ? chinaDayEnd(`${y}-12-20`) : null, closed_at: status === 'closed' ? chinaDayEnd(`${y}-12-28`) : null,
    }).execute();
    await tx.insertInto('evaluation_participants').values(people.map((p, i) => ({
      tenant_id: ctx.tenantId, round_id: id, person_id: p.id, person_name: p.name,
      self_assessment: status === 'closed' ? '一年来认真学习党的理论，履职尽责，按时参加组织生活。' : '', self_submitted_at: status === 'closed' ? chinaDayEnd(`${y}-12-10`) : null,
      committee_opinion: status === 'closed' ? '能够发挥党员先锋模范作用。' : '', final_grade: status === 'closed' ? (i % 5 === 0 ? 'excellent' : 'qualified') : null,
      decided_at: status === 'closed' ? chinaDayEnd(`${y}-12-25`) : null,
    }))).execute();
    if (status !== 'closed') continue;
    // Everyone rated everyone else: per subject (n - 1) ratings, mostly 合格, some 优秀.
    const n = people.length;
    await tx.insertInto('evaluation_raters').values(people.map((p) => ({ tenant_id: ctx.tenantId, round_id: id, rater_person_id: p.id }))).execute();
    const tallies = people.flatMap((p, i) => {
      const excellent = i % 5 === 0 ? Math.ceil((n - 1) * 0.6) : Math.floor((n - 1) * 0.2);
      return [{ grade: 'excellent', votes: excellent }, { grade: 'qualified', votes: n - 1 - excellent }]
        .filter((x) => x.votes > 0).map((x) => ({ tenant_id: ctx.tenantId, round_id: id, subject_person_id: p.id, grade: x.grade as 'excellent', votes: x.votes }));
    });
    await tx.insertInto('evaluation_tallies').values(tallies).execute();
  }
}
