#!/usr/bin/env node
// npm run bench: speed, memory and size figures measured side by side in one run (see BENCHMARKS.md).
// Usage: node bench/run.mjs [--json] [--save results.json] [--only analysis,bighar,panel,size] [--quick] [--big400]
//   --big400 adds 400 MB HARs (5 % and 100 % Coveo) to the 10 and 100 MB ones of group 2.
//   --json  machine-readable results only on stdout (progress goes nowhere); --save also writes them to a file.
import { execFileSync, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, statSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { coveoEntry, otherEntry, rng } from './traffic.mjs';

const args = process.argv.slice(2);
const asJson = args.includes('--json');
const quick = args.includes('--quick');
const onlyArg = args.find((a) => a.startsWith('--only'));
const only = onlyArg ? (onlyArg.includes('=') ? onlyArg.split('=')[1] : args[args.indexOf(onlyArg) + 1]).split(',') : null;
const want = (group) => !only || only.includes(group);
const saveArg = args.indexOf('--save');
const savePath = saveArg >= 0 ? args[saveArg + 1] : null;
const log = (...m) => {
  if (!asJson) console.error(...m);
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const stats = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs), runs: xs.length });
const results = {
  machine: {
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    date: new Date().toISOString(),
    loadAverageAtStart: null,
  },
  groups: {},
};

if (!existsSync('dist/lib/index.mjs') || !existsSync('dist/cli/coveo-hub-inspector.mjs')) {
  console.error('bench: run `npm run build` first (npm run bench does it for you)');
  process.exit(2);
}
results.machine.loadAverageAtStart = (() => {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return null;
  }
})();
results.machine.commit = (() => {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
})();
const core = await import(new URL('../dist/lib/index.mjs', import.meta.url).href);

// 1. Analysis vs its floor -------------------------------------------------------------------------------
function benchAnalysis() {
  const N = quick ? 2000 : 8000;
  const REPS = quick ? 5 : 15;
  const repeated = Array.from({ length: N }, (_, i) => coveoEntry(i));
  // A token of its own per call: every token is new to the core's cache (64 entries), so each is decoded.
  const distinct = Array.from({ length: N }, (_, i) => coveoEntry(i, rng(i + 1), { distinct: true }));
  const others = Array.from({ length: N }, (_, i) => otherEntry(i, 2000));
  const decodePayload = (auth) => {
    const token = auth.slice(7);
    if (!token.startsWith('eyJ')) return null;
    const parts = token.split('.');
    return [JSON.parse(Buffer.from(parts[0], 'base64url').toString()), JSON.parse(Buffer.from(parts[1], 'base64url').toString())];
  };
  // The floor: only JSON.parse of the same bodies, plus base64url-decoding and parsing the same JWTs.
  const floor = (e) => {
    if (e.request.postData) JSON.parse(e.request.postData.text);
    if (e.response.content.text) JSON.parse(e.response.content.text);
    const auth = e.request.headers.find((h) => h.name === 'Authorization');
    if (auth) decodePayload(auth.value);
  };
  const full = (e) => core.analyzeEntry(e);
  // Wall and CPU time (user + system of this process) per entry, in µs.
  const time = (fn, list) => {
    const c = process.cpuUsage();
    const t = process.hrtime.bigint();
    for (const e of list) fn(e);
    const wall = Number(process.hrtime.bigint() - t) / 1000 / list.length;
    const u = process.cpuUsage(c);
    return { wall, cpu: (u.user + u.system) / list.length };
  };
  for (let w = 0; w < 2; w++) {
    time(full, repeated);
    time(floor, repeated);
    time(full, distinct);
    time(floor, distinct);
    time(full, others);
  }
  const runs = { repeated: [], repeatedFloor: [], distinct: [], distinctFloor: [], reject: [] };
  for (let r = 0; r < REPS; r++) {
    // Interleaved so that all see the same machine state; each full run right beside its floor.
    runs.distinct.push(time(full, distinct));
    runs.distinctFloor.push(time(floor, distinct));
    runs.repeated.push(time(full, repeated));
    runs.repeatedFloor.push(time(floor, repeated));
    runs.reject.push(time(full, others));
  }
  const both = (xs) => ({ cpu: stats(xs.map((x) => x.cpu)), wall: stats(xs.map((x) => x.wall)) });
  const ratio = (a, b) => ({ cpu: stats(a.map((x, i) => x.cpu / b[i].cpu)), wall: stats(a.map((x, i) => x.wall / b[i].wall)) });
  return {
    entries: N,
    distinct: { analysisMicrosPerEntry: both(runs.distinct), floorMicrosPerEntry: both(runs.distinctFloor), ratio: ratio(runs.distinct, runs.distinctFloor) },
    repeated: { analysisMicrosPerEntry: both(runs.repeated), floorMicrosPerEntry: both(runs.repeatedFloor), ratio: ratio(runs.repeated, runs.repeatedFloor) },
    rejectMicrosPerEntry: both(runs.reject),
    targets: { distinctRatio: 1.5, repeatedRatio: 1.2, rejectMicros: 0.5 },
  };
}

