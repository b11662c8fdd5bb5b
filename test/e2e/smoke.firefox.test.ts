// Smoke test in a real Firefox ESR: the toolbox open on the extension's panel, the page POSTs a search
// whose token has no searchHub claim while the body says ACMEPublic: the panel must call it unenforced
// and fail the page.
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { requireBrowser } from './harness/browsers';
import { buildTestExtension } from './harness/extension';
import { launchFirefox } from './harness/firefox';
import type { FirefoxSession } from './harness/firefox';
import { PLATFORM_HOST, SHOP_HOST, searchPage, signSearchToken, startWorld } from './harness/server';
import type { WorldServer } from './harness/server';

const firefox = requireBrowser('firefox');

describe.skipIf(!firefox)('Firefox smoke: DevTools panel', () => {
  let world: WorldServer;
  let session: FirefoxSession;

  beforeAll(async () => {
    const extensionDir = buildTestExtension('firefox');
    world = await startWorld();
    session = await launchFirefox({ executablePath: firefox as string, extensionDir, mapHosts: [SHOP_HOST, PLATFORM_HOST], proxyPort: world.port });
  });

  afterAll(async () => {
    await session?.close();
    await world?.close();
  });

  it('flags a search whose hub only travels in the body', async () => {
    onTestFailed(async () => {
      await session.captureFailure('smoke');
    });
    const token = signSearchToken(); // v8, organization, roles: no searchHub claim
    expect(JSON.parse(Buffer.from(token.split('.')[1] as string, 'base64url').toString())).not.toHaveProperty('searchHub');
    world.addPage('/', searchPage({ platformOrigin: world.platformOrigin, token, searchHub: 'ACMEPublic' }));

    await session.inspect(`${world.shopOrigin}/`);
    const status = await session.inPage<number>('return window.wrappedJSObject ? window.wrappedJSObject.runSearch() : window.runSearch();');
    expect(status).toBe(200);
    const searches = world.received.filter((r) => r.method === 'POST' && r.path.startsWith('/rest/search/v2'));
    expect(searches).toHaveLength(1);
    expect(JSON.parse(searches[0]?.body ?? '{}')).toMatchObject({ searchHub: 'ACMEPublic' });

    const panel = await session.waitForPanel('one call and a failing summary', (s) => s.rows.length >= 1 && s.summary === 'fail');
    expect(panel.rows).toContainEqual({ kind: 'search', verdict: 'unenforced', hubSource: 'request' });
    expect(panel.rows).toHaveLength(1);
    expect(panel.summary).toBe('fail');
  });
});
