// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { awaitLink, startDevtools } from '../../src/devtools/bridge';
import type { PanelLink } from '../../src/devtools/bridge';
import { Collector, decodeBody } from '../../src/devtools/collector';
import type { CaptureEvent } from '../../src/devtools/collector';
import { FakePlatform } from '../../src/devtools/fake-platform';
import { App } from '../../src/panel/App';
import { linkStore } from '../../src/panel/connect';
import { PanelStore } from '../../src/panel/store';
import { SEARCH_URL, apiKeySearch, coveoCall, enforcedSearch, preflight, querySuggest, searchToken, thirdParty, unenforcedSearch } from './helpers';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

/** On fake timers: lets fake time pass in 10 ms steps (as real time would) until `idle` resolves. */
async function passUntil(idle: Promise<void>): Promise<void> {
  let done = false;
  void idle.then(() => (done = true));
  for (let i = 0; i < 20; i++) await Promise.resolve();
  while (!done) await vi.advanceTimersByTimeAsync(10);
}

/** Fake time passes (`ms`), inside act. */
const tick = (ms: number) =>
  act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });

function rows(): HTMLElement[] {
  return screen.queryAllByTestId('call-row');
}

describe('capture before the panel is first shown', () => {
  it('creates the "Coveo Hub" panel and hands what it saw to the panel window on first show', async () => {
    const platform = new FakePlatform();
    const collector = await startDevtools(platform);
    expect(platform.panelsCreated).toEqual([{ title: 'Coveo Hub', iconPath: 'icons/icon-32.png', pagePath: 'panel.html' }]);

    // DevTools is open, the panel was never shown: traffic happens.
    platform.emitRequest(enforcedSearch('Community'));
    platform.emitRequest(thirdParty());
    platform.emitRequest(unenforcedSearch('Support'));
    await collector.idle();

    // The panel document loads (lazily) and registers for the link; then DevTools reports it shown.
    const panelWindow = {};
    let link: PanelLink | null = null;
    awaitLink(panelWindow, (l) => (link = l));
    platform.showPanel(panelWindow as Window);
    expect(link).not.toBeNull();
    platform.showPanel(panelWindow as Window); // shown again: no second hand-over
    const store = new PanelStore(platform);
    render(<App store={store} platform={link!.platform} />);
    await act(async () => {
      await linkStore(store, link!);
    });
    expect(rows().map((r) => r.dataset.verdict)).toEqual(['enforced', 'unenforced']);

    // Then live.
    await act(async () => {
      platform.emitRequest(querySuggest('Community'));
      await collector.idle();
    });
    expect(rows().map((r) => r.dataset.kind)).toEqual(['search', 'search', 'querySuggest']);
  });

  it('works when the panel window registers after the devtools page offered the link', async () => {
    const platform = new FakePlatform();
    await startDevtools(platform);
    const panelWindow = {};
    platform.showPanel(panelWindow as Window);
    let got: PanelLink | null = null;
    awaitLink(panelWindow, (l) => (got = l));
    expect(got).not.toBeNull();
    expect(got!.platform).toBe(platform);
  });

  it('keeps at most bufferCap calls before the panel connects and reports how many were dropped', async () => {
    const platform = new FakePlatform();
    const collector = new Collector(platform, { bufferCap: 3 });
    collector.start();
    for (let i = 0; i < 5; i++) platform.emitRequest(enforcedSearch(`Hub${i}`), { inHar: false });
    await collector.idle();
    const received: CaptureEvent[] = [];
    await collector.connect((events) => received.push(...events));
    expect(received[0]).toEqual({ type: 'dropped', count: 2, page: 0 });
    const hubs = received.flatMap((e) => (e.type === 'call' ? [e.report.searchHub.request] : []));
    expect(hubs).toEqual(['Hub2', 'Hub3', 'Hub4']);
  });
});

