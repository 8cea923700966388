/**
 * Excel import of questions with a row report, on the platform's workbook reader and writer (platform/office, as the
 * people import). A question bank is small (hundreds, a few thousand rows), so the file is checked and imported in the
 * request, in one transaction: rows with a problem write nothing and are reported by row, column and reason; a row
 * whose question is already in the bank (same category, kind and stem) is left unchanged, so a corrected file can be
 * imported again whole. `dryRun` checks without writing.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { auditAs } from '../../platform/audit/chain.js';
import type { Actor } from '../../platform/access/actor.js';
import { badField, type Msg } from '../../platform/http/errors.js';
import { txContext } from '../../platform/http/app.js';
import { readWorkbook, writeWorkbook, type ReadSheet } from '../../platform/office/xlsx.js';
import { insertQuestion, type QuestionBody } from './questions.js';
import { checkQuestion, OPTION_KEYS, type Difficulty, type QuestionKind } from './rules.js';
import { randomUUID } from 'node:crypto';

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 5000;

const KIND_BY_NAME: Record<string, QuestionKind> = { 单选题: 'single', 单选: 'single', 多选题: 'multiple', 多选: 'multiple', 判断题: 'true_false', 判断: 'true_false', 填空题: 'fill', 填空: 'fill', 简答题: 'short', 简答: 'short' };
const DIFFICULTY_BY_NAME: Record<string, Difficulty> = { 易: 1, 容易: 1, 简单: 1, 中: 2, 中等: 2, 一般: 2, 难: 3, 困难: 3, 较难: 3 };
const TRUE_WORDS = new Set(['正确', '对', '是', '√', 't', 'true', 'y', 'yes']);
const FALSE_WORDS = new Set(['错误', '错', '否', '×', 'x', 'f', 'false', 'n', 'no']);

export const QUESTION_COLUMNS = [
  { header: '分类', key: 'category', width: 14, help: '题目分类名称；没有的分类会自动建立', required: true },
  { header: '题型', key: 'kind', width: 10, help: '单选题、多选题、判断题、填空题、简答题', required: true, list: ['单选题', '多选题', '判断题', '填空题', '简答题'] },
  { header: '难度', key: 'difficulty', width: 8, help: '易、中、难', required: true, list: ['易', '中', '难'] },
  { header: '题干', key: 'stem', width: 50, help: '题目内容；填空题用 ____（两个以上下划线）或（ ）标出每个空', required: true },
  ...OPTION_KEYS.map((k, i) => ({ header: `选项${k}`, key: `option${k}`, width: 18, help: i < 2 ? '选择题的选项，至少 A、B 两项' : '选择题的选项（可空）', required: false })),
  { header: '答案', key: 'answer', width: 24, help: '单选：A；多选：ACD；判断：正确 或 错误；填空：各空之间用分号隔开，同一空的多个可接受答案用 / 隔开；简答：参考答案', required: true },
  { header: '解析', key: 'explanation', width: 30, help: '答案解析（可空），交卷后按考试设置向考生显示', required: false },
] as const;

type ColumnKey = (typeof QUESTION_COLUMNS)[number]['key'];

export function questionTemplate(): Promise<Buffer> {
  return writeWorkbook([
    {
      name: '试题',
      columns: QUESTION_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width, ...('list' in c ? { list: c.list } : {}) })),
      rows: [
        { category: '党章', kind: '单选题', difficulty: '易', stem: '党的最高领导机关是（ ）。', optionA: '党的全国代表大会和它所产生的中央委员会', optionB: '中央政治局', optionC: '中央纪律检查委员会', optionD: '中央书记处', answer: 'A', explanation: '《中国共产党章程》第十条。' },
        { category: '党章', kind: '填空题', difficulty: '中', stem: '预备党员的预备期为____年。', answer: '一/1', explanation: '' },
      ],
      validationRows: 2000,
    },
    {
      name: '填写说明',
      columns: [{ header: '列', key: 'header', width: 12 }, { header: '是否必填', key: 'required', width: 10 }, { header: '填写要求', key: 'help', width: 90 }],
      rows: [
        ...QUESTION_COLUMNS.map((c) => ({ header: c.header, required: c.required ? '必填' : '选填', help: c.help })),
        { header: '说明', required: '', help: '第2、3行是示例，导入前请删除或改写。有错误的行不会导入，导入报告会列出行号、列和原因；题库中已有的同一道题（同分类、同题型、同题干）不会重复导入。' },
      ],
    },
  ]);
}

export interface ImportLine { rowNumber: number; column: string; message: Msg; stem: string }

interface ParsedRow { rowNumber: number; categoryName: string; body: Omit<QuestionBody, 'categoryId'> }

function columnIndex(sheet: ReadSheet): Map<ColumnKey, number> {
  const out = new Map<ColumnKey, number>();
  sheet.headers.forEach((h, i) => {
    const c = QUESTION_COLUMNS.find((x) => x.header === h.replace(/\s+/g, ''));
    if (c && !out.has(c.key)) out.set(c.key, i);
  });
  return out;
}

/** One row as a question body, or the problems with it (column and reason). */
export function parseQuestionRow(get: (k: ColumnKey) => string, rowNumber: number): ParsedRow | ImportLine[] {
  const stem = get('stem');
  const problems: ImportLine[] = [];
  const bad = (column: string, zh: string, en: string) => problems.push({ rowNumber, column, message: { zh, en }, stem });
  const categoryName = get('category');
  if (!categoryName) bad('分类', '请填写分类', 'The category is missing');
  else if (categoryName.length > 50) bad('分类', '分类名称不能超过 50 个字', 'The category name is longer than 50 characters');
  const kind = KIND_BY_NAME[get('kind')];
  if (!kind) bad('题型', '题型应为 单选题、多选题、判断题、填空题 或 简答题', 'The kind must be one of 单选题 多选题 判断题 填空题 简答题');
  const difficulty = DIFFICULTY_BY_NAME[get('difficulty')];
  if (!difficulty) bad('难度', '难度应为 易、中 或 难', 'The difficulty must be 易, 中 or 难');
  if (!stem) bad('题干', '请填写题干', 'The question is missing');
  else if (stem.length > 2000) bad('题干', '题干不能超过 2000 个字', 'The question is longer than 2000 characters');
  const answer = get('answer');
  if (!answer) bad('答案', '请填写答案', 'The answer is missing');
  if (problems.length || !kind || !difficulty) return problems;
  const options: string[] = [];
  if (kind === 'single' || kind === 'multiple') {
    const texts = OPTION_KEYS.map((k) => get(`option${k}` as ColumnKey));
    const last = texts.map((t) => t !== '').lastIndexOf(true);
    options.push(...texts.slice(0, last + 1));
  }
  const body: Omit<QuestionBody, 'categoryId'> = { kind, difficulty, stem, explanation: get('explanation') };
  if (kind === 'single' || kind === 'multiple') {
    body.options = options;
    body.correct = answer.toUpperCase().replace(/[\s,，、;；]/g, '').split('');
  } else if (kind === 'true_false') {
    const w = answer.toLowerCase();
    if (TRUE_WORDS.has(w)) body.truth = true;
    else if (FALSE_WORDS.has(w)) body.truth = false;
    else return [{ rowNumber, column: '答案', message: { zh: '判断题的答案应为 正确 或 错误', en: 'A true/false answer must be 正确 or 错误' }, stem }];
  } else if (kind === 'fill') {
    body.blanks = answer.split(/[;；]/).map((b) => b.split(/[/／|｜]/).map((a) => a.trim()));
  } else {
    body.reference = answer;
  }
  const checked = checkQuestion(body);
  if (!checked.ok) {
    const column = { stem: '题干', options: '选项A', correct: '答案', truth: '答案', blanks: '答案', reference: '答案' }[checked.problem.field] ?? '';
    return [{ rowNumber, column, message: checked.problem.message, stem }];
  }
  return { rowNumber, categoryName, body };
}

