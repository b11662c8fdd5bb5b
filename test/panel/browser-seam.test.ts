// The browser seam end to end in Node: the real webextension-polyfill over a stand-in of Chrome's callback-style
// `chrome.*`, with the real platform and probe bridge on top. What Chrome answers by callback reaches the panel as
// promises, and what the polyfill leaves alone (getHAR) still works.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'webextension-polyfill';
import { createRealPlatform, type DevtoolsApi } from '../../src/devtools/platform';
import { createProbeBridge, PROBE_MESSAGES } from '../../src/devtools/probe-bridge';
import { coveoCall } from './helpers';

type Listener = (...a: unknown[]) => void;
const listeners: Record<string, Listener[]> = {};
const event = (name: string) => ({
  addListener: (l: Listener) => {
    listeners[name] = [...(listeners[name] ?? []), l];
  },
  removeListener: (l: Listener) => {
    listeners[name] = (listeners[name] ?? []).filter((x) => x !== l);
  },
  hasListener: (l: Listener) => (listeners[name] ?? []).includes(l),
});
const sent: unknown[] = [];
const asked: unknown[] = [];
const harEntry = { ...coveoCall(), getContent: (cb: (b: string, e: string) => void) => cb('eyJ9', 'base64') };
const chrome = {
  runtime: {
    id: 'extension-id',
    lastError: undefined,
    sendMessage: (msg: unknown, cb: (r: unknown) => void) => {
      sent.push(msg);
      setTimeout(() => cb((msg as { type: string }).type === PROBE_MESSAGES.send ? { status: 200, body: '{}' } : true), 1);
    },
  },
  permissions: {
    request: (p: unknown, cb: (granted: boolean) => void) => {
      asked.push(p);
      cb(true);
    },
  },
  devtools: {
    inspectedWindow: { eval: (_e: string, _o: unknown, cb: (r: unknown, x: unknown) => void) => cb(1795632978925.5, undefined), reload: () => undefined },
    network: { onRequestFinished: event('request'), onNavigated: event('nav'), getHAR: (cb: (h: unknown) => void) => cb({ entries: [harEntry] }) },
    panels: { themeName: 'dark', create: (_t: string, _i: string, _p: string, cb: (panel: unknown) => void) => cb({ onShown: event('shown') }) },
  },
};

let browser: Browser;
beforeAll(async () => {
  vi.stubGlobal('chrome', chrome);
  browser = ((await import('webextension-polyfill')) as unknown as { default: Browser }).default;
});
afterAll(() => vi.unstubAllGlobals());

describe('the real platform over webextension-polyfill (Chrome)', () => {
  it("reads the page's timeOrigin, creates the panel, reads HAR entries and wrapped request bodies", async () => {
    expect(browser).not.toBe(chrome);
    const platform = createRealPlatform(browser.devtools as DevtoolsApi);
    expect(platform.themeName()).toBe('dark');
    expect(await platform.documentTimeOrigin()).toBe(1795632978925.5);
    const panel = await platform.createPanel('Coveo Hub', 'icons/icon-32.png', 'panel.html');
    expect(typeof panel.onShown).toBe('function');
    const har = await platform.getHAR();
    expect(await har[0]!.getContent()).toEqual(['eyJ9', 'base64']);
    const bodies: Promise<unknown>[] = [];
    platform.onRequest((r) => bodies.push(r.getContent()));
    // Chrome hands the listener a request whose getContent takes a callback; the polyfill makes it a promise.
    listeners.request?.[0]?.({ ...coveoCall(), getContent: (cb: (b: string, m: string) => void) => cb('{"a":1}', '') });
    expect(await bodies[0]).toEqual(['{"a":1}', '']);
  });
});

describe('the probe bridge over webextension-polyfill (Chrome)', () => {
  it('asks the permission in the panel for one origin and sends through the background', async () => {
    const bridge = createProbeBridge(browser);
    expect(bridge?.asksIn).toBe('panel');
    expect(await bridge!.requestOrigin('https://acme.org.coveo.com')).toBe(true);
    expect(asked).toEqual([{ origins: ['https://acme.org.coveo.com/*'] }]);
    const request = { url: 'https://acme.org.coveo.com/rest/search/v2', method: 'POST', headers: [], body: '{}', timeoutMs: 1_000 };
    expect(await bridge!.send(request as never)).toEqual({ status: 200, body: '{}' });
    expect(sent).toEqual([{ type: PROBE_MESSAGES.send, request }]);
  });
});

describe('the probe bridge on Firefox DevTools pages (no permissions API)', () => {
  it('has the background open the permission page, then waits until the origin is granted', async () => {
    const messages: { type: string; origin?: string }[] = [];
    const hasAnswers = [false, false, true];
    const runtime = {
      sendMessage: (msg: { type: string; origin?: string }) => {
        messages.push(msg);
        return Promise.resolve(msg.type === PROBE_MESSAGES.has ? hasAnswers.shift() : true);
      },
    };
    const bridge = createProbeBridge({ runtime } as never);
    expect(bridge?.asksIn).toBe('page');
    expect(await bridge!.requestOrigin('https://shop.example.com')).toBe(true);
    expect(messages.map((m) => m.type)).toEqual([PROBE_MESSAGES.has, PROBE_MESSAGES.openGrant, PROBE_MESSAGES.has, PROBE_MESSAGES.has]);
    expect(new Set(messages.map((m) => m.origin))).toEqual(new Set(['https://shop.example.com']));
  });

  it('offers no probe without a runtime, and says so when the background never answers', async () => {
    expect(createProbeBridge(undefined)).toBeUndefined();
    expect(createProbeBridge({})).toBeUndefined();
    const bridge = createProbeBridge({ runtime: { sendMessage: () => Promise.resolve(undefined) } } as never);
    expect(await bridge!.send({ url: 'https://x.example', method: 'POST', headers: [], body: '', timeoutMs: 10 } as never)).toEqual({
      error: 'network',
      message: "the extension's background did not answer",
    });
  });
});
