/**
 * The one seam between the panel and the browser. Everything the extension needs from DevTools goes
 * through `Platform`; `createRealPlatform()` implements it over the browsers' `devtools.*` APIs and
 * `fake-platform.ts` implements it in memory for tests and the plain-tab demo (`panel.html?fake=1`).
 *
 * Storage: `storage.local` needs the "storage" permission in MV3 and the extension asks for none, so the
 * settings live in the extension origin's `localStorage` (shared by the devtools page and the panel).
 */
import type { HarEntryLike, ProbeRequest, ProbeResponse, ProbeSend } from '../core/index';

export type ThemeName = 'light' | 'dark';

/** What `getContent()` answered: Chrome `[body, encoding]`, Firefox `[body, mimeType]`. */
export type ContentResult = [body: string | null, second: string | null];

/** One finished request as DevTools reports it. */
export interface RawRequest {
  entry: HarEntryLike;
  /** Rejects when DevTools did not hand the body over (no answer within CONTENT_TIMEOUT_MS, or refused). */
  getContent(): Promise<ContentResult>;
}

export interface PanelHandle {
  /** Called with the panel's window each time the panel is shown. */
  onShown(listener: (win: Window) => void): void;
}

export interface Platform {
  /** Finished requests, from the moment it is called. Returns an unsubscribe function. */
  onRequest(listener: (request: RawRequest) => void): () => void;
  /** Everything DevTools recorded for the inspected page. */
  getHAR(): Promise<RawRequest[]>;
  /**
   * The inspected page's URL changed: a new document, or a same-document change (fragment, `history.pushState`,
   * `replaceState`); browsers report both here. Telling them apart is the collector's job (`documentTimeOrigin`).
   */
  onNavigated(listener: (url: string) => void): () => void;
  /**
   * `performance.timeOrigin` of the inspected page's current document (read-only `inspectedWindow.eval`, no
   * permission needed): a new document has a new one, a same-document navigation keeps it. Null when the page
   * cannot be asked (no execution context yet, a page DevTools may not script, no answer within ORIGIN_TIMEOUT_MS).
   * Never rejects.
   */
  documentTimeOrigin(): Promise<number | null>;
  themeName(): ThemeName;
  onThemeChanged(listener: (theme: ThemeName) => void): () => void;
  reloadInspected(): void;
  storageGet(key: string): string | null;
  storageSet(key: string, value: string): void;
  /** Devtools page only. */
  createPanel(title: string, iconPath: string, pagePath: string): Promise<PanelHandle>;
}

/**
 * What the routing probe needs from the browser: an optional host permission for one exact origin, asked at the
 * user's click, and a sender in the extension's background (never the inspected page).
 */
export interface ProbeBridge {
  /** Asks for `origin` only. Must be called from the click that confirmed the consent. */
  requestOrigin(origin: string): Promise<boolean>;
  /** Sends one probe request from the background script; it refuses any origin not granted. */
  send: ProbeSend;
  /** How the permission is asked: in the panel (Chrome) or on a small extension page (Firefox). */
  asksIn: 'panel' | 'page';
}

/** Background messages (src/background/background.ts). */
export const PROBE_MESSAGES = { send: 'coveoHub.probe.send', has: 'coveoHub.probe.has', openGrant: 'coveoHub.probe.openGrant' } as const;
/** How long the panel waits for the user to answer the Firefox permission page. */
export const GRANT_WAIT_MS = 120_000;

interface RuntimeLike {
  sendMessage(message: unknown, callback?: (response: unknown) => void): unknown;
  lastError?: unknown;
}
interface PermissionsLike {
  request(p: { origins: string[] }, callback?: (granted: boolean) => void): unknown;
}

function message(runtime: RuntimeLike, msg: unknown, timeoutMs: number): Promise<unknown> {
  return callHybrid((cb) => runtime.sendMessage(msg, cb), timeoutMs).then((answer) => answer?.[0] ?? null);
}

/**
 * The probe bridge over `runtime` messages to the background, and `permissions` where the page has it. Created in
 * the panel's own document (not handed over by the devtools page), so the permission request runs in the click's
 * user gesture.
 */
