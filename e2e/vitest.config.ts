import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** Browser tests: the built web app (dist/web) served by the real server, driven by Chromium. */
export default defineConfig({
  resolve: {
    alias: {
      '@server': fileURLToPath(new URL('../server', import.meta.url)),
      '@web': fileURLToPath(new URL('../web', import.meta.url)),
    },
  },
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['e2e/support/setup.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