describe('back-fill from getHAR and de-duplication', () => {
  it('adds what only getHAR saw, once, and skips what the listener already delivered', async () => {
    const platform = new FakePlatform();
    const seenByBoth = enforcedSearch('Community');
    const onlyInHar = apiKeySearch('Public');
    const collector = new Collector(platform);
    collector.start();
    platform.emitRequest(seenByBoth); // listener + HAR
    platform.addToHar(onlyInHar); // DevTools recorded it before our listener existed
    const store = new PanelStore(platform);
    render(<App store={store} platform={platform} />);
    await act(async () => {
      await linkStore(store, { platform, collector });
    });
    expect(store.calls).toHaveLength(2);
    expect(
      rows()
        .map((r) => r.dataset.verdict)
        .sort(),
    ).toEqual(['enforced', 'unverifiable']);

    // The same request delivered again (same start time, method, URL and body) is not a new call.
    await act(async () => {
      platform.emitRequest(structuredClone(seenByBoth));
      await collector.idle();
    });
    expect(store.calls).toHaveLength(2);

    // Same URL and time but another body is a different call.
    const other = structuredClone(seenByBoth);
    other.request.postData = { mimeType: 'application/json', text: JSON.stringify({ q: 'other', searchHub: 'Community' }) };
    await act(async () => {
      platform.emitRequest(other);
      await collector.idle();
    });
    expect(store.calls).toHaveLength(3);
  });
});

describe('what is captured', () => {
  it('ignores CORS preflights and non-Coveo traffic, and never reads their bodies', async () => {
    const platform = new FakePlatform();
    const collector = new Collector(platform);
    collector.start();
    const received: CaptureEvent[] = [];
    await collector.connect((events) => received.push(...events));
    platform.emitRequest(preflight());
    platform.emitRequest({ ...thirdParty(), response: { status: 200, content: { mimeType: 'application/json' } } });
    await collector.idle();
    expect(received).toEqual([]);
    expect(platform.contentReads).toBe(0);
    platform.emitRequest(enforcedSearch());
    await collector.idle();
    expect(received).toHaveLength(1);
  });

  it('reads the response body with getContent when DevTools did not include it (Chrome base64 and Firefox mimeType)', async () => {
    const platform = new FakePlatform();
    const collector = new Collector(platform);
    collector.start();
    const received: CaptureEvent[] = [];
    await collector.connect((events) => received.push(...events));
    const token = searchToken({ searchHub: 'Community' });
    const chrome = coveoCall({ credential: token, response: null });
    const body = JSON.stringify({ pipeline: 'fromChrome', searchUid: 'abc', totalCount: 1 });
    platform.emitRequest({ entry: chrome, content: [Buffer.from(body).toString('base64'), 'base64'] });
    const firefox = coveoCall({ credential: token, response: null });
    platform.emitRequest({ entry: firefox, content: [JSON.stringify({ pipeline: 'fromFirefox' }), 'application/json'] });
    await collector.idle();
    const pipelines = received.map((e) => (e.type === 'call' ? e.report.response.pipeline : null));
    expect(pipelines).toEqual(['fromChrome', 'fromFirefox']);
    expect(platform.contentReads).toBe(2);
    // The raw credential is kept for the Reveal control; the DevTools entry itself was not modified.
    expect(received[0]?.type === 'call' && received[0].secrets[0]?.value).toBe(token);
    expect(chrome.response?.content?.text).toBeUndefined();
  });

  it('decodes base64 when the entry itself says base64', () => {
    const entry = coveoCall({ response: null });
    entry.response!.content!.encoding = 'base64';
    expect(decodeBody(Buffer.from('{"pipeline":"é"}').toString('base64'), 'application/json', entry)).toBe('{"pipeline":"é"}');
    expect(decodeBody('{"a":1}', 'application/json', coveoCall())).toBe('{"a":1}');
  });

  it('passes the request URL through the analysis: the row shows no credential from the URL', async () => {
    const token = searchToken({ searchHub: 'Community' });
    const platform = new FakePlatform();
    const collector = new Collector(platform);
    collector.start();
    const received: CaptureEvent[] = [];
    await collector.connect((events) => received.push(...events));
    platform.emitRequest(coveoCall({ url: `${SEARCH_URL}&access_token=${token}`, credential: null }));
    await collector.idle();
    const call = received[0]?.type === 'call' ? received[0].report : null;
    expect(call).not.toBeNull();
    expect(call!.url).not.toContain(token);
  });
});

// ----- page sessions: only a new document starts one -----

const PAGE = 'https://www.acme.example/search';

function separators(): HTMLElement[] {
  return screen.queryAllByTestId('separator-row');
}

/** The panel over the fake platform, linked as in DevTools, on a page whose document the collector already knows. */
async function livePanel(options: { preserveLog?: boolean; collector?: ConstructorParameters<typeof Collector>[1]; platform?: FakePlatform } = {}) {
  const platform = options.platform ?? new FakePlatform();
  const collector = new Collector(platform, options.collector);
  collector.start();
  const store = new PanelStore(platform);
  if (options.preserveLog) store.setPreserveLog(true);
  render(<App store={store} platform={platform} />);
  await act(async () => {
    await linkStore(store, { platform, collector });
  });
  const settle = () =>
    act(async () => {
      await (vi.isFakeTimers() ? passUntil(collector.idle()) : collector.idle());
    });
  return { platform, collector, store, settle };
}

