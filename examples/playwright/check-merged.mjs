#!/usr/bin/env node
// Fails the build (exit 1) when the merged Playwright JSON report has any failed page; prints one line per page.
// Usage: node check-merged.mjs merged-report.json
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? 'merged-report.json';
let report;
try {
  report = JSON.parse(readFileSync(file, 'utf8'));
} catch (error) {
  console.error(`check-merged: cannot read ${file}: ${error.message}`);
  process.exit(2);
}
const rows = [];
const walk = (suite) => {
  for (const spec of suite.specs ?? []) {
    for (const t of spec.tests) {
      const last = t.results[t.results.length - 1];
      const firstError = (last?.errors?.[0]?.message ?? '').split('\n').find((l) => l.startsWith('Received:')) ?? '';
      rows.push({ url: spec.title, ok: spec.ok, status: last?.status ?? 'none', shard: last?.shardIndex, why: firstError });
    }
  }
  for (const child of suite.suites ?? []) walk(child);
};
for (const suite of report.suites ?? []) walk(suite);
for (const r of rows) console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.url}${r.ok ? '' : `  ${r.why}`}`);
const failed = rows.filter((r) => !r.ok).length;
console.log(`${rows.length} page(s), ${failed} failed`);
process.exit(failed > 0 || rows.length === 0 ? 1 : 0);
