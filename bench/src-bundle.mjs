// Imports TypeScript sources (src/, test/) in a bench: esbuild bundles a small entry into a temporary ES module,
// which is then imported. The bundle follows the CLI build's rules (Node 20, platform-client and playwright-core
// left external), so what runs is the product's own code, not a copy.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = resolve(import.meta.dirname, '..');

/**
 * Bundles `contents` (an ES module whose imports resolve from the repository root) and imports it.
 * @param {string} contents
 * @returns {Promise<any>}
 */
export async function importSource(contents) {
  // Inside the repository (bench/out/ is ignored by git), so that the external packages resolve from node_modules.
  mkdirSync(join(ROOT, 'bench/out'), { recursive: true });
  const dir = mkdtempSync(join(ROOT, 'bench/out/src-'));
  const outfile = join(dir, 'entry.mjs');
  try {
    await esbuild.build({
      stdin: { contents, resolveDir: ROOT, loader: 'ts', sourcefile: 'bench-entry.ts' },
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'warning',
      external: ['@coveo/platform-client', 'playwright-core', 'esbuild'],
    });
    return await import(pathToFileURL(outfile).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Median, min and max of a list.
 * @param {number[]} xs
 */
export function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  const median = s.length === 0 ? Number.NaN : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  return { median, min: s[0], max: s[s.length - 1], runs: s.length };
}

/** The 1-, 5- and 15-minute load averages, or null. */
export function loadNow() {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return null;
  }
}
