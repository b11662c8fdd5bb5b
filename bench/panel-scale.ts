// Group 3 of `npm run bench`: the panel at scale, in real Chromium with the test build of the extension.
// Bundled at run time by bench/run.mjs (esbuild, into the git-ignored bench/out/), puppeteer-core external.
//
// What it does (see BENCHMARKS.md):
//  1. launches Debian Chromium through the e2e harness (test/e2e/harness), DevTools open, "Coveo Hub" panel shown;
//  2. raises the panel's call cap to the number of calls to feed (Settings > "Keep at most"), like a user would;
//  3. makes the inspected page fire N real Coveo-like POSTs (search, query suggestions, facet search) against the
//     harness server, in batches of BATCH concurrent fetches, varying hub, query, token and key;
//  4. waits until the panel holds N calls, then measures inside the panel frame with performance.now():
//     - keystroke in the filter → list painted: real key presses (CDP Input events on the DevTools page, focus in the
//       filter); the clock starts in a capture-phase keydown listener and stops at the first task after the next
//       animation frame (rAF, then a MessageChannel message: that task runs after the frame was painted);
//     - click on a row → detail pane painted, the same way;
//  5. reads the JS heap of the panel's renderer (CDP Runtime.getHeapUsage after a forced GC, falling back to
//     performance.memory) and the number of rows in the DOM.
// If animation frames never fire (a hidden DevTools window), paint detection falls back to a MessageChannel tick
// after the render and the result says so (`paintDetection`).
import { writeFileSync } from 'node:fs';
import type { Frame, Page } from 'puppeteer-core';
import { requireBrowser } from '../test/e2e/harness/browsers';
import { launchChromium } from '../test/e2e/harness/chromium';
import { buildTestExtension } from '../test/e2e/harness/extension';
import { ORG, PLATFORM_HOST, SHOP_HOST, signSearchToken, startWorld } from '../test/e2e/harness/server';

export interface Stats {
  median: number;
  /** 95th percentile (nearest rank): the target is on it, not on the median. */
  p95: number;
  min: number;
  max: number;
  runs: number;
}

export interface PanelResult {
  calls: number;
  cap: number;
  feed: { seconds: number; batch: number; requestsPerSecond: number; how: string };
  keystrokeMs: Stats;
  /** The same, typing only (each key narrows the list) and deleting only (each Backspace widens it). */
  typingMs: Stats;
  deletingMs: Stats;
  /** Key press → input handled and list re-rendered (before the frame): the panel's own work. */
  keystrokeWorkMs: Stats;
  workTypingMs: Stats;
  workDeletingMs: Stats;
  /** The same keys before any call was fed (empty panel): what the browser and the panel's shell cost. */
  floor: { typingMs: Stats; deletingMs: Stats; workMs: Stats };
  rounds: number;
  selectMs: Stats;
  heapMiB: number;
  heapBeforeFeedMiB: number;
  heapSource: string;
  rowsInDom: number;
  /** Rows the list showed with each typed word in the filter (proves the filter did work). */
  rowsMatched: Record<string, number>;
  paintDetection: string;
  browser: string;
}

function stats(xs: number[]): Stats {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  const median = s.length === 0 ? NaN : s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
  const p95 = s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)]!;
  return { median, p95, min: Math.min(...s), max: Math.max(...s), runs: s.length };
}

const API_KEY = 'xx564559b1-0045-48e1-953c-3addd1ee4457';

