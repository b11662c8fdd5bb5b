// Smoke test in a real Chromium: DevTools open, the "Coveo Hub" panel shown, the page POSTs a search
// whose token has no searchHub claim while the body says ACMEPublic: the panel must call it unenforced
// and fail the page.
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { requireBrowser } from './harness/browsers';
import { launchChromium, readRows, readSummary, waitForRows, waitForSummary } from './harness/chromium';
import type { ChromiumSession } from './harness/chromium';
import { buildTestExtension } from './harness/extension';
import { PLATFORM_HOST, SHOP_HOST, searchPage, signSearchToken, startWorld } from './harness/server';
import type { WorldServer } from './harness/server';

const chromium = requireBrowser('chromium');

describe.skipIf(!chromium)('Chromium smoke: DevTools panel', () => {
  let world: WorldServer;
  let session: ChromiumSession;

  beforeAll(async () => {
    const extensionDir = buildTestExtension('chrome');
    world = await startWorld();
    session = await launchChromium({ executablePath: chromium as string, extensionDir, mapHosts: [SHOP_HOST, PLATFORM_HOST] });
  });

  afterAll(async () => {
    await session?.close();
    await world?.close();
  });

  it('flags a search whose hub only travels in the body', async () => {
    const token = signSearchToken(); // v8, organization, roles: no searchHub claim
    expect(JSON.parse(Buffer.from(token.split('.')[1] as string, 'base64url').toString())).not.toHaveProperty('searchHub');
    world.addPage('/', searchPage({ platformOrigin: world.platformOrigin, token, searchHub: 'ACMEPublic' }));

    const tab = await session.inspect(`${world.shopOrigin}/`);
    onTestFailed(async () => {
      await session.captureFailure('smoke', tab);
    });

    const status = await tab.page.evaluate('window.runSearch()');
    expect(status).toBe(200);
    const searches = world.received.filter((r) => r.method === 'POST' && r.path.startsWith('/rest/search/v2'));
    expect(searches).toHaveLength(1);
    expect(JSON.parse(searches[0]?.body ?? '{}')).toMatchObject({ searchHub: 'ACMEPublic' });

    await waitForRows(tab.panel, 1);
    await waitForSummary(tab.panel, 'fail');
    const rows = await readRows(tab.panel);
    expect(rows).toContainEqual({ kind: 'search', verdict: 'unenforced' });
    // The CORS preflight is not a call of its own.
    expect(rows).toHaveLength(1);
    expect(await readSummary(tab.panel)).toBe('fail');
  });
});
