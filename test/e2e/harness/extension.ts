// The test build of the extension (__E2E__ = true), made by build.mjs.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../../..');
export const OUTPUT_DIR = resolve(ROOT, 'test-output');

const built = new Map<string, string>();

/**
 * Builds dist-test/p<pid>/<browser> from the current sources (about 0.2 s) and returns its absolute path.
 * Each test process gets its own copy: browser test files run in parallel, and a browser reads an
 * extension's files lazily, so one file's rebuild must never replace the files another's browser is using.
 * The copy is removed when the process exits.
 */
export function buildTestExtension(browser: 'chrome' | 'firefox'): string {
  const cached = built.get(browser);
  if (cached) return cached;
  removeStaleBuilds();
  const outRoot = resolve(ROOT, 'dist-test', `p${process.pid}`);
  try {
    execFileSync(process.execPath, ['build.mjs', '--test', '--target', browser, '--out-root', outRoot], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
    });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`test build of the ${browser} extension failed: ${stderr || String(error)}`);
  }
  if (built.size === 0) process.once('exit', () => rmSync(outRoot, { recursive: true, force: true }));
  const dir = resolve(outRoot, browser);
  built.set(browser, dir);
  return dir;
}

/** Copies left by test processes that are gone (a worker killed before its exit hook ran). */
function removeStaleBuilds(): void {
  const dir = resolve(ROOT, 'dist-test');
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    const pid = /^p(\d+)$/.exec(name)?.[1];
    if (!pid || Number(pid) === process.pid) continue;
    try {
      process.kill(Number(pid), 0);
    } catch {
      rmSync(resolve(dir, name), { recursive: true, force: true });
    }
  }
}
