import { describe, expect, it } from 'vitest';
import { clampMove, HALL, hallLayout, roomAt, roomLength } from './layout';

const rooms = [
  { id: 'r1', slotsPerWall: 2, exhibits: [{ id: 'a', wall: 'left' as const, slot: 1 }, { id: 'b', wall: 'right' as const, slot: 2 }] },
  { id: 'r2', slotsPerWall: 3, exhibits: [{ id: 'c', wall: 'left' as const, slot: 3 }] },
];

describe('hall layout', () => {
  it('puts rooms one after another and places advance with the slot', () => {
    const l = hallLayout(rooms);
    expect(l.rooms[0]).toEqual({ id: 'r1', zStart: 0, zEnd: -roomLength(2) });
    expect(l.rooms[1]!.zStart).toBe(l.rooms[0]!.zEnd);
    const a = l.exhibits.get('a')!;
    const b = l.exhibits.get('b')!;
    expect(a.x).toBeLessThan(0);
    expect(b.x).toBeGreaterThan(0);
    expect(b.z).toBeLessThan(a.z);
    // The visitor stands in the room, facing the picture's wall.
    expect(Math.abs(a.view.x)).toBeLessThan(HALL.width / 2);
    expect(a.view.yaw).toBeCloseTo(Math.PI / 2);
    expect(roomAt(l, l.exhibits.get('c')!.z)).toBe(1);
  });

  it('keeps the visitor inside the walls and lets them through a partition only by its doorway', () => {
    const l = hallLayout(rooms);
    expect(clampMove(l, { x: 0, z: -1 }, { x: -10, z: 5 })).toEqual({ x: -(HALL.width / 2 - HALL.keepOff), z: -HALL.keepOff });
    const p = l.partitions[1]!;
    // Through the doorway.
    expect(clampMove(l, { x: 0, z: p + 0.3 }, { x: 0, z: p - 0.5 }).z).toBeCloseTo(p - 0.5);
    // Into the wall beside it: stopped on the near side.
    expect(clampMove(l, { x: 2.5, z: p + 1 }, { x: 2.5, z: p - 0.5 }).z).toBeCloseTo(p + HALL.keepOff);
    // Not past the far end of the hall.
    expect(clampMove(l, { x: 0, z: -20 }, { x: 0, z: -1000 }).z).toBeCloseTo(l.partitions.at(-1)! + HALL.keepOff);
  });
});
