// A hostile page in a real Chromium, DevTools open on the "Coveo Hub" panel: every string the panel shows
// (token claims, body fields, URL parameters, hubs, the Authorization scheme) carries HTML/script payloads,
// odd Unicode, invalid UTF-8 or sheer size (a ~1 MB token, a body over 1 MB). The panel must show them as
// text, run none of them, and stay usable.
//
// Detection, proven by controls before the hostile traffic:
//  - a payload that runs anywhere calls GET <shop>/pwned?where=<tag> (the world server sees it),
//    console.log('PWNED_<tag>') and window.__pwned.push('<tag>');
//  - in the panel document, a MutationObserver logs every element a payload could create (img, svg, script,
//    iframe..., any on* attribute, javascript: URLs) and a securitypolicyviolation listener logs what the
//    extension's CSP blocked (inline handlers would be blocked: the observer and the DOM scan catch the markup).
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { ConsoleMessage, ElementHandle, Frame } from 'puppeteer-core';
import { analyzeHar, renderJson, renderMarkdown, renderText } from '../../src/core/index';
import type { Report } from '../../src/core/index';
import { requireBrowser } from './harness/browsers';
import { launchChromium, readRows, readSummary, waitForRows, waitForSummary } from './harness/chromium';
import type { ChromiumSession, InspectedTab } from './harness/chromium';
import { buildTestExtension } from './harness/extension';
import { beacon, hostilePage, hostileTraffic } from './harness/hostile-page';
import type { HostileTraffic } from './harness/hostile-page';
import { PLATFORM_HOST, SHOP_HOST, startWorld } from './harness/server';
import type { WorldServer } from './harness/server';

const chromium = requireBrowser('chromium');
const POLL = { polling: 100 } as const;
const WAIT = 15_000;
/** Per browser test: generous (two busy cores, maybe another browser file in parallel), above every wait. */
const TEST_TIMEOUT = 60_000;

// Runs in the panel document (a string: vitest must not rewrite it). Logs what a payload could create.
const INSTALL_WATCH = `(() => {
  const watch = { added: [], csp: [], baselineScripts: [...document.scripts].map((s) => s.getAttribute('src')) };
  window.__hostileWatch = watch;
  const BAD_TAGS = new Set(['img', 'svg', 'script', 'iframe', 'frame', 'object', 'embed', 'math', 'base', 'form', 'meta', 'link', 'style', 'video', 'audio', 'source']);
  const inspect = (el) => {
    const tag = el.localName;
    if (BAD_TAGS.has(tag)) watch.added.push('<' + tag + '> ' + el.outerHTML.slice(0, 200));
    for (const a of el.attributes || []) {
      if (/^on/i.test(a.name)) watch.added.push(tag + '[' + a.name + ']');
      if (/^\\s*javascript:/i.test(a.value) && /^(href|src|action|formaction|xlink:href|data)$/i.test(a.name)) watch.added.push(tag + '[' + a.name + '=javascript:]');
    }
  };
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes' && r.target.nodeType === 1) inspect(r.target);
      for (const n of r.addedNodes) {
        if (n.nodeType !== 1) continue;
        inspect(n);
        for (const d of n.querySelectorAll('*')) inspect(d);
      }
    }
  }).observe(document, { subtree: true, childList: true, attributes: true });
  document.addEventListener('securitypolicyviolation', (e) => watch.csp.push(e.violatedDirective + ': ' + (e.sample || e.blockedURI)), true);
  return true;
})()`;

// The panel's DOM right now: elements that can only have come from a payload.
const SCAN_DOM = `(() => {
  const bad = [];
  const own = window.__hostileWatch ? window.__hostileWatch.baselineScripts : [];
  for (const el of document.querySelectorAll('*')) {
    const tag = el.localName;
    if (['img', 'svg', 'iframe', 'frame', 'object', 'embed', 'math', 'base', 'form'].includes(tag)) bad.push(tag);
    for (const a of el.attributes) {
      if (/^on/i.test(a.name)) bad.push(tag + '[' + a.name + ']');
      if (/^\\s*javascript:/i.test(a.value) && /^(href|src|action|formaction|xlink:href|data)$/i.test(a.name)) bad.push(tag + '[' + a.name + '=javascript:]');
    }
  }
  const scripts = [...document.scripts].map((s) => s.getAttribute('src'));
  if (scripts.length !== own.length || scripts.some((s, i) => s !== own[i])) bad.push('scripts: ' + JSON.stringify(scripts));
  return bad;
})()`;

