// Question bank and exams over HTTP (issue 6): versions, papers drawn and stored per attempt, the server's deadline,
// autosave, idempotent submission graded once (also under concurrent duplicates), reveal settings, manual grading,
// regrade after a correction, results, scope and tenancy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asOwner, rowCounts, WRITE_TABLES } from '../../testing/db.js';
import { testApp, type TestApp } from '../../testing/app.js';
import { loginActive, makeTenant, makeUnit, makeUser, type Agent, type TestTenant, type TestUnit } from '../../testing/factories.js';
import { freezeClock } from './clock.js';
import { closeDueAttempts } from './attempts.js';
import { drawPaper, ruleKey, type Candidate } from './rules.js';
import { apiCategory, apiExam, apiQuestion, examBody, makeLearner, type Learner } from './testing.js';

let t: TestApp;
let tenant: TestTenant;
let root: TestUnit;
let branchA: TestUnit;
let branchB: TestUnit;
let org: Agent;
let learners: Learner[];
let outsider: Learner;
let cat: string;
const time = freezeClock('2026-03-02T02:00:00Z');

beforeAll(async () => {
  t = await testApp();
  tenant = await makeTenant(t);
  root = await makeUnit(t, tenant.tenantId, { name: '集团党委' });
  branchA = await makeUnit(t, tenant.tenantId, { parentId: root.id, name: '第一党支部' });
  branchB = await makeUnit(t, tenant.tenantId, { parentId: root.id, name: '第二党支部' });
  org = await loginActive(t.app, await makeUser(t, tenant.tenantId, { role: 'propaganda_member', orgUnitId: root.id, displayName: '宣传委员' }));
  learners = [];
  for (let i = 0; i < 4; i++) learners.push(await makeLearner(t, tenant.tenantId, branchA.id, { name: `学员${i}` }));
  outsider = await makeLearner(t, tenant.tenantId, branchB.id, { name: '外支部' });
  cat = await apiCategory(org, '党章');
});

afterAll(async () => {
  time.restore();
  await t?.close();
});

const single = (stem: string, correct = 'A') => ({ categoryId: cat, kind: 'single', difficulty: 1, stem, options: ['甲', '乙', '丙', '丁'], correct: [correct] });

async function gradings(attemptId: string) {
  return asOwner(t.database, (tx) => tx.selectFrom('exam_gradings').select(['grade_no', 'reason', 'score']).where('attempt_id', '=', attemptId).orderBy('grade_no').execute());
}
async function actions(prefix: string) {
  return asOwner(t.database, async (tx) => (await tx.selectFrom('audit_log').select(['action', 'object_id']).where('tenant_id', '=', tenant.tenantId).where('action', 'like', `${prefix}%`).orderBy('seq').execute()));
}

