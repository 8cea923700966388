/**
 * 民主评议党员 rounds: open a yearly round for a 党支部 (its party members take part), self-assessment, one anonymous
 * rating sheet per member, the committee's opinion and final grade, close, and the results export. Anonymity: a sheet
 * adds one to a counter per subject and grade and marks the rater as having rated — two writes with nothing linking
 * them; the audit record of a sheet names the rater and the round only (no subject, no grade).
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withTenant, type Tx } from '../../platform/db/tenancy.js';
import { subtreeRange, inSubtrees } from '../../platform/db/subtree.js';
import { auditAs } from '../../platform/audit/chain.js';
import { can, scopesFor, type Actor } from '../../platform/access/actor.js';
import { badField, conflict, forbidden, notFound } from '../../platform/http/errors.js';
import { txContext } from '../../platform/http/app.js';
import { writeWorkbook } from '../../platform/office/xlsx.js';
import { deliver, usersOfPeople } from '../../platform/notify/inbox.js';
import { ownPersonId } from '../members/person-access.js';
import { aggregateOf, GRADE_NAMES, GRADES, sheetProblem, type Distribution, type Grade } from './rules.js';
import type { RoundStatus } from './tables.js';

const ROUND = { zh: '民主评议', en: 'Evaluation round' };

interface RoundRow { id: string; org_unit_id: string; unit_name: string; unit_path: string; year: number; title: string; status: RoundStatus; rating_closed_at: Date | null; closed_at: Date | null; created_at: Date }

async function roundRow(tx: Tx, id: string, forUpdate = false): Promise<RoundRow | undefined> {
  let q = tx.selectFrom('evaluation_rounds as r').innerJoin('org_units as u', 'u.id', 'r.org_unit_id')
    .select(['r.id', 'r.org_unit_id', 'u.name as unit_name', 'u.path as unit_path', 'r.year', 'r.title', 'r.status', 'r.rating_closed_at', 'r.closed_at', 'r.created_at'])
    .where('r.id', '=', id);
  if (forUpdate) q = q.forUpdate('r');
  return q.executeTakeFirst();
}

interface Located { round: RoundRow; manage: boolean; personId: string | null; participant: boolean }

/** The round if the actor manages it (evaluation.manage on its branch) or takes part in it; 404 otherwise. */
async function locate(tx: Tx, actor: Actor, id: string, forUpdate = false): Promise<Located> {
  const round = await roundRow(tx, id, forUpdate);
  if (!round) throw notFound(ROUND);
  const personId = await ownPersonId(tx, actor);
  const participant = personId !== null && (await tx.selectFrom('evaluation_participants').select('person_id').where('round_id', '=', id).where('person_id', '=', personId).executeTakeFirst()) !== undefined;
  const manage = can(actor, 'evaluation.manage', round.unit_path);
  if (!manage && !participant) throw notFound(ROUND);
  return { round, manage, personId, participant };
}

export async function openRound(db: Kysely<DB>, actor: Actor, input: { orgUnitId: string; year: number; title?: string | undefined }): Promise<string> {
  const ctx = txContext(actor);
  return withTenant(db, ctx, async (tx) => {
    const unit = await tx.selectFrom('org_units').select(['id', 'name', 'path', 'kind', 'dissolved_at']).where('id', '=', input.orgUnitId).executeTakeFirst();
    if (!unit || unit.dissolved_at || !can(actor, 'evaluation.manage', unit.path)) throw notFound({ zh: '党组织', en: 'Org unit' });
    if (unit.kind !== 'branch') throw badField('orgUnitId', { zh: '民主评议党员以党支部为单位进行', en: 'The evaluation is held per party branch' });
    const exists = await tx.selectFrom('evaluation_rounds').select('id').where('org_unit_id', '=', unit.id).where('year', '=', input.year).executeTakeFirst();
    if (exists) throw conflict('year', { zh: '该支部本年度的民主评议已经开始', en: 'This branch already has a round for that year' });
    const members = await tx.selectFrom('people').select(['id', 'name']).where(subtreeRange('org_path', unit.path)).where('archived_at', 'is', null)
      .where('party_status', 'in', ['full', 'probationary']).orderBy('name_pinyin').orderBy('id').execute();
    if (members.length < 2) throw badField('orgUnitId', { zh: '支部党员不足 2 人，无法互评', en: 'Fewer than 2 members: no peer rating is possible' });
    const id = randomUUID();
    await tx.insertInto('evaluation_rounds').values({
      id, tenant_id: ctx.tenantId, org_unit_id: unit.id, year: input.year, title: input.title?.trim() || `${unit.name}${input.year}年度民主评议党员`,
      meeting_id: null, created_by: ctx.actorId, rating_closed_at: null, closed_at: null,
    }).execute();
    await tx.insertInto('evaluation_participants').values(members.map((m) => ({
      tenant_id: ctx.tenantId, round_id: id, person_id: m.id, person_name: m.name, self_submitted_at: null, final_grade: null, decided_at: null,
    }))).execute();
    await auditAs(tx, ctx, { action: 'evaluation.open', objectType: 'evaluation_round', objectId: id, detail: { orgUnitId: unit.id, year: input.year, participants: members.length } });
    const users = await usersOfPeople(tx, members.map((m) => m.id));
    await deliver(tx, ctx.tenantId, users.map((u) => ({
      userId: u.userId, kind: 'evaluation.open', title: `【民主评议】${input.year}年度民主评议党员已开始`, body: '请填写个人自评，并对支部其他党员进行评议（匿名）。', link: `/evaluation/${id}`, dedupeKey: `evaluation:${id}:open`,
    })));
    return id;
  });
}

