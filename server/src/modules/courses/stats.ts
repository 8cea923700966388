/**
 * 学时统计 of an org subtree over a period, derived from the study sessions the server recorded (RULES.md §8: never a
 * typed-in number, never a client's timer). Aggregates only: totals, by month, by course, and breakdowns by unit, party
 * status, gender and age band in which a group under MIN_GROUP people is not shown on its own. There is no list of
 * people's hours and no online-time statistic.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { subtreeRange } from '../../platform/db/subtree.js';
import type { Actor } from '../../platform/access/actor.js';
import { badField, type Msg } from '../../platform/http/errors.js';
import { txContext } from '../../platform/http/app.js';
import { AGE_BANDS, ageBandOf } from '../members/vocabulary.js';
import { todayInChina } from '../org/clock.js';
import { clock } from '../exams/clock.js';
import { unitOfView } from './progress.js';
import { MIN_GROUP, suppressSmallGroups } from './rules.js';

interface PersonHours { id: string; org_path: string; party_status: string; gender: string; birth_date: string | null; ms: number }

const STATUS_NAMES: Record<string, Msg> = {
  full: { zh: '正式党员', en: 'Full members' }, probationary: { zh: '预备党员', en: 'Probationary members' },
  candidate: { zh: '发展对象', en: 'Candidates' }, activist: { zh: '入党积极分子', en: 'Activists' }, applicant: { zh: '入党申请人', en: 'Applicants' }, none: { zh: '群众', en: 'Non-members' },
};
const GENDER_NAMES: Record<string, Msg> = { male: { zh: '男', en: 'Male' }, female: { zh: '女', en: 'Female' } };
const OTHER: Msg = { zh: '其他（不足 5 人的合并）', en: 'Others (groups under 5 combined)' };

export interface StatGroup { key: string; label: Msg; people: number; learners: number; hours: number; [k: string]: unknown }

function hours(ms: number): number {
  return Math.round((ms / 3_600_000) * 10) / 10;
}

/** Groups of people by `key`, in the order of `order` (keys not in it last), small ones combined (suppressSmallGroups). */
function group(rows: readonly PersonHours[], key: (r: PersonHours) => string, label: (k: string) => Msg, order: readonly string[]): { rows: StatGroup[]; suppressed: number } {
  const by = new Map<string, PersonHours[]>();
  for (const r of rows) by.set(key(r), [...(by.get(key(r)) ?? []), r]);
  const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
  const groups: StatGroup[] = [...by.entries()].sort(([a], [b]) => rank(a) - rank(b)).map(([k, rs]) => ({ key: k, label: label(k), people: rs.length, learners: rs.filter((r) => r.ms > 0).length, hours: hours(rs.reduce((s, r) => s + r.ms, 0)) }));
  return suppressSmallGroups(groups, (small) => ({
    key: 'other', label: OTHER, people: small.reduce((s, g) => s + g.people, 0), learners: small.reduce((s, g) => s + g.learners, 0), hours: Math.round(small.reduce((s, g) => s + g.hours, 0) * 10) / 10,
  }));
}

