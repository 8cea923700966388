// The demo 党史展馆: its drawn pictures are real, distinct PNGs marked as illustrations, every article it hangs exists
// in the demo library (the seed skips a missing one silently, so a renamed article would empty a place), and the
// rooms follow the timeline.
import { describe, expect, it } from 'vitest';
import { sniffHead } from '../platform/files/content.js';
import { roomsOutOfOrder, validDate, yearSpan } from '../modules/exhibition/rules.js';
import { EXHIBITION_PICTURES } from './exhibition-pictures.js';
import { DEMO_ARTICLES } from './library-content.js';
import { DEMO_HALL_ROOMS } from './seed-exhibition.js';

describe('demo exhibition', () => {
  it('draws each picture as a distinct PNG and says it is drawn', () => {
    const pngs = EXHIBITION_PICTURES.map((p) => p.png());
    for (const [i, png] of pngs.entries()) {
      expect(sniffHead(png), EXHIBITION_PICTURES[i]!.key).toEqual({ kind: 'image', contentType: 'image/png' });
      expect(EXHIBITION_PICTURES[i]!.title).toContain('示意图');
    }
    expect(new Set(pngs.map((p) => p.toString('base64'))).size).toBe(pngs.length);
  });

  it('hangs only articles and pictures that exist, on dates that follow the rooms', () => {
    const titles = new Set(DEMO_ARTICLES.map((a) => a.title));
    const keys = new Set(EXHIBITION_PICTURES.map((p) => p.key));
    for (const room of DEMO_HALL_ROOMS) {
      for (const e of room.exhibits) {
        if (e.article) expect(titles.has(e.article), e.article).toBe(true);
        if (e.picture) expect(keys.has(e.picture), e.picture).toBe(true);
        expect(validDate(e.year, e.month), e.title).toBe(true);
      }
    }
    expect(roomsOutOfOrder(DEMO_HALL_ROOMS.map((r) => yearSpan(r.exhibits)))).toEqual([]);
  });
});
