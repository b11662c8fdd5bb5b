import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  CONTENT_TIMEOUT_MS,
  type DevtoolsApi,
  HAR_TIMEOUT_MS,
  ORIGIN_TIMEOUT_MS,
  callHybrid,
  createRealPlatform,
  readContent,
} from '../../src/devtools/platform';
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

// The real platform runs on the promise-based `devtools` namespace (webextension-polyfill's in Chrome, Firefox's
// own): these stand-ins answer as that namespace does, and as Chrome's getHAR still does (callback only).
type Listener = (...a: unknown[]) => void;
function events() {
  const listeners: Record<string, Listener[]> = {};
  const event = (name: string) => ({
    addListener: (l: Listener) => {
      listeners[name] = [...(listeners[name] ?? []), l];
    },
    removeListener: (l: Listener) => {
      listeners[name] = (listeners[name] ?? []).filter((x) => x !== l);
    },
  });
  return { listeners, event };
}
const realPlatform = (devtools: unknown) => createRealPlatform(devtools as DevtoolsApi);

describe('the real platform over the devtools namespace', () => {
  it('wires requests, getHAR, navigation, theme, reload and panel creation', async () => {
    const { listeners, event } = events();
    const reload = vi.fn();
    const shown = event('shown');
    const entry = chromeRequest('{}', '');
    const created: unknown[][] = [];
    const platform = realPlatform({
      inspectedWindow: { reload },
      network: { onRequestFinished: event('request'), onNavigated: event('nav'), getHAR: (cb: (h: unknown) => void) => cb({ entries: [entry] }) },
      panels: {
        themeName: 'dark',
        create: (...args: unknown[]) => {
          created.push(args);
          return Promise.resolve({ onShown: shown });
        },
      },
    });
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
    // The promise form: exactly the three arguments (the polyfill refuses a fourth, a callback).
    expect(created).toEqual([['Coveo Hub', 'icons/icon-32.png', 'panel.html']]);
    const windows: unknown[] = [];
    panel.onShown((w) => windows.push(w));
    listeners.shown?.[0]?.('win');
    expect(windows).toEqual(['win']);
  });

  it('reads the body of a request the polyfill wrapped (a promise, and no argument accepted)', async () => {
    const { listeners, event } = events();
    const platform = realPlatform({ inspectedWindow: {}, network: { onRequestFinished: event('request') }, panels: {} });
    const contents: Promise<unknown>[] = [];
    platform.onRequest((r) => contents.push(r.getContent()));
    const wrapped = {
      ...coveoCall(),
      getContent: (...args: unknown[]) => {
        if (args.length > 0) throw new Error('Expected at most 0 arguments for getContent(), got 1');
        return Promise.resolve(['{"ok":1}', '']);
      },
    };
    listeners.request?.[0]?.(wrapped);
    expect(await contents[0]).toEqual(['{"ok":1}', '']);
  });

  it("takes Firefox's getHAR promise too", async () => {
    const entry = firefoxRequest('{}', 'application/json');
    const getHAR = (...args: unknown[]) => {
      if (args.length > 0) throw new Error('Incorrect argument types for devtools.network.getHAR.');
      return Promise.resolve({ entries: [entry] });
    };
    const har = await realPlatform({ inspectedWindow: {}, network: { getHAR }, panels: {} }).getHAR();
    expect(har.map((r) => r.entry)).toEqual([entry]);
  });

  it('fails the panel creation in one line when DevTools never creates it, and refuses a page without DevTools', async () => {
    vi.useFakeTimers();
    const pending = realPlatform({ inspectedWindow: {}, network: {}, panels: { create: () => new Promise(() => {}) } }).createPanel('t', 'i', 'p');
    const check = expect(pending).rejects.toThrow('DevTools did not create the panel');
    await vi.advanceTimersByTimeAsync(HAR_TIMEOUT_MS + 1);
    await check;
    expect(() => createRealPlatform(undefined)).toThrow(/DevTools APIs are not available/);
  });

  it('maps Chrome\'s "default" theme to light', () => {
    expect(realPlatform({ inspectedWindow: {}, network: {}, panels: { themeName: 'default' } }).themeName()).toBe('light');
  });
});

describe("the inspected document's timeOrigin (inspectedWindow.eval)", () => {
  function withEval(evaluate: (...args: unknown[]) => unknown) {
    const calls: unknown[][] = [];
    const platform = realPlatform({
      inspectedWindow: {
        reload: () => undefined,
        eval: (...args: unknown[]) => {
          calls.push(args);
          return evaluate(...args);
        },
      },
      network: {},
      panels: {},
    });
    return { platform, calls };
  }

  it('asks the page for performance.timeOrigin only, in the promise form (no callback argument: the polyfill refuses a third)', async () => {
    const { platform, calls } = withEval(() => new Promise((r) => setTimeout(() => r([1795632978925.5, undefined]), 1)));
    expect(await platform.documentTimeOrigin()).toBe(1795632978925.5);
    expect(calls).toEqual([['performance.timeOrigin', {}]]);
  });

  it('gives null when the browser reports an error (a new document with no execution context yet) or the page throws', async () => {
    const error = { code: 'E_FAILED', description: 'Operation failed: %s', details: ['https://x.example/ has no execution context'], isError: true };
    expect(await withEval(() => Promise.resolve([undefined, error])).platform.documentTimeOrigin()).toBeNull();
    expect(await withEval(() => Promise.resolve([undefined, { isException: true, value: 'boom' }])).platform.documentTimeOrigin()).toBeNull();
    expect(await withEval(() => Promise.resolve(['not a number'])).platform.documentTimeOrigin()).toBeNull();
    expect(await withEval(() => Promise.resolve([undefined, { isError: true, code: 'E_PROTOCOLERROR' }])).platform.documentTimeOrigin()).toBeNull();
  });

  it('gives null when the call is refused or throws', async () => {
    expect(await withEval(() => Promise.reject(new Error('refused'))).platform.documentTimeOrigin()).toBeNull();
    expect(
      await withEval(() => {
        throw new Error('Expected at most 2 arguments');
      }).platform.documentTimeOrigin(),
    ).toBeNull();
  });

  it('reads the answer as the polyfill gives it for Chrome and Firefox gives it natively: [result, exceptionInfo]', async () => {
    expect(await withEval(() => Promise.resolve([1795632978925, undefined])).platform.documentTimeOrigin()).toBe(1795632978925);
  });

  it('gives null when the page never answers', async () => {
    vi.useFakeTimers();
    const pending = withEval(() => new Promise(() => {})).platform.documentTimeOrigin();
    vi.advanceTimersByTime(ORIGIN_TIMEOUT_MS + 1);
    expect(await pending).toBeNull();
  });
});
