#!/usr/bin/env node
// npm run bench: speed, memory and size figures measured side by side in one run (see BENCHMARKS.md).
// Usage: node bench/run.mjs [--json] [--save results.json] [--only analysis,bighar,panel,size] [--quick]
//   --json  machine-readable results only on stdout (progress goes nowhere); --save also writes them to a file.
import { execFileSync, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, statSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { coveoEntry, otherEntry } from './traffic.mjs';

const args = process.argv.slice(2);
const asJson = args.includes('--json');
const quick = args.includes('--quick');
const onlyArg = args.find((a) => a.startsWith('--only'));
const only = onlyArg ? (onlyArg.includes('=') ? onlyArg.split('=')[1] : args[args.indexOf(onlyArg) + 1]).split(',') : null;
const want = (group) => !only || only.includes(group);
const saveArg = args.indexOf('--save');
const savePath = saveArg >= 0 ? args[saveArg + 1] : null;
const log = (...m) => { if (!asJson) console.error(...m); };

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const stats = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs), runs: xs.length });
const results = { machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, date: new Date().toISOString() }, groups: {} };

if (!existsSync('dist/lib/index.mjs') || !existsSync('dist/cli/coveo-hub-inspector.mjs')) {
  console.error('bench: run `npm run build` first (npm run bench does it for you)');
  process.exit(2);
}
const core = await import(new URL('../dist/lib/index.mjs', import.meta.url).href);

// 1. Analysis vs its floor -------------------------------------------------------------------------------
function benchAnalysis() {
  const N = quick ? 2000 : 8000;
  const REPS = quick ? 5 : 9;
  const coveo = Array.from({ length: N }, (_, i) => coveoEntry(i));
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
  const time = (fn, list) => { const t = process.hrtime.bigint(); for (const e of list) fn(e); return Number(process.hrtime.bigint() - t) / 1000 / list.length; };
  for (let w = 0; w < 2; w++) { time(full, coveo); time(floor, coveo); time(full, others); }
  const fullRuns = [], floorRuns = [], rejectRuns = [];
  for (let r = 0; r < REPS; r++) {
    // Interleaved so that both see the same machine state.
    fullRuns.push(time(full, coveo));
    floorRuns.push(time(floor, coveo));
    rejectRuns.push(time(full, others));
  }
  const ratios = fullRuns.map((f, i) => f / floorRuns[i]);
  return {
    entries: N,
    analysisMicrosPerEntry: stats(fullRuns),
    floorMicrosPerEntry: stats(floorRuns),
    ratio: stats(ratios),
    rejectMicrosPerEntry: stats(rejectRuns),
    targets: { ratio: 1.5, rejectMicros: 1 },
  };
}

// 2. A big HAR ------------------------------------------------------------------------------------------
async function writeBigHar(path, entries, targetBytes) {
  const out = createWriteStream(path);
  const write = async (s) => { if (!out.write(s)) await once(out, 'drain'); };
  await write('{"log":{"version":"1.2","creator":{"name":"bench","version":"1"},"pages":[],"entries":[\n');
  const coveoEvery = 20; // 5 %
  const otherCount = entries - Math.floor(entries / coveoEvery);
  // Size the ordinary bodies so that the file lands near the target: the serialized size of an ordinary entry
  // is linear in its body size, so measure it at two sizes on a sample and solve.
  const avg = (bytes) => { let n = 0; for (let i = 1; i <= 400; i++) if (i % coveoEvery) n += JSON.stringify(otherEntry(i, bytes)).length + 2; return n / (400 - Math.floor(400 / coveoEvery)); };
  const coveoAvg = Array.from({ length: 40 }, (_, i) => JSON.stringify(coveoEntry(i)).length + 2).reduce((a, b) => a + b, 0) / 40;
  const [a1, a2] = [avg(1000), avg(5000)];
  const perEntry = (targetBytes - (entries / coveoEvery) * coveoAvg) / otherCount;
  const perOther = Math.max(200, Math.round(1000 + ((perEntry - a1) * 4000) / (a2 - a1)));
  for (let i = 0; i < entries; i++) {
    const e = i % coveoEvery === 0 ? coveoEntry(i / coveoEvery) : otherEntry(i, perOther);
    await write((i ? ',\n' : '') + JSON.stringify(e));
  }
  await write(']}}\n');
  out.end();
  await once(out, 'finish');
}

function timed(cmd, argv, opts = {}) {
  // GNU time prints wall seconds and peak RSS (KiB) of the whole process.
  const res = spawnSync('/usr/bin/time', ['-f', '__TIME__ %e %M', cmd, ...argv], { encoding: 'utf8', maxBuffer: 1 << 30, ...opts });
  const line = (res.stderr || '').split('\n').find((l) => l.startsWith('__TIME__'));
  if (!line) throw new Error(`could not time ${cmd}: ${res.stderr?.slice(-300)}`);
  const [, secs, kib] = line.split(' ');
  return { seconds: Number(secs), peakMiB: Number(kib) / 1024, status: res.status, stdout: res.stdout };
}

