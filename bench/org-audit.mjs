#!/usr/bin/env node
// The org audit's cost (issue 15): `coveo-hub-inspector org` over a generated (seeded) organization of 1,000 API keys
// and 100 query pipelines, served by the org tests' Platform API stand-in (test/org/platform-stand-in.ts) on
// loopback, read through the real @coveo/platform-client as the product does. Each run is the built bin as a whole
// process under GNU time (wall, CPU, peak RSS); a tiny organization (the tests' acmeOrg) is run interleaved, so the
// difference is the cost of the 1,000 keys and 100 pipelines over start-up and the client's import.
// Usage: node bench/org-audit.mjs [--runs 7] [--keys 1000] [--pipelines 100] [--json]   (after `npm run build`)
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { importSource, loadNow, stats } from './src-bundle.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const CLI = join(ROOT, 'dist/cli/coveo-hub-inspector.mjs');
const args = process.argv.slice(2);
/** @param {string} name @param {number} dflt */
const num = (name, dflt) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) || dflt : dflt);
const RUNS = num('--runs', 7);
const KEYS = num('--keys', 1000);
const PIPELINES = num('--pipelines', 100);
const HUBS = 120;
const WARMUP = 2;
const asJson = args.includes('--json');
/** @param {string} s */
const log = (s) => process.stderr.write(`${s}\n`);
if (!existsSync(CLI)) {
  log('bench: run `npm run build` first');
  process.exit(2);
}

const t = await importSource(`
export { startStandIn } from './test/org/platform-stand-in';
export * from './test/org/fixtures';
`);

/** mulberry32: the same organization on every run. @param {number} seed */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;

/** A big organization: mostly hub-scoped search keys, with a realistic share of what the rules look for. */
function generatedOrg() {
  const r = rng(15);
  const apiKeys = Array.from({ length: KEYS }, (_, i) => {
    const id = `k${String(i).padStart(4, '0')}`;
    const hub = `Hub${Math.floor(r() * HUBS)}`;
    const roll = r();
    /** @type {Record<string, unknown>} */
    const fields = { displayName: `Key ${i}`, additionalConfiguration: t.hubScope(hub), lastUsedDate: t.NOW - Math.floor(r() * 60) * DAY };
    if (roll < 0.1)
      delete fields.additionalConfiguration; // unscoped search key
    else if (roll < 0.15) Object.assign(fields, { privacyLevel: 'PUBLIC' });
    else if (roll < 0.2) Object.assign(fields, { privileges: [t.EXECUTE_QUERY, t.IMPERSONATE], allowedIps: ['203.0.113.7'] });
    else if (roll < 0.25) Object.assign(fields, { lastUsedDate: t.NOW - (120 + Math.floor(r() * 400)) * DAY });
    else if (roll < 0.28) Object.assign(fields, { enabled: false, status: 'DISABLED' });
    else if (roll < 0.3) Object.assign(fields, { privileges: [t.EDIT_SOURCES], allowedIps: ['10.0.0.0/8'] });
    else if (roll < 0.31) Object.assign(fields, { description: '  ' });
    return t.key(id, fields);
  });
  const pipelines = [
    t.pipeline('default', 0, null, { isDefault: true }),
    ...Array.from({ length: PIPELINES - 1 }, (_, i) => {
      const roll = r();
      const condition =
        roll < 0.7
          ? `when $searchHub is "Hub${i % HUBS}"`
          : roll < 0.8
            ? `when $searchHub contains "Hub${i % 10}"`
            : roll < 0.9
              ? `when $searchHub is "Hub${i % HUBS}" or $tab is "T${i}"`
              : roll < 0.95
                ? `when $query contains "q${i}"`
                : null;
      return t.pipeline(`p${i}`, i + 1, condition);
    }),
  ];
  /** @type {Record<string, unknown[]>} */
  const statements = {};
  for (let i = 0; i < PIPELINES - 1; i += 4) statements[`p${i}`] = Array.from({ length: 3 }, (_, j) => t.filterRule(`s${i}-${j}`, `filter cq \`@n==${j}\``));
  return {
    id: 'benchorg',
    token: 'platform-token-bench-0015',
    apiKeys,
    pipelines,
    statements,
    hubs: Array.from({ length: HUBS }, (_, i) => ({ name: `Hub${i}` })),
  };
}

// The report goes to --output: `org` ends with process.exit, which cuts a report written to a pipe short (found
// by this bench: 65,536 of 969,387 bytes through `| wc -c`), so the bench does not read stdout.
mkdirSync(join(ROOT, 'bench/out'), { recursive: true });
const OUT = join(ROOT, 'bench/out', `org-audit-${process.pid}.json`);
const big = generatedOrg();
const small = t.acmeOrg();
const standIn = await t.startStandIn([big, small]);

