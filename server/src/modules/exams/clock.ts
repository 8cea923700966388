/**
 * The time the exam and study rules see. Deadlines, heartbeats and the deadline job read `clock.now()`, so tests move
 * time forward instead of sleeping (no test waits for a wall clock). The server never takes a client's time.
 */
export const clock = {
  now: (): Date => new Date(),
};

/** Tests: fix the clock at `at` (an ISO string or a Date); returns a function that advances it by `ms`. */
export function freezeClock(at: Date | string): { advance(ms: number): Date; set(to: Date | string): void; restore(): void } {
  let current = new Date(at);
  const original = clock.now;
  clock.now = () => new Date(current);
  return {
    advance(ms: number) {
      current = new Date(current.getTime() + ms);
      return new Date(current);
    },
    set(to: Date | string) {
      current = new Date(to);
    },
    restore() {
      clock.now = original;
    },
  };
}
