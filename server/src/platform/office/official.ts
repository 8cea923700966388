/**
 * A document in the layout of Chinese official documents (公文, GB/T 9704-2012; RULES.md §6), written to .docx
 * (./docx.ts) and PDF (./pdf.ts) from the same model. The numbers of the standard live here once:
 * A4; top margin 37 mm, binding (left) margin 28 mm, text block 156 × 225 mm (so right 26 mm, bottom 35 mm);
 * body 3号 (16 pt) 仿宋, 22 lines of 28 characters; title 2号 (22 pt) 小标宋; headings 一、 黑体 and （一） 楷体;
 * page numbers 4号 (14 pt) as "— 1 —", right on odd pages and left on even pages.
 */

export type DocBlock =
  /** 一、… (黑体). */
  | { kind: 'heading1'; text: string }
  /** （一）… (楷体). */
  | { kind: 'heading2'; text: string }
  /** Body text (仿宋), first line indented two characters unless `indent` is false. */
  | { kind: 'paragraph'; text: string; indent?: boolean }
  /** A labelled line, e.g. 时间：2026年3月20日 14:30. */
  | { kind: 'field'; label: string; text: string }
  /** A table (smaller type), widths in relative units. */
  | { kind: 'table'; columns: { header: string; width: number }[]; rows: string[][] }
  /** Right-aligned lines at the end (signature, date). */
  | { kind: 'signature'; lines: string[] };

export interface OfficialDocument {
  /** The title (2号小标宋, centred). */
  title: string;
  /** 发文字号, e.g. 〔2026〕15号, centred under the title when given. */
  docNumber?: string;
  blocks: DocBlock[];
  /** Document properties (author). */
  author?: string;
}

const MM_PER_PT = 25.4 / 72;
export const mm = (v: number): number => v / MM_PER_PT;

/** GB/T 9704-2012 (RULES.md §6), in millimetres and points. */
export const GBT9704 = {
  pageWidthMm: 210,
  pageHeightMm: 297,
  topMm: 37,
  leftMm: 28,
  textWidthMm: 156,
  textHeightMm: 225,
  get rightMm(): number { return this.pageWidthMm - this.leftMm - this.textWidthMm; },
  get bottomMm(): number { return this.pageHeightMm - this.topMm - this.textHeightMm; },
  bodyPt: 16,
  titlePt: 22,
  pageNumberPt: 14,
  tablePt: 10.5,
  linesPerPage: 22,
  charsPerLine: 28,
  /** The line pitch that puts 22 lines in 225 mm. */
  get linePitchPt(): number { return mm(this.textHeightMm) / this.linesPerPage; },
  /** The character pitch that puts 28 characters in 156 mm. */
  get charPitchPt(): number { return mm(this.textWidthMm) / this.charsPerLine; },
} as const;

/** "— 3 —" as the standard writes page numbers. */
export function pageNumberText(n: number): string {
  return `— ${n} —`;
}

/** Odd pages carry the number on the right, even pages on the left (RULES.md §6). */
export function pageNumberSide(n: number): 'right' | 'left' {
  return n % 2 === 1 ? 'right' : 'left';
}

/** 一、二、… for headings of the first level (up to 99). */
export function chineseOrdinal(n: number): string {
  const digits = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
  if (n < 10) return digits[n] as string;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : digits[tens]}十${ones === 0 ? '' : digits[ones]}`;
}

export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const PDF_CONTENT_TYPE = 'application/pdf';

/** Content-Disposition for a download with an ASCII fallback and the Chinese name. */
export function attachment(ascii: string, zh: string, ext: 'docx' | 'pdf' | 'xlsx'): string {
  return `attachment; filename="${ascii}.${ext}"; filename*=UTF-8''${encodeURIComponent(zh)}.${ext}`;
}