async function benchBigHar() {
  if (!existsSync('/usr/bin/time')) return { skipped: 'GNU time (/usr/bin/time) is missing: apt-get install time' };
  const dir = join(tmpdir(), 'coveo-hub-bench');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'big.har');
  const ENTRIES = 20000;
  const TARGET = quick ? 20e6 : 100e6;
  if (!existsSync(file) || Math.abs(statSync(file).size - TARGET) > TARGET * 0.1) {
    log(`bench: generating ${(TARGET / 1e6).toFixed(0)} MB HAR of ${ENTRIES} entries (5 % Coveo) in ${file}`);
    await writeBigHar(file, ENTRIES, TARGET);
  }
  const bytes = statSync(file).size;
  const REPS = quick ? 2 : 5;
  const cli = [], parse = [], jq = [];
  const jqFilter = '[.log.entries[] | select(.request.url | test("coveo")) | .request.headers[] | select(.name | ascii_downcase == "authorization") | .value] | length';
  const hasJq = existsSync('/usr/bin/jq');
  let calls = null;
  for (let r = 0; r < REPS; r++) {
    const c = timed(process.execPath, ['dist/cli/coveo-hub-inspector.mjs', 'check', file, '--format', 'json', '--fail-on', 'never']);
    if (c.status !== 0) throw new Error(`CLI exited ${c.status}`);
    calls = JSON.parse(c.stdout).calls.length;
    cli.push(c);
    parse.push(timed(process.execPath, ['-e', `JSON.parse(require('fs').readFileSync(${JSON.stringify(file)}, 'utf8'))`]));
    if (hasJq) jq.push(timed('/usr/bin/jq', [jqFilter, file]));
  }
  const pick = (runs, k) => stats(runs.map((x) => x[k]));
  return {
    fileMB: bytes / 1e6,
    entries: ENTRIES,
    coveoCallsFound: calls,
    cli: { seconds: pick(cli, 'seconds'), peakMiB: pick(cli, 'peakMiB') },
    nodeJsonParse: { seconds: pick(parse, 'seconds'), peakMiB: pick(parse, 'peakMiB') },
    jqExtractAuthorization: hasJq ? { seconds: pick(jq, 'seconds'), peakMiB: pick(jq, 'peakMiB') } : 'jq missing: apt-get install jq',
    ratios: {
      cliVsJq: hasJq ? median(cli.map((c, i) => c.seconds / jq[i].seconds)) : null,
      cliVsJsonParse: median(cli.map((c, i) => c.seconds / parse[i].seconds)),
      cliPeakMemoryVsFile: median(cli.map((c) => (c.peakMiB * 2 ** 20) / bytes)),
    },
    targets: { cliVsJq: '< 1 (faster than jq)', cliPeakMemoryVsFile: 3 },
  };
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
      ratios: { keystrokeVsBudget: r.keystrokeMs.median / 16, heapPerCallKiB: ((r.heapMiB - r.heapBeforeFeedMiB) * 1024) / r.calls },
      targets: { keystrokeMedianMs: 16 },
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
  const walk = (d) => { for (const f of readdirSync(d)) { const p = join(d, f); if (statSync(p).isDirectory()) walk(p); else if (p.endsWith('.js')) files.push(p); } };
  walk(dir);
  const perFile = files.map((f) => { const raw = readFileSync(f); return { file: f, bytes: raw.length, gzipBytes: gzipSync(raw, { level: 9 }).length }; });
  const total = perFile.reduce((a, f) => a + f.gzipBytes, 0);
  return { files: perFile, totalGzipKB: total / 1024, targetKB: 40, ratios: { sizeVsTarget: total / 1024 / 40 } };
}

if (want('analysis')) { log('bench: 1. analysis vs floor'); results.groups.analysis = benchAnalysis(); }
if (want('bighar')) { log('bench: 2. big HAR'); results.groups.bigHar = await benchBigHar(); }
if (want('panel')) { log('bench: 3. panel at scale'); results.groups.panel = await benchPanel(); }
if (want('size')) { log('bench: 4. size'); results.groups.size = await benchSize(); }
const renderBench = want('render') ? await import('./render.mjs') : null; if (renderBench) { log('bench: 5. report rendering'); results.groups.render = renderBench.benchRender(core, { quick }); }

