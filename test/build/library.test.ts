import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

it('exports the core for scripts: import {analyzeHar} from "coveo-hub-inspector" (built package)', () => {
  const script = `
    const { analyzeHar, renderMarkdown, RULES } = await import('coveo-hub-inspector');
    const fs = await import('node:fs');
    const report = analyzeHar(fs.readFileSync('test/fixtures/exports/chrome-156.har', 'utf8'), 'chrome.har');
    console.log(JSON.stringify({ verdict: report.summary.verdict, calls: report.calls.length, md: renderMarkdown(report).length > 100, rules: RULES.length }));
  `;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
  expect(JSON.parse(out)).toEqual({ verdict: 'fail', calls: 3, md: true, rules: expect.any(Number) });
});
