// @vitest-environment happy-dom
// Capture while the panel first loads (issue 9, item 10): the first connection's back-fill from getHAR() races
// the page's navigation and the live listener. Each test fixes one order of events (no sleeps): DevTools' answer
// is held with FakePlatform.holdHar() and released at the point the test names.
import { act, cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HarEntryLike } from '../../src/core/index';
import { awaitLink, startDevtools } from '../../src/devtools/bridge';
import type { PanelLink } from '../../src/devtools/bridge';
import { Collector } from '../../src/devtools/collector';
import type { CaptureEvent } from '../../src/devtools/collector';
import { FakePlatform } from '../../src/devtools/fake-platform';
import { App } from '../../src/panel/App';
import { linkStore } from '../../src/panel/connect';
import { PanelStore } from '../../src/panel/store';
import { QS_URL, coveoCall, searchToken } from './helpers';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

/**
 * Wall-clock time of the new document's navigation start (its calls are dated from it). After the collectors start,
 * as a real navigation is: a document that began before the session did is the same document.
 */
const T = Date.now() + 60_000;
const iso = (ms: number): string => new Date(T + ms).toISOString();

function search(hub: string, startMs: number, extra: Partial<Parameters<typeof coveoCall>[0]> = {}): HarEntryLike {
  return coveoCall({ credential: searchToken({ searchHub: hub }), body: { q: 'tents', searchHub: hub }, startedDateTime: iso(startMs), ...extra });
}
function suggest(hub: string, startMs: number, q: string): HarEntryLike {
  return coveoCall({
    url: QS_URL,
    credential: searchToken({ searchHub: hub }),
    body: { q, searchHub: hub },
    response: { completions: [] },
    startedDateTime: iso(startMs),
  });
}
/** What DevTools' log holds for a call still in flight: no response yet (status 0, no body). */
function inFlight(entry: HarEntryLike): HarEntryLike {
  return { ...entry, response: { status: 0, headers: [], content: { size: 0, mimeType: '' } } };
}

function rows(): HTMLElement[] {
  return screen.queryAllByTestId('call-row');
}

/** Lets every pending promise callback run (no timers involved). */
async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

/** A panel store linked the way main.tsx links it, with the App rendered; `linked` resolves once the back-fill is done. */
function panel(platform: FakePlatform, collector: Collector, options: { preserveLog?: boolean } = {}) {
  const store = new PanelStore(platform);
  if (options.preserveLog) store.setPreserveLog(true);
  render(<App store={store} platform={platform} />);
  let linked!: Promise<void>;
  act(() => {
    linked = linkStore(store, { platform, collector });
  });
  const settle = () =>
    act(async () => {
      await linked;
      await collector.idle();
    });
  return { store, settle };
}