/** The inspected page: `window.fire(from, count, batch)` POSTs Coveo-like calls, `batch` at a time. */
function benchPage(platformOrigin: string): string {
  // A token of its own per user: USERS signed tokens, each call uses its user's (distinct tokens, as on a page with
  // many users or merged HARs), hubs and pipelines varying with the user.
  const USERS = Number(process.env.BENCH_PANEL_USERS) || 500;
  const tokens = Array.from({ length: USERS }, (_, u) =>
    u % 3 === 0
      ? signSearchToken({ searchHub: 'ACMEPublic', userIds: [{ name: `user${u}@example.com`, provider: 'Email Security Provider', type: 'User' }] })
      : u % 3 === 1
        ? signSearchToken({ userIds: [{ name: `user${u}@example.com`, provider: 'Email Security Provider', type: 'User' }] })
        : signSearchToken({
            searchHub: 'ACMESupport',
            pipeline: 'support',
            userIds: [{ name: `user${u}@example.com`, provider: 'Email Security Provider', type: 'User' }],
          }),
  );
  const config = JSON.stringify({
    base: `${platformOrigin}/rest/search/v2`,
    org: ORG,
    credentials: [...tokens, API_KEY],
    hubs: ['ACMEPublic', 'ACMESupport', 'ACMEPartners', 'Intranet', 'ACMECommunity'],
    queries: ['laptop', 'printer', 'warranty', 'return policy', 'battery', 'docking station', 'monitor', 'keyboard'],
  }).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>bench</title></head><body><h1>bench</h1>
<script>
const C = ${config};
function call(i) {
  const hub = C.hubs[i % C.hubs.length];
  const q = C.queries[(i * 7) % C.queries.length] + ' ' + i;
  const credential = C.credentials[i % C.credentials.length];
  // A Headless-sized search body (about 1.5-3 KB): facets, fields, analytics, actions history.
  const facets = ['source', 'filetype', 'author', 'language', 'date'].map((field) => ({ facetId: field, field, type: 'specific', sortCriteria: 'automatic', resultsMustMatch: 'atLeastOneValue', numberOfValues: 8, currentValues: [], freezeCurrentValues: false, isFieldExpanded: false, preventAutoSelect: false, injectionDepth: 1000 }));
  const search = { q, searchHub: hub, tab: 'All', locale: 'en', timezone: 'America/New_York', numberOfResults: 10, firstResult: 0, context: { site: 'acme' },
    actionsHistory: Array.from({ length: i % 5 }, (_, k) => ({ name: 'Query', value: 'q' + k, time: '"2026-11-24T10:00:00.000Z"' })),
    facets, fieldsToInclude: ['author', 'language', 'urihash', 'objecttype', 'collection', 'source', 'permanentid', 'date', 'filetype', 'parents'],
    analytics: { clientId: '3b2a4f7e-1c1d-4b7e-9e1a-0f4e5d6c7b8a', clientTimestamp: '2026-11-24T10:00:00.000Z', documentLocation: 'https://www.example.com/search', originContext: 'Search', actionCause: 'searchboxSubmit', capture: true } };
  let path = '', body;
  switch (i % 3) {
    case 0: body = search; break;
    case 1: path = '/querySuggest'; body = { q: q.slice(0, 4), count: 5, searchHub: hub, locale: 'en' }; break;
    default: path = '/facet'; body = { field: 'author', query: '*a*', numberOfValues: 10, searchContext: { ...search, accessToken: credential } };
  }
  return fetch(C.base + path + '?organizationId=' + C.org, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + credential },
    body: JSON.stringify(body),
  }).then((r) => r.text());
}
window.fire = async (from, count, batch) => {
  for (let i = from; i < from + count; i += batch) {
    const jobs = [];
    for (let j = i; j < Math.min(from + count, i + batch); j++) jobs.push(call(j));
    await Promise.all(jobs);
  }
  return count;
};
</script></body></html>`;
}

// In-panel instrumentation, passed as a string (runs in the panel document).
const INSTALL = `(() => {
  const w = window;
  w.__bench = { times: [], work: [], pending: false, useRaf: true };
  let started = 0;
  // A bubbling 'input' listener on the document runs after the filter's own handler and after the microtask in
  // which Preact re-rendered: keydown → filtered and rendered, before style, layout and paint.
  document.addEventListener('input', (e) => {
    if (w.__bench.pending && e.target && e.target.getAttribute && e.target.getAttribute('data-testid') === 'filter-input') w.__bench.work.push(performance.now() - started);
  });
  const done = (t0) => {
    started = t0;
    const finish = () => { w.__bench.times.push(performance.now() - t0); w.__bench.pending = false; };
    const afterPaint = () => { const ch = new MessageChannel(); ch.port1.onmessage = finish; ch.port2.postMessage(0); };
    if (w.__bench.useRaf) requestAnimationFrame(afterPaint); else setTimeout(afterPaint, 0);
  };
  w.__benchStart = () => { w.__bench.pending = true; done(performance.now()); };
  document.addEventListener('keydown', (e) => {
    if (e.target && e.target.getAttribute && e.target.getAttribute('data-testid') === 'filter-input') w.__benchStart();
  }, true);
  return true;
})()`;

/** Does requestAnimationFrame fire in the panel frame (it does not in a hidden DevTools window)? */
const RAF_PROBE = `new Promise((resolve) => {
  let fired = false;
  requestAnimationFrame(() => { fired = true; resolve(true); });
  setTimeout(() => { if (!fired) resolve(false); }, 500);
})`;

const waitTimes = (n: number): string => `(async () => {
  const deadline = performance.now() + 5000;
  while (window.__bench.times.length < ${n}) {
    if (performance.now() > deadline) throw new Error("no paint recorded for measurement ${n}: pending=" + window.__bench.pending + " active=" + (document.activeElement && document.activeElement.getAttribute("data-testid")) + " hasFocus=" + document.hasFocus() + " value=" + document.querySelector("[data-testid=filter-input]").value);
    await new Promise((r) => setTimeout(r, 2));
  }
  return window.__bench.times[${n - 1}];
})()`;

type Cdp = { send(method: string, params?: object): Promise<unknown> };

/** Puppeteer's CDP session for the frame's target (the panel is an out-of-process iframe), if it has one. */
function cdp(panel: Frame): Cdp | undefined {
  return (panel as unknown as { client?: Cdp }).client;
}

/** Key events go to the focused window: bring the DevTools window to the front and check the filter has the focus. */
async function focusFilter(panel: Frame, devtools: Page): Promise<void> {
  await devtools.bringToFront();
  await panel.focus('[data-testid="filter-input"]');
  await panel
    .waitForFunction('document.hasFocus() && document.activeElement && document.activeElement.getAttribute("data-testid") === "filter-input"', {
      polling: 100,
      timeout: 10_000,
    })
    .catch(() => {
      throw new Error('the filter input did not get the keyboard focus in the DevTools window');
    });
}

interface Typed {
  keystrokes: number[];
  typing: number[];
  deleting: number[];
  keystrokeWork: number[];
  workTyping: number[];
  workDeleting: number[];
  rowsMatched: Record<string, number>;
}

/** Types each word one key at a time, then deletes it, `rounds` times; each key waits for its paint before the next. */
async function typeWords(panel: Frame, devtools: Page, words: string[], rounds: number): Promise<Typed> {
  await panel.evaluate('window.__bench.times = []; window.__bench.work = []');
  const t: Typed = { keystrokes: [], typing: [], deleting: [], keystrokeWork: [], workTyping: [], workDeleting: [], rowsMatched: {} };
  for (let round = 0; round < rounds; round++) {
    for (const word of words) {
      const keys = [...word.split(''), ...word.split('').map(() => 'Backspace')];
      for (const [i, key] of keys.entries()) {
        await devtools.keyboard.press(key as Parameters<typeof devtools.keyboard.press>[0]);
        const ms = (await panel.evaluate(waitTimes(t.keystrokes.length + 1))) as number;
        t.keystrokes.push(ms);
        (key === 'Backspace' ? t.deleting : t.typing).push(ms);
        const work = (await panel.evaluate(`window.__bench.work[${t.keystrokes.length - 1}] ?? -1`)) as number;
        if (work >= 0) {
          t.keystrokeWork.push(work);
          (key === 'Backspace' ? t.workDeleting : t.workTyping).push(work);
        }
        if (i === word.length - 1) {
          const count = await panel.evaluate(
            `(document.querySelector('[data-testid="call-list"]') || { getAttribute: () => '0' }).getAttribute('data-rowcount')`,
          );
          t.rowsMatched[word] = Number(count);
        }
      }
    }
  }
  const filterAfter = (await panel.evaluate(`document.querySelector('[data-testid="filter-input"]').value`)) as string;
  if (filterAfter !== '') throw new Error(`the filter should be empty after deleting what was typed, it holds "${filterAfter}"`);
  return t;
}

async function countCalls(panel: Frame): Promise<number> {
  return panel.evaluate('window.__coveoHubState ? window.__coveoHubState().calls.length : -1') as Promise<number>;
}

async function heap(panel: Frame): Promise<{ mib: number; source: string }> {
  // Frame.client is puppeteer's CDP session for the frame's target (an out-of-process iframe here).
  const client = cdp(panel);
  if (client) {
    try {
      await client.send('HeapProfiler.collectGarbage');
      const usage = (await client.send('Runtime.getHeapUsage')) as { usedSize: number };
      return { mib: usage.usedSize / 2 ** 20, source: 'CDP Runtime.getHeapUsage after HeapProfiler.collectGarbage (panel target)' };
    } catch {
      /* fall through */
    }
  }
  const used = (await panel.evaluate('performance.memory ? performance.memory.usedJSHeapSize : -1')) as number;
  return { mib: used / 2 ** 20, source: 'performance.memory.usedJSHeapSize (no GC forced)' };
}

export async function measurePanel({
  quick = false,
  log = (..._m: unknown[]) => undefined,
}: {
  quick?: boolean;
  log?: (...m: unknown[]) => void;
} = {}): Promise<PanelResult | { skipped: string }> {
  const chromium = requireBrowser('chromium');
  if (!chromium) return { skipped: 'Chromium not installed (apt-get install chromium)' };
  const CALLS = Number(process.env.BENCH_PANEL_CALLS) || (quick ? 2000 : 10_000);
  const BATCH = 50;
  // Each word typed and deleted this many times: 3 rounds give 57 keys per direction (the p95 is not the maximum).
  const ROUNDS = Number(process.env.BENCH_PANEL_ROUNDS) || (quick ? 1 : 3);
  // Typed one key at a time, then deleted: a hub name, then a query prefix that narrows step by step.
  const WORDS = quick ? ['acmesupport'] : ['acmesupport', 'laptop 1'];
  const extensionDir = buildTestExtension('chrome');
  const world = await startWorld();
  // BENCH_PANEL_UNCAPPED=1: no 60 Hz frame clock (a frame is drawn as soon as there is something to draw), so
  // "keystroke → painted" is the panel's latency without the wait for the next display frame (0–16.7 ms).
  const uncapped = process.env.BENCH_PANEL_UNCAPPED === '1';
  const extraArgs = uncapped ? ['--disable-frame-rate-limit', '--disable-gpu-vsync'] : [];
  if (uncapped) log('  frame-rate limit off (--disable-frame-rate-limit --disable-gpu-vsync)');
  const session = await launchChromium({ executablePath: chromium, extensionDir, mapHosts: [SHOP_HOST, PLATFORM_HOST], extraArgs, log: (l) => log(`  ${l}`) });
  try {
    world.addPage('/bench', benchPage(world.platformOrigin));
    const tab = await session.inspect(`${world.shopOrigin}/bench`, 30_000);
    const { page, devtools, panel } = tab;
    await panel.waitForFunction('!!window.__coveoHubState', { polling: 100, timeout: 10_000 });

    // Raise the cap the way a user does (Settings > Keep at most N calls).
    await panel.evaluate(`(() => {
      const input = document.querySelector('[data-testid="cap-input"]');
      input.value = String(${CALLS});
      input.dispatchEvent(new Event('change', { bubbles: true }));
    })()`);
    const cap = Number(await panel.evaluate(`document.querySelector('[data-testid="cap-input"]').value`));
    const before = await heap(panel);

    await panel.evaluate(INSTALL);
    const raf = (await panel.evaluate(RAF_PROBE)) as boolean;
    if (!raf) await panel.evaluate('window.__bench.useRaf = false');
    const paintDetection = raf
      ? 'requestAnimationFrame, then a MessageChannel message (first task after the frame)'
      : 'no animation frames in this DevTools window: setTimeout(0) then a MessageChannel message after the render';

    // Keystrokes: type, then delete, one key at a time; each waits for its paint before the next. Key events go to
    // the focused window: bring the DevTools window to the front and check the filter really has the focus.
    // The floor: the same keys with no call in the panel (the input, the panel's re-render, the frame).
    await focusFilter(panel, devtools);
    const floor = await typeWords(panel, devtools, WORDS, ROUNDS);

    log(`  feeding ${CALLS} Coveo calls in batches of ${BATCH} concurrent fetches…`);
    const t0 = Date.now();
    await page.evaluate(`window.fire(0, ${CALLS}, ${BATCH})`);
    const deadline = Date.now() + 600_000;
    let seen = await countCalls(panel);
    let lastLog = Date.now();
    for (; seen < CALLS; seen = await countCalls(panel)) {
      if (Date.now() > deadline) throw new Error(`the panel holds ${seen} of ${CALLS} calls after 10 minutes`);
      if (Date.now() - lastLog > 10_000) {
        log(`  … ${seen} calls in the panel`);
        lastLog = Date.now();
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    const feedSeconds = (Date.now() - t0) / 1000;
    log(`  ${seen} calls in the panel after ${feedSeconds.toFixed(1)} s`);

    await focusFilter(panel, devtools);
    const profile = process.env.BENCH_PANEL_PROFILE;
    if (profile) await cdp(panel)?.send('Profiler.enable');
    if (profile) await cdp(panel)?.send('Profiler.start');
    const measured = await typeWords(panel, devtools, WORDS, ROUNDS);
    if (profile) {
      const out = (await cdp(panel)?.send('Profiler.stop')) as { profile: unknown } | undefined;
      if (out) writeFileSync(profile, JSON.stringify(out.profile));
      log(`  CPU profile of the keystrokes written to ${profile}`);
    }
    const { keystrokes, typing, deleting, rowsMatched, keystrokeWork } = measured;

    // Selecting rows: click a row, wait for the detail pane's paint.
    const selects: number[] = [];
    const SELECTS = quick ? 10 : 20;
    for (let i = 0; i < SELECTS; i++) {
      const ms = (await panel.evaluate(`new Promise((resolve, reject) => {
        const rows = document.querySelectorAll('[data-testid="call-row"]');
        const row = rows[${i} % Math.max(1, rows.length - 16)];
        if (!row) return reject(new Error('no row to click'));
        const t0 = performance.now();
        row.click();
        const finish = () => {
          if (!document.querySelector('[data-testid="detail"]')) return reject(new Error('no detail pane after a click'));
          resolve(performance.now() - t0);
        };
        const afterPaint = () => { const ch = new MessageChannel(); ch.port1.onmessage = finish; ch.port2.postMessage(0); };
        if (window.__bench.useRaf) requestAnimationFrame(afterPaint); else setTimeout(afterPaint, 0);
      })`)) as number;
      selects.push(ms);
      await new Promise((r) => setTimeout(r, 20));
    }

    const rowsInDom = (await panel.evaluate(`document.querySelectorAll('[data-testid="call-row"]').length`)) as number;
    const after = await heap(panel);
    return {
      calls: await countCalls(panel),
      cap,
      feed: {
        seconds: feedSeconds,
        batch: BATCH,
        requestsPerSecond: CALLS / feedSeconds,
        how: `the inspected page POSTs ${CALLS} calls (search, querySuggest, facet) with fetch, ${BATCH} concurrent at a time, to the harness server; DevTools reports each to the extension`,
      },
      keystrokeMs: stats(keystrokes),
      typingMs: stats(typing),
      deletingMs: stats(deleting),
      keystrokeWorkMs: stats(keystrokeWork),
      workTypingMs: stats(measured.workTyping),
      workDeletingMs: stats(measured.workDeleting),
      floor: { typingMs: stats(floor.typing), deletingMs: stats(floor.deleting), workMs: stats(floor.keystrokeWork) },
      rounds: ROUNDS,
      selectMs: stats(selects),
      heapMiB: after.mib,
      heapBeforeFeedMiB: before.mib,
      heapSource: after.source,
      rowsInDom,
      rowsMatched,
      paintDetection,
      browser: session.version,
    };
  } finally {
    await session.close();
    await world.close();
  }
}