export async function studyStats(db: Kysely<DB>, actor: Actor, q: { unitId?: string | undefined; from: string; to: string }) {
  if (q.to < q.from) throw badField('to', { zh: '结束日期不能早于开始日期', en: 'The end date cannot be before the start date' });
  return withTenant(db, txContext(actor), async (tx) => {
    const unit = await unitOfView(tx, actor, q.unitId);
    // Sessions started within the period, in China's calendar days: [from 00:00, to + 1 day 00:00) at UTC+8.
    const start = new Date(`${q.from}T00:00:00+08:00`);
    const end = new Date(new Date(`${q.to}T00:00:00+08:00`).getTime() + 86_400_000);
    const { rows } = await sql<PersonHours>`
      select p.id, p.org_path, p.party_status, p.gender, p.birth_date::text as birth_date, coalesce(s.ms, 0)::bigint as ms
      from people p
      left join (select person_id, sum(counted_ms) as ms from study_sessions where started_at >= ${start} and started_at < ${end} group by person_id) s on s.person_id = p.id
      where p.archived_at is null and ${subtreeRange('p.org_path', unit.path)}`.execute(tx);
    const people = rows.map((r) => ({ ...r, ms: Number(r.ms) }));
    const today = todayInChina(clock.now());
    const children = await tx.selectFrom('org_units').select(['id', 'name', 'path']).where('parent_id', '=', unit.id).where('dissolved_at', 'is', null).orderBy('sort_order').orderBy('name').execute();
    const unitOf = (r: PersonHours) => children.find((c) => r.org_path.startsWith(c.path))?.id ?? unit.id;
    const unitName = (id: string): Msg => {
      const name = id === unit.id ? `${unit.name}（本级）` : (children.find((c) => c.id === id)?.name ?? '');
      return { zh: name, en: name };
    };
    const { rows: months } = await sql<{ month: string; ms: number; learners: number }>`
      select to_char(s.started_at at time zone 'Asia/Shanghai', 'YYYY-MM') as month, sum(s.counted_ms)::bigint as ms, count(distinct s.person_id)::int as learners
      from study_sessions s join people p on p.id = s.person_id
      where s.started_at >= ${start} and s.started_at < ${end} and ${subtreeRange('p.org_path', unit.path)}
      group by 1 order by 1`.execute(tx);
    const { rows: courses } = await sql<{ id: string; title: string; ms: number; learners: number }>`
      select c.id, c.title, sum(s.counted_ms)::bigint as ms, count(distinct s.person_id)::int as learners
      from study_sessions s join people p on p.id = s.person_id join courses c on c.id = s.course_id
      where s.started_at >= ${start} and s.started_at < ${end} and ${subtreeRange('p.org_path', unit.path)}
      group by c.id, c.title order by sum(s.counted_ms) desc limit 20`.execute(tx);
    const total = people.reduce((s, r) => s + r.ms, 0);
    const learners = people.filter((r) => r.ms > 0).length;
    const statusKey = (s: string) => (s === 'full' || s === 'probationary' ? s : s === 'none' ? 'none' : 'developing');
    const statusLabel = (k: string): Msg => (k === 'developing' ? { zh: '申请人、积极分子和发展对象', en: 'Applicants, activists and candidates' } : STATUS_NAMES[k]!);
    const bandLabel = (k: string): Msg => {
      const b = AGE_BANDS.find((x) => x.key === k);
      return b ? { zh: b.zh, en: b.en } : { zh: '未填写', en: 'Not recorded' };
    };
    return {
      unit: { id: unit.id, name: unit.name }, from: q.from, to: q.to, minGroup: MIN_GROUP,
      people: people.length, learners, hours: hours(total), hoursPerLearner: learners ? hours(total / learners) : 0,
      // The subtree as a whole is a group too: below MIN_GROUP people, nothing but the count is shown.
      tooSmall: people.length < MIN_GROUP,
      byMonth: people.length < MIN_GROUP ? [] : months.map((m) => ({ month: m.month, hours: hours(Number(m.ms)), learners: m.learners })),
      byCourse: people.length < MIN_GROUP ? [] : courses.map((c) => ({ id: c.id, title: c.title, hours: hours(Number(c.ms)), learners: c.learners })),
      byUnit: group(people, unitOf, unitName, [unit.id, ...children.map((c) => c.id)]),
      byStatus: group(people, (r) => statusKey(r.party_status), statusLabel, ['full', 'probationary', 'developing', 'none']),
      byGender: group(people, (r) => r.gender, (k) => GENDER_NAMES[k] ?? { zh: k, en: k }, ['male', 'female']),
      byAge: group(people, (r) => (r.birth_date ? ageBandOf(r.birth_date, today) : 'unknown'), bandLabel, AGE_BANDS.map((b) => b.key)),
    };
  });
}