describe('question bank', () => {
  it('creates questions of every kind, refuses bad ones naming the field, and keeps versions', async () => {
    await apiQuestion(org, single('党的最高领导机关是（ ）。'));
    await apiQuestion(org, { categoryId: cat, kind: 'multiple', difficulty: 2, stem: '三会一课包括（ ）。', options: ['支部党员大会', '支委会', '党小组会', '团课'], correct: ['A', 'B', 'C'] });
    await apiQuestion(org, { categoryId: cat, kind: 'true_false', difficulty: 1, stem: '预备党员的预备期为一年。', truth: true });
    const fill = await apiQuestion(org, { categoryId: cat, kind: 'fill', difficulty: 2, stem: '中国共产党成立于____年。', blanks: [['1921', '一九二一']] });
    await apiQuestion(org, { categoryId: cat, kind: 'short', difficulty: 3, stem: '简述党员的义务。', reference: '党章第三条规定的八项义务。' });
    const bad = await org.post('/api/exams/questions', { categoryId: cat, kind: 'single', difficulty: 1, stem: '题', options: ['甲', '乙'], correct: ['A', 'B'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ field: 'correct' });
    const before = await rowCounts(t.database, ['questions', 'question_versions']);
    expect((await org.post('/api/exams/questions', { categoryId: cat, kind: 'fill', difficulty: 1, stem: '没有空' })).json()).toMatchObject({ field: 'stem' });
    expect((await org.post('/api/exams/questions', { ...single('x'), difficulty: 4 })).json()).toMatchObject({ field: 'difficulty' });
    expect(await rowCounts(t.database, ['questions', 'question_versions'])).toEqual(before);

    const edit = await org.put(`/api/exams/questions/${fill}`, { categoryId: cat, kind: 'fill', difficulty: 2, stem: '中国共产党成立于____年____月。', blanks: [['1921'], ['7', '七']], change: 'edit' });
    expect(edit.json()).toEqual({ version: 2 });
    expect((await org.put(`/api/exams/questions/${fill}`, { categoryId: cat, kind: 'short', difficulty: 2, stem: 'x', reference: 'y', change: 'edit' })).json()).toMatchObject({ field: 'kind' });
    expect((await org.put(`/api/exams/questions/${fill}`, { categoryId: cat, kind: 'fill', difficulty: 2, stem: '中国共产党成立于____年____月。', blanks: [['1921'], ['7', '七']], change: 'edit' })).statusCode).toBe(409);
    expect((await org.put(`/api/exams/questions/${fill}`, { categoryId: cat, kind: 'fill', difficulty: 2, stem: '中国共产党成立于____年____月____日。', blanks: [['1921'], ['7'], ['1']], change: 'correct' })).json()).toMatchObject({ field: 'note' });
    const detail = (await org.get(`/api/exams/questions/${fill}`)).json<{ current: { version: number; blanks: string[][] }; versions: { version: number; changeKind: string }[] }>();
    expect(detail.current).toMatchObject({ version: 2, blanks: [['1921'], ['7', '七']] });
    expect(detail.versions.map((v) => [v.version, v.changeKind])).toEqual([[2, 'edited'], [1, 'created']]);
    const list = (await org.get(`/api/exams/questions?categoryId=${cat}&q=${encodeURIComponent('成立于')}`)).json<{ total: number; items: { version: number }[] }>();
    expect(list).toMatchObject({ total: 1, items: [{ version: 2 }] });
  });

  it('imports questions from Excel with a row report, a dry run that writes nothing, and no duplicates on re-import', async () => {
    const { writeWorkbook } = await import('../../platform/office/xlsx.js');
    const { QUESTION_COLUMNS } = await import('./question-import.js');
    const row = (o: Record<string, string>) => o;
    const file = await writeWorkbook([{
      name: '试题', columns: QUESTION_COLUMNS.map((c) => ({ header: c.header, key: c.header })),
      rows: [
        row({ 分类: '党史', 题型: '单选题', 难度: '易', 题干: '遵义会议召开于（ ）年。', 选项A: '1935', 选项B: '1936', 答案: 'A' }),
        row({ 分类: '党史', 题型: '多选题', 难度: '中', 题干: '下列属于三大法宝的是（ ）。', 选项A: '统一战线', 选项B: '武装斗争', 选项C: '党的建设', 选项D: '土地革命', 答案: 'A、B、C' }),
        row({ 分类: '党史', 题型: '判断题', 难度: '易', 题干: '中共一大在上海召开，后转移到嘉兴南湖。', 答案: '对' }),
        row({ 分类: '党史', 题型: '填空题', 难度: '难', 题干: '党的一大于____年在上海召开。', 答案: '1921／一九二一' }),
        row({ 分类: '党史', 题型: '问答题', 难度: '易', 题干: '题型写错了', 答案: 'x' }),
        row({ 分类: '党史', 题型: '单选题', 难度: '易', 题干: '答案不是选项', 选项A: '甲', 选项B: '乙', 答案: 'E' }),
        row({ 分类: '', 题型: '判断题', 难度: '很难', 题干: '', 答案: '' }),
      ],
    }]);
    const upload = (dry: boolean) => org.inject({ method: 'POST', url: `/api/exams/questions/import?fileName=bank.xlsx&dryRun=${dry}`, payload: file, headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } });
    const before = await rowCounts(t.database, WRITE_TABLES);
    const dry = await upload(true);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, total: 7, inserted: 4, failed: 3, newCategories: ['党史'] });
    expect(await rowCounts(t.database, WRITE_TABLES)).toEqual(before);
    const lines = dry.json<{ lines: { rowNumber: number; column: string }[] }>().lines;
    expect(lines.filter((l) => l.rowNumber === 6).map((l) => l.column)).toEqual(['题型']);
    expect(lines.filter((l) => l.rowNumber === 7).map((l) => l.column)).toEqual(['答案']);
    expect(lines.filter((l) => l.rowNumber === 8).map((l) => l.column).sort()).toEqual(['分类', '答案', '难度', '题干'].sort());
    const real = await upload(false);
    expect(real.json()).toMatchObject({ dryRun: false, inserted: 4, unchanged: 0, failed: 3 });
    expect((await actions('exam.question_import')).length).toBe(1);
    expect((await upload(false)).json()).toMatchObject({ inserted: 0, unchanged: 4, failed: 3 });
    const bad = await org.inject({ method: 'POST', url: '/api/exams/questions/import?fileName=x.xlsx', payload: Buffer.from('not a workbook'), headers: { 'content-type': 'application/octet-stream' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ field: 'file' });
    const tpl = await org.get('/api/exams/questions/template.xlsx');
    expect(tpl.statusCode).toBe(200);
    expect(tpl.rawPayload.readUInt32LE(0)).toBe(0x04034b50);
  });
});

