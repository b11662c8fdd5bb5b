#!/usr/bin/env node
// The active probe's cost (issue 15): latency per variant (baseline, canary, canary-again, no-hub, pipeline, ...)
// against the test world's Coveo stand-in, and the whole probe's time. Loopback only.
// Usage: node bench/probe.mjs [--runs 15] [--bin-runs 5] [--json]   (after `npm run build`; or `npm run bench:probe`)
//  - The stand-in runs in a child process (test/world/server.mjs), so this process's CPU is the probe's alone.
//  - In-process: `run(['probe', ...], io)` from src/cli/run.ts (bundled on the fly), its transport the product's own
//    nodeTransport, wrapped only to time each request by its `variant` name.
//  - Whole process: the built bin under GNU time (start-up, HAR reading, analysis, probe, report).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { loadNow, importSource, stats } from './src-bundle.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const CA = join(ROOT, 'test/world/certs/cert.pem');
const CLI = join(ROOT, 'dist/cli/coveo-hub-inspector.mjs');
const args = process.argv.slice(2);
/** @param {string} name @param {number} dflt */
const num = (name, dflt) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) || dflt : dflt);
const RUNS = num('--runs', 15);
const BIN_RUNS = num('--bin-runs', 5);
const WARMUP = 2;
const asJson = args.includes('--json');
/** @param {string} s */
const log = (s) => process.stderr.write(`${s}\n`);

// Node reads NODE_EXTRA_CA_CERTS at start-up only: re-run this script with the world's CA.
if (process.env.NODE_EXTRA_CA_CERTS !== CA) {
  const r = spawnSync(process.execPath, [import.meta.filename, ...args], { stdio: 'inherit', env: { ...process.env, NODE_EXTRA_CA_CERTS: CA } });
  process.exit(r.status ?? 2);
}
if (!existsSync(CLI)) {
  log('bench: run `npm run build` first');
  process.exit(2);
}

const world = await import('../test/world/server.mjs');
const { ORG_HOST, SHOP_HOST, PLATFORM_HOST, PAGE_API_KEY, SCOPED_API_KEY } = world;

/**
 * The stand-in in a child process, with a routing configuration; resolves to its port and a stop function.
 * @param {object} routing
 * @returns {Promise<{ port: number, stop: () => void }>}
 */
function startStandIn(routing) {
  const code = `const { startWorld } = await import(${JSON.stringify(join(ROOT, 'test/world/server.mjs'))});
const w = await startWorld({ routing: ${JSON.stringify(routing)} });
console.log(w.port);`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('exit', (c) => fail(new Error(`stand-in exited ${c}`)));
    createInterface({ input: child.stdout }).once('line', (line) => done({ port: Number(line), stop: () => child.kill() }));
  });
}

const { run, nodeTransport, parseResolve } = await importSource(`
export { run } from './src/cli/run';
export { nodeTransport, parseResolve } from './src/cli/probe-transport';
`);

const tmp = mkdtempSync(join(tmpdir(), 'chi-bench-probe-'));

/** A recorded HAR with the stand-in's port on its URLs. @param {string} name @param {number} port @param {(t: string) => string} edit */
function recorded(name, port, edit = (t) => t) {
  let text = readFileSync(join(ROOT, 'test/fixtures/recorded', name), 'utf8');
  for (const host of [ORG_HOST, SHOP_HOST, PLATFORM_HOST]) text = text.replaceAll(`https://${host}/`, `https://${host}:${port}/`);
  const file = join(tmp, `${port}-${name}`);
  writeFileSync(file, edit(text));
  return file;
}

const SCENARIOS = [
  { name: 'Headless, unscoped API key (routing-changed)', har: 'headless-api-key.har', routing: {}, edit: undefined },
  {
    name: 'Headless, hub-scoped key that rejects other hubs (rejected)',
    har: 'headless-api-key.har',
    routing: { scopedKeyMismatch: 'reject' },
    edit: (/** @type {string} */ t) => t.replaceAll(PAGE_API_KEY, SCOPED_API_KEY),
  },
  { name: 'search-ui, unscoped API key, form bodies (routing-changed)', har: 'search-ui-api-key.har', routing: {}, edit: undefined },
];

/**
 * @param {string} cmd @param {string[]} argv
 * @returns {{ seconds: number, cpuSeconds: number, peakMiB: number, status: number | null }}
 */
