// The panel's keyboard in real DevTools (Chromium): DevTools adds a `document` keydown listener to every
// extension page (extension_api.js, forwardKeyboardEvent) that forwards Escape and Ctrl/Alt/Meta combinations to
// the DevTools front-end. Unless the panel keeps its own shortcuts from it, Escape also opens DevTools' console
// drawer and Ctrl+F DevTools' search bar, and both take the focus away from the panel.
// Keys are sent to the DevTools page (CDP input), which routes them to the focused panel frame, as a user's are.
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Frame, Page } from 'puppeteer-core';
import { requireBrowser } from './harness/browsers';
import type { InspectedTab } from './harness/chromium';
import { waitForKinds, waitForPanel } from './harness/panel-io';
import { launchWorldChromium } from './harness/world';
import type { WorldBrowser } from './harness/world';

const chromium = requireBrowser('chromium');
const WAIT = 20_000;
const TEST_TIMEOUT = 90_000;
/** How long a key's unwanted effect (drawer, DevTools search bar, focus moving away) is watched for. */
const SETTLE_MS = 1_000;

interface DevtoolsState {
  /** DevTools' console drawer is shown (private, version-bound front-end API, as the harness uses to show the panel). */
  drawer: boolean;
  /** The element focused in the DevTools document, through shadow roots. */
  focus: string;
}

// Runs in the DevTools front-end; a string so that vitest leaves its import() alone.
const DEVTOOLS_STATE = `(async () => {
  const UI = await import('devtools://devtools/bundled/ui/legacy/legacy.js');
  const view = UI.InspectorView.InspectorView.maybeGetInspectorViewInstance();
  if (!view || typeof view.drawerVisible !== 'function') throw new Error('this DevTools has no InspectorView.drawerVisible()');
  let el = document.activeElement;
  while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
  const focus = el ? el.localName + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '') + (el.getAttribute('aria-label') ? '[' + el.getAttribute('aria-label') + ']' : '') : 'none';
  return { drawer: view.drawerVisible(), focus };
})()`;

async function devtoolsState(devtools: Page): Promise<DevtoolsState> {
  return (await devtools.evaluate(DEVTOOLS_STATE)) as DevtoolsState;
}

interface PanelFocus {
  hasFocus: boolean;
  active: string;
  detail: boolean;
  filter: string;
}

async function panelFocus(panel: Frame): Promise<PanelFocus> {
  return panel.evaluate(() => {
    const el = document.activeElement;
    return {
      hasFocus: document.hasFocus(),
      active: el?.getAttribute('data-testid') ?? el?.localName ?? 'none',
      detail: document.querySelector('[data-testid="detail"]') !== null,
      filter: (document.querySelector('[data-testid="filter-input"]') as HTMLInputElement | null)?.value ?? '',
    };
  });
}

/** Where the focus is: the panel frame keeps it, DevTools' own UI does not take it, the drawer stays closed. */
async function expectPanelKeepsFocus(tab: InspectedTab, active: string, after: string): Promise<PanelFocus> {
  // The unwanted effects come asynchronously (DevTools answers a forwarded key): watch for a while.
  const deadline = Date.now() + SETTLE_MS;
  let panel: PanelFocus;
  let devtools: DevtoolsState;
  do {
    await new Promise((r) => setTimeout(r, 100));
    [panel, devtools] = await Promise.all([panelFocus(tab.panel), devtoolsState(tab.devtools)]);
    expect(devtools.drawer, `after ${after}: DevTools opened its console drawer (focus on ${devtools.focus})`).toBe(false);
    expect(devtools.focus, `after ${after}: DevTools took the focus`).toMatch(/^iframe\.extension\b/);
    expect(panel.hasFocus, `after ${after}: the panel document lost the focus (DevTools focus on ${devtools.focus})`).toBe(true);
    expect(panel.active, `after ${after}: focused element in the panel`).toBe(active);
  } while (Date.now() < deadline);
  return panel;
}

describe.skipIf(!chromium)('Chromium: the panel keyboard in real DevTools', () => {
  let env: WorldBrowser;

  beforeAll(async () => {
    env = await launchWorldChromium(chromium as string);
  }, TEST_TIMEOUT);

  afterAll(async () => {
    await env?.close();
  });

  it(
    '↑/↓, Enter, Escape and Ctrl+F act in the panel only: no console drawer, no DevTools search, focus stays',
    async () => {
      const tab = await env.openShop();
      onTestFailed(() => env.session.captureFailure('keyboard', tab).then(() => undefined));
      await env.visit(tab, '/headless/?scenario=token-hub');
      await waitForKinds(tab.panel, { 'search:enforced': 1 }, WAIT);
      expect((await devtoolsState(tab.devtools)).drawer, 'the drawer is closed to start with').toBe(false);

      // Focus the list as a user does: a click on its Verdict column header (inside the grid, always shown, selects nothing).
      const header = await tab.panel.waitForSelector('[data-testid="call-list"] [role="columnheader"].col-verdict', { timeout: WAIT });
      await header!.click();
      await waitForPanel(tab.panel, 'the focused call list', `document.hasFocus() && document.activeElement?.dataset.testid === 'call-list'`, WAIT);
      await expectPanelKeepsFocus(tab, 'call-list', 'the click');

      const keys = tab.devtools.keyboard;
      await keys.press('ArrowDown');
      await waitForPanel(tab.panel, 'a selected row', `!!document.querySelector('[data-testid="call-row"][aria-selected="true"]')`, WAIT);
      await keys.press('Enter');
      await waitForPanel(tab.panel, 'the detail', `!!document.querySelector('[data-testid="detail"]')`, WAIT);

      await keys.press('Escape');
      await waitForPanel(tab.panel, 'the detail to close', `!document.querySelector('[data-testid="detail"]')`, WAIT);
      const afterEscape = await expectPanelKeepsFocus(tab, 'call-list', 'Escape');
      expect(afterEscape.detail).toBe(false);

      await keys.down('Control');
      await keys.press('KeyF');
      await keys.up('Control');
      await waitForPanel(tab.panel, 'the focused filter', `document.activeElement?.dataset.testid === 'filter-input'`, WAIT);
      await expectPanelKeepsFocus(tab, 'filter-input', 'Ctrl+F');

      await keys.type('zz-nothing');
      await waitForPanel(tab.panel, 'the typed filter', `document.querySelector('[data-testid="filter-input"]').value === 'zz-nothing'`, WAIT);
      const typed = await expectPanelKeepsFocus(tab, 'filter-input', 'typing');
      expect(typed.filter).toBe('zz-nothing');
      // The text went to the filter, which applies it.
      await waitForPanel(tab.panel, 'no row left', `document.querySelectorAll('[data-testid="call-row"]').length === 0`, WAIT);
    },
    TEST_TIMEOUT,
  );
});