describe('random exams: drawn per attempt, stored, reproducible', () => {
  let exam: string;
  let cat2: string;

  beforeAll(async () => {
    cat2 = await apiCategory(org, '党的纪律');
    for (let i = 0; i < 8; i++) await apiQuestion(org, { ...single(`纪律题 ${i}`, 'ABCD'[i % 4]), categoryId: cat2 });
    for (let i = 0; i < 3; i++) await apiQuestion(org, { categoryId: cat2, kind: 'true_false', difficulty: 2, stem: `判断题 ${i}`, truth: i % 2 === 0 });
  });

  it('refuses rules the bank cannot fill, naming the field', async () => {
    const res = await org.post('/api/exams', examBody(branchA.id, time.advance(0), { paperMode: 'random', rules: [{ categoryId: cat2, difficulty: 2, count: 4, points: 5 }] }));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ field: 'rules' });
  });

  it('shows the exam only to its audience and draws a paper per attempt that the seed reproduces', async () => {
    exam = await apiExam(org, examBody(branchA.id, time.advance(0), { paperMode: 'random', rules: [{ categoryId: cat2, difficulty: 1, count: 5, points: 10 }, { categoryId: cat2, difficulty: 2, count: 2, points: 5 }], passScore: 30 }));
    expect((await outsider.agent.get('/api/learning/exams')).json<{ items: unknown[] }>().items).toEqual([]);
    expect((await outsider.agent.post(`/api/learning/exams/${exam}/attempts`)).statusCode).toBe(404);
    const mine = (await learners[0]!.agent.get('/api/learning/exams')).json<{ items: { id: string; canStart: boolean; window: string }[] }>().items;
    expect(mine).toEqual([expect.objectContaining({ id: exam, canStart: true, window: 'open' })]);

    const start = await learners[0]!.agent.post(`/api/learning/exams/${exam}/attempts`);
    expect(start.json()).toMatchObject({ resumed: false });
    const id = start.json<{ id: string }>().id;
    expect((await learners[0]!.agent.post(`/api/learning/exams/${exam}/attempts`)).json()).toEqual({ id, resumed: true });
    const view = (await learners[0]!.agent.get(`/api/learning/attempts/${id}`)).json<{ items: { kind: string; points: number }[]; deadlineAt: string; result: unknown }>();
    expect(view.items).toHaveLength(7);
    expect(view.items.filter((i) => i.points === 10)).toHaveLength(5);
    expect(view.deadlineAt).toBe(new Date(time.advance(0).getTime() + 30 * 60_000).toISOString());
    expect(view.result).toBeNull();

    // Drawing again from the stored seed and the bank gives exactly the stored paper.
    const stored = await asOwner(t.database, (tx) => tx.selectFrom('exam_attempts').select(['paper', 'seed']).where('id', '=', id).executeTakeFirstOrThrow());
    const qs = await asOwner(t.database, (tx) => tx.selectFrom('questions as q').innerJoin('question_versions as v', 'v.id', 'q.current_version_id')
      .select(['q.id', 'q.current_version_id', 'q.kind', 'q.difficulty', 'q.category_id', 'v.options']).where('q.category_id', '=', cat2).execute());
    const candidates = new Map<string, Candidate[]>();
    for (const q of qs) {
      const k = ruleKey({ categoryId: q.category_id, difficulty: q.difficulty });
      candidates.set(k, [...(candidates.get(k) ?? []), { questionId: q.id, versionId: q.current_version_id, kind: q.kind, optionKeys: q.options.map((o) => o.key) }]);
    }
    const again = drawPaper({ mode: 'random', rules: [{ categoryId: cat2, difficulty: 1, count: 5, points: 10 }, { categoryId: cat2, difficulty: 2, count: 2, points: 5 }], candidates }, { seed: stored.seed, shuffleQuestions: true, shuffleOptions: true });
    expect(again).toEqual(stored.paper);
    // Another taker gets a paper of their own.
    const other = (await learners[1]!.agent.post(`/api/learning/exams/${exam}/attempts`)).json<{ id: string }>().id;
    const otherSeed = await asOwner(t.database, (tx) => tx.selectFrom('exam_attempts').select('seed').where('id', '=', other).executeTakeFirstOrThrow());
    expect(otherSeed.seed).not.toBe(stored.seed);
  });

  it('autosaves with a revision, ignores an overtaken save, and refuses answers of the wrong shape', async () => {
    const a = learners[0]!.agent;
    const id = (await a.post(`/api/learning/exams/${exam}/attempts`)).json<{ id: string }>().id;
    const view = (await a.get(`/api/learning/attempts/${id}`)).json<{ items: { kind: string; options: { key: string }[] }[] }>();
    const first = view.items[0]!;
    const answer = first.kind === 'single' ? first.options[0]!.key : true;
    expect((await a.put(`/api/learning/attempts/${id}/answers`, { rev: 2, answers: { 1: answer } })).json()).toMatchObject({ rev: 2, stale: false });
    expect((await a.put(`/api/learning/attempts/${id}/answers`, { rev: 1, answers: { 1: null } })).json()).toMatchObject({ rev: 2, stale: true });
    const wrong = await a.put(`/api/learning/attempts/${id}/answers`, { rev: 3, answers: { 1: first.kind === 'single' ? 'Z' : 'yes' } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ field: 'answers.1' });
    expect((await a.put(`/api/learning/attempts/${id}/answers`, { rev: 3, answers: { 99: 'A' } })).json()).toMatchObject({ field: 'answers.99' });
    expect((await a.get(`/api/learning/attempts/${id}`)).json<{ answers: Record<string, unknown>; answersRev: number }>()).toMatchObject({ answers: { 1: answer }, answersRev: 2 });
    expect((await learners[1]!.agent.get(`/api/learning/attempts/${id}`)).statusCode).toBe(404);
    expect((await learners[1]!.agent.put(`/api/learning/attempts/${id}/answers`, { rev: 9, answers: {} })).statusCode).toBe(404);
  });

  it('grades a submission once: duplicates and concurrent retries get the same result, one grading, one audit record', async () => {
    const a = learners[0]!.agent;
    const id = (await a.post(`/api/learning/exams/${exam}/attempts`)).json<{ id: string }>().id;
    const view = (await a.get(`/api/learning/attempts/${id}`)).json<{ items: { kind: string; options: { key: string }[] }[]; answersRev: number }>();
    const answers = Object.fromEntries(view.items.map((it, i) => [String(i + 1), it.kind === 'single' ? it.options[0]!.key : true]));
    const token = '6d1c6f0e-2a53-4f4e-9a57-0c3b8f7b1e11';
    const results = await Promise.all(Array.from({ length: 8 }, () => a.post(`/api/learning/attempts/${id}/submit`, { token, rev: view.answersRev + 1, answers })));
    expect(results.map((r) => `${r.statusCode} ${r.statusCode === 200 ? "" : r.body}`)).toEqual(results.map(() => "200 "));
    const bodies = results.map((r) => r.json<{ duplicate: boolean; state: string; result: { score: number } | null }>());
    expect(bodies.filter((b) => !b.duplicate)).toHaveLength(1);
    expect(new Set(bodies.map((b) => b.result?.score)).size).toBe(1);
    expect(bodies.every((b) => b.state === 'graded')).toBe(true);
    expect(await gradings(id)).toHaveLength(1);
    expect((await actions('exam.submit')).filter((x) => x.object_id === id)).toHaveLength(1);
    // The answers handed in are the ones kept and graded, and the answer built in the submission's transaction is
    // what a later read shows.
    const first = results[bodies.findIndex((b) => !b.duplicate)]!.json<Record<string, unknown>>();
    const read = (await a.get(`/api/learning/attempts/${id}`)).json<Record<string, unknown>>();
    expect({ ...first, serverNow: null, duplicate: null, lateAnswersRefused: null }).toEqual({ ...read, serverNow: null, duplicate: null, lateAnswersRefused: null });
    expect(read).toMatchObject({ answers, answersRev: view.answersRev + 1, submittedBy: 'taker' });
    // A later retry with another token changes nothing either.
    const late = await a.post(`/api/learning/attempts/${id}/submit`, { token: '0d1c6f0e-2a53-4f4e-9a57-0c3b8f7b1e12', answers: {} });
    expect(late.json()).toMatchObject({ duplicate: true });
    expect(await gradings(id)).toHaveLength(1);
    expect((await a.put(`/api/learning/attempts/${id}/answers`, { rev: 99, answers: {} })).json()).toMatchObject({ error: 'submitted' });
  });

  it('counts attempts against the limit', async () => {
    const a = learners[0]!.agent;
    const used = (await a.get('/api/learning/exams')).json<{ items: { used: number; maxAttempts: number }[] }>().items[0]!;
    // The autosave and submission above used one attempt (a second start resumed it).
    expect(used).toMatchObject({ used: 1, maxAttempts: 3 });
    for (const n of [2, 3]) {
      const next = (await a.post(`/api/learning/exams/${exam}/attempts`)).json<{ id: string; resumed: boolean }>();
      expect(next.resumed).toBe(false);
      await a.post(`/api/learning/attempts/${next.id}/submit`, { token: crypto.randomUUID() });
      expect((await a.get('/api/learning/exams')).json<{ items: { used: number }[] }>().items[0]!.used).toBe(n);
    }
    const refused = await a.post(`/api/learning/exams/${exam}/attempts`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ error: 'no_attempts' });
  });
});

