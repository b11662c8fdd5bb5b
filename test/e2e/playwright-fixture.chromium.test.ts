// The `coveo-hub-inspector/playwright` fixture in a real @playwright/test run: the suite in
// test/playwright/fixture-suite/ (Debian Chromium through playwright-core, the HTTPS test world's Headless, Atomic
// and search-ui pages with each credential case, host names mapped to loopback as the e2e harness does) runs in a
// child process with the JSON reporter; this file checks, from that report, that the matchers passed and failed
// where they should, that the failure messages list the offending calls with their findings, that the Markdown
// and JSON reports were attached and are redacted, and that Playwright's own recordHar file reads the same
// through `check`.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_API_KEY, startWorld } from '../world/server.mjs';
import type { World } from '../world/server.mjs';
import { runCli } from '../cli/run';
import { requireBrowser } from './harness/browsers';
import { collectTests, FULL_SECRET, runAsync, type PwTest } from './harness/playwright-report';

const chromium = requireBrowser('chromium');
const ROOT = resolve(__dirname, '../..');

describe.skipIf(!chromium)('coveo-hub-inspector/playwright fixture in @playwright/test (Chromium, test world)', () => {
  let world: World;
  let dir: string;
  let tests: Map<string, PwTest>;
  let runOutput = '';

  beforeAll(async () => {
    world = await startWorld({ port: 0, build: true });
    dir = mkdtempSync(join(tmpdir(), 'chi-pw-fixture-'));
    const reportFile = join(dir, 'report.json');
    const run = await runAsync(
      process.execPath,
      [join(ROOT, 'node_modules/@playwright/test/cli.js'), 'test', '-c', 'test/playwright/fixture-suite/playwright.config.ts'],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          WORLD_PORT: String(world.port),
          PW_REPORT_FILE: reportFile,
          PW_OUTPUT_DIR: join(dir, 'out'),
          CHROMIUM_BIN: chromium ?? '',
          FORCE_COLOR: '0',
        },
        timeoutMs: 420_000,
      },
    );
    runOutput = run.output;
    expect(run.code, runOutput).toBe(0);
    tests = collectTests(JSON.parse(readFileSync(reportFile, 'utf8')));
  }, 440_000);

  afterAll(async () => {
    await world?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const get = (title: string): PwTest => {
    const t = tests.get(title);
    if (!t) throw new Error(`no test "${title}" in the report; it has: ${[...tests.keys()].join(' | ')}\n${runOutput}`);
    return t;
  };
  const attachment = (t: PwTest, name: string): string => {
    const a = t.attachments.find((x) => x.name === name);
    if (!a) throw new Error(`test "${t.title}" has no attachment ${name} (it has ${t.attachments.map((x) => x.name).join(', ')})`);
    return a.path ? readFileSync(a.path, 'utf8') : Buffer.from(a.body ?? '', 'base64').toString('utf8');
  };

  const PASSING: [string, string][] = [
    ['headless token-hub passes', 'pass'],
    ['headless token-pipeline passes', 'pass'],
    ['headless token-expired passes after renewal', 'pass'],
    ['headless api-key is review, not enforced', 'review'],
    ['headless proxy is review', 'review'],
    ['atomic token-hub passes', 'pass'],
    ['search-ui token-hub passes', 'pass'],
    ['search-ui token-expired: a refused call makes it review', 'review'],
  ];

  it.each(PASSING)('%s: every matcher passed, the attached JSON report says %s', (title, verdict) => {
    const t = get(title);
    expect(t.status, t.errors.join('\n')).toBe('passed');
    const json = JSON.parse(attachment(t, 'coveo-hub-report.json'));
    expect(json.schemaVersion).toBe(1);
    expect(json.summary.verdict).toBe(verdict);
    expect(json.calls.some((c: { kind: string }) => c.kind === 'search')).toBe(true);
    expect(json.calls.some((c: { kind: string }) => c.kind === 'querySuggest')).toBe(true);
    const md = attachment(t, 'coveo-hub-report.md');
    expect(md).toMatch(new RegExp(`^# \\S+ Coveo Hub Inspector: ${verdict}`));
  });

  it('token-nohub: toHaveVerdict("pass") fails, listing the unenforced calls with their findings', () => {
    const t = get('headless token-nohub fails toHaveVerdict(pass)');
    expect(t.expectedStatus).toBe('failed');
    expect(t.status).toBe('failed');
    const message = t.errors.join('\n');
    expect(message).toContain('expect(coveoHub).toHaveVerdict("pass")');
    expect(message).toContain('Expected: page verdict pass');
    expect(message).toMatch(/Received: fail \(\d+ (search )?calls? sends? the hub only in the request body/);
    expect(message).toContain('Offending calls:');
    expect(message).toMatch(
      /c\d+ search UNENFORCED hub=ACMEPublic \[request only\] search-token eyJhbGci…\(JWT, 3 parts, #[0-9a-f]{8}\) POST https:\/\/acmeprod\.org\.coveo\.com\/rest\/search\/v2/,
    );
    expect(message).toMatch(/c\d+ querySuggest UNENFORCED/);
    expect(message).toMatch(/error token-missing-search-hub: /);
    expect(message).toContain('attached to this test as coveo-hub-report.md and coveo-hub-report.json');
    expect(message).not.toMatch(FULL_SECRET);
    // The failed test still has its reports, redacted.
    const json = JSON.parse(attachment(t, 'coveo-hub-report.json'));
    expect(json.summary.verdict).toBe('fail');
    expect(json.summary.counts.rules['token-missing-search-hub']).toBeGreaterThan(0);
    for (const name of ['coveo-hub-report.md', 'coveo-hub-report.json']) expect(attachment(t, name)).not.toMatch(FULL_SECRET);
    expect(attachment(t, 'coveo-hub-report.md')).toMatch(/eyJhbGci…\(JWT, 3 parts, #[0-9a-f]{8}\)/);
  });

  it('search-ui api-key: toHaveVerdict("pass") fails with review, the key shown only as a fingerprint', () => {
    const t = get('search-ui api-key fails toHaveVerdict(pass)');
    expect(t.status).toBe('failed');
    const message = t.errors.join('\n');
    expect(message).toMatch(/Received: review/);
    expect(message).toMatch(/c\d+ search UNVERIFIABLE hub=ACMEPublic \[request only\] api-key xx7c…6b5c/);
    expect(message).toMatch(/warning api-key-in-client: /);
    expect(message).not.toContain(PAGE_API_KEY);
    for (const name of ['coveo-hub-report.md', 'coveo-hub-report.json']) {
      const text = attachment(t, name);
      expect(text).toContain('xx7c…6b5c');
      expect(text).not.toContain(PAGE_API_KEY);
    }
  });

  it("Playwright's recordHar file holds the Authorization header and `check` reads it as fail", () => {
    const t = get('recordHar of headless token-nohub reads as fail');
    expect(t.status, t.errors.join('\n')).toBe('passed');
    const har = t.attachments.find((a) => a.name === 'recorded.har');
    expect(har?.path).toBeTruthy();
    const text = readFileSync(har?.path as string, 'utf8');
    expect(text).toMatch(/"name": ?"[Aa]uthorization"/);
    const r = runCli(['check', har?.path as string, '--format', 'json']);
    expect(r.code, r.stderr).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.summary.verdict).toBe('fail');
    expect(report.calls.filter((c: { kind: string; verdict: string }) => c.kind === 'search' && c.verdict === 'unenforced').length).toBeGreaterThan(0);
  });
});
