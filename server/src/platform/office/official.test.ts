// 公文 layout (../shared/domain/RULES.md §6, GB/T 9704-2012) in .docx and PDF from one model: A4, margins 37 mm top and
// 28 mm binding side, 156 × 225 mm text block, 3号 body (16 pt) on a 22 × 28 grid, 2号 title (22 pt), page numbers
// "— n —" in 4号 right on odd and left on even pages; the PDF embeds a CJK TrueType subset.
import { inflateSync } from 'node:zlib';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { writeOfficialDocx } from './docx.js';
import { pdfFont, PdfFontMissing, writeOfficialPdf } from './pdf.js';
import { chineseOrdinal, GBT9704, pageNumberSide, pageNumberText, type OfficialDocument } from './official.js';

const sample: OfficialDocument = {
  title: '第一党支部2026年第一季度支部党员大会会议记录',
  blocks: [
    { kind: 'field', label: '时间', text: '2026年3月20日 14:30—16:00' },
    { kind: 'field', label: '地点', text: '三楼会议室' },
    { kind: 'heading1', text: '一、会议议程' },
    { kind: 'heading2', text: '（一）传达学习上级会议精神' },
    { kind: 'paragraph', text: '支部书记传达了上级党委关于加强基层党组织建设的部署要求。'.repeat(40) },
    { kind: 'table', columns: [{ header: '姓名', width: 2 }, { header: '出勤', width: 1 }], rows: Array.from({ length: 60 }, (_, i) => [`党员${i + 1}`, '出席']) },
    { kind: 'signature', lines: ['主持人：王建国', '2026年3月20日'] },
  ],
};

describe('the numbers of GB/T 9704-2012 (RULES.md §6)', () => {
  it('derives the margins, grid and page numbers from the standard', () => {
    expect(GBT9704.rightMm).toBe(26);
    expect(GBT9704.bottomMm).toBe(35);
    expect(GBT9704.linePitchPt * 22).toBeCloseTo((225 / 25.4) * 72, 5);
    expect(GBT9704.charPitchPt * 28).toBeCloseTo((156 / 25.4) * 72, 5);
    expect(pageNumberText(3)).toBe('— 3 —');
    expect([1, 2, 3].map(pageNumberSide)).toEqual(['right', 'left', 'right']);
    expect([1, 4, 10, 12, 20].map(chineseOrdinal)).toEqual(['一', '四', '十', '十二', '二十']);
  });
});

describe('.docx', () => {
  it('lays the page out as the standard says and names the 公文 fonts', async () => {
    const files = unzipSync(new Uint8Array(await writeOfficialDocx(sample)));
    const xml = strFromU8(files['word/document.xml']!);
    // A4 in twips; margins 37 / 28 / 26 / 35 mm.
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/w:top="2098"/);
    expect(xml).toMatch(/w:left="1587"/);
    expect(xml).toMatch(/w:right="1474"/);
    expect(xml).toMatch(/w:bottom="1984"/);
    expect(xml).toMatch(/<w:docGrid w:type="linesAndChars" w:linePitch="580"/);
    // Title 2号 (44 half-points) 小标宋; body 3号 (32) 仿宋; headings 黑体 and 楷体.
    expect(xml).toContain('w:eastAsia="方正小标宋简体"');
    expect(xml).toMatch(/<w:sz w:val="44"\/>/);
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(xml).toContain('w:eastAsia="黑体"');
    expect(xml).toContain('w:eastAsia="楷体_GB2312"');
    expect(xml).toContain('第一党支部2026年第一季度支部党员大会会议记录');
    // Odd and even page footers: the number right on odd pages, left on even pages.
    expect(strFromU8(files['word/settings.xml']!)).toContain('<w:evenAndOddHeaders/>');
    const footers = Object.keys(files).filter((f) => /^word\/footer\d+\.xml$/.test(f)).map((f) => strFromU8(files[f]!));
    expect(footers.some((f) => f.includes('w:val="right"') && f.includes('PAGE'))).toBe(true);
    expect(footers.some((f) => f.includes('w:val="left"') && f.includes('PAGE'))).toBe(true);
    expect(footers.every((f) => f.includes('<w:sz w:val="28"/>'))).toBe(true);
  });
});

describe('PDF', () => {
  it('finds the CJK system font (fonts-wqy-microhei)', () => {
    expect(pdfFont()?.file).toMatch(/wqy-microhei\.ttc$/);
    expect(pdfFont({ PDF_FONT: '/nonexistent.ttf' })).toBeNull();
  });

  it('embeds a subset of the CJK font, on A4 pages with numbers', async () => {
    const pdf = await writeOfficialPdf(sample);
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+WenQuanYiMicroHei/);
    expect(text).toContain('/FontFile2');
    expect(text).toContain('/ToUnicode');
    const pages = Number(/\/Type \/Pages\s*\/Count (\d+)/.exec(text)?.[1] ?? /\/Count (\d+)/.exec(text)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    // Page content streams: the body at 16 pt, the title at 22 pt, page numbers at 14 pt.
    const streams = [...text.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)].map((m) => {
      try {
        return inflateSync(Buffer.from(m[1]!, 'latin1')).toString('latin1');
      } catch {
        return '';
      }
    }).join('\n');
    expect(streams).toMatch(/\/F\d+ 22 Tf/);
    expect(streams).toMatch(/\/F\d+ 16 Tf/);
    expect(streams).toMatch(/\/F\d+ 14 Tf/);
  });

  it('says plainly when no CJK font is installed', async () => {
    await expect(writeOfficialPdf(sample, null)).rejects.toBeInstanceOf(PdfFontMissing);
  });
});