describe('the deadline is the server’s', () => {
  let exam: string;
  let q1: string;

  beforeAll(async () => {
    q1 = await apiQuestion(org, single('限时题', 'B'));
    exam = await apiExam(org, examBody(branchA.id, time.advance(0), { items: [{ questionId: q1, points: 10 }], timeLimitMinutes: 10, passScore: 10 }));
  });

  it('refuses answers after the deadline and grace, and closes a sheet left open with its autosaved answers', async () => {
    const a = learners[2]!.agent;
    const id = (await a.post(`/api/learning/exams/${exam}/attempts`)).json<{ id: string }>().id;
    expect((await a.put(`/api/learning/attempts/${id}/answers`, { rev: 1, answers: { 1: 'B' } })).statusCode).toBe(200);
    time.advance(10 * 60_000 + 25_000);
    // Inside the grace: still saved.
    expect((await a.put(`/api/learning/attempts/${id}/answers`, { rev: 2, answers: { 1: 'B' } })).statusCode).toBe(200);
    time.advance(10_000);
    const late = await a.put(`/api/learning/attempts/${id}/answers`, { rev: 3, answers: { 1: 'A' } });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ error: 'deadline_passed' });
    expect(await closeDueAttempts(t.database.db, time.advance(0))).toBe(1);
    expect(await closeDueAttempts(t.database.db, time.advance(0))).toBe(0);
    expect(await gradings(id)).toEqual([{ grade_no: 1, reason: 'deadline', score: 10 }]);
    const view = (await a.get(`/api/learning/attempts/${id}`)).json<{ state: string; submittedBy: string; result: { score: number; passed: boolean } }>();
    expect(view).toMatchObject({ state: 'graded', submittedBy: 'deadline', result: { score: 10, passed: true } });
    const audit = await actions('exam.auto_submit');
    expect(audit.map((x) => x.object_id)).toContain(id);
  });

  it('grades a late submission with the autosaved answers only, and a read closes an overdue sheet at once', async () => {
    const a = learners[3]!.agent;
    const id = (await a.post(`/api/learning/exams/${exam}/attempts`)).json<{ id: string }>().id;
    await a.put(`/api/learning/attempts/${id}/answers`, { rev: 1, answers: { 1: 'A' } });
    time.advance(11 * 60_000);
    const res = await a.post(`/api/learning/attempts/${id}/submit`, { token: '2d1c6f0e-2a53-4f4e-9a57-0c3b8f7b1e14', rev: 2, answers: { 1: 'B' } });
    expect(res.json()).toMatchObject({ lateAnswersRefused: true, submittedBy: 'deadline', answers: { 1: 'A' }, result: { score: 0 } });
    expect(await gradings(id)).toHaveLength(1);

    const b = learners[1]!.agent;
    const id2 = (await b.post(`/api/learning/exams/${exam}/attempts`)).json<{ id: string }>().id;
    time.advance(11 * 60_000);
    expect((await b.get(`/api/learning/attempts/${id2}`)).json()).toMatchObject({ state: 'graded', submittedBy: 'deadline' });
    await closeDueAttempts(t.database.db, time.advance(0));
    expect(await gradings(id2)).toEqual([{ grade_no: 1, reason: 'deadline', score: 0 }]);
  });

  it('closes an overdue sheet once when its late submissions, a read and the deadline job race', async () => {
    const a = learners[0]!.agent;
    const id = (await a.post(`/api/learning/exams/${exam}/attempts`)).json<{ id: string }>().id;
    await a.put(`/api/learning/attempts/${id}/answers`, { rev: 1, answers: { 1: 'B' } });
    time.advance(11 * 60_000);
    const [s1, s2, r, job] = await Promise.all([
      a.post(`/api/learning/attempts/${id}/submit`, { token: crypto.randomUUID(), answers: { 1: 'A' } }),
      a.post(`/api/learning/attempts/${id}/submit`, { token: crypto.randomUUID(), answers: { 1: 'A' } }),
      a.get(`/api/learning/attempts/${id}`),
      closeDueAttempts(t.database.db, time.advance(0)),
    ]);
    for (const res of [s1, s2, r]) expect(res.json()).toMatchObject({ state: 'graded', submittedBy: 'deadline', answers: { 1: 'B' }, result: { score: 10 } });
    expect(job).toBeLessThanOrEqual(1);
    expect(await gradings(id)).toEqual([{ grade_no: 1, reason: 'deadline', score: 10 }]);
    expect((await actions('exam.')).filter((x) => x.object_id === id).map((x) => x.action)).toEqual(['exam.attempt_start', 'exam.auto_submit']);
  });
});

