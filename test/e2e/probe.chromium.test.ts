// The routing probe from the panel, in real Chromium with DevTools open, on the test world's Headless pages.
// Watches three places for network traffic: the extension's DevTools documents (netwatch: its panel and devtools
// page), its background service worker (a CDP session on the worker's target, Network domain), and the inspected
// page; and the permissions the extension holds (chrome.permissions.getAll in the worker).
import type { CDPSession, Frame, Target } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { requireBrowser } from './harness/browsers';
import type { InspectedTab } from './harness/chromium';
import { watchExtensionNetwork, type NetWatch } from './harness/netwatch';
import { waitForKinds, waitForPanel } from './harness/panel-io';
import { launchWorldChromium, type WorldBrowser } from './harness/world';

const chromium = requireBrowser('chromium');
const WAIT = { polling: 100, timeout: 20_000 } as const;

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
  const r = (await client.send('Runtime.evaluate', { expression: 'chrome.permissions.getAll().then((p) => JSON.stringify(p))', awaitPromise: true, returnByValue: true })) as { result: { value?: string } };
  const all = JSON.parse(r.result.value ?? '{}') as { origins?: string[]; permissions?: string[] };
  return { origins: all.origins ?? [], permissions: all.permissions ?? [] };
}

async function openRow(panel: Frame, kind: string): Promise<void> {
  const selector = `[data-testid="call-row"][data-kind="${kind}"]`;
  await panel.$eval(selector, (el) => (el as HTMLElement).click());
  await panel.waitForFunction(() => !!document.querySelector('[data-testid="detail"]'), WAIT);
}

describe.skipIf(!chromium)('Chromium: routing probe from the panel', () => {
  let wb: WorldBrowser;
  let watch: NetWatch;
  let worker: { sent: Sent[]; client: CDPSession };
  const pageRequests: string[] = [];

  beforeAll(async () => {
    wb = await launchWorldChromium(chromium as string);
    watch = watchExtensionNetwork(wb.session);
    const target = await wb.session.browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'), { timeout: 20_000 });
    worker = await watchWorker(target);
  });

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
    const consent = await tab.panel.$eval('[data-testid="probe-consent"]', (el) => ({ origin: el.getAttribute('data-origin'), text: (el as HTMLElement).innerText }));
    expect(consent.origin).toBe('https://acmeprod.org.coveo.com');
    expect(consent.text).toMatch(/api-key xx7c…6b5c/);
    expect(consent.text).toMatch(/counts as a query/);
    expect(consent.text).toMatch(/Up to 4 POST requests/);
    // Nothing has been sent yet: not by the worker, not by the panel or devtools page.
    const id = watch.extensionIds()[0] as string;
    expect(worker.sent).toEqual([]);
    expect(watch.foreign(id)).toEqual([]);

    // Record what the panel asks the browser for (the real API still runs and shows its prompt).
    await tab.panel.evaluate(() => {
      const w = window as unknown as { __asked: unknown[]; chrome: { permissions: { request: (...a: unknown[]) => unknown } } };
      w.__asked = [];
      const real = w.chrome.permissions.request.bind(w.chrome.permissions);
      w.chrome.permissions.request = (...args: unknown[]) => {
        w.__asked.push(args[0]);
        return real(...args);
      };
    });
    const pageBefore = pageRequests.length;
    await (await tab.panel.$('[data-testid="probe-confirm"]'))!.click();
    await waitForPanel(tab.panel, 'the permission step', `document.querySelector('[data-testid="probe-status"]')?.getAttribute('data-step') === 'permission'`);
    expect(await tab.panel.evaluate(() => (window as unknown as { __asked: unknown[] }).__asked)).toEqual([{ origins: ['https://acmeprod.org.coveo.com/*'] }]);
    // Chromium shows its own prompt, which no automation can answer: while it is open nothing goes out.
    await new Promise((r) => setTimeout(r, 1500));
    expect(worker.sent).toEqual([]);
    expect(watch.foreign(id)).toEqual([]);
    expect(pageRequests.length).toBe(pageBefore);
    expect(await granted(worker.client)).toEqual({ origins: [], permissions: ['devtools'] });
  }, 90_000);

  it('the background refuses to send to an origin the user did not grant', async () => {
    const tab: InspectedTab = await wb.openShop();
    const answer = await tab.panel.evaluate(
      () =>
        new Promise((resolve) =>
          (window as unknown as { chrome: { runtime: { sendMessage: (m: unknown, cb: (r: unknown) => void) => void } } }).chrome.runtime.sendMessage(
            { type: 'coveoHub.probe.send', request: { url: 'https://acmeprod.org.coveo.com/rest/search/v2', method: 'POST', headers: [], body: '{}', timeoutMs: 2000 } },
            resolve,
          ),
        ),
    );
    expect(answer).toEqual({ error: 'network', message: 'refused: no permission for https://acmeprod.org.coveo.com' });
    expect(worker.sent).toEqual([]);
  }, 60_000);
});
