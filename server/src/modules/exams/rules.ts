/**
 * Pure rules of the question bank and exams: what a valid question is, how an answer is normalised and graded, how a
 * random paper is drawn and shuffled from a seed (so an attempt can be drawn again identically), the server's deadline,
 * and what a taker may see afterwards. No I/O and no clock: times come in as arguments.
 */
import { createHash } from 'node:crypto';
import type { Msg } from '../../platform/http/errors.js';

export type QuestionKind = 'single' | 'multiple' | 'true_false' | 'fill' | 'short';
export const QUESTION_KINDS: readonly QuestionKind[] = ['single', 'multiple', 'true_false', 'fill', 'short'];
export type Difficulty = 1 | 2 | 3;
export type Reveal = 'score' | 'answers' | 'after_close';

export const KIND_NAMES: Record<QuestionKind, Msg> = {
  single: { zh: '单选题', en: 'Single choice' },
  multiple: { zh: '多选题', en: 'Multiple choice' },
  true_false: { zh: '判断题', en: 'True or false' },
  fill: { zh: '填空题', en: 'Fill in the blanks' },
  short: { zh: '简答题', en: 'Short answer' },
};
export const DIFFICULTY_NAMES: Record<Difficulty, Msg> = { 1: { zh: '易', en: 'Easy' }, 2: { zh: '中', en: 'Medium' }, 3: { zh: '难', en: 'Hard' } };

export interface QuestionOption { key: string; text: string }

/** The stored answer key of a version (question_versions.answer), by kind. */
export type AnswerKey =
  | { correct: string }
  | { correct: string[] }
  | { correct: boolean }
  | { blanks: string[][] }
  | { reference: string };

/** What a taker sends for one item, by kind: a key, keys, true/false, one text per blank, a text. */
export type Response = string | string[] | boolean;

export const OPTION_KEYS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'] as const;
export const MAX_OPTIONS = OPTION_KEYS.length;
export const MAX_BLANKS = 10;
/** Answers after the deadline are accepted for this long (a slow network, the last autosave in flight). */
export const SUBMIT_GRACE_SECONDS = 30;

// ---------------------------------------------------------------- questions

/** A blank in a fill-in stem: a run of two or more underscores, or empty brackets （ ） / ( ). */
const BLANK = /_{2,}|（[\s\u3000]*）|\([\s\u3000]*\)/g;

export function blankCount(stem: string): number {
  return stem.match(BLANK)?.length ?? 0;
}

/** The stem cut at its blanks, for the taker's screen: n blanks give n + 1 text pieces. */
export function stemPieces(stem: string): string[] {
  return stem.split(BLANK);
}

export interface QuestionInput {
  kind: QuestionKind;
  stem: string;
  options?: string[] | undefined;
  /** Option keys for single / multiple choice. */
  correct?: string[] | undefined;
  truth?: boolean | undefined;
  /** Accepted texts of each blank, in order. */
  blanks?: string[][] | undefined;
  reference?: string | undefined;
}

export interface FieldProblem { field: string; message: Msg }

