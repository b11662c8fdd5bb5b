#!/usr/bin/env node
// npm run bench:audit: pages per minute of `coveo-hub-inspector audit` on this machine against the test world, at
// concurrency 1, 2 and 4, and its memory over a longer list (see BENCHMARKS.md, "QA at scale").
// Usage: node bench/audit.mjs [--pages N] [--long N] [--concurrency 1,2,4] [--json]
// Needs the build (npm run build) and Debian chromium (CHROMIUM_BIN to override). Measures whole CLI processes;
// memory is sampled every 200 ms from /proc for the CLI process and, separately, for all its descendants (the browser).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { startWorld } from '../test/world/server.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const PAGES = Number(opt('--pages', '12'));
const LONG = Number(opt('--long', '48'));
const LEVELS = opt('--concurrency', '1,2,4').split(',').map(Number);
const asJson = args.includes('--json');
const log = (...m) => console.error(...m);

const CLI = 'dist/cli/coveo-hub-inspector.mjs';
if (!existsSync(CLI)) {
  console.error('bench: run `npm run build` first');
  process.exit(2);
}
const browser = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
if (!existsSync(browser)) {
  console.error(`bench: no browser at ${browser} (apt-get install chromium, or set CHROMIUM_BIN)`);
  process.exit(2);
}

// The mix of a release check: every client, passing and failing pages.
const MIX = [
  '/headless/?scenario=token-hub',
  '/headless/?scenario=token-nohub',
  '/headless/?scenario=api-key',
  '/headless/?scenario=proxy',
  '/atomic/?scenario=token-hub',
  '/search-ui/?scenario=token-hub',
];
const list = (n) => Array.from({ length: n }, (_, i) => `https://shop.example.test${MIX[i % MIX.length]}`);

function rssKiB(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

function descendants(pid) {
  const out = [];
  const children = new Map();
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(p));
    } catch {
      // gone
    }
  }
  const stack = [...(children.get(pid) ?? [])];
  while (stack.length) {
    const p = stack.pop();
    out.push(p);
    stack.push(...(children.get(p) ?? []));
  }
  return out;
}

async function runAudit(world, urls, concurrency, dir) {
  const file = join(dir, `urls-${urls.length}-${concurrency}.txt`);
  writeFileSync(file, `${urls.join('\n')}\n`);
  const started = process.hrtime.bigint();
  const child = spawn(
    process.execPath,
    [
      CLI,
      'audit',
      '--urls',
      file,
      '--concurrency',
      String(concurrency),
      '--timeout',
      '45',
      '--format',
      'json',
      '--fail-on',
      'never',
      '--browser-path',
      browser,
      '--ignore-https-errors',
      `--browser-arg=--host-resolver-rules=${world.hostResolverRules}`,
    ],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  let stdout = '';
  child.stdout.on('data', (d) => (stdout += d));
  let peakCli = 0;
  let peakBrowser = 0;
  const samples = [];
  const timer = setInterval(() => {
    const cli = rssKiB(child.pid);
    const tree = descendants(child.pid).reduce((n, p) => n + rssKiB(p), 0);
    peakCli = Math.max(peakCli, cli);
    peakBrowser = Math.max(peakBrowser, tree);
    samples.push(cli);
  }, 200);
  const code = await new Promise((r) => child.on('close', r));
  clearInterval(timer);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const doc = JSON.parse(stdout);
  const verdicts = doc.pages.map((p) => p.verdict);
  const notAuditedPages = doc.pages.filter((p) => p.status !== 'audited');
  const notAudited = notAuditedPages.length;
  // CLI memory at the end of the run vs its first quarter: flat means the last quarter is not higher.
  const q = Math.max(1, Math.floor(samples.length / 4));
  const firstQuarter = Math.max(...samples.slice(0, q));
  const lastQuarter = Math.max(...samples.slice(-q));
  return {
    pages: urls.length,
    concurrency,
    code,
    notAuditedReasons: notAuditedPages.map((p) => `${p.url}: ${p.status} (${p.error ?? p.reason})`),
    medianPageSeconds: +(doc.pages.map((p) => p.durationMs).sort((a, b) => a - b)[doc.pages.length >> 1] / 1000).toFixed(1),
    seconds: +seconds.toFixed(1),
    pagesPerMinute: +((urls.length / seconds) * 60).toFixed(1),
    notAudited,
    verdicts: Object.fromEntries([...new Set(verdicts)].map((v) => [v, verdicts.filter((x) => x === v).length])),
    peakCliMiB: +(peakCli / 1024).toFixed(0),
    peakBrowserMiB: +(peakBrowser / 1024).toFixed(0),
    cliFirstQuarterMiB: +(firstQuarter / 1024).toFixed(0),
    cliLastQuarterMiB: +(lastQuarter / 1024).toFixed(0),
  };
}

const world = await startWorld({ port: 0, build: true });
const dir = mkdtempSync(join(tmpdir(), 'chi-bench-audit-'));
const results = {
  machine: {
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    loadBefore: loadavg().map((x) => +x.toFixed(2)),
    date: new Date().toISOString(),
  },
  runs: [],
};
try {
  for (const c of LEVELS) {
    log(`bench audit: ${PAGES} pages at concurrency ${c}...`);
    const r = await runAudit(world, list(PAGES), c, dir);
    log(
      `  ${r.seconds} s, ${r.pagesPerMinute} pages/min, median page ${r.medianPageSeconds} s, not audited ${r.notAudited}${r.notAudited ? ` [${r.notAuditedReasons.join('; ')}]` : ''}, peak CLI ${r.peakCliMiB} MiB, browser ${r.peakBrowserMiB} MiB`,
    );
    results.runs.push(r);
  }
  if (LONG > 0) {
    const c = Math.max(...LEVELS);
    log(`bench audit: memory over ${LONG} pages at concurrency ${c}...`);
    const r = await runAudit(world, list(LONG), c, dir);
    log(
      `  ${r.seconds} s, ${r.pagesPerMinute} pages/min, CLI first quarter ${r.cliFirstQuarterMiB} MiB, last quarter ${r.cliLastQuarterMiB} MiB, browser peak ${r.peakBrowserMiB} MiB`,
    );
    results.long = r;
  }
} finally {
  results.machine.loadAfter = loadavg().map((x) => +x.toFixed(2));
  await world.close();
  rmSync(dir, { recursive: true, force: true });
}
if (asJson) console.log(JSON.stringify(results, null, 2));
else {
  console.log('| concurrency | pages | wall | pages/min | not audited | peak RSS CLI | peak RSS browser |');
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results.runs)
    console.log(
      `| ${r.concurrency} | ${r.pages} | ${r.seconds} s | **${r.pagesPerMinute}** | ${r.notAudited} | ${r.peakCliMiB} MiB | ${r.peakBrowserMiB} MiB |`,
    );
  if (results.long) {
    const r = results.long;
    console.log(
      `\nmemory over ${r.pages} pages at concurrency ${r.concurrency}: CLI max ${r.cliFirstQuarterMiB} MiB in the first quarter, ${r.cliLastQuarterMiB} MiB in the last; browser peak ${r.peakBrowserMiB} MiB; ${r.pagesPerMinute} pages/min`,
    );
  }
  console.log(`\nload average before ${results.machine.loadBefore.join(' ')}, after ${results.machine.loadAfter.join(' ')}`);
}