if (savePath) writeFileSync(savePath, `${JSON.stringify(results, null, 2)}\n`);
if (asJson) {
  console.log(JSON.stringify(results, null, 2));
} else {
  const f = (n, d = 2) => (typeof n === 'number' ? n.toFixed(d) : String(n));
  const row = (name, s, unit, d = 2) => `  ${name.padEnd(44)} ${f(s.median, d).padStart(9)} ${unit.padEnd(5)} (min ${f(s.min, d)}, max ${f(s.max, d)}, n=${s.runs})`;
  const { analysis: a, bigHar: b, panel: p, size: s } = results.groups;
  console.log(`Coveo Hub Inspector benchmarks: ${results.machine.cpus} × ${results.machine.cpu}, ${results.machine.memoryGiB} GiB, Node ${results.machine.node}`);
  if (a) {
    console.log(`\n1. Analysis vs floor (${a.entries} Coveo entries: search, suggestions, facet search, analytics)`);
    console.log(row('full analysis per entry', a.analysisMicrosPerEntry, 'µs'));
    console.log(row('floor: JSON.parse bodies + decode JWT', a.floorMicrosPerEntry, 'µs'));
    console.log(row('ratio full / floor (target ≤ 1.5)', a.ratio, '×'));
    console.log(row('reject a non-Coveo entry (target ≤ 1 µs)', a.rejectMicrosPerEntry, 'µs', 3));
  }
  if (b && !b.skipped) {
    console.log(`\n2. Big HAR (${f(b.fileMB, 1)} MB, ${b.entries} entries, ${b.coveoCallsFound} Coveo calls found)`);
    console.log(row('coveo-hub-inspector check (whole process)', b.cli.seconds, 's'));
    console.log(row('  peak resident memory', b.cli.peakMiB, 'MiB', 0));
    console.log(row('node JSON.parse of the file', b.nodeJsonParse.seconds, 's'));
    console.log(row('  peak resident memory', b.nodeJsonParse.peakMiB, 'MiB', 0));
    if (typeof b.jqExtractAuthorization === 'object') {
      console.log(row('jq extracting Coveo Authorization headers', b.jqExtractAuthorization.seconds, 's'));
      console.log(row('  peak resident memory', b.jqExtractAuthorization.peakMiB, 'MiB', 0));
    }
    console.log(`  ratios: CLI / jq ${f(b.ratios.cliVsJq)} (target < 1), CLI / JSON.parse ${f(b.ratios.cliVsJsonParse)}, CLI peak memory / file ${f(b.ratios.cliPeakMemoryVsFile)} (target ≤ 3)`);
  } else if (b) console.log(`\n2. Big HAR: skipped (${b.skipped})`);
  if (p && !p.skipped) {
    console.log(`\n3. Panel at scale (${p.calls} Coveo calls in real Chromium ${p.browser ?? ''})`);
    console.log(`  fed by the page: ${p.calls} POSTs, ${p.feed.batch} concurrent, in ${f(p.feed.seconds, 1)} s (${f(p.feed.requestsPerSecond, 0)} calls/s through DevTools)`);
    console.log(row('keystroke in filter → painted list', p.keystrokeMs, 'ms'));
    console.log(row('  of which filter + render (before paint)', p.keystrokeWorkMs, 'ms'));
    console.log(row('select a row → detail painted', p.selectMs, 'ms'));
    console.log(`  rows matched: ${Object.entries(p.rowsMatched).map(([w, n]) => `"${w}" ${n}`).join(', ')}; paint detected by ${p.paintDetection}`);
    console.log(`  panel memory: JS heap ${f(p.heapMiB, 1)} MiB with ${p.calls} calls (cap ${p.cap}; ${f(p.heapBeforeFeedMiB, 1)} MiB before), ${f((p.heapMiB - p.heapBeforeFeedMiB) * 1024 / p.calls, 2)} KiB per call; ${p.rowsInDom} rows in the DOM`);
    console.log(`  ratio keystroke median / 16 ms budget ${f(p.ratios.keystrokeVsBudget)} (target ≤ 1): ${p.keystrokeMs.median <= 16 ? 'met' : 'missed'}`);
  } else if (p) console.log(`\n3. Panel at scale: skipped (${p.skipped})`);
  if (s && !s.skipped) {
    console.log('\n4. Size of dist/chrome JavaScript (gzip -9)');
    for (const file of s.files) console.log(`  ${file.file.padEnd(44)} ${(file.bytes / 1024).toFixed(1).padStart(8)} KB raw ${(file.gzipBytes / 1024).toFixed(1).padStart(7)} KB gzip`);
    console.log(`  total ${f(s.totalGzipKB, 1)} KB gzip (target ≤ ${s.targetKB} KB): ratio ${f(s.ratios.sizeVsTarget)} (target ≤ 1)`);
  }
  if (results.groups.render) renderBench.printRender(results.groups.render);
}