function timed(cmd, argv) {
  const res = spawnSync('/usr/bin/time', ['-f', '__TIME__ %e %U %S %M', cmd, ...argv], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const line = (res.stderr || '').split('\n').find((l) => l.startsWith('__TIME__'));
  if (!line) throw new Error(`could not time ${cmd}: ${res.stderr?.slice(-300)}`);
  const [, secs, user, sys, kib] = line.split(' ');
  return { seconds: Number(secs), cpuSeconds: Number(user) + Number(sys), peakMiB: Number(kib) / 1024, status: res.status };
}

const results = [];
for (const sc of SCENARIOS) {
  const standIn = await startStandIn(sc.routing);
  try {
    const file = recorded(sc.har, standIn.port, sc.edit);
    const resolveArgs = [ORG_HOST, SHOP_HOST, PLATFORM_HOST].flatMap((h) => ['--resolve', `${h}:${standIn.port}:127.0.0.1`]);
    const transport = nodeTransport(resolveArgs.filter((_, i) => i % 2 === 1).map(parseResolve));
    /** @type {Record<string, number[]>} */
    const perVariant = {};
    const whole = [];
    const cpu = [];
    let outcomes = null;
    let requests = 0;
    log(`bench: probe, ${sc.name}: ${WARMUP} warm-up + ${RUNS} runs in-process`);
    for (let i = 0; i < WARMUP + RUNS; i++) {
      /** @type {{ variant: string, ms: number }[]} */
      const sent = [];
      let stdout = '';
      let stderr = '';
      const io = {
        stdout: { write: (/** @type {string} */ s) => (stdout += s) },
        stderr: { write: (/** @type {string} */ s) => (stderr += s) },
        env: { NO_COLOR: '1' },
        cwd: ROOT,
        send: async (/** @type {{ variant: string, url: string }} */ req) => {
          const t = performance.now();
          const res = await transport(req);
          const endpoint = new URL(req.url).pathname.endsWith('/querySuggest') ? 'querySuggest' : 'search';
          sent.push({ variant: `${endpoint}: ${req.variant}`, ms: performance.now() - t });
          return res;
        },
      };
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const code = await run(['probe', file, '--yes', '--format', 'json', ...resolveArgs], io);
      const wall = performance.now() - t0;
      const c = process.cpuUsage(c0);
      if (code === 2) throw new Error(`probe failed: ${stderr}`);
      const report = JSON.parse(stdout);
      const probes = report.calls.filter((/** @type {any} */ x) => x.probe && x.probe.probedCall === x.id).map((/** @type {any} */ x) => x.probe);
      outcomes = probes.map((/** @type {any} */ p) => `${p.outcome} (${p.variants.map((/** @type {any} */ v) => `${v.name} ${v.status}`).join(', ')})`);
      requests = sent.length;
      if (i < WARMUP) continue;
      whole.push(wall);
      cpu.push((c.user + c.system) / 1000);
      for (const s of sent) {
        if (!perVariant[s.variant]) perVariant[s.variant] = [];
        perVariant[s.variant].push(s.ms);
      }
    }
    log(`bench: probe, ${sc.name}: ${BIN_RUNS} runs of the built bin`);
    const bin = [];
    for (let i = 0; i < BIN_RUNS; i++) {
      const r = timed(process.execPath, [CLI, 'probe', file, '--yes', '--format', 'json', ...resolveArgs]);
      if (r.status === 2) throw new Error('bin probe failed');
      bin.push(r);
    }
    results.push({
      scenario: sc.name,
      har: sc.har,
      outcomes,
      requestsPerProbe: requests,
      perVariantMs: Object.fromEntries(Object.entries(perVariant).map(([k, v]) => [k, stats(v)])),
      wholeProbeInProcessMs: stats(whole),
      wholeProbeInProcessCpuMs: stats(cpu),
      binWallSeconds: stats(bin.map((b) => b.seconds)),
      binCpuSeconds: stats(bin.map((b) => b.cpuSeconds)),
      binPeakMiB: stats(bin.map((b) => b.peakMiB)),
      load: loadNow(),
    });
  } finally {
    standIn.stop();
  }
}
rmSync(tmp, { recursive: true, force: true });

if (asJson) console.log(JSON.stringify({ runs: RUNS, binRuns: BIN_RUNS, results }, null, 2));
else {
  /** @param {{ median: number, min: number, max: number }} s @param {number} [d] */
  const f = (s, d = 1) => `${s.median.toFixed(d)} (${s.min.toFixed(d)}–${s.max.toFixed(d)})`;
  for (const r of results) {
    console.log(`\n${r.scenario} — ${r.har}, load ${r.load}`);
    console.log(`outcomes: ${r.outcomes.join('; ')}; ${r.requestsPerProbe} request(s) per probe run`);
    console.log('| variant | requests | latency ms, median (min–max) |');
    console.log('| --- | ---: | --- |');
    for (const [name, s] of Object.entries(r.perVariantMs)) console.log(`| ${name} | ${s.runs} | ${f(s, 2)} |`);
    console.log(`| whole probe, in-process (${RUNS} runs) | | wall ${f(r.wholeProbeInProcessMs)} ms, CPU ${f(r.wholeProbeInProcessCpuMs)} ms |`);
    console.log(
      `| whole process, built bin (${BIN_RUNS} runs) | | wall ${f(r.binWallSeconds, 2)} s, CPU ${f(r.binCpuSeconds, 2)} s, peak RSS ${f(r.binPeakMiB, 0)} MiB |`,
    );
  }
}