export function createProbeBridge(g: { chrome?: { runtime?: RuntimeLike; permissions?: PermissionsLike } }): ProbeBridge | undefined {
  const runtime = g.chrome?.runtime;
  if (!runtime || typeof runtime.sendMessage !== 'function') return undefined;
  const permissions = g.chrome?.permissions;
  const pattern = (origin: string) => `${origin}/*`;
  return {
    asksIn: permissions && typeof permissions.request === 'function' ? 'panel' : 'page',
    requestOrigin(origin) {
      if (permissions && typeof permissions.request === 'function') {
        return callHybrid((cb) => permissions.request({ origins: [pattern(origin)] }, cb), GRANT_WAIT_MS).then((answer) => answer?.[0] === true);
      }
      // Firefox: DevTools pages have no permissions API. The background opens a small extension page whose button asks.
      return (async () => {
        if ((await message(runtime, { type: PROBE_MESSAGES.has, origin }, 5_000)) === true) return true; // granted before
        await message(runtime, { type: PROBE_MESSAGES.openGrant, origin }, 5_000);
        const until = Date.now() + GRANT_WAIT_MS;
        while (Date.now() < until) {
          if ((await message(runtime, { type: PROBE_MESSAGES.has, origin }, 5_000)) === true) return true;
          await new Promise((r) => setTimeout(r, 400));
        }
        return false;
      })();
    },
    async send(request: ProbeRequest): Promise<ProbeResponse> {
      const answer = (await message(runtime, { type: PROBE_MESSAGES.send, request }, request.timeoutMs + 5_000)) as ProbeResponse | null;
      if (answer && typeof answer === 'object' && ('status' in answer || 'error' in answer)) return answer;
      return { error: 'network', message: 'the extension\'s background did not answer' };
    },
  };
}

/** How long to wait for `getContent()` before giving up on a body. */
export const CONTENT_TIMEOUT_MS = 5_000;
/** How long to wait for `getHAR()`. */
export const HAR_TIMEOUT_MS = 10_000;
/** How long to wait for the inspected page's `performance.timeOrigin` (Chromium answers in a few ms). */
export const ORIGIN_TIMEOUT_MS = 1_000;

export function normaliseTheme(name: unknown): ThemeName {
  return name === 'dark' ? 'dark' : 'light';
}

