// Drives Debian Chromium with the test build of the extension and DevTools open, down to the
// extension's panel document. Facts behind each step: /work/shared/e2e-recipe.md.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import type { Browser, Frame, Page, Target } from 'puppeteer-core';
import { browserVersion } from './browsers';
import { OUTPUT_DIR } from './extension';
import { PANEL_TITLE, showPanelScript } from '../../../scripts/devtools-panel.mjs';

export { PANEL_TITLE };
const DEVTOOLS_URL = 'devtools://devtools/bundled/';

export interface ChromiumOptions {
  executablePath: string;
  /** Absolute path of the unpacked extension (dist-test/chrome). */
  extensionDir: string;
  /** Host names to send to 127.0.0.1 (any port in the URL is kept). */
  mapHosts: string[];
  /** Extra `--host-resolver-rules` entries, e.g. the test world's `MAP *.coveo.com 127.0.0.1:<port>, ...`. */
  hostResolverRules?: string;
  /** Accept the test world's self-signed certificate (`--ignore-certificate-errors`). */
  ignoreCertificateErrors?: boolean;
  /** Extra log lines (browser version, timings) go here; defaults to console.log. */
  log?: (line: string) => void;
  /** More Chromium switches (benches: e.g. the frame-rate limit off). */
  extraArgs?: string[];
}

export interface InspectedTab {
  page: Page;
  devtools: Page;
  /** The extension panel document (chrome-extension://<id>/panel.html) inside DevTools. */
  panel: Frame;
}

export interface ChromiumSession {
  browser: Browser;
  version: string;
  /** Opens `url` in a new tab, waits until DevTools has the "Coveo Hub" panel, shows it, returns the panel frame. */
  inspect(url: string, timeoutMs?: number): Promise<InspectedTab>;
  /**
   * Saves screenshots, the panel's HTML and (test build) the panel's state (`window.__coveoHubState()`, as
   * `<label>-state.json`) into test-output/ (for an afterEach/onTestFailed hook).
   */
  captureFailure(label: string, tab?: InspectedTab): Promise<string[]>;
  /**
   * Calls `listener(devtools, page)` for every tab `inspect` opens, as soon as the tab's DevTools front-end page
   * exists and before the tab navigates (so before DevTools loads the extension's devtools page and panel):
   * the place to attach observers that must see those frames from their first request (see netwatch.ts).
   * Returns an unsubscribe function.
   */
  onDevtools(listener: (devtools: Page, page: Page) => void): () => void;
  close(): Promise<void>;
}

const FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
  '--disable-background-timer-throttling',
  '--auto-open-devtools-for-tabs',
];

