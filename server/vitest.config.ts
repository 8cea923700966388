import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Each integration test file starts its own database; two workers match CI's two cores.
    maxWorkers: 2,
  },
});