describe('what a taker sees afterwards', () => {
  it('score only, score and answers, or nothing until the exam closes', async () => {
    const q = await apiQuestion(org, { ...single('公布方式题', 'C'), explanation: '见党章。' });
    const now = time.advance(0);
    const a = learners[2]!.agent;
    const results: Record<string, { result: unknown; items: { solution: unknown }[] }> = {};
    for (const reveal of ['score', 'answers', 'after_close']) {
      const exam = await apiExam(org, examBody(branchA.id, now, { items: [{ questionId: q, points: 5 }], reveal, closesAt: new Date(now.getTime() + 3_600_000).toISOString() }));
      const id = (await a.post(`/api/learning/exams/${exam}/attempts`)).json<{ id: string }>().id;
      results[reveal] = (await a.post(`/api/learning/attempts/${id}/submit`, { token: crypto.randomUUID(), answers: { 1: 'C' } })).json();
      results[`${reveal}:id`] = { result: id, items: [] };
    }
    expect(results.score).toMatchObject({ result: { score: 5 }, items: [{ solution: null }] });
    expect(results.answers).toMatchObject({ result: { score: 5 }, items: [{ solution: { correct: ['C'], explanation: '见党章。' } }] });
    expect(results.after_close).toMatchObject({ result: null, items: [{ solution: null }] });
    time.advance(3_700_000);
    const closed = (await a.get(`/api/learning/attempts/${String(results['after_close:id']!.result)}`)).json();
    expect(closed).toMatchObject({ result: { score: 5 }, items: [{ solution: { correct: ['C'] } }] });
  });
});

