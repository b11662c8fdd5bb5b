// Global setup of the `extension-build` project (vitest.config.ts): runs Mozilla's linter (web-ext lint) on the
// built Firefox extension once, before test/build/extension.test.ts, and hands its JSON report to the test. Set-up
// has no timeout: how long the linter takes on a loaded machine decides nothing.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** web-ext lint's JSON output on dist/firefox, or `{"setupError": "..."}`. */
    webExtLint: string;
  }
}

const ROOT = resolve(__dirname, '../..');

export default async function setup(project: TestProject): Promise<void> {
  const source = join(ROOT, 'dist', 'firefox');
  if (!existsSync(join(source, 'manifest.json'))) {
    project.provide('webExtLint', JSON.stringify({ setupError: 'dist/firefox is missing: run "node build.mjs" first' }));
    return;
  }
  const bin = join(ROOT, 'node_modules/web-ext/bin/web-ext.js');
  // web-ext exits non-zero when it finds errors: keep its JSON either way.
  const out = await promisify(execFile)(process.execPath, [bin, 'lint', '--source-dir', source, '--output', 'json', '--no-config-discovery'], {
    cwd: ROOT,
    maxBuffer: 16 * 1024 * 1024,
  }).catch((error: { stdout?: string; message?: string }) => ({
    stdout: error.stdout || JSON.stringify({ setupError: `web-ext lint failed: ${error.message ?? 'no output'}` }),
  }));
  project.provide('webExtLint', out.stdout);
}