/** A question's content as stored (options with keys, the answer key), or the first problem with it. */
export function checkQuestion(input: QuestionInput): { ok: true; options: QuestionOption[]; answer: AnswerKey } | { ok: false; problem: FieldProblem } {
  const fail = (field: string, zh: string, en: string) => ({ ok: false as const, problem: { field, message: { zh, en } } });
  const stem = input.stem.trim();
  if (!stem) return fail('stem', '请填写题干', 'Write the question');
  if (input.kind === 'single' || input.kind === 'multiple') {
    const texts = (input.options ?? []).map((o) => o.trim());
    if (texts.length < 2) return fail('options', '选择题至少要有 2 个选项', 'A choice question needs at least 2 options');
    if (texts.length > MAX_OPTIONS) return fail('options', `选项最多 ${MAX_OPTIONS} 个`, `At most ${MAX_OPTIONS} options`);
    if (texts.some((t) => t === '')) return fail('options', '选项内容不能为空', 'An option is empty');
    if (new Set(texts).size !== texts.length) return fail('options', '有重复的选项', 'Two options are the same');
    const options = texts.map((text, i) => ({ key: OPTION_KEYS[i]!, text }));
    const keys = new Set<string>(options.map((o) => o.key));
    const correct = [...new Set((input.correct ?? []).map((k) => k.trim().toUpperCase()))].sort();
    if (correct.some((k) => !keys.has(k))) return fail('correct', '正确答案须是已有选项的字母', 'The correct answer must be the letter of an option');
    if (input.kind === 'single') {
      if (correct.length !== 1) return fail('correct', '单选题须有且只有 1 个正确答案', 'A single-choice question has exactly one correct option');
      return { ok: true, options, answer: { correct: correct[0]! } };
    }
    if (correct.length < 2) return fail('correct', '多选题至少要有 2 个正确答案', 'A multiple-choice question has at least two correct options');
    return { ok: true, options, answer: { correct } };
  }
  if (input.kind === 'true_false') {
    if (typeof input.truth !== 'boolean') return fail('truth', '请选择判断题的答案（正确或错误）', 'Choose whether the statement is true or false');
    return { ok: true, options: [], answer: { correct: input.truth } };
  }
  if (input.kind === 'fill') {
    const n = blankCount(stem);
    if (n === 0) return fail('stem', '填空题的题干中请用 ____ 或（ ）标出要填的空', 'Mark each blank in the question with ____ or ( )');
    if (n > MAX_BLANKS) return fail('stem', `填空最多 ${MAX_BLANKS} 个`, `At most ${MAX_BLANKS} blanks`);
    const blanks = (input.blanks ?? []).map((alts) => [...new Set(alts.map((a) => a.trim()).filter((a) => a !== ''))]);
    if (blanks.length !== n) return fail('blanks', `题干有 ${n} 个空，请为每个空填写答案（现有 ${blanks.length} 个）`, `The question has ${n} blanks; give an answer for each (${blanks.length} given)`);
    if (blanks.some((b) => b.length === 0)) return fail('blanks', '每个空至少要有一个可接受的答案', 'Each blank needs at least one accepted answer');
    return { ok: true, options: [], answer: { blanks } };
  }
  const reference = (input.reference ?? '').trim();
  if (!reference) return fail('reference', '请填写简答题的参考答案（供阅卷参考）', 'Write a reference answer for the graders');
  return { ok: true, options: [], answer: { reference } };
}

// ---------------------------------------------------------------- answers

