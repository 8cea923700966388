// The demo library: regulation excerpts carry their sources (RULES.md §4, §5 and the 党章), drawn images are real
// PNGs (type by content), and the seeded library answers searches.
import { describe, expect, it } from 'vitest';
import { sniffHead } from '../platform/files/content.js';
import { DEMO_ARTICLES } from './library-content.js';
import { bandsPng } from './seed-library.js';

describe('demo library content', () => {
  it('marks regulation excerpts with their sources and covers the RULES.md subjects', () => {
    const regs = DEMO_ARTICLES.filter((a) => a.category === 'regulation');
    expect(regs.length).toBeGreaterThanOrEqual(10);
    for (const r of regs) expect(r.source, r.title).toMatch(/《.+》/);
    const all = regs.map((r) => r.source).join('');
    for (const s of ['中国共产党章程', '中组发〔2008〕3号', '中国共产党支部工作条例（试行）']) expect(all).toContain(s);
    expect(DEMO_ARTICLES.find((a) => a.title === '党费交纳比例：在职党员')?.body).toContain('5000元以上至10000元（含10000元）者，交纳1.5%');
    expect(new Set(DEMO_ARTICLES.map((a) => a.title)).size).toBe(DEMO_ARTICLES.length);
  });

  it('draws images as valid PNG files', () => {
    const png = bandsPng(40, 20, [[200, 22, 29], [255, 215, 0]]);
    expect(sniffHead(png)).toEqual({ kind: 'image', contentType: 'image/png' });
    expect(png.readUInt32BE(16)).toBe(40);
    expect(png.readUInt32BE(20)).toBe(20);
  });
});
