import { afterEach, describe, expect, it, vi } from 'vitest';
import { CONTENT_TIMEOUT_MS, ORIGIN_TIMEOUT_MS, callHybrid, createRealPlatform, readContent } from '../../src/devtools/platform';
import { coveoCall } from './helpers';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

function chromeRequest(body: string, second: string) {
  return { ...coveoCall(), getContent: (cb?: (b: unknown, s: unknown) => void) => void setTimeout(() => cb?.(body, second), 1) };
}
function firefoxRequest(body: string, mime: string) {
  return {
    ...coveoCall(),
    getContent: (...args: unknown[]) => {
      if (args.length > 0 && args[0] !== undefined) throw new Error('Incorrect argument types for devtools.network.Request.getContent.');
      return Promise.resolve([body, mime]);
    },
  };
}

describe('reading bodies in both browsers', () => {
  it('takes Chrome callbacks (body, encoding) and Firefox promises [body, mimeType]', async () => {
    expect(await readContent(chromeRequest('eyJ9', 'base64'))).toEqual(['eyJ9', 'base64']);
    expect(await readContent(firefoxRequest('{"a":1}', 'application/json'))).toEqual(['{"a":1}', 'application/json']);
  });

  it('rejects when DevTools never hands the body over, so the call can say so', async () => {
    vi.useFakeTimers();
    const pending = readContent({ ...coveoCall(), getContent: () => undefined });
    const check = expect(pending).rejects.toThrow(/did not return the response body within 5 s/);
    vi.advanceTimersByTime(CONTENT_TIMEOUT_MS + 1);
    await check;
  });

  it('never hangs: an API that never answers times out with null', async () => {
    vi.useFakeTimers();
    const pending = callHybrid(() => undefined, 1_000);
    vi.advanceTimersByTime(1_001);
    expect(await pending).toBeNull();
  });
});

describe('the real platform over chrome.devtools', () => {
  it('wires requests, getHAR, navigation, theme, reload and panel creation', async () => {
    const listeners: Record<string, ((...a: unknown[]) => void)[]> = {};
    const event = (name: string) => ({
      addListener: (l: (...a: unknown[]) => void) => (listeners[name] ??= []).push(l),
      removeListener: (l: (...a: unknown[]) => void) => (listeners[name] = (listeners[name] ?? []).filter((x) => x !== l)),
    });
    const reload = vi.fn();
    const shown = event('shown');
    const entry = chromeRequest('{}', '');
    vi.stubGlobal('chrome', {
      devtools: {
        inspectedWindow: { reload },
        network: { onRequestFinished: event('request'), onNavigated: event('nav'), getHAR: (cb: (h: unknown) => void) => cb({ entries: [entry] }) },
        panels: { themeName: 'dark', create: (_t: string, _i: string, _p: string, cb: (p: unknown) => void) => cb({ onShown: shown }) },
      },
    });
    const platform = createRealPlatform();
    expect(platform.themeName()).toBe('dark');
    const seen: unknown[] = [];
    const stop = platform.onRequest((r) => seen.push(r.entry));
    listeners.request?.[0]?.(entry);
    expect(seen).toEqual([entry]);
    stop();
    expect(listeners.request).toEqual([]);
    const har = await platform.getHAR();
    expect(har.map((r) => r.entry)).toEqual([entry]);
    expect(await har[0]!.getContent()).toEqual(['{}', '']);
    const urls: string[] = [];
    platform.onNavigated((u) => urls.push(u));
    listeners.nav?.[0]?.('https://example.com/next');
    expect(urls).toEqual(['https://example.com/next']);
    platform.reloadInspected();
    expect(reload).toHaveBeenCalledTimes(1);
    const panel = await platform.createPanel('Coveo Hub', 'icons/icon-32.png', 'panel.html');
    const windows: unknown[] = [];
    panel.onShown((w) => windows.push(w));
    listeners.shown?.[0]?.('win');
    expect(windows).toEqual(['win']);
  });

  it('maps Chrome\'s "default" theme to light', () => {
    vi.stubGlobal('chrome', { devtools: { inspectedWindow: {}, network: {}, panels: { themeName: 'default' } } });
    expect(createRealPlatform().themeName()).toBe('light');
  });
});

describe('the inspected document\'s timeOrigin (inspectedWindow.eval)', () => {
  function withEval(evaluate: (...args: unknown[]) => unknown) {
    const calls: unknown[][] = [];
    vi.stubGlobal('chrome', {
      devtools: {
        inspectedWindow: {
          reload: () => undefined,
          eval: (...args: unknown[]) => {
            calls.push(args);
            return evaluate(...args);
          },
        },
        network: {},
        panels: {},
      },
    });
    return { platform: createRealPlatform(), calls };
  }

  it('asks the page for performance.timeOrigin only, and reads Chrome\'s callback', async () => {
    const { platform, calls } = withEval((_e, _o, cb) => void setTimeout(() => (cb as (r: unknown, e: unknown) => void)(1795632978925.5, undefined), 1));
    expect(await platform.documentTimeOrigin()).toBe(1795632978925.5);
    expect(calls[0]?.[0]).toBe('performance.timeOrigin');
  });

  it('gives null when Chrome reports an error (a new document with no execution context yet) or the page throws', async () => {
    const error = { code: 'E_FAILED', description: 'Operation failed: %s', details: ['https://x.example/ has no execution context'], isError: true };
    expect(await withEval((_e, _o, cb) => void (cb as (r: unknown, e: unknown) => void)(undefined, error)).platform.documentTimeOrigin()).toBeNull();
    expect(await withEval((_e, _o, cb) => void (cb as (r: unknown, e: unknown) => void)(undefined, { isException: true, value: 'boom' })).platform.documentTimeOrigin()).toBeNull();
    expect(await withEval((_e, _o, cb) => void (cb as (r: unknown) => void)('not a number')).platform.documentTimeOrigin()).toBeNull();
  });

  it('reads Firefox\'s promise of [result, exceptionInfo]', async () => {
    const firefox = (...args: unknown[]) => {
      if (args.length > 2 && args[2] !== undefined) throw new Error('Incorrect argument types for devtools.inspectedWindow.eval.');
      return Promise.resolve([1795632978925, undefined]);
    };
    expect(await withEval(firefox).platform.documentTimeOrigin()).toBe(1795632978925);
    expect(await withEval(() => Promise.resolve([undefined, { isError: true, code: 'E_PROTOCOLERROR' }])).platform.documentTimeOrigin()).toBeNull();
  });

  it('gives null when the page never answers', async () => {
    vi.useFakeTimers();
    const pending = withEval(() => undefined).platform.documentTimeOrigin();
    vi.advanceTimersByTime(ORIGIN_TIMEOUT_MS + 1);
    expect(await pending).toBeNull();
  });
});