// 2. Big HARs -------------------------------------------------------------------------------------------
async function writeBigHar(path, targetBytes, coveoEvery) {
  const out = createWriteStream(path);
  const write = async (s) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  await write('{"log":{"version":"1.2","creator":{"name":"bench","version":"1"},"pages":[],"entries":[\n');
  let written = 0;
  // 100 % Coveo: every call with a token of its own; 5 %: one Coveo call in 20, the three page credentials, the
  // rest ordinary traffic with large bodies (about 5 KB each, so that 100 MB is about 20,000 entries).
  for (let i = 0; written < targetBytes; i++) {
    const e = coveoEvery === 1 ? coveoEntry(i, rng(i + 1), { distinct: true }) : i % coveoEvery === 0 ? coveoEntry(i / coveoEvery) : otherEntry(i, 5000);
    const s = (i ? ',\n' : '') + JSON.stringify(e);
    written += Buffer.byteLength(s);
    await write(s);
  }
  await write(']}}\n');
  out.end();
  await once(out, 'finish');
}

function timed(cmd, argv, opts = {}) {
  // GNU time prints wall seconds, user and system CPU seconds and peak RSS (KiB) of the whole process.
  const res = spawnSync('/usr/bin/time', ['-f', '__TIME__ %e %U %S %M', cmd, ...argv], { encoding: 'utf8', maxBuffer: 1 << 30, ...opts });
  const line = (res.stderr || '').split('\n').find((l) => l.startsWith('__TIME__'));
  if (!line) throw new Error(`could not time ${cmd}: ${res.stderr?.slice(-300)}`);
  const [, secs, user, sys, kib] = line.split(' ');
  return { seconds: Number(secs), cpuSeconds: Number(user) + Number(sys), peakMiB: Number(kib) / 1024, status: res.status, stdout: res.stdout };
}