describe('manual grading of short answers and regrading after a correction', () => {
  let exam: string;
  let wrongKey: string;
  let shortQ: string;

  beforeAll(async () => {
    // The key of this question is wrong: 乙 (B) is right, the bank says 甲 (A).
    wrongKey = await apiQuestion(org, single('党支部委员会由党员大会选举产生，每届任期（ ）年。', 'A'));
    shortQ = await apiQuestion(org, { categoryId: cat, kind: 'short', difficulty: 2, stem: '简述“三会一课”。', reference: '支部党员大会、支部委员会会议、党小组会，按时上好党课。' });
    exam = await apiExam(org, examBody(branchA.id, time.advance(0), { items: [{ questionId: wrongKey, points: 10 }, { questionId: shortQ, points: 10 }], shuffleQuestions: false, passScore: 15, reveal: 'answers' }));
  });

  it('waits for a grader, who sees the sheet without the taker’s name, and each grading is a new record', async () => {
    const a = learners[0]!.agent;
    const id = (await a.post(`/api/learning/exams/${exam}/attempts`)).json<{ id: string }>().id;
    const sub = (await a.post(`/api/learning/attempts/${id}/submit`, { token: crypto.randomUUID(), answers: { 1: 'B', 2: '支部党员大会、支委会、党小组会和党课。' } })).json();
    expect(sub).toMatchObject({ state: 'submitted', result: { score: 0, pendingManual: 1, passed: null } });
    const list = await org.get(`/api/grading?examId=${exam}`);
    expect(list.json()).toMatchObject({ total: 1, items: [{ id, pending: 1 }] });
    expect(list.body).not.toContain('学员0');
    const sheet = (await org.get(`/api/grading/${id}`)).json<{ items: { position: number; answer: string; reference: string; score: number | null }[] }>();
    expect(sheet.items).toEqual([expect.objectContaining({ position: 2, answer: '支部党员大会、支委会、党小组会和党课。', score: null })]);
    expect((await org.post(`/api/grading/${id}`, { items: [{ position: 1, score: 10 }] })).json()).toMatchObject({ field: 'items' });
    expect((await org.post(`/api/grading/${id}`, { items: [{ position: 2, score: 11 }] })).json()).toMatchObject({ field: 'score' });
    expect((await org.post(`/api/grading/${id}`, { items: [{ position: 2, score: 8, comment: '要点齐全' }] })).json()).toEqual({ gradeNo: 2, score: 8, pending: 0 });
    expect((await learners[1]!.agent.post(`/api/grading/${id}`, { items: [{ position: 2, score: 10 }] })).statusCode).toBe(403);
    expect(await gradings(id)).toEqual([{ grade_no: 1, reason: 'submit', score: 0 }, { grade_no: 2, reason: 'manual', score: 8 }]);
    expect((await a.get(`/api/learning/attempts/${id}`)).json()).toMatchObject({ state: 'graded', result: { score: 8, passed: false }, items: [{}, { grade: { score: 8, comment: '要点齐全' } }] });
  });

  it('regrades affected sheets onto the corrected version, keeping the grader’s scores and the history', async () => {
    const b = learners[1]!.agent;
    const id2 = (await b.post(`/api/learning/exams/${exam}/attempts`)).json<{ id: string }>().id;
    await b.post(`/api/learning/attempts/${id2}/submit`, { token: crypto.randomUUID(), answers: { 1: 'A', 2: '' } });
    const corrected = await org.put(`/api/exams/questions/${wrongKey}`, { ...single('党支部委员会由党员大会选举产生，每届任期（ ）年。', 'B'), change: 'correct', note: '正确答案应为乙（三年）' });
    expect(corrected.json()).toEqual({ version: 2 });
    const q = (await org.get(`/api/exams/questions/${wrongKey}`)).json<{ staleExams: { id: string; attempts: number }[] }>();
    expect(q.staleExams).toEqual([expect.objectContaining({ id: exam, attempts: 2 })]);
    const reg = await org.post(`/api/exams/${exam}/regrade`, { questionId: wrongKey });
    expect(reg.json()).toEqual({ attempts: 2, regraded: 2, changed: 2 });
    const first = (await learners[0]!.agent.get('/api/learning/exams')).json<{ items: { id: string; best: { score: number; passed: boolean } }[] }>().items.find((e) => e.id === exam)!;
    expect(first.best).toMatchObject({ score: 18, passed: true });
    const ids = await asOwner(t.database, (tx) => tx.selectFrom('exam_attempts').select(['id', 'person_id']).where('exam_id', '=', exam).execute());
    const mine = ids.find((x) => x.person_id === learners[0]!.personId)!.id;
    expect(await gradings(mine)).toEqual([{ grade_no: 1, reason: 'submit', score: 0 }, { grade_no: 2, reason: 'manual', score: 8 }, { grade_no: 3, reason: 'regrade', score: 18 }]);
    expect(await gradings(id2)).toEqual([{ grade_no: 1, reason: 'submit', score: 10 }, { grade_no: 2, reason: 'regrade', score: 0 }]);
    const audit = (await actions('exam.regrade')).filter((x) => x.object_id === exam);
    expect(audit).toHaveLength(1);
    const detail = (await org.get(`/api/exams/${exam}`)).json<{ items: { stale: boolean; version: number }[] }>();
    expect(detail.items[0]).toMatchObject({ stale: false, version: 2 });
    expect((await org.post(`/api/exams/${exam}/regrade`, { questionId: wrongKey })).statusCode).toBe(409);
    // Passing earned the exam's points once.
    const points = await asOwner(t.database, (tx) => tx.selectFrom('learning_points').select(['rule', 'points']).where('person_id', '=', learners[0]!.personId).where('source_id', '=', exam).execute());
    expect(points).toEqual([{ rule: 'exam_passed', points: 5 }]);
  });

  it('locks what decides a score once someone has started, but lets the title and close date change', async () => {
    const d = (await org.get(`/api/exams/${exam}`)).json<Record<string, unknown>>();
    const body = examBody(branchA.id, time.advance(0), {
      items: [{ questionId: wrongKey, points: 10 }, { questionId: shortQ, points: 10 }], shuffleQuestions: false, passScore: 15, reveal: 'answers',
      opensAt: d.opensAt, closesAt: new Date(time.advance(0).getTime() + 7 * 86_400_000).toISOString(), title: '改过标题',
    });
    const ok = await org.put(`/api/exams/${exam}`, body);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ title: '改过标题', abilities: { editPaper: false } });
    const locked = await org.put(`/api/exams/${exam}`, { ...body, passScore: 5 });
    expect(locked.statusCode).toBe(409);
    expect(locked.json()).toMatchObject({ field: 'passScore' });
  });

  it('shows results: aggregates to the organiser, names only to roles that may see those people', async () => {
    const r = (await org.get(`/api/exams/${exam}/results`)).json<{ takers: number; passed: number; people: unknown; items: unknown[]; audienceSize: number }>();
    expect(r).toMatchObject({ takers: 2, passed: 1, people: null, audienceSize: 4 });
    expect(r.items).toHaveLength(2);
    const both = await loginActive(t.app, await makeUser(t, tenant.tenantId, { role: ['propaganda_member', 'branch_secretary'], orgUnitId: branchA.id }));
    const named = (await both.get(`/api/exams/${exam}/results`)).json<{ people: { name: string; bestScore: number }[] }>();
    expect(named.people?.map((p) => p.name).sort()).toEqual(['学员0', '学员1']);
  });
});