async function talliesOf(tx: Tx, roundId: string): Promise<Map<string, Partial<Distribution>>> {
  const rows = await tx.selectFrom('evaluation_tallies').select(['subject_person_id', 'grade', 'votes']).where('round_id', '=', roundId).execute();
  const out = new Map<string, Partial<Distribution>>();
  for (const r of rows) out.set(r.subject_person_id, { ...(out.get(r.subject_person_id) ?? {}), [r.grade]: r.votes });
  return out;
}

export async function getRound(db: Kysely<DB>, actor: Actor, id: string) {
  return withTenant(db, txContext(actor), async (tx) => {
    const l = await locate(tx, actor, id);
    const r = l.round;
    const participants = await tx.selectFrom('evaluation_participants').selectAll().where('round_id', '=', id).orderBy('person_name').orderBy('person_id').execute();
    const raters = Number((await tx.selectFrom('evaluation_raters').select((eb) => eb.fn.countAll<number>().as('n')).where('round_id', '=', id).executeTakeFirstOrThrow()).n);
    const rated = l.personId !== null && (await tx.selectFrom('evaluation_raters').select('rater_person_id').where('round_id', '=', id).where('rater_person_id', '=', l.personId).executeTakeFirst()) !== undefined;
    const ratingClosed = r.status !== 'open';
    const tallies = l.manage || r.status === 'closed' ? await talliesOf(tx, id) : new Map<string, Partial<Distribution>>();
    const me = participants.find((p) => p.person_id === l.personId);
    return {
      id: r.id, orgUnitId: r.org_unit_id, orgUnitName: r.unit_name, year: r.year, title: r.title, status: r.status,
      participantCount: participants.length, raterCount: raters,
      // Everyone sees whom to rate; only managers see the others' self-assessments, opinions and results.
      participants: participants.map((p) => ({
        personId: p.person_id, name: p.person_name, selfSubmitted: p.self_submitted_at !== null,
        ...(l.manage ? {
          selfAssessment: p.self_assessment, committeeOpinion: p.committee_opinion, finalGrade: p.final_grade,
          aggregate: aggregateOf(tallies.get(p.person_id) ?? {}, ratingClosed),
        } : {}),
      })),
      me: me ? {
        personId: me.person_id, selfAssessment: me.self_assessment, selfSubmitted: me.self_submitted_at !== null, rated,
        finalGrade: r.status === 'closed' ? me.final_grade : null, committeeOpinion: r.status === 'closed' ? me.committee_opinion : '',
        aggregate: r.status === 'closed' ? aggregateOf(tallies.get(me.person_id) ?? {}, true) : null,
      } : null,
      abilities: {
        manage: l.manage, rate: !!me && r.status === 'open' && !rated, selfAssess: !!me && r.status === 'open',
        closeRating: l.manage && r.status === 'open', decide: l.manage && r.status === 'review', close: l.manage && r.status === 'review', export: l.manage && r.status !== 'open',
      },
    };
  });
}

export async function listRounds(db: Kysely<DB>, actor: Actor, q: { year?: number | undefined }) {
  return withTenant(db, txContext(actor), async (tx) => {
    const scopes = scopesFor(actor, 'evaluation.manage');
    const personId = await ownPersonId(tx, actor);
    let b = tx.selectFrom('evaluation_rounds as r').innerJoin('org_units as u', 'u.id', 'r.org_unit_id')
      .select(['r.id', 'r.org_unit_id', 'u.name as unit_name', 'u.path', 'r.year', 'r.title', 'r.status', 'r.created_at'])
      .where((eb) => eb.or([
        inSubtrees('u.path', scopes),
        ...(personId ? [eb.exists(eb.selectFrom('evaluation_participants as p').select('p.person_id').whereRef('p.round_id', '=', 'r.id').where('p.person_id', '=', personId))] : []),
      ]));
    if (q.year) b = b.where('r.year', '=', q.year);
    const rows = await b.orderBy('r.year', 'desc').orderBy('u.path').limit(200).execute();
    return rows.map((r) => ({ id: r.id, orgUnitId: r.org_unit_id, orgUnitName: r.unit_name, year: r.year, title: r.title, status: r.status, manage: can(actor, 'evaluation.manage', r.path) }));
  });
}