export async function importQuestions(db: Kysely<DB>, actor: Actor, file: { fileName: string; data: Buffer }, dryRun: boolean) {
  if (file.data.length === 0) throw badField('file', { zh: '文件是空的', en: 'The file is empty' });
  if (file.data.length < 4 || file.data.readUInt32LE(0) !== 0x04034b50) {
    throw badField('file', { zh: '文件不是 .xlsx 格式，请使用下载的导入模板', en: 'The file is not an .xlsx workbook; use the downloaded template' });
  }
  let sheet: ReadSheet;
  try {
    sheet = await readWorkbook(file.data);
  } catch {
    throw badField('file', { zh: '无法读取文件，文件可能已损坏或不是 Excel 工作簿', en: 'The file cannot be read; it may be damaged or not an Excel workbook' });
  }
  const cols = columnIndex(sheet);
  const missing = QUESTION_COLUMNS.filter((c) => c.required && !cols.has(c.key)).map((c) => c.header);
  if (missing.length) throw badField('file', { zh: `文件缺少这些列：${missing.join('、')}；请使用下载的导入模板`, en: `The file lacks the columns ${missing.join(', ')}; use the downloaded template` });
  if (sheet.rows.length > MAX_IMPORT_ROWS) throw badField('file', { zh: `一次最多导入 ${MAX_IMPORT_ROWS} 行`, en: `At most ${MAX_IMPORT_ROWS} rows at a time` });
  const lines: ImportLine[] = [];
  const parsed: ParsedRow[] = [];
  for (const r of sheet.rows) {
    const get = (k: ColumnKey) => {
      const i = cols.get(k);
      return i === undefined ? '' : (r.cells[i] ?? '').trim();
    };
    const p = parseQuestionRow(get, r.rowNumber);
    if (Array.isArray(p)) lines.push(...p);
    else parsed.push(p);
  }
  const ctx = txContext(actor);
  const sha256 = createHash('sha256').update(file.data).digest('hex');
  return withTenant(db, ctx, async (tx) => {
    const cats = await tx.selectFrom('question_categories').select(['id', 'name']).where('archived_at', 'is', null).execute();
    const catId = new Map(cats.map((c) => [c.name, c.id]));
    const existing = await tx.selectFrom('questions').select(['category_id', 'kind', 'stem']).where('archived_at', 'is', null).execute();
    const seen = new Set(existing.map((q) => `${q.category_id}\u0000${q.kind}\u0000${q.stem}`));
    let inserted = 0;
    let unchanged = 0;
    const newCategories: string[] = [];
    for (const p of parsed) {
      let id = catId.get(p.categoryName);
      if (!id) {
        id = randomUUID();
        catId.set(p.categoryName, id);
        newCategories.push(p.categoryName);
        if (!dryRun) await tx.insertInto('question_categories').values({ id, tenant_id: ctx.tenantId, name: p.categoryName, archived_at: null }).execute();
      }
      const key = `${id}\u0000${p.body.kind}\u0000${p.body.stem.trim()}`;
      if (seen.has(key)) {
        unchanged++;
        continue;
      }
      seen.add(key);
      if (!dryRun) await insertQuestion(tx, ctx, { ...p.body, categoryId: id }, 'imported');
      inserted++;
    }
    const failedRows = new Set(lines.map((l) => l.rowNumber)).size;
    if (!dryRun) {
      await auditAs(tx, ctx, { action: 'exam.question_import', objectType: 'question_import', objectId: sha256.slice(0, 16), detail: { fileName: file.fileName, sha256, rows: sheet.rows.length, inserted, unchanged, failed: failedRows, newCategories } });
    }
    return { dryRun, total: sheet.rows.length, inserted, unchanged, failed: failedRows, newCategories, lines: lines.sort((a, b) => a.rowNumber - b.rowNumber) };
  });
}