async function benchBigHar() {
  if (!existsSync('/usr/bin/time')) return { skipped: 'GNU time (/usr/bin/time) is missing: apt-get install time' };
  const dir = join(tmpdir(), 'coveo-hub-bench');
  mkdirSync(dir, { recursive: true });
  const sizes = quick ? [10e6] : args.includes('--big400') ? [10e6, 100e6, 400e6] : [10e6, 100e6];
  const variants = [];
  for (const target of sizes) {
    for (const coveoEvery of [20, 1]) {
      const file = join(dir, `big-${target / 1e6}MB-${coveoEvery === 1 ? 100 : 5}pct.har`);
      log(`bench: generating ${(target / 1e6).toFixed(0)} MB HAR (${coveoEvery === 1 ? 100 : 5} % Coveo) in ${file}`);
      await writeBigHar(file, target, coveoEvery);
      const bytes = statSync(file).size;
      const REPS = target >= 400e6 ? 1 : target >= 100e6 ? (quick ? 2 : 5) : 7;
      const cli = [],
        parse = [];
      let calls = null,
        entries = null;
      try {
        for (let r = 0; r < REPS; r++) {
          const c = timed(process.execPath, ['dist/cli/coveo-hub-inspector.mjs', 'check', file, '--format', 'json', '--fail-on', 'never']);
          if (c.status !== 0) throw new Error(`CLI exited ${c.status}`);
          const report = JSON.parse(c.stdout);
          calls = report.calls.length;
          entries = report.sources?.[0]?.entries ?? null;
          c.stdout = '';
          cli.push(c);
          parse.push(timed(process.execPath, ['-e', `JSON.parse(require('fs').readFileSync(${JSON.stringify(file)}, 'utf8'))`]));
        }
      } finally {
        rmSync(file, { force: true });
      }
      const pick = (runs, k) => stats(runs.map((x) => x[k]));
      variants.push({
        fileMB: bytes / 1e6,
        coveoPercent: coveoEvery === 1 ? 100 : 5,
        entries,
        coveoCallsFound: calls,
        runs: REPS,
        cli: { seconds: pick(cli, 'seconds'), cpuSeconds: pick(cli, 'cpuSeconds'), peakMiB: pick(cli, 'peakMiB') },
        nodeJsonParse: { seconds: pick(parse, 'seconds'), cpuSeconds: pick(parse, 'cpuSeconds'), peakMiB: pick(parse, 'peakMiB') },
        ratios: {
          wallVsJsonParse: stats(cli.map((c, i) => c.seconds / parse[i].seconds)),
          cpuVsJsonParse: stats(cli.map((c, i) => c.cpuSeconds / parse[i].cpuSeconds)),
          peakMemoryVsFile: stats(cli.map((c) => (c.peakMiB * 2 ** 20) / bytes)),
        },
        targets: { vsJsonParse: coveoEvery === 1 ? 1.5 : 1.0, peakMemoryVsFile: 1.5 },
      });
    }
  }
  return { variants, load: uptimeNow() };
}

function uptimeNow() {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return null;
  }
}

// 3. The panel at scale (real Chromium) -------------------------------------------------------------------
async function benchPanel() {
  // bench/panel-scale.ts drives Chromium through the TypeScript e2e harness: bundle it first (git-ignored bench/out/).
  const source = new URL('./panel-scale.ts', import.meta.url);
  if (!existsSync(source)) return { skipped: 'bench/panel-scale.ts not present' };
  const esbuild = await import('esbuild');
  const outfile = new URL('./out/panel-scale.mjs', import.meta.url);
  const harnessDir = new URL('../test/e2e/harness/', import.meta.url).pathname;
  await esbuild.build({
    entryPoints: [source.pathname],
    outfile: outfile.pathname,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['puppeteer-core'],
    // The harness finds the project root from its own folder.
    define: { __dirname: JSON.stringify(harnessDir.replace(/\/$/, '')) },
    logLevel: 'warning',
  });
  const { measurePanel } = await import(`${outfile.href}?t=${Date.now()}`);
  try {
    const r = await measurePanel({ quick, log });
    if (r.skipped) return r;
    return {
      ...r,
      ratios: { keystrokeVsBudget: Math.max(r.typingMs.p95, r.deletingMs.p95) / 16, heapPerCallKiB: ((r.heapMiB - r.heapBeforeFeedMiB) * 1024) / r.calls },
      targets: { keystrokeP95Ms: 16 },
    };
  } catch (error) {
    return { skipped: `failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` };
  }
}

