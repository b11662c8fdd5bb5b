#!/usr/bin/env node
// Growth of each page rule's check with the number of calls (issue 15, 100 % Coveo HARs with a distinct token per
// call): seeded entries from bench/traffic.mjs, analysed by the core, then each of PAGE_RULES timed alone at 5,000,
// 10,000 and 20,000 calls. A rule whose time quadruples when the calls double is quadratic.
// Usage: node bench/page-rules.mjs [--sizes 5000,10000,20000]
import { importSource, loadNow } from './src-bundle.mjs';
import { coveoEntry, rng } from './traffic.mjs';

const args = process.argv.slice(2);
const sizes = (args.includes('--sizes') ? args[args.indexOf('--sizes') + 1] : '5000,10000,20000').split(',').map(Number);
const m = await importSource(`export { analyzeEntries } from './src/core/analyze';
export { PAGE_RULES } from './src/core/rules/index';`);
console.log(`page rules over n calls (ms, one run each; load ${loadNow()})`);
console.log(`| rule | ${sizes.join(' | ')} |`);
console.log(`| --- |${sizes.map(() => ' ---: |').join('')}`);
/** @type {Record<string, string[]>} */
const rows = {};
for (const n of sizes) {
  const entries = Array.from({ length: n }, (_, i) => coveoEntry(i, rng(i + 1), { distinct: true }));
  const { calls } = m.analyzeEntries(entries, 'bench');
  for (const rule of m.PAGE_RULES) {
    const t = performance.now();
    rule.check(calls, {});
    if (!rows[rule.id]) rows[rule.id] = [];
    rows[rule.id].push((performance.now() - t).toFixed(1));
  }
}
for (const [id, ms] of Object.entries(rows)) console.log(`| ${id} | ${ms.join(' | ')} |`);
