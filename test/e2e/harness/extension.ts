// The test build of the extension (dist-test/<browser>, __E2E__ = true), made by build.mjs.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../../..');
export const OUTPUT_DIR = resolve(ROOT, 'test-output');

/** Builds dist-test/<browser> from the current sources (about 0.1 s) and returns its absolute path. */
export function buildTestExtension(browser: 'chrome' | 'firefox'): string {
  try {
    execFileSync(process.execPath, ['build.mjs', '--test', '--target', browser], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`test build of the ${browser} extension failed: ${stderr || String(error)}`);
  }
  return resolve(ROOT, 'dist-test', browser);
}