describe('the first back-fill races a navigation', () => {
  it('shows the new page calls that getHAR() reports after a navigation which followed the panel link', async () => {
    // DevTools is open on the old page; the panel links (getHAR asked) and, before DevTools answers, the page
    // navigates and makes its calls. DevTools answers with its log as it is by then: the new document's calls.
    const platform = new FakePlatform();
    const collector = new Collector(platform);
    collector.start();
    const release = platform.holdHar();
    const { store, settle } = panel(platform, collector);
    expect(platform.harCalls).toBe(1);

    platform.navigate('https://www.acme.example/search', { timeOrigin: T });
    await flush(); // the navigation is decided: a new document
    const calls = [search('Community', 400), suggest('Community', 900, 't'), suggest('Community', 950, 'tr')];
    for (const call of calls) platform.addToHar(call); // DevTools recorded them; their live events are on the way
    release();
    await flush();
    for (const call of calls) platform.emitRequest(call, { inHar: false });
    await settle();

    expect(store.calls.map((c) => c.kind)).toEqual(['search', 'querySuggest', 'querySuggest']);
    expect(rows().map((r) => r.dataset.kind)).toEqual(['search', 'querySuggest', 'querySuggest']);
  });

  it('does the same when the navigation is still being decided as DevTools answers', async () => {
    // The page does not answer for its timeOrigin (a busy renderer): the decision waits for the eval's timeout.
    vi.useFakeTimers();
    const platform = new FakePlatform();
    platform.evalBehaviour = 'hang';
    const collector = new Collector(platform, { originTimeoutMs: 1_000 });
    collector.start();
    const release = platform.holdHar();
    const { store, settle } = panel(platform, collector);

    platform.navigate('https://www.acme.example/search', { timeOrigin: T });
    const calls = [search('Community', 400), suggest('Community', 900, 't')];
    for (const call of calls) platform.addToHar(call);
    release(); // DevTools answers while the navigation is undecided
    await flush();
    for (const call of calls) platform.emitRequest(call, { inHar: false });
    await vi.advanceTimersByTimeAsync(1_000); // no answer from the page: a new document
    await settle();

    expect(store.calls.map((c) => c.kind)).toEqual(['search', 'querySuggest']);
    expect(rows()).toHaveLength(2);
  });

  it('still shows them when the live events come first (each call once)', async () => {
    const platform = new FakePlatform();
    const collector = new Collector(platform);
    collector.start();
    const release = platform.holdHar();
    const { store, settle } = panel(platform, collector);
    platform.navigate('https://www.acme.example/search', { timeOrigin: T });
    await flush();
    const calls = [search('Community', 400), suggest('Community', 900, 't')];
    for (const call of calls) platform.emitRequest(call); // listener and DevTools' log
    await flush();
    release();
    await settle();
    expect(store.calls.map((c) => c.kind)).toEqual(['search', 'querySuggest']);
  });

  it("puts an older document's call that only DevTools' log kept in that page's session, not the new one", async () => {
    // DevTools' Network panel with "Preserve log" keeps the old page's entries in getHAR(). One of them was made
    // before our listener existed... or in the moment before it subscribed: no live event will come for it.
    const platform = new FakePlatform();
    const collector = new Collector(platform, { liveGraceMs: 0 });
    collector.start();
    platform.navigate('https://www.acme.example/search', { timeOrigin: T });
    await collector.idle();
    platform.addToHar(search('OldPage', -5_000));
    platform.addToHar(search('NewPage', 400));
    const { store, settle } = panel(platform, collector, { preserveLog: true });
    await settle();
    expect(store.rows.map((r) => (r.type === 'call' ? r.call.searchHub.request : 'separator'))).toEqual(['OldPage', 'separator', 'NewPage']);
  });

  it('keeps a call in the session getHAR() answered in when its start time is within the clock tolerance', async () => {
    // A page's timeOrigin and DevTools' start times come from different clocks: a call a few ms "before" the new
    // document's start is shown with the new page rather than dropped with the old one.
    const platform = new FakePlatform();
    const collector = new Collector(platform, { liveGraceMs: 0 });
    collector.start();
    platform.navigate('https://www.acme.example/search', { timeOrigin: T });
    await collector.idle();
    platform.addToHar(search('NewPage', -30));
    const { store, settle } = panel(platform, collector);
    await settle();
    expect(store.calls.map((c) => c.searchHub.request)).toEqual(['NewPage']);
  });
});

describe('the live listener is the authority for what ended after it started', () => {
  it('places the new page calls right when DevTools answers before it reports the navigation (another browser, another channel)', async () => {
    // Firefox sends the toolbox's events and the getHAR() answer through different paths: the answer may list a new
    // document's calls before the devtools page hears of its navigation. The live events, which come after it, decide.
    const platform = new FakePlatform();
    const collector = new Collector(platform);
    collector.start();
    const release = platform.holdHar();
    const { store, settle } = panel(platform, collector);
    const calls = [search('Community', 400), suggest('Community', 900, 't')];
    for (const call of calls) platform.addToHar(call); // the new document's calls, in the answer...
    release();
    await flush(); // ...which arrives first
    platform.navigate('https://www.acme.example/search', { timeOrigin: T });
    for (const call of calls) platform.emitRequest(call, { inHar: false });
    await settle();
    expect(store.calls.map((c) => c.kind)).toEqual(['search', 'querySuggest']);
    expect(rows()).toHaveLength(2);
  });

  it('shows a back-filled call that ended after the listener started, once no live event came within liveGraceMs', async () => {
    vi.useFakeTimers();
    const platform = new FakePlatform();
    const collector = new Collector(platform, { liveGraceMs: 3_000 });
    collector.start();
    platform.addToHar(search('Community', 0)); // ended in the moment before the listener subscribed
    const received: CaptureEvent[] = [];
    void collector.connect((events) => received.push(...events));
    await vi.advanceTimersByTimeAsync(2_900);
    expect(received).toEqual([]);
    await vi.advanceTimersByTimeAsync(200);
    expect(received.map((e) => e.type === 'call' && `${e.report.searchHub.request} p${e.page}`)).toEqual(['Community p0']);
  });

  it('shows what ended before the listener existed at once, in the first page session', async () => {
    vi.useFakeTimers();
    const platform = new FakePlatform();
    platform.addToHar(search('Early', -120_000)); // two minutes before: DevTools open, our page not yet listening
    const collector = new Collector(platform);
    collector.start();
    const received: CaptureEvent[] = [];
    void collector.connect((events) => received.push(...events));
    await vi.advanceTimersByTimeAsync(0);
    expect(received.map((e) => e.type === 'call' && `${e.report.searchHub.request} p${e.page}`)).toEqual(['Early p0']);
  });
});

