// The example project (examples/playwright/) as a QA team would run it at scale: its URL list (here the test
// world's pages, hosts mapped to loopback) split over two shards run side by side (`playwright test --shard=1/2`
// and `--shard=2/2`, blob reporter as in CI), joined with `playwright merge-reports`, then checked by the example's
// own check-merged.mjs, which must fail the build because one page fails.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorld } from '../world/server.mjs';
import type { World } from '../world/server.mjs';
import { requireBrowser } from './harness/browsers';
import { collectTests, FULL_SECRET, runAsync } from './harness/playwright-report';

const chromium = requireBrowser('chromium');
const ROOT = resolve(__dirname, '../..');
const EXAMPLE = join(ROOT, 'examples/playwright');
const PW = join(ROOT, 'node_modules/@playwright/test/cli.js');
const SHOP = 'https://shop.example.test';

/** What `npm install` of the example's `"coveo-hub-inspector": "file:../.."` makes: a link to this package. */
function linkPackage(): void {
  const link = join(EXAMPLE, 'node_modules', 'coveo-hub-inspector');
  if (existsSync(link)) return;
  rmSync(link, { force: true }); // a dangling link from a moved checkout
  mkdirSync(join(EXAMPLE, 'node_modules'), { recursive: true });
  symlinkSync('../../..', link, 'dir');
}

describe.skipIf(!chromium)('examples/playwright in two shards, merged (Chromium, test world)', () => {
  let world: World;
  let dir: string;

  beforeAll(async () => {
    world = await startWorld({ port: 0, build: true });
    dir = mkdtempSync(join(tmpdir(), 'chi-shards-'));
    linkPackage();
  }, 120_000);

  afterAll(async () => {
    await world?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('runs each URL once across the shards; the merged report names the failing page and fails the build', async () => {
    const urls = join(dir, 'urls.txt');
    writeFileSync(
      urls,
      [
        `# four pages, two per shard`,
        `${SHOP}/headless/?scenario=token-hub`,
        `${SHOP}/headless/?scenario=token-nohub`,
        `${SHOP}/headless/?scenario=token-pipeline`,
        `${SHOP}/headless/?scenario=api-key review`,
        '',
      ].join('\n'),
    );
    const env = (shard: number): NodeJS.ProcessEnv => ({
      ...process.env,
      CI: 'true',
      COVEO_HUB_URLS: urls,
      CHROMIUM_PATH: chromium as string,
      HOST_RESOLVER_RULES: world.hostResolverRules,
      IGNORE_HTTPS_ERRORS: '1',
      BLOB_DIR: join(dir, `blob-${shard}`),
      WORKERS: '1',
      FORCE_COLOR: '0',
    });
    const shards = await Promise.all(
      [1, 2].map((n) =>
        runAsync(process.execPath, [PW, 'test', `--shard=${n}/2`, '--output', join(dir, `results-${n}`)], { cwd: EXAMPLE, env: env(n), timeoutMs: 300_000 }),
      ),
    );
    // The shard holding the token-nohub page fails, the other passes.
    expect(shards.map((s) => s.code).sort(), shards.map((s) => s.output).join('\n----\n')).toEqual([0, 1]);

    const all = join(dir, 'all-blob-reports');
    mkdirSync(all);
    for (const n of [1, 2]) for (const f of readdirSync(join(dir, `blob-${n}`))) cpSync(join(dir, `blob-${n}`, f), join(all, f));
    expect(readdirSync(all).filter((f) => f.endsWith('.zip'))).toHaveLength(2);
    const merged = join(dir, 'merged-report.json');
    const merge = await runAsync(process.execPath, [PW, 'merge-reports', '--reporter', 'json', all], {
      cwd: EXAMPLE,
      env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_FILE: merged, FORCE_COLOR: '0' },
      timeoutMs: 60_000,
    });
    expect(merge.code, merge.output).toBe(0);
    const report = JSON.parse(readFileSync(merged, 'utf8'));
    const tests = collectTests(report);
    expect([...tests.keys()].sort()).toEqual([
      `${SHOP}/headless/?scenario=api-key`,
      `${SHOP}/headless/?scenario=token-hub`,
      `${SHOP}/headless/?scenario=token-nohub`,
      `${SHOP}/headless/?scenario=token-pipeline`,
    ]);
    expect(tests.get(`${SHOP}/headless/?scenario=token-hub`)?.status).toBe('passed');
    expect(tests.get(`${SHOP}/headless/?scenario=token-pipeline`)?.status).toBe('passed');
    expect(tests.get(`${SHOP}/headless/?scenario=api-key`)?.status).toBe('passed');
    const failed = tests.get(`${SHOP}/headless/?scenario=token-nohub`);
    expect(failed?.status).toBe('failed');
    expect(failed?.errors.join('\n')).toMatch(/Received: fail \(\d+ calls send the hub only in the request body[^\n]*\n[\s\S]*error token-missing-search-hub/);
    expect(failed?.errors.join('\n')).not.toMatch(FULL_SECRET);
    // Every test of the merged report carries its redacted reports.
    for (const t of tests.values())
      expect(
        t.attachments.map((a) => a.name),
        t.title,
      ).toEqual(expect.arrayContaining(['coveo-hub-report.md', 'coveo-hub-report.json']));
    expect(report.stats.expected).toBe(3);
    expect(report.stats.unexpected).toBe(1);

    // The CI merge job's last step fails the build and names the page.
    const check = await runAsync(process.execPath, ['check-merged.mjs', merged], { cwd: EXAMPLE, env: process.env, timeoutMs: 20_000 });
    expect(check.code).toBe(1);
    expect(check.output).toContain(`FAIL ${SHOP}/headless/?scenario=token-nohub  Received: fail`);
    expect(check.output).toContain('4 page(s), 1 failed');
  }, 400_000);
});
