import ExcelJS from 'exceljs';

/** A cell value we write: plain text, numbers, booleans, dates; null/undefined leave the cell empty. */
export type CellValue = string | number | boolean | Date | null | undefined;

export interface SheetColumn {
  header: string;
  key: string;
  /** Width in characters; defaults to the header's display width plus padding. */
  width?: number;
  /** Drop-down list for the column's data cells (template sheets); values must not contain commas. */
  list?: readonly string[];
  /** Force the column to text format, so ID numbers and phones are not turned into numbers by Excel. */
  text?: boolean;
}

export interface SheetSpec {
  name: string;
  columns: SheetColumn[];
  rows: Record<string, CellValue>[];
  /** How many data rows get drop-down validation (template sheets); defaults to rows.length. */
  validationRows?: number;
}

/** exceljs keeps sheet validations in a model keyed by address; its typings do not declare it. */
interface WithValidations {
  dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void };
}

const LISTS_SHEET = '_lists';

/**
 * One range-wide list rule (exceljs writes per-cell rules otherwise, which bloats big templates). Excel caps an inline
 * list at 255 characters (the 56 民族 exceed it), so long lists go to a hidden sheet and the rule points there.
 */
function addListValidation(wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet, range: string, list: readonly string[]): void {
  const inline = `"${list.join(',')}"`;
  let formula = inline;
  if (inline.length > 250) {
    const lists = wb.getWorksheet(LISTS_SHEET) ?? wb.addWorksheet(LISTS_SHEET, { state: 'hidden' });
    const col = lists.getColumn(lists.actualColumnCount + 1);
    list.forEach((v, i) => {
      lists.getCell(i + 1, col.number).value = v;
    });
    formula = `'${LISTS_SHEET}'!$${col.letter}$1:$${col.letter}$${list.length}`;
  }
  (ws as unknown as WithValidations).dataValidations.add(range, {
    type: 'list',
    allowBlank: true,
    formulae: [formula],
    showErrorMessage: true,
    errorStyle: 'error',
    error: '请从下拉列表中选择 / Choose from the list',
  });
}

/** Chinese characters take two columns in Excel's width unit. */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) > 0x2e80 ? 2 : 1;
  return w;
}

/** Excel sheet names: at most 31 chars, none of : \ / ? * [ ]. */
export function safeSheetName(name: string): string {
  return name.replace(/[:\\/?*[\]]/g, '_').slice(0, 31) || 'Sheet';
}

/**
 * Builds one .xlsx from plain sheets: a bold frozen header row, then one row per record by column key.
 * Shared by exports (people list, statistics, import reports) and the import template.
 */
export async function writeWorkbook(sheets: SheetSpec[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Zhenggong Cloud';
  wb.created = new Date();
  for (const spec of sheets) {
    const ws = wb.addWorksheet(safeSheetName(spec.name), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = spec.columns.map((c) => ({
      header: c.header,
      key: c.key,
      width: c.width ?? Math.min(60, Math.max(8, displayWidth(c.header) + 4)),
      ...(c.text ? { style: { numFmt: '@' } } : {}),
    }));
    ws.getRow(1).font = { bold: true };
    for (const row of spec.rows) {
      const values: Record<string, CellValue> = {};
      for (const c of spec.columns) {
        const v = row[c.key];
        values[c.key] = v === undefined ? null : v;
      }
      ws.addRow(values);
    }
    const validationRows = spec.validationRows ?? spec.rows.length;
    spec.columns.forEach((c, i) => {
      if (!c.list || c.list.length === 0 || validationRows <= 0) return;
      const letter = ws.getColumn(i + 1).letter;
      addListValidation(wb, ws, `${letter}2:${letter}${validationRows + 1}`, c.list);
    });
  }
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}

/** Plain text of a cell as the user sees it: rich text joined, formulas by result, dates as YYYY-MM-DD. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((r) => r.text).join('').trim();
    if ('text' in value && typeof value.text === 'string') return value.text.trim();
    if ('result' in value) {
      const r = (value as { result?: unknown }).result;
      if (r instanceof Date) return r.toISOString().slice(0, 10);
      return r === null || r === undefined ? '' : String(r).trim();
    }
    if ('error' in value) return '';
  }
  return String(value).trim();
}

export interface ReadSheet {
  name: string;
  /** Header texts of row 1. */
  headers: string[];
  /** Data rows (row 2 on), each as cell texts aligned with headers; `rowNumber` is the Excel row number. */
  rows: { rowNumber: number; cells: string[] }[];
}

/**
 * Reads the first sheet (or the one named) of an .xlsx as text cells. Fully blank rows are skipped.
 * Throws on a file that is not an .xlsx; callers turn that into a field error.
 */
export async function readWorkbook(data: Buffer | Uint8Array, sheetName?: string): Promise<ReadSheet> {
  const wb = new ExcelJS.Workbook();
  // exceljs' typing wants its own Buffer type; the bytes are what matter.
  await wb.xlsx.load(Buffer.from(data.buffer, data.byteOffset, data.byteLength) as unknown as ExcelJS.Buffer);
  const ws = sheetName ? wb.getWorksheet(sheetName) : wb.worksheets[0];
  if (!ws) return { name: sheetName ?? '', headers: [], rows: [] };
  const headerRow = ws.getRow(1);
  const headers: string[] = [];
  for (let c = 1; c <= headerRow.cellCount; c++) headers.push(cellText(headerRow.getCell(c).value));
  while (headers.length > 0 && headers[headers.length - 1] === '') headers.pop();
  const rows: ReadSheet['rows'] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const cells: string[] = [];
    for (let c = 1; c <= headers.length; c++) cells.push(cellText(row.getCell(c).value));
    if (cells.every((v) => v === '')) return;
    rows.push({ rowNumber, cells });
  });
  return { name: ws.name, headers, rows };
}

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Content-Disposition for a download: an ASCII fallback name and the Chinese name (RFC 5987). */
export function xlsxDisposition(ascii: string, zh: string): string {
  return `attachment; filename="${ascii}.xlsx"; filename*=UTF-8''${encodeURIComponent(zh)}.xlsx`;
}