async function waitFor<T>(what: string, timeoutMs: number, probe: () => T | undefined | Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function launchChromium(opts: ChromiumOptions): Promise<ChromiumSession> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const version = browserVersion(opts.executablePath);
  const profile = mkdtempSync(join(tmpdir(), 'chi-chromium-'));
  const started = Date.now();
  const rules = [...opts.mapHosts.map((host) => `MAP ${host} 127.0.0.1`), ...(opts.hostResolverRules ? [opts.hostResolverRules] : [])].join(', ');
  const browser = await puppeteer.launch({
    executablePath: opts.executablePath,
    headless: true,
    ignoreDefaultArgs: true,
    handleDevToolsAsPage: true,
    pipe: true,
    args: [
      ...FLAGS,
      `--user-data-dir=${profile}`,
      `--load-extension=${opts.extensionDir}`,
      `--disable-extensions-except=${opts.extensionDir}`,
      `--host-resolver-rules=${rules}`,
      ...(opts.ignoreCertificateErrors ? ['--ignore-certificate-errors'] : []),
      ...(opts.extraArgs ?? []),
      'about:blank',
    ],
  });
  log(`[chromium] ${version}; launched in ${Date.now() - started} ms`);
  const tabs: InspectedTab[] = [];
  const devtoolsListeners = new Set<(devtools: Page, page: Page) => void>();

  const devtoolsTargets = (): Target[] => browser.targets().filter((t) => t.url().startsWith(DEVTOOLS_URL));

  return {
    browser,
    version,
    async inspect(url, timeoutMs = 15_000) {
      const t0 = Date.now();
      const before = new Set(devtoolsTargets());
      const page = await browser.newPage();
      // --auto-open-devtools-for-tabs gives the new tab its own DevTools front-end target.
      const target = await waitFor("the new tab's DevTools", timeoutMs, () => devtoolsTargets().find((t) => !before.has(t)));
      const devtools = await target.asPage();
      for (const listener of devtoolsListeners) listener(devtools, page);
      await page.goto(url, { waitUntil: 'load', timeout: timeoutMs });
      // The extension's tab exists once DevTools has loaded the extension for an http(s) page:
      // that is also the sign DevTools records the tab's network traffic.
      await devtools.evaluate(showPanelScript(PANEL_TITLE, timeoutMs));
      // A DevTools window that is not in front may leave the panel frame at 0×0 and drop key events.
      await devtools.bringToFront();
      const panel = await waitFor('the panel frame', timeoutMs, () =>
        devtools.frames().find((f) => f.url().startsWith('chrome-extension://') && new URL(f.url()).pathname === '/panel.html'),
      );
      await panel.waitForFunction('document.readyState === "complete" && !!document.getElementById("app")', { polling: 100, timeout: timeoutMs });
      log(`[chromium] panel shown for ${url} in ${Date.now() - t0} ms`);
      const tab = { page, devtools, panel };
      tabs.push(tab);
      return tab;
    },
    async captureFailure(label, tab = tabs[tabs.length - 1]) {
      const written: string[] = [];
      if (!tab) return written;
      mkdirSync(OUTPUT_DIR, { recursive: true });
      const base = join(OUTPUT_DIR, `chromium-${label.replace(/[^\w.-]+/g, '_')}`);
      const attempts: [string, () => Promise<unknown>][] = [
        [`${base}-devtools.png`, () => tab.devtools.screenshot({ path: `${base}-devtools.png` as `${string}.png` })],
        [`${base}-page.png`, () => tab.page.screenshot({ path: `${base}-page.png` as `${string}.png` })],
        [`${base}-panel.html`, async () => writeFileSync(`${base}-panel.html`, await tab.panel.content())],
        [
          `${base}-state.json`,
          async () => {
            const state = await tab.panel.evaluate('JSON.stringify(window.__coveoHubState ? window.__coveoHubState() : null, null, 2)');
            if (typeof state === 'string' && state !== 'null') writeFileSync(`${base}-state.json`, state);
            else throw new Error('the panel exposes no __coveoHubState (not a test build?)');
          },
        ],
      ];
      for (const [file, attempt] of attempts) {
        try {
          await attempt();
          written.push(file);
        } catch (error) {
          log(`[chromium] could not save ${file}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      if (written.length) log(`[chromium] failure artifacts: ${written.join(', ')}`);
      return written;
    },
    onDevtools(listener) {
      devtoolsListeners.add(listener);
      return () => {
        devtoolsListeners.delete(listener);
      };
    },
    async close() {
      await browser.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

// ---- Reading the panel (the data-testid hooks the panel renders) ----------------------------

export interface RowState {
  kind: string | null;
  verdict: string | null;
  /** Where the row's hub comes from (`token`, `request`, `none`), where the reader reads it. */
  hubSource?: string | null;
}

export async function waitForRows(frame: Frame, n: number, timeoutMs = 10_000): Promise<void> {
  await frame.waitForFunction(
    (count: number) => document.querySelectorAll('[data-testid="call-row"]').length >= count,
    { polling: 100, timeout: timeoutMs },
    n,
  );
}

export async function readRows(frame: Frame): Promise<RowState[]> {
  return frame.$$eval('[data-testid="call-row"]', (rows) =>
    rows.map((row) => ({ kind: row.getAttribute('data-kind'), verdict: row.getAttribute('data-verdict') })),
  );
}

/** The page verdict from [data-testid="summary"] (data-verdict), or null when there is no summary. */
export async function readSummary(frame: Frame): Promise<string | null> {
  return frame.evaluate(() => document.querySelector('[data-testid="summary"]')?.getAttribute('data-verdict') ?? null);
}

export async function waitForSummary(frame: Frame, verdict: string, timeoutMs = 10_000): Promise<void> {
  await frame.waitForFunction(
    (v: string) => document.querySelector('[data-testid="summary"]')?.getAttribute('data-verdict') === v,
    { polling: 100, timeout: timeoutMs },
    verdict,
  );
}