// 4. Size -----------------------------------------------------------------------------------------------
async function benchSize() {
  const dir = 'dist/chrome';
  if (!existsSync(dir)) return { skipped: 'dist/chrome missing (npm run build)' };
  const files = [];
  const walk = (d) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.js')) files.push(p);
    }
  };
  walk(dir);
  const perFile = files.map((f) => {
    const raw = readFileSync(f);
    return { file: f, bytes: raw.length, gzipBytes: gzipSync(raw, { level: 9 }).length };
  });
  const total = perFile.reduce((a, f) => a + f.gzipBytes, 0);
  return { files: perFile, totalGzipKB: total / 1024, targetKB: 40, ratios: { sizeVsTarget: total / 1024 / 40 } };
}

if (want('analysis')) {
  log('bench: 1. analysis vs floor');
  results.groups.analysis = benchAnalysis();
}
if (want('bighar')) {
  log('bench: 2. big HAR');
  results.groups.bigHar = await benchBigHar();
}
if (want('panel')) {
  log('bench: 3. panel at scale');
  results.groups.panel = await benchPanel();
}
if (want('size')) {
  log('bench: 4. size');
  results.groups.size = await benchSize();
}
const renderBench = want('render') ? await import('./render.mjs') : null;
if (renderBench) {
  log('bench: 5. report rendering');
  results.groups.render = renderBench.benchRender(core, { quick });
}

