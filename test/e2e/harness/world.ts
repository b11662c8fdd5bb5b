// The HTTPS test world (test/world/: a Coveo stand-in plus shop pages built from @coveo/headless, @coveo/atomic and
// coveo-search-ui) opened in Debian Chromium with the extension's test build and DevTools. A scenario opens the
// shop's index first (no Coveo call) so that DevTools and the extension's devtools page are listening, then
// navigates the same tab to the client page, whose first search fires on load.
import { buildPages, startWorld } from '../../world/server.mjs';
import type { World } from '../../world/server.mjs';
import { launchChromium } from './chromium';
import type { ChromiumSession, InspectedTab } from './chromium';
import { buildTestExtension } from './extension';

export interface WorldBrowser {
  world: World;
  session: ChromiumSession;
  /** A new tab with DevTools and the panel shown, on the shop's index page. */
  openShop(): Promise<InspectedTab>;
  /** Navigates `tab` to a shop path (e.g. `/headless/?scenario=token-hub`) and waits until the page says it is ready. */
  visit(tab: InspectedTab, path: string, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function launchWorldChromium(executablePath: string, log?: (line: string) => void): Promise<WorldBrowser> {
  const extensionDir = buildTestExtension('chrome');
  await buildPages();
  const world = await startWorld({ port: 0 });
  let session: ChromiumSession;
  try {
    session = await launchChromium({
      executablePath,
      extensionDir,
      mapHosts: [],
      hostResolverRules: world.hostResolverRules,
      ignoreCertificateErrors: true,
      log,
    });
  } catch (error) {
    await world.close();
    throw error;
  }
  return {
    world,
    session,
    openShop: () => session.inspect(`${world.origin}/`, 20_000),
    async visit(tab, path, timeoutMs = 25_000) {
      await tab.page.goto(`${world.origin}${path}`, { waitUntil: 'load', timeout: timeoutMs });
      // Every shop page sets body[data-ready] once its client has run its first search.
      await tab.page.waitForFunction(() => document.body.dataset.ready === 'true', { timeout: timeoutMs, polling: 100 });
    },
    async close() {
      await session.close();
      await world.close();
    },
  };
}