/** Punctuation ignored at either end of a fill-in answer (a stray full stop is not a wrong answer). */
const EDGE_PUNCTUATION = /^[\s。．.，,、；;：:！!？?"“”'‘’]+|[\s。．.，,、；;：:！!？?"“”'‘’]+$/g;

/**
 * A fill-in answer as compared: full-width letters, digits and spaces folded to half-width (NFKC), spaces removed,
 * Latin letters in lower case, punctuation at either end dropped. "十九大" and " 十九大。" are the same answer;
 * "ＣＰＣ" and "cpc" too.
 */
export function normalizeFill(text: string): string {
  return text.normalize('NFKC').replace(EDGE_PUNCTUATION, '').replace(/[\s\u3000]+/g, '').toLowerCase();
}

/** Whether `r` has the shape a response to `kind` needs (the service refuses anything else with a 400). */
export function responseFits(kind: QuestionKind, r: unknown, blanks: number, optionKeys: readonly string[]): boolean {
  switch (kind) {
    case 'single':
      return typeof r === 'string' && optionKeys.includes(r);
    case 'multiple':
      return Array.isArray(r) && r.length <= optionKeys.length && r.every((k) => typeof k === 'string' && optionKeys.includes(k)) && new Set(r).size === r.length;
    case 'true_false':
      return typeof r === 'boolean';
    case 'fill':
      return Array.isArray(r) && r.length <= blanks && r.every((s) => typeof s === 'string' && s.length <= 200);
    case 'short':
      return typeof r === 'string' && r.length <= 5000;
  }
}

export interface ItemGrade {
  score: number;
  /** null: waits for a grader (short answers). */
  correct: boolean | null;
  by: 'auto' | 'grader';
  comment?: string;
}

/**
 * Grades one answer against its version's key. Choice and true/false: all or nothing (multiple choice may give half
 * the points, rounded down, for some right options and no wrong one). Fill-in: each blank against its accepted answers
 * after normalisation; the points are shared by the blanks (rounded down); correct only when every blank is. Short
 * answers wait for a grader; an empty one is 0 at once.
 */
export function gradeItem(kind: QuestionKind, key: AnswerKey, response: unknown, points: number, opts: { multiplePartial: boolean }): ItemGrade {
  const none = response === undefined || response === null || response === '' || (Array.isArray(response) && response.length === 0);
  switch (kind) {
    case 'single': {
      const ok = !none && response === (key as { correct: string }).correct;
      return { score: ok ? points : 0, correct: ok, by: 'auto' };
    }
    case 'multiple': {
      const correct = new Set((key as { correct: string[] }).correct);
      const given = Array.isArray(response) ? new Set(response as string[]) : new Set<string>();
      const wrong = [...given].some((k) => !correct.has(k));
      const right = [...given].filter((k) => correct.has(k)).length;
      if (!wrong && right === correct.size && given.size === correct.size) return { score: points, correct: true, by: 'auto' };
      const partial = opts.multiplePartial && !wrong && right > 0 ? Math.floor(points / 2) : 0;
      return { score: partial, correct: false, by: 'auto' };
    }
    case 'true_false': {
      const ok = typeof response === 'boolean' && response === (key as { correct: boolean }).correct;
      return { score: ok ? points : 0, correct: ok, by: 'auto' };
    }
    case 'fill': {
      const blanks = (key as { blanks: string[][] }).blanks;
      const given = Array.isArray(response) ? (response as unknown[]) : [];
      const right = blanks.filter((accepted, i) => {
        const g = given[i];
        if (typeof g !== 'string') return false;
        const n = normalizeFill(g);
        return n !== '' && accepted.some((a) => normalizeFill(a) === n);
      }).length;
      if (right === blanks.length) return { score: points, correct: true, by: 'auto' };
      return { score: Math.floor((points * right) / blanks.length), correct: false, by: 'auto' };
    }
    case 'short':
      return none ? { score: 0, correct: false, by: 'auto' } : { score: 0, correct: null, by: 'auto' };
  }
}

export interface PaperItem {
  /** question id */
  q: string;
  /** question version id */
  v: string;
  points: number;
  /** Option keys in the order shown (choice questions); [] otherwise. */
  options: string[];
}

export interface GradedPaper { score: number; maxScore: number; pendingManual: number; items: Record<string, ItemGrade> }

/**
 * Grades a whole paper. `previous` keeps what graders decided: a short answer scored by a person keeps its score
 * through a regrade (the grader read the text; a changed reference answer does not change what was written).
 */
export function gradePaper(
  paper: readonly PaperItem[],
  versions: ReadonlyMap<string, { kind: QuestionKind; answer: AnswerKey }>,
  answers: Record<string, unknown>,
  opts: { multiplePartial: boolean },
  previous: Record<string, ItemGrade> = {},
): GradedPaper {
  const items: Record<string, ItemGrade> = {};
  let score = 0;
  let maxScore = 0;
  let pendingManual = 0;
  paper.forEach((item, i) => {
    const pos = String(i + 1);
    const v = versions.get(item.v);
    if (!v) throw new Error(`question version ${item.v} of the paper is missing`);
    const before = previous[pos];
    const g = before?.by === 'grader' && v.kind === 'short' ? before : gradeItem(v.kind, v.answer, answers[pos], item.points, opts);
    items[pos] = g;
    score += g.score;
    maxScore += item.points;
    if (g.correct === null) pendingManual++;
  });
  return { score, maxScore, pendingManual, items };
}

export function passed(score: number, passScore: number): boolean {
  return score >= passScore;
}

// ---------------------------------------------------------------- drawing and shuffling

/** A deterministic generator (sfc32) from a seed string: the same seed draws the same paper. */
export function seededRandom(seed: string): () => number {
  const h = createHash('sha256').update(seed).digest();
  let a = h.readUInt32LE(0);
  let b = h.readUInt32LE(4);
  let c = h.readUInt32LE(8);
  let d = h.readUInt32LE(12);
  return () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    const r = (t + d) | 0;
    c = (c + r) | 0;
    return (r >>> 0) / 4294967296;
  };
}

/** Fisher–Yates with the given generator; returns a new array. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export interface DrawRule { categoryId: string; difficulty: Difficulty; count: number; points: number }
export interface Candidate { questionId: string; versionId: string; kind: QuestionKind; optionKeys: string[] }

export const ruleKey = (r: Pick<DrawRule, 'categoryId' | 'difficulty'>) => `${r.categoryId}:${r.difficulty}`;

/** Rules naming the same category and difficulty twice, or asking for more questions than the bank has. */
export function checkRules(rules: readonly DrawRule[], available: ReadonlyMap<string, number>): FieldProblem | null {
  if (rules.length === 0) return { field: 'rules', message: { zh: '请至少设置一条抽题规则', en: 'Add at least one drawing rule' } };
  const seen = new Set<string>();
  for (const r of rules) {
    const k = ruleKey(r);
    if (seen.has(k)) return { field: 'rules', message: { zh: '同一分类和难度的抽题规则重复了', en: 'Two rules name the same category and difficulty' } };
    seen.add(k);
    const n = available.get(k) ?? 0;
    if (r.count > n) return { field: 'rules', message: { zh: `题库中该分类该难度只有 ${n} 道题，不够抽 ${r.count} 道`, en: `The bank has ${n} questions of that category and difficulty, fewer than the ${r.count} asked for` } };
  }
  return null;
}