export async function saveSelfAssessment(db: Kysely<DB>, actor: Actor, id: string, text: string): Promise<void> {
  const ctx = txContext(actor);
  await withTenant(db, ctx, async (tx) => {
    const l = await locate(tx, actor, id, true);
    if (!l.participant || !l.personId) throw forbidden({ zh: '您不是本次民主评议的参评党员', en: 'You do not take part in this round' });
    if (l.round.status !== 'open') throw conflict('status', { zh: '评议已截止，自评不能再修改', en: 'The round is closed for self-assessment' });
    if (!text.trim()) throw badField('text', { zh: '请填写个人自评', en: 'Write your self-assessment' });
    await tx.updateTable('evaluation_participants').set({ self_assessment: text.trim(), self_submitted_at: new Date() }).where('round_id', '=', id).where('person_id', '=', l.personId).execute();
    await auditAs(tx, ctx, { action: 'evaluation.self', objectType: 'evaluation_round', objectId: id });
  });
}

/**
 * One anonymous rating sheet: every other participant with a grade. The counters go up and the rater is marked as
 * having rated, in one transaction; nothing stores which rater gave which grade. A second sheet is refused.
 */
export async function submitRatings(db: Kysely<DB>, actor: Actor, id: string, sheet: { personId: string; grade: Grade }[]): Promise<void> {
  const ctx = txContext(actor);
  await withTenant(db, ctx, async (tx) => {
    const l = await locate(tx, actor, id, true);
    if (!l.participant || !l.personId) throw forbidden({ zh: '您不是本次民主评议的参评党员', en: 'You do not take part in this round' });
    if (l.round.status !== 'open') throw conflict('status', { zh: '互评已截止', en: 'Peer rating has closed' });
    const participants = (await tx.selectFrom('evaluation_participants').select('person_id').where('round_id', '=', id).execute()).map((p) => p.person_id);
    const problem = sheetProblem(l.personId, participants, sheet);
    if (problem) {
      throw badField('ratings', problem === 'incomplete'
        ? { zh: '请对支部其他每一位党员都作出评议', en: 'Rate every other member of the branch' }
        : problem === 'self' ? { zh: '不能评议自己，请在自评中填写', en: 'You do not rate yourself' } : { zh: '评议表有误，请刷新后重试', en: 'The rating sheet is not valid; reload and try again' });
    }
    const marked = await tx.insertInto('evaluation_raters').values({ tenant_id: ctx.tenantId, round_id: id, rater_person_id: l.personId })
      .onConflict((oc) => oc.columns(['round_id', 'rater_person_id']).doNothing()).returning('rater_person_id').executeTakeFirst();
    if (!marked) throw conflict('ratings', { zh: '您已经提交过评议，每人只能评议一次', en: 'You have rated already; one sheet per member' });
    // Counters, in subject order (not the sheet's order), so not even the order of writes follows the rater's sheet.
    for (const line of [...sheet].sort((a, b) => a.personId.localeCompare(b.personId))) {
      await tx.insertInto('evaluation_tallies').values({ tenant_id: ctx.tenantId, round_id: id, subject_person_id: line.personId, grade: line.grade, votes: 1 })
        .onConflict((oc) => oc.columns(['round_id', 'subject_person_id', 'grade']).doUpdateSet({ votes: sql`evaluation_tallies.votes + 1` })).execute();
    }
    await auditAs(tx, ctx, { action: 'evaluation.rate', objectType: 'evaluation_round', objectId: id, detail: { lines: sheet.length } });
  });
}

export async function closeRating(db: Kysely<DB>, actor: Actor, id: string): Promise<void> {
  const ctx = txContext(actor);
  await withTenant(db, ctx, async (tx) => {
    const l = await locate(tx, actor, id, true);
    if (!l.manage) throw notFound(ROUND);
    if (l.round.status !== 'open') throw conflict('status', { zh: '互评已经截止', en: 'Rating has closed already' });
    await tx.updateTable('evaluation_rounds').set({ status: 'review', rating_closed_at: new Date() }).where('id', '=', id).execute();
    await auditAs(tx, ctx, { action: 'evaluation.close_rating', objectType: 'evaluation_round', objectId: id });
  });
}

