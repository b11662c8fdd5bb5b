// `coveo-hub-inspector audit` (the built CLI) over a list of the HTTPS test world's pages in Debian Chromium through
// playwright-core, host names mapped to loopback with --browser-arg as the e2e harness maps them: the verdict of
// each page (including a page that answers 404, a page without Coveo and a page that never loads), the overall
// verdict and exit code, progress on stderr, --save-har (its warning, and HAR files `check` reads the same).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_API_KEY, startWorld } from '../world/server.mjs';
import type { World } from '../world/server.mjs';
import { CLI, runCli } from '../cli/run';
import { requireBrowser } from './harness/browsers';
import { FULL_SECRET, runAsync } from './harness/playwright-report';

const chromium = requireBrowser('chromium');
const ROOT = resolve(__dirname, '../..');
const SHOP = 'https://shop.example.test';

describe.skipIf(!chromium)('audit over the test world (Chromium through playwright-core)', () => {
  let world: World;
  let hang: Server;
  let hangUrl: string;
  let dir: string;
  const audit = (args: string[], timeoutMs = 280_000) =>
    runAsync(
      process.execPath,
      [CLI, 'audit', '--browser-path', chromium as string, '--ignore-https-errors', `--browser-arg=--host-resolver-rules=${world.hostResolverRules}`, ...args],
      {
        cwd: ROOT,
        env: { ...process.env, NO_COLOR: '1' },
        timeoutMs,
      },
    );

  beforeAll(async () => {
    world = await startWorld({ port: 0, build: true });
    // A page that never answers: the audit must report it as timed out.
    hang = createServer(() => undefined);
    await new Promise<void>((r) => hang.listen(0, '127.0.0.1', () => r()));
    hangUrl = `http://127.0.0.1:${(hang.address() as AddressInfo).port}/never`;
    dir = mkdtempSync(join(tmpdir(), 'chi-audit-'));
  }, 120_000);

  afterAll(async () => {
    hang?.closeAllConnections();
    await new Promise<void>((r) => (hang ? hang.close(() => r()) : r()));
    await world?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const LIST: [string, string, string][] = [
    [`${SHOP}/headless/?scenario=token-hub`, 'audited', 'pass'],
    [`${SHOP}/headless/?scenario=token-nohub`, 'audited', 'fail'],
    [`${SHOP}/atomic/?scenario=token-hub`, 'audited', 'pass'],
    [`${SHOP}/search-ui/?scenario=api-key`, 'audited', 'review'],
    [`${SHOP}/missing-page`, 'load-failed', 'error'],
    [`${SHOP}/`, 'no-coveo-calls', 'empty'],
  ];

  it('gives each page its verdict, fails overall (exit 1), reports progress and saves HARs with a warning', async () => {
    const urls = join(dir, 'urls.txt');
    writeFileSync(
      urls,
      `# release check\n${LIST.slice(1)
        .map(([u]) => u)
        .join('\n')}\n\n`,
    );
    const hars = join(dir, 'hars');
    const out = join(dir, 'audit.json');
    const run = await audit([
      LIST[0]?.[0] as string,
      '--urls',
      urls,
      '--format',
      'json',
      '--output',
      out,
      '--save-har',
      hars,
      '--concurrency',
      '2',
      '--timeout',
      '90',
    ]);
    expect(run.code, run.output).toBe(1);
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    expect(doc.kind).toBe('coveo-hub-audit');
    expect(doc.schemaVersion).toBe(1);
    // Pages in the order given, whatever order they finished in.
    expect(doc.pages.map((p: { url: string; status: string; verdict: string }) => [p.url, p.status, p.verdict])).toEqual(LIST);
    expect(doc.summary.verdict).toBe('fail');
    expect(doc.summary.counts).toEqual({ pass: 2, review: 1, fail: 1, empty: 1, error: 1 });
    const byVerdict = (v: string) => doc.pages.find((p: { verdict: string }) => p.verdict === v);
    expect(byVerdict('error').error).toBe('the page answered HTTP 404');
    expect(byVerdict('fail').report.summary.counts.rules['token-missing-search-hub']).toBeGreaterThan(0);
    // Query suggestions were triggered on every client page (the search helper's defaults found each box).
    for (const page of doc.pages.slice(0, 4)) {
      expect(page.searchBox, page.url).not.toBeNull();
      expect(
        page.report.calls.some((c: { kind: string }) => c.kind === 'querySuggest'),
        page.url,
      ).toBe(true);
      expect(page.report.calls.filter((c: { kind: string }) => c.kind === 'search').length, page.url).toBeGreaterThanOrEqual(2);
    }
    const text = readFileSync(out, 'utf8');
    expect(text).not.toMatch(FULL_SECRET);
    expect(text).toContain('xx7c…6b5c');
    // stderr: the --save-har warning, then one progress line per page, then the overall verdict.
    expect(run.output).toMatch(/warning: --save-har writes HAR files that hold FULL credentials/);
    expect(run.output.match(/^\[\d\/6\] (PASS|FAIL|REVIEW|EMPTY|ERROR) /gm)?.length).toBe(6);
    expect(run.output).toMatch(/overall verdict fail/);
    // The saved HARs hold the raw traffic (that is the point of the warning) and read the same through `check`.
    const files = readdirSync(hars).sort();
    expect(files).toHaveLength(6);
    const nohub = join(hars, files.find((f) => f.startsWith('002-')) as string);
    expect(readFileSync(nohub, 'utf8')).toMatch(/"name": "authorization"/);
    const check = runCli(['check', nohub, '--format', 'json']);
    expect(check.code).toBe(1);
    expect(JSON.parse(check.stdout).summary.verdict).toBe('fail');
    const apiKeyHar = readFileSync(join(hars, files.find((f) => f.startsWith('004-')) as string), 'utf8');
    expect(apiKeyHar).toContain(PAGE_API_KEY);
  }, 300_000);

  it('reports a page that never loads as timed out, never as passed', async () => {
    const run = await audit([hangUrl, '--timeout', '3', '--format', 'text'], 60_000);
    expect(run.code, run.output).toBe(1);
    expect(run.output).toMatch(/\[1\/1\] ERROR /);
    expect(run.output).toMatch(/did not finish loading within 3 s/);
    expect(run.output).toMatch(/Overall verdict: FAIL/);
  }, 70_000);

  it('exits 0 when every page passes, with a Markdown report', async () => {
    const out = join(dir, 'pass.md');
    const run = await audit([LIST[0]?.[0] as string, '--format', 'markdown', '-o', out, '--timeout', '90'], 110_000);
    expect(run.code, run.output).toBe(0);
    const md = readFileSync(out, 'utf8');
    expect(md).toMatch(/^# ✅ Coveo Hub audit: pass/);
    expect(md).toContain('| 1 | https://shop.example.test/headless/?scenario=token-hub | ✅ pass |');
    expect(md).not.toMatch(FULL_SECRET);
    expect(existsSync(out)).toBe(true);
  }, 120_000);
});
