// The routing probe from the panel, in real Chromium with DevTools open, on the test world's Headless and search-ui
// pages. Watches three places for network traffic: the extension's DevTools documents (netwatch: its panel and
// devtools page), its background service worker (a CDP session on the worker's target, Network domain), and the
// inspected page; and the permissions the extension holds (chrome.permissions.getAll in the worker).
//
// How the permission is answered. Chromium's own permission prompt (a browser dialog, outside any page) cannot be
// answered through CDP, and Debian's Chromium build has no auto-confirm test switch. What a user can also do, and
// automation can reach, is allow the site on chrome://extensions (the extension's "Site access" list): the test
// calls that page's own `chrome.developerPrivate.addHostPermission`, as its "Add a site" dialog does. Chromium
// records the site as allowed by the user but does not give it to the extension: getAll stays empty and the
// background still refuses to send. Only when the panel's real `chrome.permissions.request` for that exact origin
// runs, from the user's click on the consent step, does Chromium grant it without showing the prompt (the user has
// already answered). So the product's flow, click, request and all, is the one a user runs; only the answer comes
// from the browser's settings page instead of its dialog. The first test shows the dialog case: an origin the
// user has not allowed leaves the request waiting on the prompt, and nothing is sent.
import type { CDPSession, Frame, Page, Target } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { ORG_HOST } from '../world/server.mjs';
import { requireBrowser } from './harness/browsers';
import type { InspectedTab } from './harness/chromium';
import { watchExtensionNetwork, type NetWatch } from './harness/netwatch';
import { waitForKinds, waitForPanel } from './harness/panel-io';
import { launchWorldChromium, type WorldBrowser } from './harness/world';

const chromium = requireBrowser('chromium');
const WAIT = { polling: 100, timeout: 20_000 } as const;
const ORG = `https://${ORG_HOST}`;
const SHOP = 'https://shop.example.test';
const PLATFORM = 'https://platform.cloud.coveo.com';

interface Sent {
  url: string;
  method: string;
}

/** Every request the extension's background service worker makes, from the moment it is attached. */
async function watchWorker(target: Target): Promise<{ sent: Sent[]; client: CDPSession }> {
  const client = await target.createCDPSession();
  const sent: Sent[] = [];
  client.on('Network.requestWillBeSent', (e: { request: { url: string; method: string } }) => sent.push({ url: e.request.url, method: e.request.method }));
  await client.send('Network.enable');
  return { sent, client };
}

/** What the extension holds: host origins, and API permissions (only the `devtools` that devtools_page implies). */
async function granted(client: CDPSession): Promise<{ origins: string[]; permissions: string[] }> {
  const r = (await client.send('Runtime.evaluate', {
    expression: 'chrome.permissions.getAll().then((p) => JSON.stringify(p))',
    awaitPromise: true,
    returnByValue: true,
  })) as { result: { value?: string } };
  const all = JSON.parse(r.result.value ?? '{}') as { origins?: string[]; permissions?: string[] };
  return { origins: (all.origins ?? []).sort(), permissions: all.permissions ?? [] };
}

