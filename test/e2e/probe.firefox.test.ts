// The routing probe from the panel in real Firefox ESR: DevTools pages there have no permissions API, so the panel
// has the background open a small extension page whose button asks for the one origin. The profile sets
// extensions.webextOptionalPermissionPrompts=false, Firefox's own switch that grants an optional permission
// request without showing its doorhanger (the request itself, from the page's click, is real).
// Every HTTP request the browser makes is watched from the chrome context (http-on-modify-request), with the
// add-on that triggered it, so the test proves what the extension sent, when, and where.
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { buildPages, ORG_HOST, PLATFORM_HOST, startWorld } from '../world/server.mjs';
import type { World } from '../world/server.mjs';
import { requireBrowser } from './harness/browsers';
import { startConnectProxy, type ConnectProxy } from './harness/connect-proxy';
import { buildTestExtension } from './harness/extension';
import { launchFirefox, type FirefoxSession } from './harness/firefox';

const firefox = requireBrowser('firefox');

const TOOLBOX = `
  const { require } = ChromeUtils.importESModule('resource://devtools/shared/loader/Loader.sys.mjs');
  const { gDevTools } = require('devtools/client/framework/devtools');
  const tab = window.gBrowser.selectedTab;`;

/** Runs `body` (statements using `doc`, returning a JSON value) inside the panel document, like panelReader. */
function inPanel(body: string): string {
  const name = `chi-e2e:probe:${Math.random().toString(36).slice(2)}`;
  const frameScript = `(() => { const doc = content.document; let out; try { out = (() => { ${body} })(); } catch (e) { out = { error: String(e) }; } sendAsyncMessage(${JSON.stringify(name)}, out === undefined ? null : out); })()`;
  return `${TOOLBOX}
  const toolbox = gDevTools.getToolboxForTab(tab);
  const frame = toolbox && [...toolbox.doc.querySelectorAll('iframe')].find((f) => f.id.startsWith('toolbox-panel-iframe-webext-devtools-panel-'));
  const browser = frame && frame.contentDocument && frame.contentDocument.querySelector('browser');
  if (!browser) return { error: 'no panel' };
  const mm = browser.messageManager;
  return new Promise((resolve) => {
    const timer = window.setTimeout(() => resolve({ error: 'no answer' }), 3000);
    const listener = (m) => { window.clearTimeout(timer); mm.removeMessageListener(${JSON.stringify(name)}, listener); resolve(m.data); };
    mm.addMessageListener(${JSON.stringify(name)}, listener);
    mm.loadFrameScript('data:,' + encodeURIComponent(${JSON.stringify(frameScript)}), false);
  });`;
}

const WATCH_NETWORK = `
  if (!Services.__chiNet) {
    Services.__chiNet = [];
    const obs = { observe(subject) {
      try {
        const ch = subject.QueryInterface(Ci.nsIHttpChannel);
        const li = ch.loadInfo;
        const addon = (li && li.triggeringPrincipal && li.triggeringPrincipal.addonId) || (li && li.loadingPrincipal && li.loadingPrincipal.addonId) || '';
        Services.__chiNet.push({ url: ch.URI.spec, method: ch.requestMethod, addon });
      } catch (e) { /* not an HTTP channel */ }
    } };
    Services.obs.addObserver(obs, 'http-on-modify-request');
  }
  return true;`;

interface Seen {
  url: string;
  method: string;
  addon: string;
}

