// The suite test/playwright/fixture.chromium.test.ts runs with @playwright/test: the `coveoHub` fixture and its
// matchers against the HTTPS test world (started by that test; its port comes in WORLD_PORT). Debian Chromium only.
import { defineConfig } from '@playwright/test';

const port = process.env.WORLD_PORT;
if (!port) throw new Error('WORLD_PORT is not set: run this suite through test/playwright/fixture.chromium.test.ts');

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 120_000,
  outputDir: process.env.PW_OUTPUT_DIR ?? '../../../test-output/fixture-suite',
  reporter: [['json', { outputFile: process.env.PW_REPORT_FILE ?? '../../../test-output/fixture-suite.json' }]],
  use: {
    baseURL: 'https://shop.example.test',
    ignoreHTTPSErrors: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium',
      // The world's hosts on loopback, as the e2e harness maps them.
      args: [`--host-resolver-rules=MAP *.coveo.com 127.0.0.1:${port}, MAP shop.example.test 127.0.0.1:${port}`],
    },
  },
});
