import { defineConfig } from 'vitest/config';
import { compiledForVite } from './scripts/data/compiled.mjs';

export default defineConfig({
  plugins: [compiledForVite],
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    // Two files at a time, E2E ones included (each has its own demo server and browser): a test
    // waits on the browser far more than it computes, so two at once use the machine's two cores.
    maxWorkers: 2,
    projects: [
      // Property tests render a hundred reports: a few seconds here, more on a busy 2-core machine.
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.{ts,tsx}'], testTimeout: 20_000, pool: 'threads' },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          // A worker's E2E files run in one process, one after another, so that they share its
          // Firefox (test/e2e/session.ts), renewed between files.
          isolate: false,
          testTimeout: 60_000,
          hookTimeout: 90_000,
        },
      },
      // `npm run screenshots` alone: README's and the stores' pictures are never rewritten by `npm test`.
      {
        extends: true,
        test: {
          name: 'screenshots',
          include: ['test/screenshots/**/*.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
});