describe('page sessions: only a new document starts one', () => {
  it('keeps the calls when the page changes its hash or calls history.pushState (Preserve log off), and clears on a new document', async () => {
    const { platform, store, settle } = await livePanel();
    platform.navigate(PAGE);
    platform.emitRequest(enforcedSearch('Community'));
    platform.emitRequest(querySuggest('Community'));
    await settle();
    expect(rows()).toHaveLength(2);
    expect(store.summary.hubs.find((h) => h.hub === 'Community')?.querySuggestSeen).toBe(true);

    // Atomic writes the query into the hash on submit; an SPA router pushes a URL: same document.
    const evalsBefore = platform.evalCalls;
    platform.navigateWithinDocument(`${PAGE}#q=tra`);
    await settle();
    expect(platform.evalCalls, 'a fragment change is decided without asking the page').toBe(evalsBefore);
    platform.navigateWithinDocument(`${PAGE}?moved=1`);
    platform.navigateWithinDocument(`${PAGE}?moved=2`); // replaceState
    await settle();
    expect(platform.evalCalls).toBeGreaterThan(evalsBefore);
    expect(rows()).toHaveLength(2);
    expect(store.summary.hubs.find((h) => h.hub === 'Community')?.querySuggestSeen).toBe(true);
    await act(async () => {
      platform.emitRequest(enforcedSearch('Community'));
      await settle();
    });
    expect(rows()).toHaveLength(3);

    // A new document (reload, link): a new page session.
    platform.navigate(`${PAGE}?moved=2`);
    await settle();
    expect(rows()).toHaveLength(0);
  });

  it('adds no separator for same-document changes with Preserve log on, one per new document', async () => {
    const { platform, store, settle } = await livePanel({ preserveLog: true });
    platform.emitRequest(enforcedSearch('Community'));
    await settle();
    platform.navigateWithinDocument('https://www.acme.example/#q=tra');
    platform.navigateWithinDocument('https://www.acme.example/?moved=1');
    await settle();
    expect(separators()).toHaveLength(0);
    platform.navigate('https://www.acme.example/next');
    await settle();
    platform.emitRequest(unenforcedSearch('Support'));
    await settle();
    expect(separators()).toHaveLength(1);
    expect(store.rows.map((r) => (r.type === 'call' ? r.call.searchHub.request : `nav ${r.url}`))).toEqual([
      'Community',
      'nav https://www.acme.example/next',
      'Support',
    ]);
  });

  it('counts a URL change as a new page when the page cannot be asked (eval fails or never answers), but never a fragment change', async () => {
    vi.useFakeTimers();
    const { platform, settle } = await livePanel({ collector: { originTimeoutMs: 30 } });
    platform.navigate(PAGE);
    platform.emitRequest(enforcedSearch('Community'));
    await settle();
    platform.evalBehaviour = 'fail';
    platform.navigateWithinDocument(`${PAGE}#q=tra`);
    await settle();
    expect(rows(), 'fragment change: same document, whatever eval says').toHaveLength(1);
    platform.navigateWithinDocument(`${PAGE}?moved=1`);
    await settle();
    expect(rows(), 'eval failed: treated as a new page').toHaveLength(0);

    platform.evalBehaviour = 'hang';
    platform.emitRequest(enforcedSearch('Community'));
    await settle();
    expect(rows()).toHaveLength(1);
    platform.navigateWithinDocument(`${PAGE}?moved=2`);
    platform.emitRequest(unenforcedSearch('Support')); // arrives while the navigation is being decided
    await settle();
    // eval timed out: a new page, and the call that arrived after the navigation belongs to it.
    expect(rows().map((r) => r.dataset.verdict)).toEqual(['unenforced']);
  });

  it("learns a new document's origin after its context exists, so a later pushState stays in the page", async () => {
    // Chromium reports a navigation before the new document can be evaluated ("has no execution context").
    // The page's clock here runs 50 ms ahead of the devtools page's, so only the learnt origin can tell.
    vi.useFakeTimers();
    let clock = Date.parse('2025-03-01T12:00:00Z');
    const { platform, store, settle } = await livePanel({ collector: { now: () => new Date(clock) } });
    platform.evalBehaviour = 'fail';
    platform.navigate(PAGE, { timeOrigin: clock + 50 });
    await settle();
    platform.evalBehaviour = 'answer'; // the context now exists: the collector asks again in the background
    await tick(150);
    const evals = platform.evalCalls;
    platform.emitRequest(enforcedSearch('Community'));
    await settle();
    clock += 2_000;
    platform.navigateWithinDocument(`${PAGE}?moved=1`);
    await settle();
    expect(platform.evalCalls).toBe(evals + 1);
    expect(rows()).toHaveLength(1);
    platform.navigate(`${PAGE}?moved=1`, { timeOrigin: clock + 50 }); // a reload is a new document
    await settle();
    expect(rows()).toHaveLength(0);
    expect(store.summary.verdict).toBe('empty');
  });

  it('handles a first navigation that comes before any origin is known, by when the document began', async () => {
    const platform = new FakePlatform();
    platform.evalBehaviour = 'fail'; // DevTools opened on a page it could not evaluate yet
    let clock = Date.parse('2025-03-01T12:00:00Z');
    const { store, settle } = await livePanel({ platform, collector: { now: () => new Date(clock) } });
    platform.emitRequest(enforcedSearch('Community'));
    await settle();
    // The page (begun before DevTools opened) pushes a URL; the page answers now, but no origin was stored.
    platform.evalBehaviour = 'answer';
    platform.document.timeOrigin = clock - 60_000;
    clock += 1_000;
    platform.navigateWithinDocument('https://www.acme.example/?moved=1');
    await settle();
    expect(store.calls).toHaveLength(1);

    // A real navigation whose document is evaluated at once: its timeOrigin is new.
    clock += 1_000;
    platform.navigate('https://www.acme.example/other', { timeOrigin: clock - 40 });
    await settle();
    expect(store.calls).toHaveLength(0);

    // A new document that could not be evaluated when its navigation arrived, then a pushState before the
    // origin was learnt: it began before its session started, so it is that session's document.
    platform.evalBehaviour = 'fail';
    clock += 1_000;
    platform.navigate('https://www.acme.example/third', { timeOrigin: clock - 40 });
    await settle();
    platform.emitRequest(enforcedSearch('Community'));
    await settle();
    platform.evalBehaviour = 'answer';
    clock += 5;
    platform.navigateWithinDocument('https://www.acme.example/third?moved=1');
    await settle();
    expect(store.calls).toHaveLength(1);
    // While a document that began after the session started is a new one.
    platform.evalBehaviour = 'fail';
    clock += 1_000;
    platform.navigate('https://www.acme.example/fourth', { timeOrigin: clock - 40 });
    await settle();
    platform.emitRequest(enforcedSearch('Community'));
    await settle();
    platform.evalBehaviour = 'answer';
    clock += 1_000;
    platform.navigate('https://www.acme.example/fifth', { timeOrigin: clock - 40 });
    await settle();
    expect(store.calls).toHaveLength(0);
  });
});