describe.skipIf(!firefox)('Firefox: routing probe from the panel', () => {
  let world: World | undefined;
  let proxy: ConnectProxy | undefined;
  let session: FirefoxSession;

  const panel = async <T>(body: string): Promise<T> => {
    await session.client.setContext('chrome');
    return session.client.execute<T>(inPanel(body));
  };
  const waitPanel = async <T>(what: string, body: string, timeoutMs = 20_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = await panel<T>(body);
      if (v && !(typeof v === 'object' && 'error' in (v as object))) return v;
      if (Date.now() > deadline) throw new Error(`timed out waiting in the panel for ${what} (${JSON.stringify(v)})`);
      await new Promise((r) => setTimeout(r, 150));
    }
  };
  const fromExtension = async (): Promise<Seen[]> => {
    await session.client.setContext('chrome');
    const all = await session.client.execute<Seen[]>('return Services.__chiNet || [];');
    return all.filter((r) => r.addon === session.addonId && !r.url.startsWith('moz-extension:'));
  };

  beforeAll(async () => {
    const extensionDir = buildTestExtension('firefox');
    await buildPages();
    world = await startWorld({ port: 0 });
    proxy = await startConnectProxy({ targetPort: world.port });
    session = await launchFirefox({
      executablePath: firefox as string,
      extensionDir,
      mapHosts: [],
      proxyPort: proxy.port,
      sslProxyPort: proxy.port,
      extraPrefs: { 'extensions.webextOptionalPermissionPrompts': false },
    });
    await session.client.setContext('chrome');
    await session.client.execute(WATCH_NETWORK);
    await session.inspect(`${world.origin}/`, 30_000);
  }, 120_000);

  afterAll(async () => {
    await session?.close();
    await proxy?.close();
    await world?.close();
  });

  /** Navigates to a shop page, probes its first search call from the panel (granting on the extension's page when asked). */
  async function probeFromPanel(
    path: string,
    expectGrantPage: boolean,
  ): Promise<{ origin: string; outcome: string; sent: string[]; searchRows: [number, number]; verdicts: (string | null)[] }> {
    await session.navigate(`${world!.origin}${path}`);
    await session.waitInPage('the first search', 'return document.body.dataset.ready === "true";', 30_000);
    await session.waitForPanel('a search row', (s) => s.rows.some((r) => r.kind === 'search'), 20_000);
    const searchRowsBefore = (await session.readPanel()).rows.filter((r) => r.kind === 'search').length;
    const sentBefore = (await fromExtension()).length;

    await panel(`doc.querySelector('[data-testid="call-row"][data-kind="search"]').click(); return true;`);
    await waitPanel('the probe button', `const b = doc.querySelector('[data-testid="probe-button"]'); if (!b) return null; b.click(); return true;`);
    const consent = await waitPanel<{ origin: string; text: string }>(
      'the consent',
      `const c = doc.querySelector('[data-testid="probe-consent"]'); return c && { origin: c.getAttribute('data-origin'), text: c.textContent };`,
    );
    expect(consent.text).toMatch(/counts as a query/);
    expect(consent.text).toMatch(/Up to 4 POST requests/);
    // Nothing sent before the consent is confirmed.
    expect((await fromExtension()).length).toBe(sentBefore);

    const handles = await session.client.send<{ value: string[] } | string[]>('WebDriver:GetWindowHandles');
    const before = Array.isArray(handles) ? handles : handles.value;
    const main = await session.client.send<{ value: string } | string>('WebDriver:GetWindowHandle');
    const mainHandle = typeof main === 'string' ? main : main.value;
    await panel(`doc.querySelector('[data-testid="probe-confirm"]').click(); return true;`);

    if (expectGrantPage) {
      // The background opens the grant page in a window of its own; nothing is sent until its button is clicked.
      let grant: string | undefined;
      const deadline = Date.now() + 15_000;
      while (!grant && Date.now() < deadline) {
        const now = await session.client.send<{ value: string[] } | string[]>('WebDriver:GetWindowHandles');
        grant = (Array.isArray(now) ? now : now.value).find((h) => !before.includes(h));
        if (!grant) await new Promise((r) => setTimeout(r, 150));
      }
      expect(grant, 'the grant window').toBeTruthy();
      await session.client.send('WebDriver:SwitchToWindow', { handle: grant, name: grant });
      await session.client.setContext('content');
      let text = '';
      for (let i = 0; i < 100 && !text.includes('https://'); i++) {
        text = (await session.client.execute<string | null>('const t = document.getElementById("text"); return t ? t.textContent : "";')) ?? '';
        if (!text.includes('https://')) await new Promise((r) => setTimeout(r, 150));
      }
      expect(text).toContain(`to ${consent.origin}, and nowhere else`);
      expect((await fromExtension()).length).toBe(sentBefore);
      await session.client.setContext('content');
      // A WebDriver click: real user input for the browser, which permissions.request requires.
      const button = await session.client.execute<Record<string, string>>('return document.getElementById("allow");');
      await session.client.send('WebDriver:ElementClick', { id: Object.values(button)[0] });
      await session.client.send('WebDriver:SwitchToWindow', { handle: mainHandle, name: mainHandle });
    }

    const outcome = await waitPanel<string>(
      'the probe result',
      `const r = doc.querySelector('[data-testid="probe-result"]'); return r && r.getAttribute('data-outcome');`,
      30_000,
    );
    const sent = (await fromExtension()).slice(sentBefore).map((r) => `${r.method} ${r.url.split('?')[0]}`);
    const after = await session.readPanel();
    const search = after.rows.filter((r) => r.kind === 'search');
    return { origin: consent.origin, outcome, sent, searchRows: [searchRowsBefore, search.length], verdicts: search.map((r) => r.verdict) };
  }

  it('an unscoped API key behind hub conditions: consent, the grant page, then exactly the probe to the granted origin', async () => {
    onTestFailed(async () => {
      await session.captureFailure('probe-api-key');
    });
    world!.setRouting();
    const r = await probeFromPanel('/headless/?scenario=api-key', true);
    expect(r.origin).toBe(`https://${ORG_HOST}`);
    expect(r.outcome).toBe('routing-changed');
    expect(r.sent).toEqual(Array(4).fill(`POST https://${ORG_HOST}/rest/search/v2`));
    // Probe requests are not captured calls (4 more search rows otherwise); the search row says what the probe proved.
    expect(r.searchRows[1]).toBe(r.searchRows[0]);
    expect(r.verdicts.every((v) => v === 'unenforced')).toBe(true);
  }, 120_000);

  it('a hub-scoped key: held (stays unverifiable) when it overrides, rejected (enforced) when it refuses another hub; the origin granted once', async () => {
    onTestFailed(async () => {
      await session.captureFailure('probe-scoped');
    });
    world!.setRouting({ scopedKeyMismatch: 'override' });
    const held = await probeFromPanel('/headless/?scenario=api-key-scoped', false);
    expect(held.outcome).toBe('held');
    expect(held.sent).toHaveLength(4);
    expect(held.verdicts.every((v) => v === 'unverifiable')).toBe(true);
    world!.setRouting({ scopedKeyMismatch: 'reject' });
    const rejected = await probeFromPanel('/headless/?scenario=api-key-scoped', false);
    expect(rejected.outcome).toBe('rejected');
    expect(rejected.sent).toEqual(Array(4).fill(`POST https://${ORG_HOST}/rest/search/v2`));
    expect(rejected.verdicts.every((v) => v === 'enforced')).toBe(true);
    world!.setRouting();
  }, 180_000);

  it('search-ui with a hub-scoped key: its platform origin is asked for on the grant page; rejected (enforced), then held (unverifiable) without asking again', async () => {
    onTestFailed(async () => {
      await session.captureFailure('probe-search-ui-scoped');
    });
    // search-ui talks to the platform host, not the organization's: another origin, with a grant of its own.
    world!.setRouting({ scopedKeyMismatch: 'reject' });
    const rejected = await probeFromPanel('/search-ui/?scenario=api-key-scoped', true);
    expect(rejected.origin).toBe(`https://${PLATFORM_HOST}`);
    expect(rejected.outcome).toBe('rejected');
    expect(rejected.sent).toEqual(Array(4).fill(`POST https://${PLATFORM_HOST}/rest/search/v2`));
    expect(rejected.verdicts.every((v) => v === 'enforced')).toBe(true);
    world!.setRouting({ scopedKeyMismatch: 'override' });
    const held = await probeFromPanel('/search-ui/?scenario=api-key-scoped', false);
    expect(held.outcome).toBe('held');
    expect(held.sent).toEqual(Array(4).fill(`POST https://${PLATFORM_HOST}/rest/search/v2`));
    expect(held.verdicts.every((v) => v === 'unverifiable')).toBe(true);
    world!.setRouting();
  }, 180_000);

  it("a proxied page: the site's own origin is asked for and probed", async () => {
    onTestFailed(async () => {
      await session.captureFailure('probe-proxy');
    });
    world!.setRouting();
    const r = await probeFromPanel('/headless/?scenario=proxy', true);
    expect(r.origin).toBe('https://shop.example.test');
    expect(r.outcome).toBe('routing-changed');
    expect(r.sent).toEqual(Array(4).fill('POST https://shop.example.test/proxy/rest/search/v2'));
  }, 120_000);

  it('a hub token whose page names a pipeline: held when a condition names the hub', async () => {
    onTestFailed(async () => {
      await session.captureFailure('probe-token-pipeline');
    });
    world!.setRouting();
    const r = await probeFromPanel('/headless/?scenario=token-hub-pipeline', false);
    expect(r.outcome).toBe('held');
    expect(r.sent).toHaveLength(4);
  }, 120_000);

  // After the scenarios above (same browser): the three origins granted on the grant page, nothing else.
  it('holds only the origins the user granted, and no other permission was ever added', async () => {
    await session.client.setContext('chrome');
    const perms = await session.client.execute<{ origins: string[]; permissions: string[] }>(
      `const { ExtensionPermissions } = ChromeUtils.importESModule('resource://gre/modules/ExtensionPermissions.sys.mjs');
       return ExtensionPermissions.get(arguments[0]).then((p) => ({ origins: [...p.origins].sort(), permissions: [...p.permissions] }));`,
      [session.addonId],
    );
    // `devtools` is what devtools_page implies in Firefox, not something the extension asked for.
    expect(perms).toEqual({ origins: [`https://${ORG_HOST}/*`, `https://${PLATFORM_HOST}/*`, 'https://shop.example.test/*'], permissions: ['devtools'] });
  });
});