describe("a call still in flight in DevTools' log", () => {
  it('is shown once, from its finished live event, not as the unanswered copy getHAR() saw', async () => {
    const platform = new FakePlatform();
    const collector = new Collector(platform);
    collector.start();
    const done = search('Community', 400, { response: { pipeline: 'community', searchUid: 'u1', totalCount: 3, results: [] } });
    platform.addToHar(inFlight(done));
    const { store, settle } = panel(platform, collector);
    await flush(); // the back-fill has DevTools' answer
    platform.emitRequest(done, { inHar: false }); // then the request finishes
    await settle();
    expect(store.calls).toHaveLength(1);
    expect(store.calls[0]?.response.status).toBe(200);
    expect(store.calls[0]?.response.pipeline).toBe('community');
    expect(store.calls[0]?.verdict).toBe('enforced');
  });

  it('is shown from getHAR() after a grace period when no live event ever comes (aborted before we listened)', async () => {
    vi.useFakeTimers();
    const platform = new FakePlatform();
    const collector = new Collector(platform, { inFlightGraceMs: 5_000 });
    collector.start();
    platform.addToHar(inFlight(search('Community', 400)));
    const received: CaptureEvent[] = [];
    void collector.connect((events) => received.push(...events));
    await vi.advanceTimersByTimeAsync(4_900);
    expect(received.filter((e) => e.type === 'call')).toEqual([]);
    await vi.advanceTimersByTimeAsync(200);
    const calls = received.flatMap((e) => (e.type === 'call' ? [e.report] : []));
    expect(calls).toHaveLength(1);
    expect([0, null]).toContain(calls[0]?.response.status ?? null); // no response: what DevTools' log had
  });
});

describe('the whole hand-over while the page navigates', () => {
  it('devtools page, panel link and back-fill: every call of the new page is a row', async () => {
    const platform = new FakePlatform();
    const collector = await startDevtools(platform);
    const release = platform.holdHar();
    // The panel document loads (awaitLink registered), DevTools reports it shown: the link, getHAR asked.
    const panelWindow = {};
    let link: PanelLink | null = null;
    awaitLink(panelWindow, (l) => (link = l));
    platform.showPanel(panelWindow as Window);
    expect(link).not.toBeNull();
    const store = new PanelStore(platform);
    render(<App store={store} platform={link!.platform} />);
    let linked!: Promise<void>;
    act(() => {
      linked = linkStore(store, link!);
    });
    // The page navigates right then; its search and suggestions finish before DevTools gets to the question.
    platform.navigate('https://www.acme.example/search', { timeOrigin: T });
    await flush();
    const calls = [search('Community', 300), suggest('Community', 800, 'c'), suggest('Community', 850, 'ca')];
    for (const call of calls) platform.addToHar(call);
    release();
    await flush();
    for (const call of calls) platform.emitRequest(call, { inHar: false });
    await act(async () => {
      await linked;
      await collector.idle();
    });
    expect(rows().map((r) => r.dataset.kind)).toEqual(['search', 'querySuggest', 'querySuggest']);
  });
});