// ----- order: by request start time within a page session -----

function at(iso: string): string {
  return `2025-03-01T12:00:${iso}Z`;
}

describe('calls in start-time order within their page session', () => {
  it('places back-filled calls among the buffered ones by start time', async () => {
    const platform = new FakePlatform();
    const collector = new Collector(platform);
    collector.start();
    platform.emitRequest(enforcedSearch('B', { startedDateTime: at('17.730') }));
    platform.emitRequest(enforcedSearch('C', { startedDateTime: at('17.825') }));
    platform.addToHar(enforcedSearch('A', { startedDateTime: at('17.525') })); // only DevTools' log has it
    await collector.idle();
    const store = new PanelStore(platform);
    render(<App store={store} platform={platform} />);
    await act(async () => {
      await linkStore(store, { platform, collector });
    });
    expect(store.calls.map((c) => c.searchHub.request)).toEqual(['A', 'B', 'C']);
    expect(rows().map((r) => r.dataset.id)).toEqual(store.calls.map((c) => c.id));
    // A live call that started before the last one shown (its body took longer) goes in its place too.
    await act(async () => {
      platform.emitRequest(enforcedSearch('B2', { startedDateTime: at('17.800') }));
      await collector.idle();
    });
    expect(store.calls.map((c) => c.searchHub.request)).toEqual(['A', 'B', 'B2', 'C']);
    expect(rows().map((r) => r.dataset.id)).toEqual(store.calls.map((c) => c.id));
  });

  it('keeps a call that finishes after a navigation in the page session it began in', async () => {
    vi.useFakeTimers();
    const { platform, store, settle } = await livePanel({ preserveLog: true });
    let answer: (value: [string, string]) => void = () => {};
    const slow = coveoCall({
      credential: searchToken({ searchHub: 'Old' }),
      body: { q: 'slow', searchHub: 'Old' },
      response: null,
      startedDateTime: at('10.000'),
    });
    platform.emitRequest({ entry: slow, content: () => new Promise((resolve) => (answer = resolve)) });
    platform.emitRequest(enforcedSearch('Old', { startedDateTime: at('09.000') }));
    await tick(10);
    platform.navigate('https://www.acme.example/next');
    platform.emitRequest(enforcedSearch('New', { startedDateTime: at('11.000') }));
    await tick(10);
    answer([JSON.stringify({ pipeline: 'late' }), 'application/json']);
    await settle();
    expect(store.rows.map((r) => (r.type === 'call' ? `${r.call.searchHub.request} ${r.call.response.pipeline ?? ''}`.trim() : 'separator'))).toEqual([
      'Old community',
      'Old late',
      'separator',
      'New community',
    ]);
  });
});

