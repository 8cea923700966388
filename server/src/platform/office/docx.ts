/**
 * .docx in 公文 layout (./official.ts, GB/T 9704-2012) with the `docx` package. Word documents name their fonts rather
 * than embed them: the body asks for 仿宋_GB2312, the title for 方正小标宋简体, headings for 黑体 and 楷体_GB2312 — the
 * fonts of government and SOE machines; elsewhere Word substitutes its own (docs/meetings.md, fonts). A document grid
 * of 22 lines × 28 characters keeps the standard's page whatever font is substituted.
 */
import {
  AlignmentType, BorderStyle, Document, DocumentGridType, Footer, LineRuleType, Packer, PageNumber, Paragraph, Table, TableCell, TableRow,
  TextRun, WidthType, type IRunOptions,
} from 'docx';
import { GBT9704, type DocBlock, type OfficialDocument } from './official.js';

const twips = (mmValue: number) => Math.round((mmValue / 25.4) * 1440);
const halfPoints = (pt: number) => Math.round(pt * 2);

export const DOCX_FONTS = {
  body: '仿宋_GB2312',
  title: '方正小标宋简体',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  latin: 'Times New Roman',
} as const;

const run = (text: string, font: string, pt: number, extra: Partial<IRunOptions> = {}) =>
  new TextRun({ text, font: { eastAsia: font, ascii: DOCX_FONTS.latin, hAnsi: DOCX_FONTS.latin }, size: halfPoints(pt), ...extra });

/** Exact line pitch of the standard's grid, in twips (22 lines in 225 mm). */
const LINE = Math.round(GBT9704.linePitchPt * 20);
const bodySpacing = { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 };
const INDENT_2CH = Math.round(GBT9704.charPitchPt * 2 * 20);

function blockParagraphs(b: DocBlock): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'heading1':
      return [new Paragraph({ spacing: bodySpacing, indent: { firstLine: INDENT_2CH }, children: [run(b.text, DOCX_FONTS.heading1, GBT9704.bodyPt)] })];
    case 'heading2':
      return [new Paragraph({ spacing: bodySpacing, indent: { firstLine: INDENT_2CH }, children: [run(b.text, DOCX_FONTS.heading2, GBT9704.bodyPt)] })];
    case 'paragraph':
      return b.text.split('\n').map((line) => new Paragraph({
        spacing: bodySpacing, indent: b.indent === false ? undefined : { firstLine: INDENT_2CH }, alignment: AlignmentType.JUSTIFIED,
        children: [run(line, DOCX_FONTS.body, GBT9704.bodyPt)],
      }));
    case 'field':
      return [new Paragraph({
        spacing: bodySpacing, indent: { firstLine: INDENT_2CH },
        children: [run(`${b.label}：`, DOCX_FONTS.heading1, GBT9704.bodyPt), run(b.text, DOCX_FONTS.body, GBT9704.bodyPt)],
      })];
    case 'signature':
      return b.lines.map((line) => new Paragraph({
        spacing: bodySpacing, alignment: AlignmentType.RIGHT, indent: { right: INDENT_2CH * 2 }, children: [run(line, DOCX_FONTS.body, GBT9704.bodyPt)],
      }));
    case 'table': {
      const total = b.columns.reduce((s, c) => s + c.width, 0);
      const width = twips(GBT9704.textWidthMm);
      const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
      const borders = { top: border, bottom: border, left: border, right: border };
      const cell = (text: string, header: boolean, w: number) => new TableCell({
        width: { size: Math.round((width * w) / total), type: WidthType.DXA }, borders,
        children: text.split('\n').map((line) => new Paragraph({
          alignment: header ? AlignmentType.CENTER : AlignmentType.LEFT,
          children: [run(line, header ? DOCX_FONTS.heading1 : DOCX_FONTS.body, GBT9704.tablePt)],
        })),
      });
      return [new Table({
        width: { size: width, type: WidthType.DXA },
        columnWidths: b.columns.map((c) => Math.round((width * c.width) / total)),
        rows: [
          new TableRow({ tableHeader: true, children: b.columns.map((c) => cell(c.header, true, c.width)) }),
          ...b.rows.map((r) => new TableRow({ children: r.map((v, i) => cell(v, false, b.columns[i]?.width ?? 1)) })),
        ],
      }), new Paragraph({ spacing: bodySpacing, children: [] })];
    }
  }
}

function pageNumberFooter(side: 'left' | 'right'): Footer {
  // 4号 numbers, "— n —", one character in from the edge of the text block.
  const indent = side === 'right' ? { right: Math.round(GBT9704.charPitchPt * 20) } : { left: Math.round(GBT9704.charPitchPt * 20) };
  return new Footer({
    children: [new Paragraph({
      alignment: side === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT, indent,
      children: [
        run('— ', DOCX_FONTS.latin, GBT9704.pageNumberPt),
        new TextRun({ children: [PageNumber.CURRENT], font: DOCX_FONTS.latin, size: halfPoints(GBT9704.pageNumberPt) }),
        run(' —', DOCX_FONTS.latin, GBT9704.pageNumberPt),
      ],
    })],
  });
}

export async function writeOfficialDocx(doc: OfficialDocument): Promise<Buffer> {
  const title = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { line: Math.round(GBT9704.linePitchPt * 1.25 * 20), lineRule: LineRuleType.EXACT }, children: [run(doc.title, DOCX_FONTS.title, GBT9704.titlePt)] }),
    ...(doc.docNumber ? [new Paragraph({ alignment: AlignmentType.CENTER, spacing: bodySpacing, children: [run(doc.docNumber, DOCX_FONTS.body, GBT9704.bodyPt)] })] : []),
    new Paragraph({ spacing: bodySpacing, children: [] }),
  ];
  const d = new Document({
    creator: doc.author ?? '智慧政工云',
    title: doc.title,
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: { eastAsia: DOCX_FONTS.body, ascii: DOCX_FONTS.latin, hAnsi: DOCX_FONTS.latin }, size: halfPoints(GBT9704.bodyPt) } } } },
    sections: [{
      properties: {
        page: {
          size: { width: twips(GBT9704.pageWidthMm), height: twips(GBT9704.pageHeightMm) },
          margin: {
            top: twips(GBT9704.topMm), left: twips(GBT9704.leftMm), right: twips(GBT9704.rightMm), bottom: twips(GBT9704.bottomMm),
            // The page number sits about 7 mm below the text block.
            footer: twips(GBT9704.bottomMm - 7 - 5), header: twips(15),
          },
        },
        grid: { type: DocumentGridType.LINES_AND_CHARS, linePitch: LINE, charSpace: Math.round((GBT9704.charPitchPt - GBT9704.bodyPt) * 4096) },
      },
      footers: { default: pageNumberFooter('right'), even: pageNumberFooter('left') },
      children: [...title, ...doc.blocks.flatMap(blockParagraphs)],
    }],
  });
  return Packer.toBuffer(d);
}