export async function decide(db: Kysely<DB>, actor: Actor, id: string, personId: string, input: { committeeOpinion: string; finalGrade: Grade }): Promise<void> {
  const ctx = txContext(actor);
  await withTenant(db, ctx, async (tx) => {
    const l = await locate(tx, actor, id, true);
    if (!l.manage) throw notFound(ROUND);
    if (l.round.status !== 'review') throw conflict('status', { zh: '互评截止后、评议结束前由支委会提出意见和评定等次', en: 'The committee decides after rating closed and before the round closes' });
    if (!input.committeeOpinion.trim()) throw badField('committeeOpinion', { zh: '请填写支部委员会意见', en: 'Give the committee’s opinion' });
    const r = await tx.updateTable('evaluation_participants').set({ committee_opinion: input.committeeOpinion.trim(), final_grade: input.finalGrade, decided_at: new Date() })
      .where('round_id', '=', id).where('person_id', '=', personId).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw badField('personId', { zh: '此人不是本次评议的参评党员', en: 'Not a participant of this round' });
    await auditAs(tx, ctx, { action: 'evaluation.decide', objectType: 'evaluation_round', objectId: id, detail: { personId, finalGrade: input.finalGrade } });
  });
}

export async function closeRound(db: Kysely<DB>, actor: Actor, id: string): Promise<void> {
  const ctx = txContext(actor);
  await withTenant(db, ctx, async (tx) => {
    const l = await locate(tx, actor, id, true);
    if (!l.manage) throw notFound(ROUND);
    if (l.round.status !== 'review') throw conflict('status', { zh: '请先截止互评并评定等次', en: 'Close the rating and decide the grades first' });
    const open = await tx.selectFrom('evaluation_participants').select('person_name').where('round_id', '=', id).where('final_grade', 'is', null).limit(3).execute();
    if (open.length) throw conflict('finalGrade', { zh: `还有党员未评定等次：${open.map((o) => o.person_name).join('、')}`, en: 'Some members have no final grade yet' });
    await tx.updateTable('evaluation_rounds').set({ status: 'closed', closed_at: new Date() }).where('id', '=', id).execute();
    await auditAs(tx, ctx, { action: 'evaluation.close', objectType: 'evaluation_round', objectId: id });
    const people = (await tx.selectFrom('evaluation_participants').select('person_id').where('round_id', '=', id).execute()).map((p) => p.person_id);
    const users = await usersOfPeople(tx, people);
    await deliver(tx, ctx.tenantId, users.map((u) => ({ userId: u.userId, kind: 'evaluation.closed', title: `【民主评议】${l.round.title}已结束`, body: '可以查看本人的评定等次。', link: `/evaluation/${id}`, dedupeKey: `evaluation:${id}:closed` })));
  });
}

/** The results (never raters): per member the self-assessment status, the peer-rating distribution (≥5), opinion, grade. */
export async function exportResults(db: Kysely<DB>, actor: Actor, id: string): Promise<{ file: Buffer; name: string }> {
  const ctx = txContext(actor);
  return withTenant(db, ctx, async (tx) => {
    const l = await locate(tx, actor, id);
    if (!l.manage) throw notFound(ROUND);
    if (l.round.status === 'open') throw conflict('status', { zh: '互评截止后才能导出结果', en: 'Export once rating has closed' });
    const participants = await tx.selectFrom('evaluation_participants').selectAll().where('round_id', '=', id).orderBy('person_name').execute();
    const tallies = await talliesOf(tx, id);
    const file = await writeWorkbook([{
      name: '民主评议结果',
      columns: [
        { header: '姓名', key: 'name', width: 12 }, { header: '个人自评', key: 'self', width: 10 },
        ...GRADES.map((g) => ({ header: `互评${GRADE_NAMES[g].zh}`, key: g, width: 10 })), { header: '互评票数', key: 'ratings', width: 10 },
        { header: '支部委员会意见', key: 'opinion', width: 40 }, { header: '评定等次', key: 'grade', width: 10 },
      ],
      rows: participants.map((p) => {
        const a = aggregateOf(tallies.get(p.person_id) ?? {}, true);
        return {
          name: p.person_name, self: p.self_submitted_at ? '已提交' : '未提交',
          ...Object.fromEntries(GRADES.map((g) => [g, a.distribution ? a.distribution[g] : '不足5票不显示'])), ratings: a.ratings ?? '不足5票',
          opinion: p.committee_opinion, grade: p.final_grade ? GRADE_NAMES[p.final_grade].zh : '',
        };
      }),
    }]);
    await auditAs(tx, ctx, { action: 'evaluation.export', objectType: 'evaluation_round', objectId: id });
    return { file, name: `${l.round.title}结果` };
  });
}
