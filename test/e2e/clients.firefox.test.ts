// The real @coveo/headless page of the test world (test/world/) in a real Firefox ESR, with the extension's test
// build installed and its toolbox open on the "Coveo Hub" panel. Firefox reaches the HTTPS world on its real host
// names (shop.example.test, acmeprod.org.coveo.com, ...) through a local CONNECT proxy (harness/connect-proxy.ts)
// and accepts its self-signed certificate through Marionette's acceptInsecureCerts.
//
// Firefox delivers no request made before the toolbox opened, and loads the panel document only once its tab is
// selected: the toolbox is opened on the shop's index page (no Coveo call) first, then the same tab navigates to
// each scenario, whose first search fires on load. Each navigation clears the panel (Preserve log is off).
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { buildPages, ORG_HOST, SHOP_HOST, startWorld } from '../world/server.mjs';
import type { World } from '../world/server.mjs';
import { requireBrowser } from './harness/browsers';
import type { RowState } from './harness/chromium';
import { startConnectProxy } from './harness/connect-proxy';
import type { ConnectProxy } from './harness/connect-proxy';
import { buildTestExtension } from './harness/extension';
import { launchFirefox } from './harness/firefox';
import type { FirefoxSession, PanelSnapshot } from './harness/firefox';

const firefox = requireBrowser('firefox');

const SCENARIOS = [
  { scenario: 'token-hub', verdict: 'enforced', summary: 'pass', hubSource: 'token', both: 'ok' },
  { scenario: 'token-nohub', verdict: 'unenforced', summary: 'fail', hubSource: 'request', both: 'no' },
  { scenario: 'api-key', verdict: 'unverifiable', summary: 'review', hubSource: 'request', both: 'review' },
] as const;

const ofKind = (snapshot: PanelSnapshot, kind: string): RowState[] => snapshot.rows.filter((r) => r.kind === kind);
/** At least one row of `kind`, and every one of them with `verdict`. */
const allOfKind = (snapshot: PanelSnapshot, kind: string, verdict: string): boolean => {
  const rows = ofKind(snapshot, kind);
  return rows.length > 0 && rows.every((r) => r.verdict === verdict);
};

describe.skipIf(!firefox)('Firefox: the Coveo Hub panel on the real @coveo/headless page', () => {
  let world: World | undefined;
  let proxy: ConnectProxy | undefined;
  let session: FirefoxSession;
  const fileStart = Date.now();
  const times: string[] = [];

  beforeAll(async () => {
    const t0 = Date.now();
    const extensionDir = buildTestExtension('firefox');
    await buildPages();
    world = await startWorld({ port: 0 });
    proxy = await startConnectProxy({ targetPort: world.port });
    session = await launchFirefox({
      executablePath: firefox as string,
      extensionDir,
      mapHosts: [],
      proxyPort: proxy.port, // plain http:// is refused by the proxy: the world is HTTPS only
      sslProxyPort: proxy.port,
    });
    // The toolbox opens on the index page, which makes no Coveo call: from here on Firefox delivers every request.
    await session.inspect(`${world.origin}/`, 30_000);
    const title = await session.inPage<string>('return document.title;');
    expect(title).toBe('Coveo Hub Inspector test shop');
    expect(proxy.tunnelled).toContain(`${SHOP_HOST}:443`);
    times.push(`setup ${Date.now() - t0} ms`);
  }, 120_000);

  afterAll(async () => {
    await session?.close();
    await proxy?.close();
    await world?.close();
    times.push(`total ${Date.now() - fileStart} ms`);
    console.log(`[firefox clients] wall times: ${times.join('; ')}`);
    if (proxy && proxy.refused.length > 0)
      console.log(
        `[firefox clients] proxy refused ${proxy.refused.length} request(s) outside the world: ${[...new Set(proxy.refused)].slice(0, 8).join(', ')}`,
      );
  });

  for (const { scenario, verdict, summary, hubSource, both } of SCENARIOS) {
    it(`${scenario}: search and query suggestion rows are ${verdict}, the page verdict is ${summary}`, async () => {
      onTestFailed(async () => {
        await session.captureFailure(`clients-headless-${scenario}`);
      });
      const t0 = Date.now();
      const origin = (world as World).origin;

      await session.navigate(`${origin}/headless/?scenario=${scenario}`);
      // The page sets body[data-ready] once Headless has run its first search; its status says whether that failed.
      const status = await session.waitInPage<string>(
        'the first search (body[data-ready])',
        "return document.body.dataset.ready === 'true' && document.getElementById('status').textContent;",
        30_000,
      );
      expect(status).toBe('ready');
      expect(proxy?.tunnelled).toContain(`${ORG_HOST}:443`);

      // Rows left over from the previous scenario would break "every search row has this verdict".
      const searched = await session.waitForPanel(
        `${verdict} search rows and a ${summary} summary`,
        (s) => allOfKind(s, 'search', verdict) && s.summary === summary,
        20_000,
      );
      expect(ofKind(searched, 'search').map((r) => r.verdict)).toEqual(ofKind(searched, 'search').map(() => verdict));
      expect(searched.summary).toBe(summary);
      expect(searched.rows.some((r) => r.kind === 'querySuggest')).toBe(false);

      // Query suggestions: type like a user; Headless asks /rest/search/v2/querySuggest as the text changes.
      await session.typeInPage('#search-box', 'tra');
      const suggestion = await session.waitInPage<string>(
        '#suggestion-0',
        "const s = document.getElementById('suggestion-0'); return s && s.textContent;",
        15_000,
      );
      expect(suggestion).toMatch(/^tra/);
      const suggested = await session.waitForPanel(
        `${verdict} querySuggest rows`,
        (s) => allOfKind(s, 'querySuggest', verdict) && s.summary === summary,
        20_000,
      );
      expect(ofKind(suggested, 'querySuggest').map((r) => r.verdict)).toEqual(ofKind(suggested, 'querySuggest').map(() => verdict));
      expect(allOfKind(suggested, 'search', verdict)).toBe(true);
      expect(suggested.summary).toBe(summary);
      // The hub column says where the hub comes from; the checklist takes its state from the core's coverage.
      const hubRows = suggested.rows.filter((r) => r.kind === 'search' || r.kind === 'querySuggest');
      expect(hubRows.map((r) => r.hubSource)).toEqual(hubRows.map(() => hubSource));
      expect(suggested.coverage?.length, 'the checklist names a hub').toBeGreaterThan(0);
      for (const hub of suggested.coverage ?? []) expect(hub.slice(hub.lastIndexOf(':') + 1), hub).toBe(both);

      const ms = Date.now() - t0;
      times.push(`${scenario} ${ms} ms`);
      console.log(
        `[firefox clients] ${scenario}: ${ofKind(suggested, 'search').length} search + ${ofKind(suggested, 'querySuggest').length} querySuggest rows ${verdict}, summary ${summary}, in ${ms} ms`,
      );
    }, 90_000);
  }
});
