/**
 * PDF in 公文 layout (./official.ts, GB/T 9704-2012) with pdfkit, which embeds a subset of a TrueType font (a TTC
 * collection too), so the file shows the same everywhere. The standard's faces (仿宋_GB2312, 方正小标宋简体, 楷体_GB2312)
 * are not free to ship; the free CJK font on these machines is WenQuanYi Micro Hei (Debian fonts-wqy-microhei, a
 * sans like 黑体), so every text of the PDF is set in it: title, body and headings differ by size and weight (headings
 * drawn with a hairline stroke), not by face. `PDF_FONT` names another TrueType/TTC file (e.g. a licensed 仿宋) to use
 * instead (docs/meetings.md, fonts). Sizes, margins, line and character pitch are the standard's.
 */
import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import { GBT9704, mm, pageNumberSide, pageNumberText, type DocBlock, type OfficialDocument } from './official.js';

export const PDF_FONT_CANDIDATES = [
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc',
];

export interface PdfFont { file: string; family?: string }

/** The CJK font for PDFs: PDF_FONT (a .ttf, or a .ttc with PDF_FONT_FAMILY naming the face by its PostScript name), else the first system font found. */
export function pdfFont(env: NodeJS.ProcessEnv = process.env): PdfFont | null {
  if (env.PDF_FONT) return fs.existsSync(env.PDF_FONT) ? { file: env.PDF_FONT, ...(env.PDF_FONT_FAMILY ? { family: env.PDF_FONT_FAMILY } : {}) } : null;
  for (const file of PDF_FONT_CANDIDATES) {
    if (fs.existsSync(file)) return { file, ...(file.endsWith('microhei.ttc') ? { family: 'WenQuanYiMicroHei' } : file.endsWith('zenhei.ttc') ? { family: 'WenQuanYiZenHei' } : {}) };
  }
  return null;
}

export class PdfFontMissing extends Error {
  constructor() {
    super('no CJK font for PDF export: install fonts-wqy-microhei or set PDF_FONT');
    this.name = 'PdfFontMissing';
  }
}

const S = GBT9704;

export async function writeOfficialPdf(doc: OfficialDocument, font: PdfFont | null = pdfFont()): Promise<Buffer> {
  if (!font) throw new PdfFontMissing();
  const margins = { top: mm(S.topMm), left: mm(S.leftMm), right: mm(S.rightMm), bottom: mm(S.bottomMm) };
  const pdf = new PDFDocument({ size: 'A4', margins, bufferPages: true, info: { Title: doc.title, Author: doc.author ?? '智慧政工云', Creator: '智慧政工云' } });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  if (font.family) pdf.registerFont('cjk', font.file, font.family);
  else pdf.registerFont('cjk', font.file);
  pdf.font('cjk');

  const width = mm(S.textWidthMm);
  const left = margins.left;
  /** Character spacing that makes 28 full-width characters fill the 156 mm line. */
  const cs = S.charPitchPt - S.bodyPt;
  const bodyGap = () => {
    pdf.fontSize(S.bodyPt);
    return S.linePitchPt - pdf.currentLineHeight(true);
  };
  const body = (text: string, opts: { indent?: boolean; align?: 'left' | 'right' | 'center' | 'justify'; bold?: boolean; continued?: boolean } = {}) => {
    const gap = bodyGap();
    pdf.fontSize(S.bodyPt);
    if (opts.bold) pdf.lineWidth(0.35).strokeColor('black');
    pdf.text(text, {
      width, characterSpacing: cs, lineGap: gap, indent: opts.indent === false ? 0 : S.charPitchPt * 2, align: opts.align ?? 'justify',
      ...(opts.bold ? { stroke: true, fill: true } : {}), ...(opts.continued ? { continued: true } : {}),
    });
  };

  // Title: 2号, centred, with room below as a blank body line.
  pdf.fontSize(S.titlePt).text(doc.title, left, margins.top, { width, align: 'center', lineGap: S.linePitchPt * 1.25 - pdf.currentLineHeight(true) });
  if (doc.docNumber) body(doc.docNumber, { indent: false, align: 'center' });
  pdf.moveDown(0.6);

  for (const b of doc.blocks) drawBlock(b);

  function drawBlock(b: DocBlock): void {
    pdf.x = left;
    switch (b.kind) {
      case 'heading1':
        body(b.text, { bold: true });
        break;
      case 'heading2':
        body(b.text);
        break;
      case 'paragraph':
        for (const line of b.text.split('\n')) body(line, { indent: b.indent !== false });
        break;
      case 'field': {
        const gap = bodyGap();
        pdf.lineWidth(0.35).strokeColor('black');
        pdf.text(`${b.label}：`, { width, characterSpacing: cs, lineGap: gap, indent: S.charPitchPt * 2, stroke: true, fill: true, continued: true });
        pdf.text(b.text, { stroke: false, fill: true, characterSpacing: cs, lineGap: gap });
        break;
      }
      case 'signature':
        for (const line of b.lines) body(line, { indent: false, align: 'right' });
        break;
      case 'table':
        drawTable(b.columns, b.rows);
        break;
    }
  }

  function drawTable(columns: { header: string; width: number }[], rows: string[][]): void {
    const total = columns.reduce((s, c) => s + c.width, 0);
    const widths = columns.map((c) => (width * c.width) / total);
    const pad = 3;
    const bottom = pdf.page.height - margins.bottom;
    pdf.fontSize(S.tablePt);
    const rowHeight = (cells: string[]) => Math.max(...cells.map((c, i) => pdf.heightOfString(c || ' ', { width: (widths[i] ?? 10) - 2 * pad, lineGap: 1 }))) + 2 * pad;
    const drawRow = (cells: string[], header: boolean) => {
      const h = rowHeight(cells);
      if (pdf.y + h > bottom) {
        pdf.addPage();
        if (!header) drawRow(columns.map((c) => c.header), true);
      }
      const y = pdf.y;
      let x = left;
      cells.forEach((c, i) => {
        const w = widths[i] ?? 10;
        pdf.lineWidth(0.5).strokeColor('black').rect(x, y, w, h).stroke();
        if (header) pdf.lineWidth(0.2);
        pdf.fontSize(S.tablePt).text(c, x + pad, y + pad, { width: w - 2 * pad, lineGap: 1, align: header ? 'center' : 'left', ...(header ? { stroke: true, fill: true } : {}) });
        x += w;
      });
      pdf.x = left;
      pdf.y = y + h;
    };
    drawRow(columns.map((c) => c.header), true);
    for (const r of rows) drawRow(r, false);
    pdf.moveDown(0.5);
  }

  // Page numbers, 4号, "— n —", right on odd pages and left on even ones, one character in from the text block's edge.
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    const n = i - range.start + 1;
    const keep = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    pdf.fontSize(S.pageNumberPt).lineWidth(0).text(pageNumberText(n), left + S.charPitchPt, pdf.page.height - margins.bottom + mm(7), {
      width: width - 2 * S.charPitchPt, align: pageNumberSide(n), lineBreak: false, stroke: false,
    });
    pdf.page.margins.bottom = keep;
  }
  pdf.end();
  return done;
}