interface Seen {
  text: string;
  where: string;
}

function pwnedTags(world: WorldServer): string[] {
  return world.received.filter((r) => r.path.startsWith('/pwned')).map((r) => new URL(r.path, 'http://x').searchParams.get('where') ?? '?');
}

async function waitUntil(what: string, probe: () => boolean, timeoutMs = WAIT): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function detailText(panel: Frame): Promise<string> {
  return panel.$eval('[data-testid="detail"]', (el) => el.textContent ?? '');
}

/** A frame of the extension inside DevTools: '/devtools.html' (the devtools page) or '/panel.html'. */
async function extensionFrame(tab: InspectedTab, path: string): Promise<Frame> {
  const frame = tab.devtools.frames().find((f) => f.url().startsWith('chrome-extension://') && new URL(f.url()).pathname === path);
  if (!frame)
    throw new Error(
      `no extension frame ${path} in DevTools: ${tab.devtools
        .frames()
        .map((f) => f.url())
        .join(', ')}`,
    );
  return frame;
}

/** A real mouse click (puppeteer: scroll into view, hit test, press and release), bounded in time. */
async function clickIn(handle: ElementHandle<Element>, what: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the mouse click on ${what} did not complete in ${WAIT} ms (is the DevTools window rendering?)`)), WAIT);
  });
  try {
    await Promise.race([handle.click(), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Clicks the row with data-id `id` and waits until the detail pane shows that call. */
async function openRow(panel: Frame, id: string): Promise<string> {
  const row = await panel.waitForSelector(`[data-testid="call-row"][data-id="${id}"]`, { timeout: WAIT });
  if (!row) throw new Error(`no row ${id}`);
  // A user can only click what is on screen: the row's centre must be the row itself, not something covering it
  // nor a point clipped away (a summary grown by long hubs once squeezed the list to zero height).
  const probe = () =>
    row.evaluate((el) => {
      el.scrollIntoView({ block: 'nearest' });
      const box = el.getBoundingClientRect();
      const hit = document.elementFromPoint(box.left + Math.min(box.width / 2, 40), box.top + box.height / 2);
      const list = el.closest('[data-testid="call-list"]')?.getBoundingClientRect().height ?? -1;
      return {
        ok: box.height > 0 && !!hit && el.contains(hit),
        top: Math.round(box.top),
        height: Math.round(box.height),
        list: Math.round(list),
        viewport: [innerWidth, innerHeight],
      };
    });
  const deadline = Date.now() + WAIT;
  let state = await probe();
  const seen = [JSON.stringify(state)];
  while (!state.ok && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    state = await probe();
    if (seen[seen.length - 1] !== JSON.stringify(state)) seen.push(JSON.stringify(state));
  }
  if (!state.ok) throw new Error(`row ${id} cannot be clicked: ${seen.join(' then ')}`);
  if (seen.length > 1) console.log(`[hostile] row ${id} became clickable after: ${seen.join(' then ')}`);
  await clickIn(row, `row ${id}`);
  await panel.waitForFunction(
    (rowId: string) =>
      document.querySelector(`[data-testid="call-row"][data-id="${rowId}"]`)?.getAttribute('aria-selected') === 'true' &&
      !!document.querySelector('[data-testid="detail"]'),
    { ...POLL, timeout: WAIT },
    id,
  );
  return detailText(panel);
}

describe.skipIf(!chromium)('Chromium: a hostile page cannot inject into the panel', () => {
  let world: WorldServer;
  let session: ChromiumSession;
  let tab: InspectedTab;
  let traffic: HostileTraffic;
  /** Row id (L<n>) of each hostile call, by label (matched on its request hub: arrival order may differ). */
  const ids: Record<string, string> = {};
  const extensionConsole: Seen[] = [];
  const pageConsole: string[] = [];
  const extensionErrors: string[] = [];
  const controls = new Set<string>();
  const t0 = Date.now();

  beforeAll(async () => {
    const extensionDir = buildTestExtension('chrome');
    world = await startWorld({ maxHeaderSize: 8 * 1024 * 1024 });
    session = await launchChromium({ executablePath: chromium as string, extensionDir, mapHosts: [SHOP_HOST, PLATFORM_HOST] });
    traffic = hostileTraffic(world.shopOrigin, world.platformOrigin);
    world.addPage('/', hostilePage(traffic, world.shopOrigin));
    tab = await session.inspect(`${world.shopOrigin}/`, WAIT);
    // The DevTools front-end page and its frames (the extension's devtools page and the panel).
    tab.devtools.on('console', (msg: ConsoleMessage) => extensionConsole.push({ text: msg.text(), where: msg.location().url ?? '' }));
    tab.devtools.on('pageerror', (error: unknown) => extensionErrors.push(error instanceof Error ? error.message : String(error)));
    tab.page.on('console', (msg: ConsoleMessage) => pageConsole.push(msg.text()));
    // The panel must be laid out for the visibility checks below: a DevTools window that is not in front may
    // never size the panel's frame (it stays 0x0, seen here). Bring it to the front, as a user looking at it would.
    await tab.devtools.bringToFront();
    await tab.panel.waitForFunction('innerWidth > 0 && innerHeight > 0', { ...POLL, timeout: WAIT });
    expect(await tab.panel.evaluate(INSTALL_WATCH)).toBe(true);
    console.log(`[hostile] browser, tab and panel ready after ${Date.now() - t0} ms`);
  });

  afterAll(async () => {
    await session?.close();
    await world?.close();
    console.log(`[hostile] wall time ${Date.now() - t0} ms`);
  });

  it(
    'controls: each detector sees a payload that does run',
    async () => {
      onTestFailed(async () => {
        await session.captureFailure('hostile-controls', tab);
      });
      // 1. The page's own DOM runs the payload: request, console and flag are all observed.
      controls.add('page-control');
      await tab.page.evaluate('window.runControl()');
      await waitUntil('the page control beacon', () => pwnedTags(world).includes('page-control'));
      await waitUntil('the page control console message', () => pageConsole.includes('PWNED_page-control'));
      expect(await tab.page.evaluate('window.__pwned')).toEqual(['page-control']);

      // 2. Code running in the panel's context reaches the world server, our console listener and its window.
      controls.add('panel-control');
      await tab.panel.evaluate(beacon(world.shopOrigin, 'panel-control'));
      await waitUntil('the panel control beacon', () => pwnedTags(world).includes('panel-control'));
      await waitUntil('the panel control console message', () => extensionConsole.some((m) => m.text === 'PWNED_panel-control'));
      expect(await tab.panel.evaluate('window.__pwned')).toEqual(['panel-control']);

      // 3. Markup given to the panel's DOM as HTML is seen by the observer and its inline handler by the CSP listener.
      await tab.panel.evaluate(`(() => {
      const div = document.createElement('div');
      div.innerHTML = ${JSON.stringify(`<img src=x onerror="${beacon(world.shopOrigin, 'panel-dom-control')}">`)};
      document.body.appendChild(div);
      setTimeout(() => div.remove(), 500);
    })()`);
      await tab.panel.waitForFunction('window.__hostileWatch.added.some((a) => a.startsWith("<img>")) && window.__hostileWatch.csp.length > 0', {
        ...POLL,
        timeout: WAIT,
      });
      await tab.panel.waitForFunction(`${SCAN_DOM}.length === 0`, { ...POLL, timeout: WAIT });
      // The extension's CSP blocked the handler: nothing ran.
      expect(pwnedTags(world)).not.toContain('panel-dom-control');

      // 4. The extension's devtools page (a frame of DevTools too) is heard as well.
      controls.add('devtools-page-control');
      await (await extensionFrame(tab, '/devtools.html')).evaluate("console.log('PWNED_devtools-page-control')");
      await waitUntil('the devtools page control console message', () => extensionConsole.some((m) => m.text === 'PWNED_devtools-page-control'));

      // Reset the panel-side records for the real run.
      await tab.panel.evaluate('delete window.__pwned; window.__hostileWatch.added.length = 0; window.__hostileWatch.csp.length = 0;');
    },
    TEST_TIMEOUT,
  );

  it(
    'the panel shows every hostile call, with the right kinds and verdicts',
    async () => {
      onTestFailed(async () => {
        await session.captureFailure('hostile-rows', tab);
      });
      const t = Date.now();
      const results = (await tab.page.evaluate('window.runHostile()')) as { label: string; status?: number; error?: string }[];
      console.log(
        `[hostile] the page sent ${results.length} calls in ${Date.now() - t} ms: ${results.map((r) => `${r.label}=${r.status ?? r.error}`).join(' ')}`,
      );
      expect(results.map((r) => r.label)).toEqual(traffic.calls.map((c) => c.label));
      expect(results.every((r) => typeof r.status === 'number')).toBe(true);
      // Every call reached the world as sent: the ~1 MB token, the 1 MB body and the raw bytes included.
      const posts = world.received.filter((r) => r.method === 'POST' && r.path.startsWith('/rest/search/v2'));
      expect(posts).toHaveLength(traffic.calls.length);
      expect(results.find((r) => r.label === 'big-token')?.status).toBe(200);
      expect(posts.some((r) => String(r.headers.authorization).length > 1_000_000)).toBe(true);
      expect(posts.some((r) => r.bodyBytes.length > 1_000_000)).toBe(true);
      expect(posts.some((r) => r.bodyBytes.includes(Buffer.from([0xff, 0xfe, 0xc3, 0x28])))).toBe(true);

      await waitForRows(tab.panel, traffic.calls.length, WAIT);
      await waitForSummary(tab.panel, 'fail', WAIT);
      console.log(`[hostile] ${traffic.calls.length} rows and the summary in the panel ${Date.now() - t} ms after the first call`);

      // Which row is which: the test build's state hook, matched on each call's request hub.
      const calls = (await tab.panel.evaluate(
        'window.__coveoHubState().calls.map((c) => ({ id: c.id, kind: c.kind, verdict: c.verdict, hub: c.searchHub.request }))',
      )) as {
        id: string;
        kind: string;
        verdict: string;
        hub: string | null;
      }[];
      expect(calls).toHaveLength(traffic.calls.length);
      for (const [label, want] of Object.entries(traffic.expectCall)) {
        const call = calls.find((c) => c.hub?.includes(want.hubIncludes));
        expect(call, `the panel's call for ${label}`).toBeDefined();
        expect({ label, kind: call?.kind, verdict: call?.verdict }).toEqual({ label, kind: want.kind, verdict: want.verdict });
        ids[label] = call?.id as string;
      }
      expect(new Set(Object.values(ids)).size).toBe(traffic.calls.length);
      const rows = await readRows(tab.panel);
      expect(rows.map((r) => `${r.kind}/${r.verdict}`).sort()).toEqual(
        Object.values(traffic.expectCall)
          .map((c) => `${c.kind}/${c.verdict}`)
          .sort(),
      );
      expect(await readSummary(tab.panel)).toBe('fail');

      // The list and the summary show the hubs as text.
      const hubCell = await tab.panel.$eval(`[data-testid="call-row"][data-id="${ids.markup}"] .col-hub`, (el) => el.textContent ?? '');
      expect(hubCell).toContain('<img src=x onerror="fetch(');
      expect(hubCell).toContain('where=body-hub');
      const summaryText = await tab.panel.$eval('[data-testid="summary"]', (el) => el.textContent ?? '');
      expect(summaryText).toContain(`<img src=x onerror="${beacon(world.shopOrigin, 'claim-hub')}">`);
      expect(summaryText).toContain('"><svg onload=');
      expect(await tab.panel.evaluate(SCAN_DOM)).toEqual([]);
    },
    TEST_TIMEOUT,
  );

  it(
    'each detail pane shows the payloads as literal text and creates no element from them',
    async () => {
      onTestFailed(async () => {
        await session.captureFailure('hostile-detail', tab);
      });
      for (const call of traffic.calls) {
        const t = Date.now();
        await openRow(tab.panel, ids[call.label] as string);
        const missing = await tab.panel.$eval(
          '[data-testid="detail"]',
          (el, needles: string[]) => needles.filter((n) => !(el.textContent ?? '').includes(n)),
          traffic.expectText[call.label] ?? [],
        );
        expect({ label: call.label, missing }).toEqual({ label: call.label, missing: [] });
        // No raw bidi override, zero-width, NUL or escape character reaches the screen.
        const hidden = await tab.panel.$eval('[data-testid="detail"]', (el) =>
          [...(el.textContent ?? '').matchAll(/[\u0000\u0007\u001b\u200b\u202e]|\u200d/g)].map((m) => m[0].charCodeAt(0).toString(16)),
        );
        expect({ label: call.label, hidden }).toEqual({ label: call.label, hidden: [] });
        expect({ label: call.label, bad: await tab.panel.evaluate(SCAN_DOM) }).toEqual({ label: call.label, bad: [] });
        console.log(`[hostile] detail of ${call.label} open and checked in ${Date.now() - t} ms`);
      }
      expect(await tab.panel.$('[data-testid="panel-crash"]')).toBeNull();
    },
    TEST_TIMEOUT,
  );

  it(
    "stays responsive: typed keys filter the rows, rows open, the ~1 MB token's row too",
    async () => {
      onTestFailed(async () => {
        await session.captureFailure('hostile-responsive', tab);
      });
      const rowIds = () => tab.panel.$$eval('[data-testid="call-row"]', (rows) => rows.map((r) => r.getAttribute('data-id')));
      // Keystrokes in the filter box.
      await tab.panel.focus('[data-testid="filter-input"]');
      await tab.devtools.keyboard.type('bigtokenhub');
      await tab.panel.waitForFunction('document.querySelectorAll(\'[data-testid="call-row"]\').length === 1', { ...POLL, timeout: WAIT });
      expect(await rowIds()).toEqual([ids['big-token']]);

      // Markup typed into the filter is a plain needle: it matches the calls that carry it, and creates nothing.
      await tab.panel.$eval('[data-testid="filter-input"]', (el) => (el as HTMLInputElement).select());
      await tab.devtools.keyboard.type('"><svg onload=');
      await tab.panel.waitForFunction(
        (id: string) => {
          const ids = [...document.querySelectorAll('[data-testid="call-row"]')].map((r) => r.getAttribute('data-id'));
          return ids.includes(id) && ids.length < 7;
        },
        { ...POLL, timeout: WAIT },
        ids['qs-markup'] as string,
      );
      const matched = await rowIds();
      expect(matched).toContain(ids.markup);
      expect(matched).not.toContain(ids['big-token']);
      expect(await tab.panel.$eval('[data-testid="filter-input"]', (el) => (el as HTMLInputElement).value)).toBe('"><svg onload=');
      expect(await tab.panel.evaluate(SCAN_DOM)).toEqual([]);

      // Clearing it brings every row back.
      await tab.panel.$eval('[data-testid="filter-input"]', (el) => (el as HTMLInputElement).select());
      await tab.devtools.keyboard.press('Backspace');
      await tab.panel.waitForFunction(`document.querySelectorAll('[data-testid="call-row"]').length === ${traffic.calls.length}`, { ...POLL, timeout: WAIT });

      // The ~1 MB token's row opens, and the full token can be revealed on demand.
      const detail = await openRow(tab.panel, ids['big-token'] as string);
      expect(detail).toContain('chars, truncated');
      expect(await tab.panel.$('[data-testid="revealed-credential"]')).toBeNull();
      expect(await tab.panel.$('[data-testid="panel-crash"]')).toBeNull();
    },
    TEST_TIMEOUT,
  );

  it(
    'nothing a payload carries ran, and no full credential is shown unrevealed',
    async () => {
      onTestFailed(async () => {
        await session.captureFailure('hostile-nothing-ran', tab);
      });
      // Let any late beacon arrive: the last panel render is over once a no-op round trip through the frame returns.
      await tab.panel.evaluate('new Promise((r) => setTimeout(r, 300))');
      const stray = pwnedTags(world).filter((tag) => !controls.has(tag));
      expect(stray).toEqual([]);
      const pwnedLogs = extensionConsole.filter((m) => m.text.includes('PWNED') && !controls.has(m.text.replace(/^PWNED_/, '')));
      expect(pwnedLogs).toEqual([]);
      expect(pageConsole.filter((m) => m.includes('PWNED') && m !== 'PWNED_page-control')).toEqual([]);
      expect(extensionErrors).toEqual([]);
      // Flags: the panel, the extension's devtools page, the DevTools front-end; the page has only its own control's.
      expect(await tab.panel.evaluate('window.__pwned ?? null')).toBeNull();
      expect(await (await extensionFrame(tab, '/devtools.html')).evaluate('window.__pwned ?? null')).toBeNull();
      expect(await tab.devtools.evaluate('window.__pwned ?? null')).toBeNull();
      expect(await tab.page.evaluate('window.__pwned')).toEqual(['page-control']);
      // The panel's DOM, now and at every change since the hostile calls began.
      const watch = (await tab.panel.evaluate('({ added: window.__hostileWatch.added, csp: window.__hostileWatch.csp })')) as {
        added: string[];
        csp: string[];
      };
      expect(watch).toEqual({ added: [], csp: [] });
      expect(await tab.panel.evaluate(SCAN_DOM)).toEqual([]);
      expect(await tab.panel.$('[data-testid="panel-crash"]')).toBeNull();

      // No full credential in the panel's document (only fingerprints) ...
      const shown = async (): Promise<string[]> =>
        tab.panel.evaluate(
          (secrets: string[]) => {
            const html = document.documentElement.outerHTML;
            const text = document.documentElement.textContent ?? '';
            return secrets.filter((s) => html.includes(s) || text.includes(s)).map((s) => `${s.slice(0, 12)}…(${s.length})`);
          },
          [...traffic.tokens.map((token) => token.split('.')[2] as string), traffic.opaqueSecret],
        );
      expect(await shown()).toEqual([]);
      // ... until the user asks (control: the same check sees a revealed one). Revealing the ~1 MB token works too.
      await openRow(tab.panel, ids['big-token'] as string);
      const reveal = await tab.panel.waitForSelector('[data-testid="reveal-button"]', { timeout: WAIT });
      if (!reveal) throw new Error('no Reveal button');
      await clickIn(reveal, 'the Reveal button');
      await tab.panel.waitForSelector('[data-testid="revealed-credential"]', { timeout: WAIT });
      const bigToken = traffic.tokens[2] as string;
      expect(await tab.panel.$eval('[data-testid="revealed-credential"]', (el) => (el.textContent ?? '').length)).toBe(bigToken.length);
      expect((await shown()).length).toBe(1);
      expect(await tab.panel.evaluate(SCAN_DOM)).toEqual([]);
      expect(await tab.panel.$('[data-testid="panel-crash"]')).toBeNull();
    },
    TEST_TIMEOUT,
  );
});

