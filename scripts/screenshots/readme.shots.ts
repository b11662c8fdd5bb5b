// The README's panel screenshots (docs/screenshots/*.png), taken from the e2e harness so they show the panel as it
// is: real Debian Chromium, DevTools open, the test world's Coveo stand-in and Headless pages. Each shot first
// checks that the panel shows what the caption claims (verdict, open detail, theme), then saves the DevTools window.
// Run with `npm run screenshots` (builds first); not part of `npm test`.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBrowser } from '../../test/e2e/harness/browsers';
import type { InspectedTab } from '../../test/e2e/harness/chromium';
import { waitForSummary } from '../../test/e2e/harness/chromium';
import { ROOT } from '../../test/e2e/harness/extension';
import { waitForKinds } from '../../test/e2e/harness/panel-io';
import { launchWorldChromium, type WorldBrowser } from '../../test/e2e/harness/world';

const OUT = resolve(ROOT, 'docs/screenshots');
const SIZE = { width: 1900, height: 700 };

/** Saves the DevTools side of the window: the tab strip and the panel, without the docked page beside it. */
async function shoot(tab: InspectedTab, name: string): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  await new Promise((r) => setTimeout(r, 300)); // let the last paint settle
  const frame = await tab.panel.frameElement();
  const box = await frame?.boundingBox();
  if (!box) throw new Error('the panel frame has no box in the DevTools window');
  const clip = { x: box.x, y: 0, width: box.width, height: box.y + box.height };
  await tab.devtools.screenshot({ path: resolve(OUT, `${name}.png`) as `${string}.png`, clip });
  console.log(`[screenshots] wrote docs/screenshots/${name}.png`);
}

async function openFirstSearch(tab: InspectedTab): Promise<void> {
  await tab.panel.$eval('[data-testid="call-row"][data-kind="search"]', (el) => (el as HTMLElement).click());
  await tab.panel.waitForFunction(() => !!document.querySelector('[data-testid="detail"]'), { polling: 100, timeout: 10_000 });
}

const chromium = requireBrowser('chromium');

describe('README screenshots', () => {
  let wb: WorldBrowser;

  beforeAll(async () => {
    if (!chromium) throw new Error('Chromium not found: install the Debian package `chromium` (apt-get install chromium)');
    wb = await launchWorldChromium(chromium);
  });

  afterAll(async () => {
    await wb?.close();
  });

  async function visit(path: string): Promise<InspectedTab> {
    const tab = await wb.openShop();
    await tab.devtools.setViewport(SIZE);
    await wb.visit(tab, path);
    await waitForKinds(tab.panel, { search: 1 });
    // Typing in the Headless page's search box fires query suggestions, so the coverage checklist is complete.
    await tab.page.type('#search-box', 'tra', { delay: 60 });
    await waitForKinds(tab.panel, { search: 1, querySuggest: 1 });
    return tab;
  }

  it('pass: Headless with a search token whose claim carries the hub', async () => {
    const tab = await visit('/headless/?scenario=token-hub');
    await waitForSummary(tab.panel, 'pass');
    await shoot(tab, 'panel-pass');
  });

  it('fail, with a call opened: a token without a hub claim', async () => {
    const tab = await visit('/headless/?scenario=token-nohub');
    await waitForSummary(tab.panel, 'fail');
    await openFirstSearch(tab);
    await shoot(tab, 'panel-fail-detail');
  });

  it('dark theme: DevTools following a dark system theme', async () => {
    const tab = await visit('/headless/?scenario=api-key');
    await tab.devtools.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    await tab.panel.waitForFunction(() => document.documentElement.dataset.theme === 'dark', { polling: 100, timeout: 10_000 });
    expect(await tab.panel.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await openFirstSearch(tab);
    await shoot(tab, 'panel-dark');
  });
});
