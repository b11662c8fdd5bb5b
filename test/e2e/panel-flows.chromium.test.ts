// End-to-end flows of the "Coveo Hub" panel in a real Chromium, DevTools open, against the HTTPS test world
// (Coveo stand-in + shop pages running the real Coveo clients): page sessions with and without "Preserve log",
// HAR import through the panel's file input (checked against the built CLI on the same file), and report
// export (checked for fingerprints and for the absence of every full credential the page sent).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { HTTPRequest, HTTPResponse } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { fingerprint } from '../../src/core/index';
import { runCli } from '../cli/run';
import { PAGE_API_KEY } from '../world/server.mjs';
import { requireBrowser } from './harness/browsers';
import { readSummary, waitForSummary } from './harness/chromium';
import type { InspectedTab } from './harness/chromium';
import { ROOT } from './harness/extension';
import {
  allowDownloads,
  callRows,
  clickTestId,
  isChecked,
  readAllRows,
  setPreserveLog,
  textOf,
  uploadHar,
  waitForKinds,
  waitForPanel,
} from './harness/panel-io';
import type { Downloads } from './harness/panel-io';
import { launchWorldChromium } from './harness/world';
import type { WorldBrowser } from './harness/world';

const chromium = requireBrowser('chromium');
const FIXTURES = resolve(ROOT, 'test/fixtures/recorded');
const WAIT = 20_000;
/** Per flow: several navigations, each with generous waits (CI: 2 busy cores, maybe another browser). */
const FLOW_TIMEOUT = 90_000;
/** Anything shaped like a whole JWT (the fingerprints keep only its first 8 characters). */
const JWT_SHAPED = /eyJ[\w-]+\.[\w-]+\.[\w-]+/;

/** Kinds and verdicts the built CLI gives a HAR file (`check FILE --format json`). */
function cliReport(file: string): {
  calls: { id: string; kind: string; verdict: string }[];
  summary: { verdict: string };
  sources: { entries: number; malformed: { index: number; reason: string }[] }[];
} {
  const result = runCli(['check', file, '--format', 'json', '--fail-on', 'never']);
  expect(result.errLines, `CLI stderr on ${file}`).toEqual([]);
  expect(result.code, `CLI exit code on ${file}`).toBe(0);
  return JSON.parse(result.stdout);
}

/** Waits until the import of `name` is done and shown (its banner, no progress line). */
async function waitForImport(tab: InspectedTab, name: string): Promise<void> {
  await waitForPanel(
    tab.panel,
    `the imported banner for ${name}`,
    `(() => { const b = document.querySelector('[data-testid="imported-banner"]'); return !!b && b.textContent.includes(${JSON.stringify(name)}) && !document.querySelector('[data-testid="import-progress"]'); })()`,
    WAIT,
  );
}

async function expectPanelMatchesCli(tab: InspectedTab, file: string): Promise<ReturnType<typeof cliReport>> {
  const cli = cliReport(file);
  expect(cli.calls.length, `the CLI finds Coveo calls in ${file}`).toBeGreaterThan(0);
  const rows = callRows(await readAllRows(tab.panel));
  expect(rows.map((r) => ({ kind: r.kind, verdict: r.verdict }))).toEqual(cli.calls.map((c) => ({ kind: c.kind, verdict: c.verdict })));
  // Same entries, not just the same shape: the panel's call ids are the CLI's (c<entry index>).
  expect(rows.map((r) => r.id)).toEqual(cli.calls.map((c) => c.id));
  expect(await readSummary(tab.panel)).toBe(cli.summary.verdict);
  return cli;
}

/** Every credential the page sent or received, in full: Authorization headers, access_token parameters, /api/credential answers. */
function recordCredentials(tab: InspectedTab): Set<string> {
  const seen = new Set<string>();
  tab.page.on('request', (request: HTTPRequest) => {
    const auth = request.headers().authorization;
    if (auth) seen.add(auth.replace(/^Bearer\s+/i, '').trim());
    const url = new URL(request.url());
    for (const name of ['access_token', 'accessToken']) {
      const value = url.searchParams.get(name);
      if (value) seen.add(value);
    }
  });
  tab.page.on('response', (response: HTTPResponse) => {
    if (!new URL(response.url()).pathname.startsWith('/api/credential')) return;
    response
      .json()
      .then((body: { accessToken?: string }) => {
        if (body.accessToken) seen.add(body.accessToken);
      })
      .catch(() => undefined);
  });
  return seen;
}