// The same traffic as HAR entries through the core and the CLI's renderers (no browser needed).
describe('the hostile traffic through the core and the CLI renderers', () => {
  const shop = 'http://shop.example.test:8080';
  const traffic = hostileTraffic(shop, 'http://platform.cloud.coveo.com:8080');
  const entries = traffic.calls.map((call, i) => {
    const body = call.body;
    const text =
      'bytes' in body
        ? Buffer.from(body.bytes).toString('latin1') // what Chromium's DevTools reported for these bytes
        : 'jsonPrefix' in body
          ? `${body.jsonPrefix}${'x'.repeat(body.padTo - body.jsonPrefix.length)}"}`
          : body.text;
    return {
      startedDateTime: new Date(Date.UTC(2026, 0, 1, 10, 0, i)).toISOString(),
      request: {
        method: 'POST',
        url: call.url,
        headers: Object.entries(call.headers).map(([name, value]) => ({ name, value })),
        postData: { mimeType: 'application/json', text },
      },
      response: { status: 200, headers: [], content: { mimeType: 'application/json', text: '{"totalCount":0,"results":[]}' } },
    };
  });
  let report: Report;
  beforeAll(() => {
    report = analyzeHar({ log: { version: '1.2', entries } }, '<img src=x onerror=alert(1)>.har');
  });
  const secrets = [...traffic.tokens.map((token) => token.split('.')[2] as string), traffic.opaqueSecret];
  // C0/C1 controls (newline aside), bidi overrides and isolates: what a terminal or a Markdown viewer must not get.
  const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

  it('analyses each call as the panel does', () => {
    for (const [label, want] of Object.entries(traffic.expectCall)) {
      const call = report.calls.find((c) => c.searchHub.request?.includes(want.hubIncludes));
      expect({ label, kind: call?.kind, verdict: call?.verdict }).toEqual({ label, kind: want.kind, verdict: want.verdict });
    }
    expect(report.summary.verdict).toBe('fail');
  });

  it('text: no control character or terminal escape, no full credential', () => {
    const text = renderText(report, { color: false });
    expect(text).toContain('Shop⟨U+202E⟩gnp.exe'); // the odd hub is there, its RLO shown as a marker
    expect(text).toContain('<img src=x onerror=');
    expect(text.match(CONTROL)).toBeNull();
    expect(secrets.filter((s) => text.includes(s))).toEqual([]);
  });

  it('markdown: payload markup escaped, no control character, no full credential', () => {
    const md = renderMarkdown(report);
    expect(md).toContain('&lt;img src=x onerror=');
    expect(md.match(/<\/?(img|svg|script|textarea|b)\b/i)).toBeNull();
    expect(md).not.toMatch(/\]\(javascript:/i);
    expect(md.match(CONTROL)).toBeNull();
    expect(secrets.filter((s) => md.includes(s))).toEqual([]);
  });

  it('json: parses back, no full credential', () => {
    const json = renderJson(report);
    expect(JSON.parse(json).calls).toHaveLength(traffic.calls.length);
    expect(secrets.filter((s) => json.includes(s))).toEqual([]);
  });
});
