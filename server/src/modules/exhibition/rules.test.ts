// The exhibition's pure rules: timeline order, where exhibits hang, how far a resource reaches the hall's visitors,
// and article excerpts.
import { describe, expect, it } from 'vitest';
import { excerptOf, layoutRoom, reachOf, roomsOutOfOrder, timelineCompare, validDate, yearSpan, type Placeable } from './rules.js';

const at = (n: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, n));
const item = (id: string, year: number, month: number | null = null, place: Partial<Pick<Placeable, 'wall' | 'slot'>> = {}, hung = 0): Placeable =>
  ({ id, year, month, createdAt: at(hung), wall: place.wall ?? null, slot: place.slot ?? null });

describe('timeline order', () => {
  it('orders by year, then month (a bare year first), then the order of hanging', () => {
    const items = [item('c', 1935, 1), item('a', 1921, 7), item('b', 1921, null), item('e', 1935, 1, {}, 5), item('d', 1927, 10)];
    expect([...items].sort(timelineCompare).map((i) => i.id)).toEqual(['b', 'a', 'd', 'c', 'e']);
  });
});

describe('layout of a room', () => {
  const places = (l: ReturnType<typeof layoutRoom>) => Object.fromEntries([...l.placements].map(([id, p]) => [id, `${p.wall}${p.slot}`]));

  it('hangs exhibits by date, left and right alternately from the entrance, in a room of at least two places a wall', () => {
    const l = layoutRoom([item('1935', 1935), item('1921', 1921), item('1927', 1927)]);
    expect(l.slotsPerWall).toBe(2);
    expect(places(l)).toEqual({ 1921: 'left1', 1927: 'right1', 1935: 'left2' });
    expect(layoutRoom([]).slotsPerWall).toBe(2);
  });

  it('keeps fixed places and fills the free ones around them', () => {
    const l = layoutRoom([item('a', 1921), item('fixed', 1900, null, { wall: 'left', slot: 1 }), item('b', 1927), item('c', 1935)]);
    expect(places(l)).toEqual({ fixed: 'left1', a: 'right1', b: 'left2', c: 'right2' });
    expect([...l.placements.values()].filter((p) => p.fixed)).toHaveLength(1);
  });

  it('grows the room to the furthest fixed place, and to hold everything', () => {
    expect(layoutRoom([item('far', 1921, null, { wall: 'right', slot: 7 })]).slotsPerWall).toBe(7);
    const many = Array.from({ length: 9 }, (_, i) => item(`x${i}`, 1921 + i));
    const l = layoutRoom(many);
    expect(l.slotsPerWall).toBe(5);
    expect(new Set([...l.placements.values()].map((p) => `${p.wall}${p.slot}`)).size).toBe(9);
  });

  it('places a full room of 24 on twelve places a wall, each once', () => {
    const full = Array.from({ length: 24 }, (_, i) => item(`x${i}`, 1900 + i, null, i % 5 === 0 ? { wall: 'right', slot: 12 - i / 5 } : {}));
    const l = layoutRoom(full);
    expect(l.slotsPerWall).toBe(12);
    expect(l.placements.size).toBe(24);
    expect(new Set([...l.placements.values()].map((p) => `${p.wall}${p.slot}`)).size).toBe(24);
  });
});

describe('rooms in walking order', () => {
  it('points at rooms whose period starts before an earlier room ends; empty rooms are skipped', () => {
    expect(roomsOutOfOrder([{ from: 1921, to: 1927 }, null, { from: 1935, to: 1949 }])).toEqual([]);
    expect(roomsOutOfOrder([{ from: 1921, to: 1949 }, { from: 1935, to: 1936 }, { from: 1978, to: 1978 }])).toEqual([2]);
    expect(yearSpan([{ year: 1949 }, { year: 1921 }])).toEqual({ from: 1921, to: 1949 });
    expect(yearSpan([])).toBeNull();
  });
});

describe('reach of an exhibit', () => {
  const hall = '/g/c1/';
  it('reaches every visitor when the resource is for the whole enterprise, for the hall unit or above, or shared by another enterprise', () => {
    expect(reachOf({ published: true, foreign: false, scopePath: '' }, hall)).toBe('all');
    expect(reachOf({ published: true, foreign: false, scopePath: '/g/' }, hall)).toBe('all');
    expect(reachOf({ published: true, foreign: false, scopePath: '/g/c1/' }, hall)).toBe('all');
    expect(reachOf({ published: true, foreign: true, scopePath: '' }, hall)).toBe('all');
  });
  it('reaches part of them for a unit inside, none for a unit outside; a draft or missing resource is unavailable', () => {
    expect(reachOf({ published: true, foreign: false, scopePath: '/g/c1/b2/' }, hall)).toBe('partial');
    expect(reachOf({ published: true, foreign: false, scopePath: '/g/c2/' }, hall)).toBe('none');
    expect(reachOf({ published: false, foreign: false, scopePath: '' }, hall)).toBe('unavailable');
    expect(reachOf(undefined, hall)).toBe('unavailable');
  });
});

describe('excerpt of an article', () => {
  it('keeps whole sentences, or cuts with an ellipsis', () => {
    expect(excerptOf('短文。')).toBe('短文。');
    const text = `${'甲'.repeat(100)}。${'乙'.repeat(100)}。${'丙'.repeat(200)}`;
    expect(excerptOf(text, 250)).toBe(`${'甲'.repeat(100)}。${'乙'.repeat(100)}。`);
    expect(excerptOf('字'.repeat(300), 100)).toBe(`${'字'.repeat(99)}…`);
    expect(excerptOf('一\n\n二   三')).toBe('一 二 三');
  });
  it('accepts dates from 1800 to 2100 with an optional month', () => {
    expect(validDate(1921, 7)).toBe(true);
    expect(validDate(1921, null)).toBe(true);
    expect(validDate(1799, null)).toBe(false);
    expect(validDate(1921, 13)).toBe(false);
  });
});
