import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@server': fileURLToPath(new URL('./server', import.meta.url)),
      '@web': fileURLToPath(new URL('./web', import.meta.url)),
    },
  },
  test: {
    include: ['server/**/*.test.ts', 'web/**/*.test.ts', 'bin/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['server/core/testing.setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Module tests mostly wait on a database; two workers keep both cores busy (Vitest's default is one on two cores).
    maxWorkers: 2,
  },
});