describe('scope and tenancy', () => {
  it('keeps managers to their scope and other tenants out (404, nothing written)', async () => {
    const q = await apiQuestion(org, single('范围题'));
    const exam = await apiExam(org, examBody(root.id, time.advance(0), { items: [{ questionId: q, points: 1 }] }));
    const secretary = await loginActive(t.app, await makeUser(t, tenant.tenantId, { role: 'branch_secretary', orgUnitId: branchA.id }));
    expect((await secretary.get('/api/exams')).statusCode).toBe(403);
    const branchOrg = await loginActive(t.app, await makeUser(t, tenant.tenantId, { role: 'propaganda_member', orgUnitId: branchB.id }));
    expect((await branchOrg.get(`/api/exams/${exam}`)).statusCode).toBe(404);
    expect((await branchOrg.post('/api/exams', examBody(branchB.id, time.advance(0), { items: [{ questionId: q, points: 1 }], audience: { unitIds: [branchA.id], personIds: [] } }))).json()).toMatchObject({ field: 'unitIds' });
    expect((await learners[0]!.agent.get('/api/exams/questions')).statusCode).toBe(403);

    const other = await makeTenant(t);
    const otherRoot = await makeUnit(t, other.tenantId);
    const foreign = await loginActive(t.app, await makeUser(t, other.tenantId, { role: 'propaganda_member', orgUnitId: otherRoot.id }));
    const foreignLearner = await makeLearner(t, other.tenantId, otherRoot.id);
    const before = await rowCounts(t.database, WRITE_TABLES);
    const cases = [
      await foreign.get(`/api/exams/${exam}`),
      await foreign.put(`/api/exams/questions/${q}`, { ...single('改'), categoryId: cat, change: 'edit' }),
      await foreign.post(`/api/exams/${exam}/publish`),
      await foreign.post(`/api/exams/questions/${q}/archive`),
      await foreignLearner.agent.post(`/api/learning/exams/${exam}/attempts`),
    ];
    for (const res of cases) expect(res.statusCode, res.body).toBe(404);
    expect(await rowCounts(t.database, WRITE_TABLES)).toEqual(before);
  });
});