type AnyFn = (...args: unknown[]) => unknown;
interface EventLike {
  addListener(listener: AnyFn): void;
  removeListener(listener: AnyFn): void;
}
interface DevtoolsRequestLike extends HarEntryLike {
  getContent(callback?: (body: unknown, second: unknown) => void): unknown;
}
interface DevtoolsApi {
  inspectedWindow: {
    reload(options?: object): void;
    /** Chrome: callback `(result, exceptionInfo)`; Firefox: also a promise of `[result, exceptionInfo]`. */
    eval: (expression: string, options?: object, callback?: (result: unknown, exceptionInfo: unknown) => void) => unknown;
  };
  network: {
    onRequestFinished: EventLike;
    onNavigated: EventLike;
    getHAR(callback?: (har: unknown) => void): unknown;
  };
  panels: {
    themeName?: string;
    onThemeChanged?: EventLike;
    /** Chrome 99+: a single handler instead of an event. */
    setThemeChangeHandler?: (callback?: (name: unknown) => void) => void;
    create(title: string, icon: string, page: string, callback?: (panel: unknown) => void): unknown;
  };
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

function asText(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/**
 * Calls a DevTools API that answers by callback (Chrome) or by promise (Firefox, and Chrome's newer
 * `browser` namespace for some functions only): passes a callback, falls back to no callback when the
 * browser refuses the extra argument, takes whichever answer comes first, and never hangs or rejects.
 */
export function callHybrid(invoke: (callback?: (...args: unknown[]) => void) => unknown, timeoutMs: number): Promise<unknown[] | null> {
  return new Promise<unknown[] | null>((resolve) => {
    let settled = false;
    const done = (value: unknown[] | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(value);
    };
    const timer = setTimeout(() => done(null), timeoutMs);
    const callback = (...args: unknown[]): void => done(args);
    let result: unknown;
    try {
      result = invoke(callback);
    } catch {
      try {
        result = invoke();
      } catch {
        done(null);
        return;
      }
    }
    if (isThenable(result)) result.then((value) => done([value]), () => done(null));
  });
}

/**
 * Reads a request's body: Chrome calls back with `(body, encoding)`, Firefox resolves `[body, mimeType]`.
 * Rejects when the browser gave no answer within CONTENT_TIMEOUT_MS or refused the call.
 */
export async function readContent(request: DevtoolsRequestLike): Promise<ContentResult> {
  const answer = await callHybrid((cb) => request.getContent(cb), CONTENT_TIMEOUT_MS);
  if (!answer) throw new Error(`DevTools did not return the response body within ${CONTENT_TIMEOUT_MS / 1000} s`);
  const [first, second] = answer;
  if (Array.isArray(first)) return [asText(first[0]), asText(first[1])];
  return [asText(first), asText(second)];
}

/** What the page is asked: one number, read-only. */
export const TIME_ORIGIN_EXPRESSION = 'performance.timeOrigin';

/**
 * Reads `inspectedWindow.eval`'s answer: Chrome calls back `(result, exceptionInfo)`, Firefox's promise resolves
 * `[result, exceptionInfo]`; exceptionInfo is set (isError / isException) when the page could not be evaluated.
 */
export function readTimeOrigin(answer: unknown[] | null): number | null {
  if (!answer) return null;
  let [result, info] = answer;
  if (answer.length === 1 && Array.isArray(result)) [result, info] = result as unknown[];
  const failed = typeof info === 'object' && info !== null && ((info as { isError?: unknown }).isError || (info as { isException?: unknown }).isException);
  if (failed) return null;
  return typeof result === 'number' && Number.isFinite(result) && result > 0 ? result : null;
}

function toRaw(request: DevtoolsRequestLike): RawRequest {
  return { entry: request, getContent: () => readContent(request) };
}

function subscribe(event: EventLike | undefined, listener: AnyFn): () => void {
  if (!event) return () => {};
  event.addListener(listener);
  return () => event.removeListener(listener);
}

function safeLocalStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** The real platform, over `chrome.devtools` (both browsers have it) or `browser.devtools`. */
export function createRealPlatform(): Platform {
  const g = globalThis as unknown as { browser?: { devtools?: DevtoolsApi }; chrome?: { devtools?: DevtoolsApi } };
  const api = g.chrome?.devtools ?? g.browser?.devtools;
  if (!api) throw new Error('DevTools APIs are not available: open this page from the browser DevTools.');

  return {
    onRequest(listener) {
      return subscribe(api.network.onRequestFinished, (request: unknown) => {
        listener(toRaw(request as DevtoolsRequestLike));
      });
    },
    async getHAR() {
      const answer = await callHybrid((cb) => api.network.getHAR(cb), HAR_TIMEOUT_MS);
      const entries = (answer?.[0] as { entries?: unknown } | null | undefined)?.entries;
      return Array.isArray(entries) ? entries.map((e) => toRaw(e as DevtoolsRequestLike)) : [];
    },
    onNavigated(listener) {
      return subscribe(api.network.onNavigated, (url: unknown) => listener(typeof url === 'string' ? url : ''));
    },
    async documentTimeOrigin() {
      const evaluate = api.inspectedWindow.eval;
      if (typeof evaluate !== 'function') return null;
      const answer = await callHybrid((cb) => evaluate.call(api.inspectedWindow, TIME_ORIGIN_EXPRESSION, {}, cb), ORIGIN_TIMEOUT_MS);
      return readTimeOrigin(answer);
    },
    themeName() {
      return normaliseTheme(api.panels.themeName);
    },
    onThemeChanged(listener) {
      const handler = (name: unknown): void => listener(normaliseTheme(name));
      if (api.panels.onThemeChanged) return subscribe(api.panels.onThemeChanged, handler);
      if (typeof api.panels.setThemeChangeHandler === 'function') {
        try {
          api.panels.setThemeChangeHandler(handler);
          return () => api.panels.setThemeChangeHandler?.(undefined);
        } catch {
          return () => {};
        }
      }
      return () => {};
    },
    reloadInspected() {
      api.inspectedWindow.reload({});
    },
    storageGet(key) {
      try {
        return safeLocalStorage()?.getItem(key) ?? null;
      } catch {
        return null;
      }
    },
    storageSet(key, value) {
      try {
        safeLocalStorage()?.setItem(key, value);
      } catch {
        /* storage refused: the setting lasts for this session only */
      }
    },
    async createPanel(title, iconPath, pagePath) {
      const answer = await callHybrid((cb) => api.panels.create(title, iconPath, pagePath, cb), HAR_TIMEOUT_MS);
      const panel = answer?.[0] as { onShown?: EventLike } | undefined;
      if (!panel) throw new Error('DevTools did not create the panel');
      return { onShown: (listener) => void subscribe(panel.onShown, (win: unknown) => listener(win as Window)) };
    },
  };
}

/** Settings in the extension origin's localStorage (no permission needed), for code that runs before the link. */
export function localSettings(): { storageGet(key: string): string | null; storageSet(key: string, value: string): void } {
  return {
    storageGet(key) {
      try {
        return safeLocalStorage()?.getItem(key) ?? null;
      } catch {
        return null;
      }
    },
    storageSet(key, value) {
      try {
        safeLocalStorage()?.setItem(key, value);
      } catch {
        /* refused: the setting lasts for this session only */
      }
    },
  };
}