if (savePath) writeFileSync(savePath, `${JSON.stringify(results, null, 2)}\n`);
if (asJson) {
  console.log(JSON.stringify(results, null, 2));
} else {
  const f = (n, d = 2) => (typeof n === 'number' ? n.toFixed(d) : String(n));
  const row = (name, s, unit, d = 2) =>
    `  ${name.padEnd(44)} ${f(s.median, d).padStart(9)} ${unit.padEnd(5)} (min ${f(s.min, d)}, max ${f(s.max, d)}, n=${s.runs})`;
  const { analysis: a, bigHar: b, panel: p, size: s } = results.groups;
  console.log(
    `Coveo Hub Inspector benchmarks: ${results.machine.cpus} × ${results.machine.cpu}, ${results.machine.memoryGiB} GiB, Node ${results.machine.node}, commit ${results.machine.commit}, load average ${results.machine.loadAverageAtStart}`,
  );
  const cw = (x, d = 2) =>
    `cpu ${f(x.cpu.median, d)} (${f(x.cpu.min, d)}–${f(x.cpu.max, d)}), wall ${f(x.wall.median, d)} (${f(x.wall.min, d)}–${f(x.wall.max, d)})`;
  if (a) {
    console.log(
      `\n1. Analysis vs floor (${a.entries} Coveo entries: search, suggestions, facet search, analytics), median (min–max) over ${a.rejectMicrosPerEntry.cpu.runs} runs`,
    );
    for (const [name, g, target] of [
      ['distinct token per entry', a.distinct, a.targets.distinctRatio],
      ['repeated tokens (3 credentials)', a.repeated, a.targets.repeatedRatio],
    ]) {
      console.log(`  ${name}:`);
      console.log(`    full analysis per entry µs   ${cw(g.analysisMicrosPerEntry)}`);
      console.log(`    floor per entry µs           ${cw(g.floorMicrosPerEntry)}`);
      console.log(`    ratio full / floor           ${cw(g.ratio)} (target ≤ ${target}: ${g.ratio.cpu.median <= target ? 'met' : 'MISSED'} on CPU)`);
    }
    console.log(
      `  reject a non-Coveo entry µs    ${cw(a.rejectMicrosPerEntry, 3)} (target ≤ ${a.targets.rejectMicros}: ${a.rejectMicrosPerEntry.cpu.median <= a.targets.rejectMicros ? 'met' : 'MISSED'} on CPU)`,
    );
  }
  if (b && !b.skipped) {
    console.log(`\n2. Big HARs: check --format json vs node JSON.parse of the file (load ${b.load})`);
    for (const v of b.variants) {
      console.log(`  ${f(v.fileMB, 0)} MB, ${v.coveoPercent} % Coveo (${v.entries} entries, ${v.coveoCallsFound} calls), ${v.runs} runs:`);
      console.log(
        `    CLI        wall ${f(v.cli.seconds.median)} s (${f(v.cli.seconds.min)}–${f(v.cli.seconds.max)}), cpu ${f(v.cli.cpuSeconds.median)} s, peak ${f(v.cli.peakMiB.median, 0)} MiB`,
      );
      console.log(
        `    JSON.parse wall ${f(v.nodeJsonParse.seconds.median)} s (${f(v.nodeJsonParse.seconds.min)}–${f(v.nodeJsonParse.seconds.max)}), cpu ${f(v.nodeJsonParse.cpuSeconds.median)} s, peak ${f(v.nodeJsonParse.peakMiB.median, 0)} MiB`,
      );
      console.log(
        `    ratios: wall ${f(v.ratios.wallVsJsonParse.median)} (${f(v.ratios.wallVsJsonParse.min)}–${f(v.ratios.wallVsJsonParse.max)}), cpu ${f(v.ratios.cpuVsJsonParse.median)} (target ≤ ${v.targets.vsJsonParse}), peak memory / file ${f(v.ratios.peakMemoryVsFile.median)} (target ≤ ${v.targets.peakMemoryVsFile})`,
      );
    }
  } else if (b) console.log(`\n2. Big HAR: skipped (${b.skipped})`);
  if (p && !p.skipped) {
    console.log(`\n3. Panel at scale (${p.calls} Coveo calls in real Chromium ${p.browser ?? ''})`);
    console.log(
      `  fed by the page: ${p.calls} POSTs, ${p.feed.batch} concurrent, in ${f(p.feed.seconds, 1)} s (${f(p.feed.requestsPerSecond, 0)} calls/s through DevTools)`,
    );
    console.log(`${row('keystroke in filter → painted list', p.keystrokeMs, 'ms')} p95 ${f(p.keystrokeMs.p95)}`);
    if (p.typingMs) console.log(`${row('  typing only', p.typingMs, 'ms')} p95 ${f(p.typingMs.p95)}`);
    if (p.deletingMs) console.log(`${row('  deleting only', p.deletingMs, 'ms')} p95 ${f(p.deletingMs.p95)}`);
    console.log(row('  of which filter + render (before paint)', p.keystrokeWorkMs, 'ms'));
    console.log(row('select a row → detail painted', p.selectMs, 'ms'));
    console.log(
      `  rows matched: ${Object.entries(p.rowsMatched)
        .map(([w, n]) => `"${w}" ${n}`)
        .join(', ')}; paint detected by ${p.paintDetection}`,
    );
    console.log(
      `  panel memory: JS heap ${f(p.heapMiB, 1)} MiB with ${p.calls} calls (cap ${p.cap}; ${f(p.heapBeforeFeedMiB, 1)} MiB before), ${f(((p.heapMiB - p.heapBeforeFeedMiB) * 1024) / p.calls, 2)} KiB per call; ${p.rowsInDom} rows in the DOM`,
    );
    console.log(
      `  ratio keystroke p95 / 16 ms budget ${f(p.ratios.keystrokeVsBudget)} (target ≤ 1, typing and deleting each): ${Math.max(p.typingMs?.p95 ?? Infinity, p.deletingMs?.p95 ?? Infinity) <= 16 ? 'met' : 'missed'}`,
    );
  } else if (p) console.log(`\n3. Panel at scale: skipped (${p.skipped})`);
  if (s && !s.skipped) {
    console.log('\n4. Size of dist/chrome JavaScript (gzip -9)');
    for (const file of s.files)
      console.log(`  ${file.file.padEnd(44)} ${(file.bytes / 1024).toFixed(1).padStart(8)} KB raw ${(file.gzipBytes / 1024).toFixed(1).padStart(7)} KB gzip`);
    console.log(`  total ${f(s.totalGzipKB, 1)} KB gzip (target ≤ ${s.targetKB} KB): ratio ${f(s.ratios.sizeVsTarget)} (target ≤ 1)`);
  }
  if (results.groups.render) renderBench.printRender(results.groups.render);
}