/**
 * The built bin under GNU time, asynchronously (the stand-in answers from this process).
 * @param {{ id: string, token: string }} org
 * @returns {Promise<{ seconds: number, cpuSeconds: number, peakMiB: number, code: number | null, stdout: string }>}
 */
function timedOrg(org) {
  /** @type {Record<string, string | undefined>} */
  const env = { ...process.env, NO_COLOR: '1', COVEO_PLATFORM_TOKEN: org.token };
  delete env.FORCE_COLOR;
  const argv = [
    '-f',
    '__TIME__ %e %U %S %M',
    process.execPath,
    CLI,
    'org',
    '--org',
    org.id,
    '--platform-url',
    standIn.url,
    '--format',
    'json',
    '--fail-on',
    'never',
    '--output',
    OUT,
  ];
  return new Promise((done, fail) => {
    const child = spawn('/usr/bin/time', argv, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => {
      const line = stderr.split('\n').find((l) => l.startsWith('__TIME__'));
      if (!line || code !== 0) return fail(new Error(`org exited ${code}: ${stderr.slice(-400)}`));
      const [, secs, user, sys, kib] = line.split(' ');
      done({ seconds: Number(secs), cpuSeconds: Number(user) + Number(sys), peakMiB: Number(kib) / 1024, code, stdout: readFileSync(OUT, 'utf8') });
    });
  });
}

/** @type {Record<string, { seconds: number, cpuSeconds: number, peakMiB: number }[]>} */
const runs = { big: [], small: [] };
/** @type {Record<string, any>} */
const seen = {};
const loads = [loadNow()];
for (let i = 0; i < WARMUP + RUNS; i++) {
  for (const [name, org] of [
    ['big', big],
    ['small', small],
  ]) {
    const before = standIn.requests.length;
    const r = await timedOrg(org);
    const report = JSON.parse(r.stdout);
    seen[name] = {
      inventory: report.inventory,
      findings: report.findings.length,
      requests: standIn.requests.length - before,
      reportKiB: r.stdout.length / 1024,
    };
    if (i >= WARMUP) runs[name].push(r);
  }
  log(`bench: org audit, round ${i + 1}/${WARMUP + RUNS}${i < WARMUP ? ' (warm-up)' : ''}`);
}
loads.push(loadNow());
await standIn.close();
rmSync(OUT, { force: true });

/** @param {{ seconds: number, cpuSeconds: number, peakMiB: number }[]} xs */
const summary = (xs) => ({
  wallSeconds: stats(xs.map((x) => x.seconds)),
  cpuSeconds: stats(xs.map((x) => x.cpuSeconds)),
  peakMiB: stats(xs.map((x) => x.peakMiB)),
});
const out = {
  runs: RUNS,
  load: loads,
  big: { keys: KEYS, pipelines: PIPELINES, ...seen.big, ...summary(runs.big) },
  small: { ...seen.small, ...summary(runs.small) },
  difference: {
    wallSeconds: stats(runs.big.map((b, i) => b.seconds - runs.small[i].seconds)),
    cpuSeconds: stats(runs.big.map((b, i) => b.cpuSeconds - runs.small[i].cpuSeconds)),
  },
};
if (asJson) console.log(JSON.stringify(out, null, 2));
else {
  /** @param {{ median: number, min: number, max: number }} s @param {number} [d] */
  const f = (s, d = 2) => `${s.median.toFixed(d)} (${s.min.toFixed(d)}–${s.max.toFixed(d)})`;
  console.log(`org audit, built bin, ${RUNS} interleaved runs after ${WARMUP} warm-ups; load ${loads.join(' → ')}`);
  console.log('| organization | requests | findings | report | wall s | CPU s | peak RSS MiB |');
  console.log('| --- | ---: | ---: | ---: | --- | --- | --- |');
  for (const [label, o] of [
    [`generated: ${KEYS} keys, ${PIPELINES} pipelines, ${HUBS} hubs`, out.big],
    ['acmeOrg: 2 keys, 3 pipelines, 2 hubs', out.small],
  ])
    console.log(`| ${label} | ${o.requests} | ${o.findings} | ${o.reportKiB.toFixed(0)} KiB | ${f(o.wallSeconds)} | ${f(o.cpuSeconds)} | ${f(o.peakMiB, 0)} |`);
  console.log(`| difference (per run pair) | | | | ${f(out.difference.wallSeconds)} | ${f(out.difference.cpuSeconds)} | |`);
}
