/**
 * Rules of the VR 党史展馆, pure (no I/O, no clock): the order of exhibits on the timeline, where each hangs in its room,
 * how far an exhibit's library resource reaches the hall's visitors, and the excerpt of an article. The web draws the
 * rooms from these placements (web/src/modules/exhibition/layout.ts turns walls and slots into metres).
 */

export type Wall = 'left' | 'right';
export type RoomTheme = 'red' | 'gold' | 'stone' | 'blue';
export const WALLS: readonly Wall[] = ['left', 'right'];
export const ROOM_THEMES: readonly RoomTheme[] = ['red', 'gold', 'stone', 'blue'];

export const LIMITS = {
  roomsPerHall: 12,
  slotsPerWall: 12,
  /** Two walls of twelve places. */
  exhibitsPerRoom: 24,
  yearMin: 1800,
  yearMax: 2100,
  /** Characters of an article shown on its panel when the curator wrote no text of their own. */
  excerptChars: 280,
} as const;

/** The smallest room: two places on each wall. */
export const MIN_SLOTS_PER_WALL = 2;

export interface TimelineItem { id: string; year: number; month: number | null; createdAt: Date }

/** Earlier first; a year without a month before the months of that year; equal dates in the order they were hung. */
export function timelineCompare(a: TimelineItem, b: TimelineItem): number {
  return a.year - b.year || (a.month ?? 0) - (b.month ?? 0) || a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export interface Placeable extends TimelineItem { wall: Wall | null; slot: number | null }
export interface Placement { wall: Wall; slot: number; fixed: boolean }
export interface RoomLayout { slotsPerWall: number; placements: Map<string, Placement> }

/**
 * Where each exhibit of a room hangs. Fixed places are kept; the others fill the free places in timeline order,
 * walking in from the entrance: left 1, right 1, left 2, right 2 … so the dates advance as the visitor walks. The room
 * is as long as its furthest fixed place or as it must be to hold everything, and never shorter than two places.
 */
export function layoutRoom(items: readonly Placeable[]): RoomLayout {
  const fixed = items.filter((i) => i.wall !== null && i.slot !== null);
  const auto = items.filter((i) => i.wall === null || i.slot === null).sort(timelineCompare);
  const furthest = Math.max(0, ...fixed.map((i) => i.slot!));
  const slotsPerWall = Math.min(LIMITS.slotsPerWall, Math.max(MIN_SLOTS_PER_WALL, furthest, Math.ceil(items.length / 2)));
  const placements = new Map<string, Placement>();
  const taken = new Set<string>();
  for (const i of fixed) {
    placements.set(i.id, { wall: i.wall!, slot: i.slot!, fixed: true });
    taken.add(`${i.wall}:${i.slot}`);
  }
  const free: { wall: Wall; slot: number }[] = [];
  for (let slot = 1; slot <= slotsPerWall; slot++) for (const wall of WALLS) if (!taken.has(`${wall}:${slot}`)) free.push({ wall, slot });
  auto.forEach((i, n) => {
    const place = free[n];
    if (place) placements.set(i.id, { ...place, fixed: false });
  });
  return { slotsPerWall, placements };
}

/** The years a room's exhibits span, or null for an empty room. */
export function yearSpan(items: readonly { year: number }[]): { from: number; to: number } | null {
  if (items.length === 0) return null;
  const years = items.map((i) => i.year);
  return { from: Math.min(...years), to: Math.max(...years) };
}

/**
 * Rooms are walked in order, so their periods should follow one another: the positions (1-based) of rooms whose
 * earliest exhibit is older than the latest exhibit of a room before them. The editor shows these as a hint.
 */
export function roomsOutOfOrder(spans: readonly ({ from: number; to: number } | null)[]): number[] {
  const out: number[] = [];
  let latest = -Infinity;
  spans.forEach((s, i) => {
    if (!s) return;
    if (s.from < latest) out.push(i + 1);
    latest = Math.max(latest, s.to);
  });
  return out;
}

export interface ResourceFacts {
  /** Published in the library. */
  published: boolean;
  /** Another enterprise's resource shared with the platform (row-level security shows it only while shared and published). */
  foreign: boolean;
  /** Its scope path in its own tenant ('' = the whole enterprise). */
  scopePath: string;
}

/**
 * How far an exhibit reaches the hall's visitors (everyone in the subtree of the hall's unit): 'all' when every one of
 * them may read its resource, 'partial' when only those of a unit inside the subtree may, 'none' when none of them may
 * (a resource of a unit outside the subtree), 'unavailable' when it is gone or not published.
 */
export type Reach = 'all' | 'partial' | 'none' | 'unavailable';

export function reachOf(r: ResourceFacts | undefined, hallPath: string): Reach {
  if (!r || !r.published) return 'unavailable';
  if (r.foreign || r.scopePath === '' || hallPath.startsWith(r.scopePath)) return 'all';
  if (r.scopePath.startsWith(hallPath)) return 'partial';
  return 'none';
}

/** The start of an article for its panel: whole sentences up to `max` characters when possible, else cut with an ellipsis. */
export function excerptOf(text: string, max: number = LIMITS.excerptChars): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const head = clean.slice(0, max);
  const end = Math.max(...['。', '！', '？', '；', '. '].map((p) => head.lastIndexOf(p)));
  return end >= max / 2 ? head.slice(0, end + 1) : `${head.slice(0, max - 1)}…`;
}

/** Whether a month is given only with a plausible year: the timeline date of an exhibit. */
export function validDate(year: number, month: number | null): boolean {
  return Number.isInteger(year) && year >= LIMITS.yearMin && year <= LIMITS.yearMax && (month === null || (Number.isInteger(month) && month >= 1 && month <= 12));
}
