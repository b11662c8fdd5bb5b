// One test per URL of urls.txt (audit.spec.ts), fully parallel: `npx playwright test --shard=1/4` on four machines,
// then `npx playwright merge-reports` over their blob reports (see ci/github-workflow.yml).
//
// The browser is the system's Chromium (never a download): CHROMIUM_PATH, else /usr/bin/chromium when present,
// else Playwright's own default. HOST_RESOLVER_RULES and IGNORE_HTTPS_ERRORS=1 exist to point the example at a
// local stand-in (the repository's test world); leave them unset against real sites.
import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

const executablePath = process.env.CHROMIUM_PATH || (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const args = process.env.HOST_RESOLVER_RULES ? [`--host-resolver-rules=${process.env.HOST_RESOLVER_RULES}`] : [];

export default defineConfig({
  testDir: '.',
  testMatch: 'audit.spec.ts',
  fullyParallel: true,
  workers: process.env.WORKERS ? Number(process.env.WORKERS) : undefined,
  retries: 0,
  timeout: 60_000,
  // Sharded runs write a blob report per shard (merged later); a local run prints a list and an HTML report.
  reporter: process.env.CI ? [['blob', { outputDir: process.env.BLOB_DIR ?? 'blob-report' }], ['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    ignoreHTTPSErrors: process.env.IGNORE_HTTPS_ERRORS === '1',
    launchOptions: { ...(executablePath ? { executablePath } : {}), args },
  },
});