/**
 * A paper for one attempt. Random mode draws `count` questions per rule from the candidates (each list sorted by
 * question id, so the draw depends on the seed alone); fixed mode takes the exam's items. Then, when the exam says
 * so, the question order and each choice question's option order are shuffled. Everything comes from `seed`.
 */
export function drawPaper(
  input: { mode: 'random'; rules: readonly DrawRule[]; candidates: ReadonlyMap<string, readonly Candidate[]> } | { mode: 'fixed'; items: readonly (Candidate & { points: number })[] },
  opts: { seed: string; shuffleQuestions: boolean; shuffleOptions: boolean },
): PaperItem[] {
  const random = seededRandom(opts.seed);
  let picked: (Candidate & { points: number })[];
  if (input.mode === 'random') {
    picked = [];
    for (const r of input.rules) {
      const pool = [...(input.candidates.get(ruleKey(r)) ?? [])].sort((a, b) => (a.questionId < b.questionId ? -1 : a.questionId > b.questionId ? 1 : 0));
      if (pool.length < r.count) throw new Error(`not enough questions for ${ruleKey(r)}`);
      picked.push(...shuffled(pool, random).slice(0, r.count).map((c) => ({ ...c, points: r.points })));
    }
  } else {
    picked = [...input.items];
  }
  const ordered = opts.shuffleQuestions ? shuffled(picked, random) : picked;
  return ordered.map((c) => ({
    q: c.questionId,
    v: c.versionId,
    points: c.points,
    options: (c.kind === 'single' || c.kind === 'multiple') && opts.shuffleOptions ? shuffled(c.optionKeys, random) : [...c.optionKeys],
  }));
}

// ---------------------------------------------------------------- time and visibility

/** The server's deadline of an attempt: start plus the time limit, never later than the exam's close. */
export function attemptDeadline(startedAt: Date, timeLimitMinutes: number, closesAt: Date): Date {
  return new Date(Math.min(startedAt.getTime() + timeLimitMinutes * 60_000, closesAt.getTime()));
}

/** Whether answers sent at `now` still count (the deadline plus the grace). */
export function acceptsAnswers(now: Date, deadlineAt: Date, graceSeconds = SUBMIT_GRACE_SECONDS): boolean {
  return now.getTime() <= deadlineAt.getTime() + graceSeconds * 1000;
}

export type ExamWindow = 'not_open' | 'open' | 'closed';

export function examWindow(now: Date, opensAt: Date, closesAt: Date): ExamWindow {
  if (now < opensAt) return 'not_open';
  if (now >= closesAt) return 'closed';
  return 'open';
}

/**
 * What a taker sees of a submitted attempt: 'score' — the score; 'answers' — the score, the correct answers and the
 * explanations; 'after_close' — nothing until the exam closes, then both. An open attempt shows neither.
 */
export function takerSees(reveal: Reveal, submitted: boolean, examClosed: boolean): { score: boolean; answers: boolean } {
  if (!submitted) return { score: false, answers: false };
  if (reveal === 'score') return { score: true, answers: false };
  if (reveal === 'answers') return { score: true, answers: true };
  return examClosed ? { score: true, answers: true } : { score: false, answers: false };
}

/** Why a person may not start an attempt now, or null. */
export function startRefusal(input: { state: string; window: ExamWindow; inAudience: boolean; used: number; maxAttempts: number }): { code: string; message: Msg } | null {
  if (input.state !== 'published' || !input.inAudience) return { code: 'not_found', message: { zh: '找不到该考试', en: 'Exam not found' } };
  if (input.window === 'not_open') return { code: 'not_open', message: { zh: '考试还没有开始', en: 'The exam has not opened yet' } };
  if (input.window === 'closed') return { code: 'closed', message: { zh: '考试已经结束', en: 'The exam has closed' } };
  if (input.used >= input.maxAttempts) return { code: 'no_attempts', message: { zh: `作答次数已用完（最多 ${input.maxAttempts} 次）`, en: `No attempts left (at most ${input.maxAttempts})` } };
  return null;
}
