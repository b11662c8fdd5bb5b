// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { awaitLink, startDevtools } from '../../src/devtools/bridge';
import type { PanelLink } from '../../src/devtools/bridge';
import { Collector, decodeBody } from '../../src/devtools/collector';
import type { CaptureEvent } from '../../src/devtools/collector';
import { FakePlatform } from '../../src/devtools/fake-platform';
import { App } from '../../src/panel/App';
import { linkStore } from '../../src/panel/connect';
import { PanelStore } from '../../src/panel/store';
import { SEARCH_URL, apiKeySearch, coveoCall, enforcedSearch, preflight, querySuggest, searchToken, thirdParty, unenforcedSearch } from './helpers';

afterEach(() => cleanup());

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
    expect(received[0]).toEqual({ type: 'dropped', count: 2 });
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
    expect(rows().map((r) => r.dataset.verdict).sort()).toEqual(['enforced', 'unverifiable']);

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
