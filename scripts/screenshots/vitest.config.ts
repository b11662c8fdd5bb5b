// `npm run screenshots`: runs scripts/screenshots/readme.shots.ts (not part of `npm test`) with the e2e harness.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    include: ['scripts/screenshots/*.shots.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
