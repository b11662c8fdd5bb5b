// Report rendering vs its floor (issue 15): JSON, text and Markdown each against JSON.stringify(report, null, 2)
// of the same report. CPU time (process.cpuUsage) beside wall time; inputs seeded (bench/traffic.mjs).
// Run alone: `node bench/render.mjs [--quick]` (after `node build.mjs`), or through `npm run bench`.
import v8 from 'node:v8';
import vm from 'node:vm';
import { coveoEntry } from './traffic.mjs';

// A full collection before each timed block, so no block pays for the garbage of the one before (the floor leaves an
// 19 MB string behind): each figure is the renderer's own work, its own garbage included.
v8.setFlagsFromString('--expose-gc');
const gc = /** @type {() => void} */ (vm.runInNewContext('gc'));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const stats = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs), runs: xs.length });

/** CPU and wall milliseconds of one call of fn. */
function measure(fn) {
  gc();
  const c = process.cpuUsage();
  const t = process.hrtime.bigint();
  fn();
  const wall = Number(process.hrtime.bigint() - t) / 1e6;
  const cpu = process.cpuUsage(c);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

export function benchRender(core, { quick = false } = {}) {
  const N = quick ? 2000 : 8000;
  const REPS = quick ? 7 : 15;
  const entries = Array.from({ length: N }, (_, i) => coveoEntry(i));
  const report = core.buildReport([core.analyzeEntries(entries, 'bench.har')]);
  const fns = {
    floor: () => JSON.stringify(report, null, 2),
    json: () => core.renderJson(report),
    text: () => core.renderText(report, { color: false, width: 100 }),
    markdown: () => core.renderMarkdown(report),
  };
  for (let w = 0; w < 2; w++) for (const fn of Object.values(fns)) fn();
  const runs = Object.fromEntries(Object.keys(fns).map((k) => [k, { wall: [], cpu: [] }]));
  const ratios = { json: [], text: [], markdown: [] };
  for (let r = 0; r < REPS; r++) {
    // Interleaved, so every renderer sees the same machine state as its floor.
    const floor = measure(fns.floor);
    runs.floor.wall.push(floor.wall);
    runs.floor.cpu.push(floor.cpu);
    for (const k of ['json', 'text', 'markdown']) {
      const m = measure(fns[k]);
      runs[k].wall.push(m.wall);
      runs[k].cpu.push(m.cpu);
      ratios[k].push(m.cpu / Math.max(floor.cpu, 0.001));
    }
  }
  const bytes = fns.floor().length;
  return {
    calls: report.calls.length,
    findings: report.calls.reduce((n, c) => n + c.findings.length, 0),
    floorMB: bytes / 1e6,
    ms: Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, { wall: stats(v.wall), cpu: stats(v.cpu) }])),
    cpuRatio: Object.fromEntries(Object.entries(ratios).map(([k, v]) => [k, stats(v)])),
    target: 1.5,
  };
}

export function printRender(r) {
  const f = (n, d = 2) => n.toFixed(d);
  const row = (name, s, unit) => `  ${name.padEnd(44)} ${f(s.median).padStart(9)} ${unit.padEnd(5)} (min ${f(s.min)}, max ${f(s.max)}, n=${s.runs})`;
  console.log(`\n5. Report rendering (${r.calls} calls, ${r.findings} call findings; JSON.stringify ${f(r.floorMB, 1)} MB)`);
  for (const k of ['floor', 'json', 'text', 'markdown']) {
    const name = k === 'floor' ? 'floor: JSON.stringify(report, null, 2)' : `render ${k}`;
    console.log(row(`${name}, CPU`, r.ms[k].cpu, 'ms'));
    console.log(row('  wall', r.ms[k].wall, 'ms'));
  }
  for (const k of ['json', 'text', 'markdown']) {
    const s = r.cpuRatio[k];
    console.log(row(`ratio ${k} / floor, CPU (target ≤ ${r.target})`, s, '×') + (s.median <= r.target ? ' met' : ' MISSED'));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const core = await import(new URL('../dist/lib/index.mjs', import.meta.url).href);
  printRender(benchRender(core, { quick: process.argv.includes('--quick') }));
}
