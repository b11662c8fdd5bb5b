#!/usr/bin/env node
// What the org command's Platform API client costs, and proof that `check` does not pay for it (see BENCHMARKS.md).
// Usage: node bench/org-startup.mjs [--runs 15] [--base DIR]   (after `npm run build`)
//   --base DIR: a second built CLI (for example the commit before the org command) to compare check's start-up with.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1] ?? 15) || 15;
const baseDir = args.includes('--base') ? args[args.indexOf('--base') + 1] : null;
const CLI = 'dist/cli/coveo-hub-inspector.mjs';
if (!existsSync(CLI)) {
  console.error('bench: run `npm run build` first');
  process.exit(2);
}
const har = join(mkdtempSync(join(tmpdir(), 'chi-bench-')), 'small.har');
writeFileSync(har, JSON.stringify({ log: { version: '1.2', entries: [] } }));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
function time(argv) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, argv, { encoding: 'utf8' });
  if (r.status !== 0 && r.status !== 1) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
}
const cases = {
  'node -e "" (process floor)': ['-e', ''],
  'check small.har': [CLI, 'check', har, '--fail-on', 'never'],
  ...(baseDir ? { 'check small.har (base build)': [join(baseDir, 'coveo-hub-inspector.mjs'), 'check', har, '--fail-on', 'never'] } : {}),
  'org --help (org module, no client)': [CLI, 'org', '--help'],
  'import("@coveo/platform-client")': ['--input-type=module', '-e', 'await import("@coveo/platform-client")'],
};
const results = {};
for (const [name] of Object.entries(cases)) results[name] = [];
for (let i = 0; i < runs + 2; i++) {
  for (const [name, argv] of Object.entries(cases)) {
    const ms = time(argv);
    if (i >= 2) results[name].push(ms); // two warm-up rounds
  }
}
// The client's own cost, timed inside fresh processes (less noisy than whole-process times on a busy machine).
const inProcess = [];
for (let i = 0; i < runs; i++) {
  const r = spawnSync(
    process.execPath,
    ['--input-type=module', '-e', 'const t = performance.now(); await import("@coveo/platform-client"); console.log(performance.now() - t)'],
    { encoding: 'utf8' },
  );
  inProcess.push(Number(r.stdout.trim()));
}
results['await import("@coveo/platform-client"), timed in-process'] = inProcess;
console.log(`| process (${runs} runs, interleaved) | median ms | min | max |`);
console.log('| --- | ---: | ---: | ---: |');
for (const [name, xs] of Object.entries(results))
  console.log(`| ${name} | ${median(xs).toFixed(1)} | ${Math.min(...xs).toFixed(1)} | ${Math.max(...xs).toFixed(1)} |`);
console.log(
  `\nCLI bundle: ${(statSync(CLI).size / 1024).toFixed(1)} KiB${baseDir ? `; base: ${(statSync(join(baseDir, 'coveo-hub-inspector.mjs')).size / 1024).toFixed(1)} KiB` : ''}`,
);
