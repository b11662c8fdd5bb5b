import { configDefaults, defineConfig } from 'vitest/config';

const ALL = ['test/**/*.test.ts', 'test/**/*.test.tsx'];
/** Real browsers (Chromium, Firefox): `npm run test:e2e`. */
const E2E = 'test/e2e/**';
/** Lints the built Firefox extension in its project's global setup (once, untimed), so it is a project of its own. */
const EXTENSION_BUILD = 'test/build/extension.test.ts';

// Projects: `unit` and `extension-build` need no browser (`npm run test:unit`), `e2e` drives real ones. A path
// filter (`vitest run test/core`) picks files across all three.
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    // Each project names its own files (a project extending this config would add to an include set here).
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Browser end-to-end files start real browsers: run those files one at a time.
    fileParallelism: true,
    pool: 'forks',
    // `npm run test:coverage` (CI): the unit project's coverage of src/, printed as a summary; HTML-free, nothing
    // written outside test-output/.
    coverage: {
      provider: 'v8',
      include: ['src/**/*.{ts,tsx}'],
      reporter: ['text-summary'],
      reportsDirectory: 'test-output/coverage',
    },
    projects: [
      { extends: true, test: { name: 'unit', include: ALL, exclude: [...configDefaults.exclude, E2E, EXTENSION_BUILD] } },
      // Its global setup runs only when this file is part of the run (vitest sets up the projects it runs).
      { extends: true, test: { name: 'extension-build', include: [EXTENSION_BUILD], globalSetup: ['test/build/web-ext-lint.setup.ts'] } },
      { extends: true, test: { name: 'e2e', include: [`${E2E}/*.test.ts`] } },
    ],
  },
});
