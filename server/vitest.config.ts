import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Timeouts only catch hangs (no test asserts a wall-clock time). On a 2-core machine shared with other work a test
    // that takes 20 s when quiet was measured at 90 s, so the limits leave that room.
    testTimeout: 180_000,
    hookTimeout: 300_000,
    // Each integration test file starts its own database; two workers match CI's two cores.
    maxWorkers: 2,
  },
});
