/**
 * The hall in metres, pure (no three.js): rooms one after another along −z (the visitor walks forward into −z), each
 * as long as its walls' places need, joined by doorways in the partition walls. The server decides on which wall and
 * in which place each exhibit hangs (server/src/modules/exhibition/rules.ts, layoutRoom); this turns walls and places
 * into positions, where a visitor stands to look at an exhibit, and where a visitor may walk.
 */

export type Wall = 'left' | 'right';

export interface RoomInput {
  id: string;
  slotsPerWall: number;
  exhibits: readonly { id: string; wall: Wall; slot: number }[];
}

export interface RoomBox {
  id: string;
  /** The entrance (larger z) and the far end (smaller z). */
  zStart: number;
  zEnd: number;
}

export interface Pose {
  x: number;
  z: number;
  /** Rotation about the vertical axis; 0 looks towards −z, π/2 towards −x (three.js convention). */
  yaw: number;
}

export interface ExhibitPlace {
  /** The centre of the picture on the wall. */
  x: number;
  y: number;
  z: number;
  /** Rotation of the picture so that it faces the room. */
  rotY: number;
  /** Where a visitor stands to look at it. */
  view: Pose;
}

export interface HallLayout {
  rooms: RoomBox[];
  exhibits: Map<string, ExhibitPlace>;
  start: Pose;
  /** The z of each partition wall between two rooms (and of the hall's two end walls, first and last). */
  partitions: number[];
}

export const HALL = {
  width: 7,
  height: 3.6,
  /** Metres between two places on a wall. */
  slotSpacing: 3,
  /** Free floor at each end of a room. */
  endMargin: 1.5,
  doorWidth: 2.2,
  eyeHeight: 1.6,
  pictureHeight: 1.65,
  /** How far from the walls and partitions a visitor stays. */
  keepOff: 0.45,
  /** Distance from the wall at which a visitor stands to look at an exhibit. */
  viewDistance: 2.4,
} as const;

export function roomLength(slotsPerWall: number): number {
  return HALL.endMargin * 2 + Math.max(1, slotsPerWall) * HALL.slotSpacing;
}

export function hallLayout(rooms: readonly RoomInput[]): HallLayout {
  const boxes: RoomBox[] = [];
  const exhibits = new Map<string, ExhibitPlace>();
  let z = 0;
  for (const room of rooms) {
    const zStart = z;
    const zEnd = z - roomLength(room.slotsPerWall);
    boxes.push({ id: room.id, zStart, zEnd });
    for (const e of room.exhibits) {
      const ez = zStart - HALL.endMargin - (e.slot - 0.5) * HALL.slotSpacing;
      const left = e.wall === 'left';
      const x = (left ? -1 : 1) * (HALL.width / 2 - 0.06);
      const viewX = (left ? -1 : 1) * (HALL.width / 2 - HALL.viewDistance);
      exhibits.set(e.id, {
        x, y: HALL.pictureHeight, z: ez,
        rotY: left ? Math.PI / 2 : -Math.PI / 2,
        // Facing the wall: the left wall is at −x, which is yaw +π/2.
        view: { x: viewX, z: ez, yaw: left ? Math.PI / 2 : -Math.PI / 2 },
      });
    }
    z = zEnd;
  }
  const partitions = [0, ...boxes.map((b) => b.zEnd)];
  return { rooms: boxes, exhibits, start: { x: 0, z: -1, yaw: 0 }, partitions };
}

/**
 * Where a visitor who wants to be at (x, z) may be: inside the walls, and through a partition only by its doorway.
 * `from` is where they were, so that a step into a partition's wall stops at it rather than jumping across.
 */
export function clampMove(layout: HallLayout, from: { x: number; z: number }, to: { x: number; z: number }): { x: number; z: number } {
  const half = HALL.width / 2 - HALL.keepOff;
  let x = Math.max(-half, Math.min(half, to.x));
  const first = layout.partitions[0] ?? 0;
  const last = layout.partitions[layout.partitions.length - 1] ?? 0;
  let z = Math.min(first - HALL.keepOff, Math.max(last + HALL.keepOff, to.z));
  const door = HALL.doorWidth / 2 - 0.25;
  for (const p of layout.partitions.slice(1, -1)) {
    const crosses = (from.z - p) * (z - p) <= 0 || Math.abs(z - p) < HALL.keepOff;
    if (!crosses) continue;
    if (Math.abs(x) <= door && Math.abs(from.x) <= door) continue;
    // Blocked by the wall beside the doorway: stay on the side one came from.
    z = from.z >= p ? Math.max(z, p + HALL.keepOff) : Math.min(z, p - HALL.keepOff);
  }
  return { x, z };
}

/** The room a z lies in (its index), or −1 outside the hall. */
export function roomAt(layout: HallLayout, z: number): number {
  return layout.rooms.findIndex((r) => z <= r.zStart && z >= r.zEnd);
}
