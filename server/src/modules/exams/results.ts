/**
 * 考试结果 for the organiser, derived from the attempts and their latest gradings: how many took it and passed, the
 * distribution of best scores, and how each question fared (item analysis). Names and scores of individual people
 * are listed only to those whose role lets them see those people (people.read on their unit), within that scope.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { can, scopesFor, type Actor } from '../../platform/access/actor.js';
import { txContext } from '../../platform/http/app.js';
import { audienceCondition } from './audience.js';
import { clock } from './clock.js';
import { examWindow, type ItemGrade } from './rules.js';
import { managedExam } from './setup.js';
import { loadVersions } from './versions.js';

const BANDS = [
  { key: 'lt60', from: 0, to: 0.6 },
  { key: '60', from: 0.6, to: 0.7 },
  { key: '70', from: 0.7, to: 0.8 },
  { key: '80', from: 0.8, to: 0.9 },
  { key: '90', from: 0.9, to: 1.01 },
] as const;

export async function examResults(db: Kysely<DB>, actor: Actor, examId: string) {
  return withTenant(db, txContext(actor), async (tx) => {
    const e = await managedExam(tx, actor, examId);
    const audience = await tx.selectFrom('exam_audience as a').leftJoin('org_units as u', 'u.id', 'a.org_unit_id').select(['u.path', 'a.person_id']).where('a.exam_id', '=', examId).execute();
    const audienceSize = Number((await tx.selectFrom('people as p').select((eb) => eb.fn.countAll<number>().as('n'))
      .where(audienceCondition(audience.filter((a) => a.path).map((a) => a.path!), audience.filter((a) => a.person_id).map((a) => a.person_id!))).executeTakeFirstOrThrow()).n);
    const rows = await tx.selectFrom('exam_attempts as a').innerJoin('people as p', 'p.id', 'a.person_id').innerJoin('org_units as u', 'u.id', 'p.org_unit_id')
      .leftJoin('exam_gradings as g', (j) => j.onRef('g.attempt_id', '=', 'a.id').onRef('g.grade_no', '=', 'a.grade_no'))
      .select(['a.id', 'a.person_id', 'a.state', 'a.score', 'a.max_score', 'a.passed', 'a.paper', 'a.submitted_at', 'a.pending_manual', 'p.name', 'p.org_path', 'u.name as unit_name', 'g.items'])
      .where('a.exam_id', '=', examId).execute();
    const done = rows.filter((r) => r.state !== 'open');
    const best = new Map<string, (typeof rows)[number]>();
    const tries = new Map<string, number>();
    for (const r of rows) tries.set(r.person_id, (tries.get(r.person_id) ?? 0) + 1);
    for (const r of done) {
      const b = best.get(r.person_id);
      if (!b || (r.score ?? 0) > (b.score ?? 0)) best.set(r.person_id, r);
    }
    const passedPeople = new Set(done.filter((r) => r.passed).map((r) => r.person_id));
    const bests = [...best.values()];
    const distribution = BANDS.map((band) => ({
      key: band.key,
      people: bests.filter((r) => {
        const share = r.max_score ? (r.score ?? 0) / r.max_score : 0;
        return share >= band.from && share < band.to;
      }).length,
    }));
    // Item analysis over every handed-in attempt's latest grading.
    const perQuestion = new Map<string, { versionId: string; seen: number; correct: number; scored: number; points: number }>();
    for (const r of done) {
      const items = (r.items ?? {}) as Record<string, ItemGrade>;
      r.paper.forEach((p, i) => {
        const g = items[String(i + 1)];
        const s = perQuestion.get(p.q) ?? { versionId: p.v, seen: 0, correct: 0, scored: 0, points: 0 };
        s.seen++;
        if (g?.correct) s.correct++;
        s.scored += g?.score ?? 0;
        s.points += p.points;
        perQuestion.set(p.q, s);
      });
    }
    const versions = await loadVersions(tx, actor.tenantId, [...perQuestion.values()].map((s) => s.versionId));
    const items = [...perQuestion.entries()].map(([questionId, s]) => {
      const v = versions.get(s.versionId);
      return { questionId, stem: v?.stem ?? '', kind: v?.kind ?? 'single', seen: s.seen, correctRate: s.seen ? s.correct / s.seen : 0, scoreRate: s.points ? s.scored / s.points : 0 };
    }).sort((a, b) => a.scoreRate - b.scoreRate).slice(0, 100);
    const peopleScopes = scopesFor(actor, 'people.read');
    const pathOf = new Map(rows.map((r) => [r.person_id, r.org_path]));
    const visible = [...pathOf.keys()].filter((pid) => can(actor, 'people.read', pathOf.get(pid)!));
    const people = peopleScopes.length === 0 ? null : visible.map((pid) => {
      const any = rows.find((r) => r.person_id === pid)!;
      const b = best.get(pid);
      return { personId: pid, name: any.name, unitName: any.unit_name, attempts: tries.get(pid) ?? 0, bestScore: b?.score ?? null, passed: passedPeople.has(pid), pending: !!b && b.state === 'submitted', submittedAt: b?.submitted_at?.toISOString() ?? null };
    }).sort((a, b) => (b.bestScore ?? -1) - (a.bestScore ?? -1));
    return {
      exam: { id: e.id, title: e.title, passScore: e.pass_score, window: examWindow(clock.now(), e.opens_at, e.closes_at), closesAt: e.closes_at.toISOString() },
      audienceSize, takers: best.size, started: tries.size, attempts: rows.length, inProgress: rows.length - done.length,
      pendingManual: done.filter((r) => r.pending_manual > 0).length, passed: passedPeople.size,
      passRate: best.size ? passedPeople.size / best.size : 0,
      averageBest: bests.length ? bests.reduce((s, r) => s + (r.score ?? 0), 0) / bests.length : 0,
      maxScore: rows[0]?.max_score ?? 0,
      distribution, items, people,
    };
  });
}