function expectRedacted(what: string, text: string, secrets: Set<string>): void {
  for (const secret of secrets) {
    const fp = fingerprint(secret);
    expect(text.includes(secret), `${what} holds a full credential (${fp})`).toBe(false);
    const parts = secret.split('.');
    if (parts.length === 3) {
      expect(text.includes(parts[2] as string), `${what} holds the signature of ${fp}`).toBe(false);
    }
  }
}

describe.skipIf(!chromium)('Chromium: panel flows (navigation, import, export)', () => {
  let env: WorldBrowser;
  let tmp: string;
  const opened: InspectedTab[] = [];

  /** A fresh tab per flow; the previous flow's tab is closed first (kept until then for its failure capture). */
  async function freshTab(): Promise<InspectedTab> {
    for (const tab of opened.splice(0)) await tab.page.close().catch(() => undefined);
    const tab = await env.openShop();
    opened.push(tab);
    return tab;
  }

  function timed(label: string): () => void {
    const t0 = Date.now();
    return () => console.log(`[panel-flows] ${label}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }

  const fileTimer = timed('whole file (launch, flows, close)');

  beforeAll(async () => {
    const done = timed('launch (test build, pages, world, Chromium)');
    tmp = mkdtempSync(join(tmpdir(), 'chi-panel-flows-'));
    env = await launchWorldChromium(chromium as string);
    done();
  }, FLOW_TIMEOUT);

  afterAll(async () => {
    await env?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
    fileTimer();
  });

  it(
    'without Preserve log, a navigation starts a new page session',
    async () => {
      const done = timed('flow 1, preserve log off');
      const tab = await freshTab();
      onTestFailed(() => env.session.captureFailure('panel-flows-preserve-off', tab).then(() => undefined));
      expect(await isChecked(tab.panel, 'preserve-log')).toBe(false);

      await env.visit(tab, '/headless/?scenario=token-nohub');
      await waitForSummary(tab.panel, 'fail', WAIT);
      await waitForKinds(tab.panel, { 'search:unenforced': 1, analytics: 1 }, WAIT);
      const before = callRows(await readAllRows(tab.panel));
      expect(before).toContainEqual(expect.objectContaining({ kind: 'search', verdict: 'unenforced' }));
      expect(before.some((r) => r.verdict === 'enforced')).toBe(false);

      await env.visit(tab, '/headless/?scenario=token-hub');
      await waitForSummary(tab.panel, 'pass', WAIT);
      const rows = await readAllRows(tab.panel);
      const after = callRows(rows);
      expect(after).toContainEqual(expect.objectContaining({ kind: 'search', verdict: 'enforced' }));
      // The first page's calls are gone: no unenforced call, none of its ids, no separator.
      expect(after.filter((r) => r.verdict === 'unenforced')).toEqual([]);
      const oldIds = new Set(before.map((r) => r.id));
      expect(after.filter((r) => oldIds.has(r.id))).toEqual([]);
      expect(rows.filter((r) => r.type === 'separator')).toEqual([]);
      expect(after.every((r) => r.verdict === 'enforced' || r.verdict === 'not-applicable')).toBe(true);
      done();
    },
    FLOW_TIMEOUT,
  );

  it(
    'with Preserve log, calls accumulate across navigations and the setting persists',
    async () => {
      const done = timed('flow 2, preserve log on');
      const tab = await freshTab();
      let settingsTab: InspectedTab = tab;
      // Capture first, then put the setting back so that later flows (and a rerun) start from the default.
      onTestFailed(async () => {
        await env.session.captureFailure('panel-flows-preserve-on', settingsTab);
        await setPreserveLog(settingsTab.panel, false).catch(() => undefined);
      });
      expect(await isChecked(tab.panel, 'preserve-log')).toBe(false);
      await setPreserveLog(tab.panel, true);

      await env.visit(tab, '/headless/?scenario=token-nohub');
      await waitForSummary(tab.panel, 'fail', WAIT);
      await waitForKinds(tab.panel, { 'search:unenforced': 1, analytics: 1 }, WAIT);
      const first = callRows(await readAllRows(tab.panel));
      expect(first).toContainEqual(expect.objectContaining({ kind: 'search', verdict: 'unenforced' }));

      await env.visit(tab, '/headless/?scenario=token-hub');
      await waitForKinds(tab.panel, { 'search:unenforced': 1, 'search:enforced': 1 }, WAIT);
      const rows = await readAllRows(tab.panel);
      const calls = callRows(rows);
      // Nothing from the first page was dropped.
      const ids = new Set(calls.map((r) => r.id));
      expect(first.filter((r) => !ids.has(r.id))).toEqual([]);
      expect(calls).toContainEqual(expect.objectContaining({ kind: 'search', verdict: 'enforced' }));
      // The navigation to token-hub is marked, with the token-nohub calls before it and the token-hub calls after it.
      const separators = rows.filter((r) => r.type === 'separator');
      expect(separators.length).toBeGreaterThanOrEqual(1);
      const last = separators[separators.length - 1];
      expect(last?.type === 'separator' ? last.text : '').toContain('scenario=token-hub');
      const at = last?.index ?? -1;
      const beforeLast = callRows(rows.filter((r) => r.index < at));
      const afterLast = callRows(rows.filter((r) => r.index > at));
      expect(beforeLast).toContainEqual(expect.objectContaining({ kind: 'search', verdict: 'unenforced' }));
      expect(afterLast).toContainEqual(expect.objectContaining({ kind: 'search', verdict: 'enforced' }));
      expect(afterLast.filter((r) => r.verdict === 'unenforced')).toEqual([]);
      // The first page's errors still count.
      expect(await readSummary(tab.panel)).toBe('fail');

      // A new tab has a new DevTools and a new panel document: the setting comes back from extension storage.
      settingsTab = await env.openShop();
      opened.push(settingsTab);
      expect(await isChecked(settingsTab.panel, 'preserve-log'), 'Preserve log is remembered by a new panel').toBe(true);
      await setPreserveLog(settingsTab.panel, false);
      done();
    },
    FLOW_TIMEOUT,
  );

  it(
    'a same-document URL change (hash, pushState) keeps the page session; a new document starts one',
    async () => {
      const done = timed('flow 2b, same-document navigations');
      const tab = await freshTab();
      onTestFailed(async () => {
        await env.session.captureFailure('panel-flows-same-document', tab);
        await setPreserveLog(tab.panel, false).catch(() => undefined);
      });
      expect(await isChecked(tab.panel, 'preserve-log')).toBe(false);
      const ids = (rows: Awaited<ReturnType<typeof readAllRows>>) => callRows(rows).map((r) => r.id);
      const separatorsOf = (rows: Awaited<ReturnType<typeof readAllRows>>) => rows.filter((r) => r.type === 'separator');
      /** Waits for a search row the panel did not show before (the few rows of this page are all in the DOM). */
      const waitForNewSearch = (known: (string | null)[]) =>
        waitForPanel(
          tab.panel,
          'a new search row',
          `[...document.querySelectorAll('[data-testid="call-row"][data-kind="search"]')].some((r) => !${JSON.stringify(known)}.includes(r.getAttribute('data-id')))`,
          WAIT,
        );

      await env.visit(tab, '/headless/?scenario=token-hub');
      await waitForSummary(tab.panel, 'pass', WAIT);
      await waitForKinds(tab.panel, { 'search:enforced': 1, analytics: 1 }, WAIT);
      // Query suggestions, as a user typing in the search box makes them.
      await tab.page.click('#search-box');
      await tab.page.type('#search-box', 'tra', { delay: 60 });
      await waitForKinds(tab.panel, { querySuggest: 1 }, WAIT);
      const before = await readAllRows(tab.panel);
      expect(separatorsOf(before)).toEqual([]);

      // Same document, new URL (what Atomic does with #q=... on submit, or an SPA router). Chromium reports both
      // through devtools.network.onNavigated.
      await tab.page.evaluate(() => {
        location.hash = 'q=x';
        history.pushState({}, '', '?moved=1');
      });
      // A call made after the URL changes: the panel has decided those navigations once it shows it.
      await tab.page.keyboard.press('Enter');
      await waitForNewSearch(ids(before));
      const afterOff = await readAllRows(tab.panel);
      expect(ids(afterOff), 'Preserve log off: the calls made before the URL change are still there').toEqual(expect.arrayContaining(ids(before)));
      expect(callRows(afterOff).length).toBeGreaterThan(callRows(before).length);
      expect(separatorsOf(afterOff)).toEqual([]);

      await setPreserveLog(tab.panel, true);
      await tab.page.evaluate(() => {
        location.hash = 'q=y';
        history.pushState({}, '', '?moved=2');
      });
      await tab.page.keyboard.press('Enter');
      await waitForNewSearch(ids(afterOff));
      const afterOn = await readAllRows(tab.panel);
      expect(separatorsOf(afterOn), 'Preserve log on: no separator for a same-document change').toEqual([]);
      expect(ids(afterOn)).toEqual(expect.arrayContaining(ids(afterOff)));

      // A new document still starts a new page session: a separator with Preserve log on...
      await env.visit(tab, '/headless/?scenario=token-nohub');
      await waitForKinds(tab.panel, { 'search:unenforced': 1 }, WAIT);
      const nextPage = await readAllRows(tab.panel);
      const separators = separatorsOf(nextPage);
      expect(separators).toHaveLength(1);
      expect(separators[0]?.type === 'separator' ? separators[0].text : '').toContain('scenario=token-nohub');
      const cut = separators[0]?.index ?? -1;
      expect(ids(nextPage.filter((r) => r.index < cut))).toEqual(ids(afterOn));
      expect(callRows(nextPage.filter((r) => r.index > cut)).filter((r) => r.verdict === 'enforced')).toEqual([]);

      // ...and a cleared list without it.
      await setPreserveLog(tab.panel, false);
      await env.visit(tab, '/headless/?scenario=token-hub');
      await waitForSummary(tab.panel, 'pass', WAIT);
      const fresh = await readAllRows(tab.panel);
      const old = new Set(ids(nextPage));
      expect(ids(fresh).filter((id) => old.has(id))).toEqual([]);
      expect(separatorsOf(fresh)).toEqual([]);
      done();
    },
    FLOW_TIMEOUT,
  );

  it(
    'imports HAR files through the file input, as the CLI reads them',
    async () => {
      const done = timed('flow 3, HAR import');
      const tab = await freshTab();
      onTestFailed(() => env.session.captureFailure('panel-flows-import', tab).then(() => undefined));

      // Some live data first, to see that imports leave it alone.
      expect(await isChecked(tab.panel, 'preserve-log'), 'Preserve log is back to its default').toBe(false);
      await env.visit(tab, '/headless/?scenario=token-hub');
      await waitForSummary(tab.panel, 'pass', WAIT);
      // The page's search and the analytics event that follows it: the live view is then settled.
      await waitForKinds(tab.panel, { 'search:enforced': 1, analytics: 1 }, WAIT);
      const live = callRows(await readAllRows(tab.panel));
      expect(live).toContainEqual(expect.objectContaining({ kind: 'search', verdict: 'enforced' }));

      for (const name of ['headless-token-nohub.har', 'search-ui-api-key.har']) {
        const file = join(FIXTURES, name);
        await uploadHar(tab.panel, file);
        await waitForImport(tab, name);
        const cli = await expectPanelMatchesCli(tab, file);
        expect(await textOf(tab.panel, 'imported-banner')).toContain(`${cli.calls.length} Coveo calls from ${cli.sources[0]?.entries} entries`);
        expect(await tab.panel.$('[data-testid="bad-entries"]')).toBeNull();
      }

      await clickTestId(tab.panel, 'back-to-live');
      await waitForPanel(tab.panel, 'the live view', `!document.querySelector('[data-testid="imported-banner"]')`, WAIT);
      expect(callRows(await readAllRows(tab.panel)).map((r) => r.id)).toEqual(live.map((r) => r.id));
      expect(await readSummary(tab.panel)).toBe('pass');

      // Malformed entries are skipped and counted; the rest still shows.
      const har = JSON.parse(readFileSync(join(FIXTURES, 'headless-token-hub.har'), 'utf8'));
      const entries: unknown[] = har.log.entries;
      entries.splice(0, 0, { request: 'not an object' });
      entries.splice(10, 0, 42);
      entries.push({ request: { method: 'GET' } });
      const malformedFile = join(tmp, 'with-bad-entries.har');
      writeFileSync(malformedFile, JSON.stringify(har));
      await uploadHar(tab.panel, malformedFile);
      await waitForImport(tab, 'with-bad-entries.har');
      const cli = await expectPanelMatchesCli(tab, malformedFile);
      const malformed = cli.sources[0]?.malformed ?? [];
      expect(malformed.map((m) => m.index)).toEqual([0, 10, entries.length - 1]);
      const bad = await textOf(tab.panel, 'bad-entries');
      expect(bad).toContain(`${malformed.length} entries were skipped`);
      for (const m of malformed) expect(bad).toContain(`#${m.index} ${m.reason}`);

      await clickTestId(tab.panel, 'back-to-live');
      await waitForPanel(tab.panel, 'the live view', `!document.querySelector('[data-testid="imported-banner"]')`, WAIT);

      // An unusable file: one visible line saying so, the live view as it was.
      const notJson = join(tmp, 'notes.har');
      writeFileSync(notJson, 'these are my notes, not a HAR\n');
      await uploadHar(tab.panel, notJson);
      await waitForPanel(tab.panel, 'the import error', `!!document.querySelector('[data-testid="error-message"]')`, WAIT);
      const message = await tab.panel.$eval('[data-testid="error-message"]', (el) => {
        const copy = el.cloneNode(true) as HTMLElement;
        for (const b of copy.querySelectorAll('button')) b.remove();
        const box = (el as HTMLElement).getBoundingClientRect();
        return { text: (copy.textContent ?? '').trim(), visible: box.width > 0 && box.height > 0 };
      });
      expect(message.visible).toBe(true);
      expect(message.text).toMatch(/^Cannot import notes\.har: \S/);
      expect(message.text).not.toContain('\n');
      expect(message.text).not.toMatch(/\bat .*:\d+:\d+/); // no stack trace
      expect(await tab.panel.$('[data-testid="imported-banner"]')).toBeNull();
      expect(callRows(await readAllRows(tab.panel)).map((r) => r.id)).toEqual(live.map((r) => r.id));
      expect(await readSummary(tab.panel)).toBe('pass');
      done();
    },
    FLOW_TIMEOUT,
  );

  it(
    'exports Markdown and JSON reports with fingerprints and no full credential',
    async () => {
      const done = timed('flow 4, export');
      const tab = await freshTab();
      let downloads: Downloads | undefined;
      onTestFailed(async () => {
        await env.session.captureFailure('panel-flows-export', tab);
        await setPreserveLog(tab.panel, false).catch(() => undefined);
      });
      expect(await isChecked(tab.panel, 'preserve-log')).toBe(false);
      const secrets = recordCredentials(tab);
      // Both pages in one report: keep the first page's calls across the navigation.
      await setPreserveLog(tab.panel, true);

      await env.visit(tab, '/headless/?scenario=token-hub');
      await waitForSummary(tab.panel, 'pass', WAIT);
      // Its analytics event follows the search: navigating before it finishes would cancel it.
      await waitForKinds(tab.panel, { 'search:enforced': 1, analytics: 1 }, WAIT);
      await env.visit(tab, '/headless/?scenario=api-key');
      // Each page's search and the analytics event that follows it: then nothing more comes.
      await waitForKinds(tab.panel, { 'search:enforced': 1, 'search:unverifiable': 1, analytics: 2 }, WAIT);
      await waitForSummary(tab.panel, 'review', WAIT);
      await setPreserveLog(tab.panel, false);

      const jwts = [...secrets].filter((s) => s.split('.').length === 3);
      expect(jwts.length, 'the token-hub page sent a search token').toBeGreaterThan(0);
      expect(secrets.has(PAGE_API_KEY), 'the api-key page sent its key').toBe(true);
      const calls = callRows(await readAllRows(tab.panel));

      try {
        downloads = await allowDownloads(env.session.browser, mkdtempSync(join(tmp, 'downloads-')));
        await clickTestId(tab.panel, 'export-markdown');
        const markdown = (await downloads.next('.md')).text;
        await clickTestId(tab.panel, 'export-json');
        const json = (await downloads.next('.json')).text;

        expect(markdown).toMatch(/^# .*Coveo Hub Inspector: review$/m);
        // One line per call in the calls table, with its kind and verdict.
        for (const call of calls) expect(markdown).toMatch(new RegExp(`^\\| ${call.id} \\|.*\\| ${call.kind} \\|.*${call.verdict} \\|$`, 'm'));
        const report = JSON.parse(json);
        expect(report.schemaVersion).toBe(1);
        expect(report.tool?.name).toBe('coveo-hub-inspector');
        expect(report.calls.map((c: { id: string }) => c.id)).toEqual(calls.map((c) => c.id));
        expect(report.calls.map((c: { kind: string; verdict: string }) => ({ kind: c.kind, verdict: c.verdict }))).toEqual(
          calls.map((c) => ({ kind: c.kind, verdict: c.verdict })),
        );
        expect(report.summary.verdict).toBe('review');
        const types = new Set(report.calls.map((c: { credential: { type: string } }) => c.credential.type));
        expect(types).toContain('search-token');
        expect(types).toContain('api-key');

        for (const [what, text] of [
          ['Markdown report', markdown],
          ['JSON report', json],
        ] as const) {
          for (const secret of [PAGE_API_KEY, ...jwts]) expect(text, `${what} shows ${fingerprint(secret)}`).toContain(fingerprint(secret));
          expectRedacted(what, text, secrets);
          expect(text, `${what} holds something shaped like a whole JWT`).not.toMatch(JWT_SHAPED);
        }
      } finally {
        await downloads?.close();
      }
      done();
    },
    FLOW_TIMEOUT,
  );
  it(
    'a failing page: the hub column says where the hub comes from, and the detail copies one call as Markdown, redacted',
    async () => {
      const done = timed('copy one call');
      const tab = await freshTab();
      onTestFailed(async () => {
        await env.session.captureFailure('panel-flows-copy-call', tab);
      });
      const secrets = recordCredentials(tab);
      await env.visit(tab, '/headless/?scenario=token-nohub');
      await waitForKinds(tab.panel, { 'search:unenforced': 1 }, WAIT);
      const row = '[data-testid="call-row"][data-kind="search"][data-verdict="unenforced"]';
      // A hub-less token: the hub is the body's only.
      expect(await tab.panel.$eval(row, (el) => el.getAttribute('data-hub-source'))).toBe('request');
      expect(await tab.panel.$eval(`${row} [data-testid="hub-source"]`, (el) => el.textContent ?? '')).toMatch(/body/);
      // Record what reaches the clipboard, whichever way the panel gets there (the real calls still run).
      await tab.panel.evaluate(() => {
        const w = window as unknown as { __copied: { how: string; text: string }[] };
        w.__copied = [];
        const clipboard = navigator.clipboard;
        if (clipboard && typeof clipboard.writeText === 'function') {
          const write = clipboard.writeText.bind(clipboard);
          clipboard.writeText = async (text: string) => {
            await write(text);
            w.__copied.push({ how: 'clipboard', text });
          };
        }
        const exec = document.execCommand.bind(document);
        document.execCommand = (command: string, ...rest: unknown[]) => {
          const ok = exec(command, ...(rest as [boolean, string]));
          if (command === 'copy' && ok) w.__copied.push({ how: 'execCommand', text: (document.activeElement as HTMLTextAreaElement | null)?.value ?? '' });
          return ok;
        };
      });
      await (await tab.panel.$(row))!.click();
      await clickTestId(tab.panel, 'copy-call-markdown');
      await waitForPanel(tab.panel, 'the copy status', `!!document.querySelector('[data-testid="copy-status"]')`, WAIT);
      const status = await tab.panel.$eval('[data-testid="copy-status"]', (el) => ({ ok: el.getAttribute('data-ok'), text: el.textContent ?? '' }));
      const copied = await tab.panel.evaluate(() => (window as unknown as { __copied: { how: string; text: string }[] }).__copied);
      console.log(`[panel-flows] copy one call: ${status.text.trim()} (${copied.map((c) => c.how).join(', ') || 'nothing copied'})`);
      // Copied one way or the other; else the text is offered, selected, to copy by hand.
      const text =
        status.ok === 'true'
          ? (copied[copied.length - 1]?.text ?? '')
          : await tab.panel.$eval('[data-testid="detail-copy-fallback"]', (el) => (el as HTMLTextAreaElement).value);
      if (status.ok === 'true') expect(copied.length, 'a copy reached the clipboard').toBeGreaterThan(0);
      expect(text).toMatch(/^### ❌ Coveo call \S+: search, not enforced$/m);
      expect(text).toMatch(/^- \*\*Search hub:\*\* request only /m);
      expect(text).toContain('#### Findings');
      expect(secrets.size, 'the page sent a credential').toBeGreaterThan(0);
      expectRedacted('the copied call', text, secrets);
      expect(text).not.toMatch(JWT_SHAPED);
      done();
    },
    FLOW_TIMEOUT,
  );
});