// ----- one slow answer holds up nothing else -----

describe('slow or failing DevTools answers', () => {
  it('does not hold live calls behind body reads that never answer, and keeps those calls with a note', async () => {
    vi.useFakeTimers();
    const platform = new FakePlatform();
    const collector = new Collector(platform, { contentTimeoutMs: 200 });
    collector.start();
    const received: CaptureEvent[] = [];
    await collector.connect((events) => received.push(...events));
    for (let i = 0; i < 3; i++) {
      platform.emitRequest({
        entry: coveoCall({ credential: searchToken({ searchHub: `Hang${i}` }), body: { q: 'x', searchHub: `Hang${i}` }, response: null }),
        content: () => new Promise(() => {}),
      });
    }
    platform.emitRequest(enforcedSearch('Quick'));
    await vi.advanceTimersByTimeAsync(20);
    const hubs = () => received.flatMap((e) => (e.type === 'call' ? [e.report.searchHub.request] : []));
    expect(hubs()).toEqual(['Quick']);
    // The three reads wait side by side: by the time the first one's 0.2 s timeout fires, all three have.
    // (One after another, only Hang0 would be out after the first timeout.)
    await vi.advanceTimersByTimeAsync(179);
    expect(hubs(), 'no read has timed out yet').toEqual(['Quick']);
    await vi.advanceTimersByTimeAsync(1);
    expect(hubs().sort()).toEqual(['Hang0', 'Hang1', 'Hang2', 'Quick']);
    await collector.idle();
    const hung = received.find((e) => e.type === 'call' && e.report.searchHub.request === 'Hang0');
    expect(hung?.type === 'call' && hung.report.notes.join(' ')).toMatch(/response body not read: DevTools did not return it within 0\.2 s/);
  });

  it('streams live calls while getHAR() has not answered', async () => {
    vi.useFakeTimers();
    const platform = new FakePlatform();
    platform.harHangs = true;
    const collector = new Collector(platform, { harTimeoutMs: 200 });
    collector.start();
    const received: CaptureEvent[] = [];
    const connected = collector.connect((events) => received.push(...events));
    let backfillDone = false;
    void connected.then(() => (backfillDone = true));
    platform.emitRequest(enforcedSearch('Live'));
    await vi.advanceTimersByTimeAsync(20);
    expect(received.map((e) => e.type === 'call' && e.report.searchHub.request)).toEqual(['Live']);
    await vi.advanceTimersByTimeAsync(170);
    expect(backfillDone, 'the back-fill still waits for getHAR()').toBe(false);
    await vi.advanceTimersByTimeAsync(10);
    await connected; // the back-fill gave up after its timeout
    expect(backfillDone).toBe(true);
  });

  it('keeps a call whose getContent() rejects, analysed without its body, and does not add it again from getHAR()', async () => {
    const platform = new FakePlatform();
    const collector = new Collector(platform);
    collector.start();
    const entry = coveoCall({ credential: searchToken({ searchHub: 'Community' }), response: null });
    platform.emitRequest({ entry, content: () => Promise.reject(new Error('No resource with given identifier found')) });
    await collector.idle();
    const store = new PanelStore(platform);
    render(<App store={store} platform={platform} />);
    await act(async () => {
      await linkStore(store, { platform, collector });
    });
    expect(store.calls).toHaveLength(1);
    expect(store.calls[0]?.verdict).toBe('enforced');
    expect(store.calls[0]?.notes).toContain(
      "response body not read: No resource with given identifier found. The response's pipeline, searchUid and errors are unknown.",
    );
    expect(rows()).toHaveLength(1);
  });
});