/** What the background's own check (`permissions.contains`, before every send) answers for `origin`. */
async function contains(client: CDPSession, origin: string): Promise<boolean> {
  const r = (await client.send('Runtime.evaluate', {
    expression: `chrome.permissions.contains({ origins: [${JSON.stringify(`${origin}/*`)}] })`,
    awaitPromise: true,
    returnByValue: true,
  })) as { result: { value?: boolean } };
  return r.result.value === true;
}

async function openRow(panel: Frame, kind: string): Promise<void> {
  const selector = `[data-testid="call-row"][data-kind="${kind}"]`;
  await panel.$eval(selector, (el) => (el as HTMLElement).click());
  await panel.waitForFunction(() => !!document.querySelector('[data-testid="detail"]'), WAIT);
}

/** Records every `chrome.permissions.request` the panel makes (the real API still runs). */
async function recordAsks(panel: Frame): Promise<void> {
  await panel.evaluate(() => {
    const w = window as unknown as { __asked?: unknown[]; chrome: { permissions: { request: (...a: unknown[]) => unknown } } };
    if (w.__asked) return;
    w.__asked = [];
    const real = w.chrome.permissions.request.bind(w.chrome.permissions);
    w.chrome.permissions.request = (...args: unknown[]) => {
      w.__asked!.push(args[0]);
      return real(...args);
    };
  });
}

const asked = (panel: Frame): Promise<unknown[]> => panel.evaluate(() => (window as unknown as { __asked: unknown[] }).__asked);

describe.skipIf(!chromium)('Chromium: routing probe from the panel', () => {
  let wb: WorldBrowser;
  let watch: NetWatch;
  let worker: { sent: Sent[]; client: CDPSession };
  let extensions: Page;
  let extensionId: string;
  const pageRequests: string[] = [];
  /** Every origin the user allowed on chrome://extensions during the run. */
  const allowed: string[] = [];
  let sharedTab: InspectedTab | undefined;
  /** One tab (DevTools open, panel shown) for the tests below the first: opening one costs seconds. */
  async function shared(): Promise<InspectedTab> {
    if (!sharedTab) {
      sharedTab = await wb.openShop();
      sharedTab.page.on('request', (r) => pageRequests.push(`${r.method()} ${r.url()}`));
    }
    return sharedTab;
  }

  /** The user allows `origin` in the extension's site access on chrome://extensions (what its "Add a site" does). */
  async function allowOnExtensionsPage(origin: string): Promise<void> {
    const answer = await extensions.evaluate(
      (id: string, pattern: string) =>
        new Promise<string>((resolve) => {
          const c = (
            window as unknown as {
              chrome: {
                developerPrivate: { addHostPermission: (id: string, host: string, cb: () => void) => void };
                runtime: { lastError?: { message?: string } };
              };
            }
          ).chrome;
          c.developerPrivate.addHostPermission(id, pattern, () => resolve(c.runtime.lastError?.message ?? 'ok'));
        }),
      extensionId,
      `${origin}/*`,
    );
    expect(answer).toBe('ok');
    allowed.push(origin);
  }

  beforeAll(async () => {
    wb = await launchWorldChromium(chromium as string);
    watch = watchExtensionNetwork(wb.session);
    const target = await wb.session.browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'), {
      timeout: 20_000,
    });
    extensionId = new URL(target.url()).host;
    worker = await watchWorker(target);
    // chrome://extensions, opened first: inspect() tells a new tab's DevTools from those already there.
    const devtoolsCount = (): number => wb.session.browser.targets().filter((t) => t.url().startsWith('devtools://')).length;
    const before = devtoolsCount();
    extensions = await wb.session.browser.newPage();
    await extensions.goto('chrome://extensions/', { waitUntil: 'load' });
    for (let i = 0; i < 50 && devtoolsCount() === before; i++) await new Promise((r) => setTimeout(r, 100));
  }, 60_000);

  afterAll(async () => {
    await wb?.close();
  });

  it('nothing is sent before consent nor while the browser asks; the panel asks for the exact origin only', async () => {
    wb.world.setRouting();
    const tab: InspectedTab = await wb.openShop();
    onTestFailed(async () => {
      await wb.session.captureFailure('probe-consent', tab);
    });
    tab.page.on('request', (r) => pageRequests.push(`${r.method()} ${r.url()}`));
    await wb.visit(tab, '/headless/?scenario=api-key');
    await waitForKinds(tab.panel, { search: 1 });
    expect(await granted(worker.client)).toEqual({ origins: [], permissions: ['devtools'] });

    await openRow(tab.panel, 'search');
    await tab.panel.$eval('[data-testid="probe-button"]', (el) => (el as HTMLElement).click());
    await tab.panel.waitForSelector('[data-testid="probe-consent"]', { timeout: 10_000 });
    const consent = await tab.panel.$eval('[data-testid="probe-consent"]', (el) => ({
      origin: el.getAttribute('data-origin'),
      // biome-ignore lint/performance/useDomNodeTextContent: the consent is read as rendered, as the user sees it
      text: (el as HTMLElement).innerText,
    }));
    expect(consent.origin).toBe(ORG);
    expect(consent.text).toMatch(/api-key xx7c…6b5c/);
    expect(consent.text).toMatch(/counts as a query/);
    expect(consent.text).toMatch(/Up to 4 POST requests/);
    // Nothing has been sent yet: not by the worker, not by the panel or devtools page.
    expect(worker.sent).toEqual([]);
    expect(watch.foreign(extensionId)).toEqual([]);

    await recordAsks(tab.panel);
    const pageBefore = pageRequests.length;
    await (await tab.panel.$('[data-testid="probe-confirm"]'))!.click();
    await waitForPanel(tab.panel, 'the permission step', `document.querySelector('[data-testid="probe-status"]')?.getAttribute('data-step') === 'permission'`);
    expect(await asked(tab.panel)).toEqual([{ origins: [`${ORG}/*`] }]);
    // The user has not allowed this origin: Chromium shows its own prompt, which stays open. Nothing goes out.
    await new Promise((r) => setTimeout(r, 1500));
    expect(worker.sent).toEqual([]);
    expect(watch.foreign(extensionId)).toEqual([]);
    expect(pageRequests.length).toBe(pageBefore);
    expect(await granted(worker.client)).toEqual({ origins: [], permissions: ['devtools'] });
    await tab.page.close();
  }, 90_000);

  it('the background refuses to send to an origin the user did not grant', async () => {
    const tab = await shared();
    const answer = await tab.panel.evaluate(
      () =>
        new Promise((resolve) =>
          (window as unknown as { chrome: { runtime: { sendMessage: (m: unknown, cb: (r: unknown) => void) => void } } }).chrome.runtime.sendMessage(
            {
              type: 'coveoHub.probe.send',
              request: { url: 'https://acmeprod.org.coveo.com/rest/search/v2', method: 'POST', headers: [], body: '{}', timeoutMs: 2000 },
            },
            resolve,
          ),
        ),
    );
    expect(answer).toEqual({ error: 'network', message: 'refused: no permission for https://acmeprod.org.coveo.com' });
    expect(worker.sent).toEqual([]);
  }, 60_000);

  describe('after the user allows the origin', () => {
    let tab: InspectedTab;

    beforeAll(async () => {
      tab = await shared();
    }, 60_000);

    /**
     * Opens `path` in the shared tab, probes its first search call from the panel and returns what happened. With
     * `allow`, the user allows the consent's origin on chrome://extensions between reading the consent and
     * confirming it; without, the origin must have been allowed and granted by an earlier probe.
     */
    async function probeFromPanel(
      path: string,
      allow: boolean,
    ): Promise<{ origin: string; outcome: string; sent: string[]; asked: unknown[]; searchRows: [number, number]; verdicts: (string | null)[] }> {
      await wb.visit(tab, path);
      await waitForKinds(tab.panel, { search: 1 });
      const searchRows = async (): Promise<(string | null)[]> =>
        tab.panel.$$eval('[data-testid="call-row"][data-kind="search"]', (rows) => rows.map((r) => r.getAttribute('data-verdict')));
      const rowsBefore = (await searchRows()).length;
      const sentBefore = worker.sent.length;
      const pageBefore = pageRequests.length;

      await openRow(tab.panel, 'search');
      await tab.panel.$eval('[data-testid="probe-button"]', (el) => (el as HTMLElement).click());
      await tab.panel.waitForSelector('[data-testid="probe-consent"]', { timeout: 10_000 });
      const consent = await tab.panel.$eval('[data-testid="probe-consent"]', (el) => ({
        origin: el.getAttribute('data-origin') ?? '',
        // biome-ignore lint/performance/useDomNodeTextContent: the consent is read as rendered, as the user sees it
        text: (el as HTMLElement).innerText,
      }));
      expect(consent.text).toMatch(/counts as a query/);
      expect(consent.text).toMatch(/Up to 4 POST requests/);
      if (allow) {
        await allowOnExtensionsPage(consent.origin);
        // Allowed by the user, not yet granted: the extension holds nothing new until the panel asks.
        expect((await granted(worker.client)).origins).not.toContain(`${consent.origin}/*`);
        expect(await contains(worker.client, consent.origin)).toBe(false);
      }
      // Nothing sent before the consent is confirmed, whatever the user allowed.
      expect(worker.sent.length).toBe(sentBefore);

      await recordAsks(tab.panel);
      const askedBefore = (await asked(tab.panel)).length;
      await (await tab.panel.$('[data-testid="probe-confirm"]'))!.click();
      await waitForPanel(
        tab.panel,
        'the probe result',
        `!!document.querySelector('[data-testid="probe-result"]') && !document.querySelector('[data-testid="probe-status"]')`,
        30_000,
      );
      const outcome = await tab.panel.$eval('[data-testid="probe-result"]', (el) => el.getAttribute('data-outcome') ?? '');
      // The panel has nothing else to send: the list is final once the result is shown.
      const verdicts = await searchRows();
      expect(watch.foreign(extensionId)).toEqual([]);
      expect(pageRequests.length).toBe(pageBefore);
      return {
        origin: consent.origin,
        outcome,
        sent: worker.sent.slice(sentBefore).map((r) => `${r.method} ${r.url.split('?')[0]}`),
        asked: (await asked(tab.panel)).slice(askedBefore),
        searchRows: [rowsBefore, verdicts.length],
        verdicts,
      };
    }

    it('an unscoped API key behind hub conditions (Headless): allowed, asked, then exactly the probe to that origin; routing-changed', async () => {
      onTestFailed(async () => {
        await wb.session.captureFailure('probe-api-key', tab);
      });
      wb.world.setRouting();
      const r = await probeFromPanel('/headless/?scenario=api-key', true);
      expect(r.origin).toBe(ORG);
      expect(r.asked).toEqual([{ origins: [`${ORG}/*`] }]);
      expect(r.outcome).toBe('routing-changed');
      expect(r.sent).toEqual(Array(4).fill(`POST ${ORG}/rest/search/v2`));
      // Probe requests are not captured calls; the search row says what the probe proved.
      expect(r.searchRows[1]).toBe(r.searchRows[0]);
      expect(r.verdicts.every((v) => v === 'unenforced')).toBe(true);
      expect(await granted(worker.client)).toEqual({ origins: [`${ORG}/*`], permissions: ['devtools'] });
    }, 90_000);

    it('a hub-scoped key: held (stays unverifiable) on Headless when it overrides, rejected (enforced) on search-ui when it refuses another hub', async () => {
      onTestFailed(async () => {
        await wb.session.captureFailure('probe-scoped', tab);
      });
      wb.world.setRouting({ scopedKeyMismatch: 'override' });
      const held = await probeFromPanel('/headless/?scenario=api-key-scoped', false);
      expect(held.outcome).toBe('held');
      expect(held.asked).toEqual([{ origins: [`${ORG}/*`] }]);
      expect(held.sent).toEqual(Array(4).fill(`POST ${ORG}/rest/search/v2`));
      expect(held.verdicts.every((v) => v === 'unverifiable')).toBe(true);
      wb.world.setRouting({ scopedKeyMismatch: 'reject' });
      // search-ui talks to the platform host, not the organization's: another origin, allowed and asked for.
      const rejected = await probeFromPanel('/search-ui/?scenario=api-key-scoped', true);
      expect(rejected.origin).toBe(PLATFORM);
      expect(rejected.asked).toEqual([{ origins: [`${PLATFORM}/*`] }]);
      expect(rejected.outcome).toBe('rejected');
      expect(rejected.sent).toEqual(Array(4).fill(`POST ${PLATFORM}/rest/search/v2`));
      expect(rejected.verdicts.every((v) => v === 'enforced')).toBe(true);
      wb.world.setRouting();
    }, 120_000);

    it("a proxied page: the site's own origin is allowed, asked for and probed, nothing goes to Coveo", async () => {
      onTestFailed(async () => {
        await wb.session.captureFailure('probe-proxy', tab);
      });
      wb.world.setRouting();
      const r = await probeFromPanel('/headless/?scenario=proxy', true);
      expect(r.origin).toBe(SHOP);
      expect(r.asked).toEqual([{ origins: [`${SHOP}/*`] }]);
      expect(r.outcome).toBe('routing-changed');
      expect(r.sent).toEqual(Array(4).fill(`POST ${SHOP}/proxy/rest/search/v2`));
    }, 90_000);

    it('a hub token whose page names a pipeline: held when a condition names the hub', async () => {
      onTestFailed(async () => {
        await wb.session.captureFailure('probe-token-pipeline', tab);
      });
      wb.world.setRouting();
      const r = await probeFromPanel('/headless/?scenario=token-hub-pipeline', false);
      expect(r.outcome).toBe('held');
      expect(r.sent).toEqual(Array(4).fill(`POST ${ORG}/rest/search/v2`));
    }, 90_000);

    // After the scenarios above (same browser): exactly the origins the user allowed, nothing else ever added.
    it('holds only the origins the user allowed and the panel asked for, and no other permission', async () => {
      expect(allowed).toEqual([ORG, PLATFORM, SHOP]);
      expect(await granted(worker.client)).toEqual({ origins: [`${ORG}/*`, `${PLATFORM}/*`, `${SHOP}/*`], permissions: ['devtools'] });
      // Every request the worker ever made was a probe POST to a granted origin: five probes of four requests.
      expect(worker.sent.filter((r) => r.method !== 'POST' || ![ORG, PLATFORM, SHOP].some((o) => r.url.startsWith(`${o}/`)))).toEqual([]);
      expect(worker.sent).toHaveLength(20);
    });
  });
});
