/**
 * The one seam between the panel and the browser. Everything the extension needs from DevTools goes
 * through `Platform`; `createRealPlatform(browser.devtools)` implements it over the promise-based `devtools.*`
 * namespace (webextension-polyfill's in Chrome, the browser's own in Firefox: see browser.ts), and
 * `fake-platform.ts` implements it in memory for tests and the demo page (src/demo).
 *
 * Storage: `storage.local` needs the "storage" permission in MV3 and the extension asks for none, so the
 * settings live in the extension origin's `localStorage` (shared by the devtools page and the panel).
 */
import type { HarEntryLike } from '../core/index';
import type { Devtools } from 'webextension-polyfill';

/** The probe's seam lives in probe-bridge.ts; its type is re-exported here for the panel. */
export type { ProbeBridge } from './probe-bridge';

export type ThemeName = 'light' | 'dark';

/** What `getContent()` answered: Chrome `[body, encoding]`, Firefox `[body, mimeType]`. */
export type ContentResult = [body: string | null, second: string | null];

/** One finished request as DevTools reports it. */
export interface RawRequest {
  entry: HarEntryLike;
  /** Rejects when DevTools refused the body. Sets no timeout: the collector's body reader bounds the wait. */
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
/**
 * A request as DevTools hands it over: a HAR entry with `getContent()`. A promise in Firefox and for the requests
 * webextension-polyfill passes to `onRequestFinished`; a callback in Chrome for the entries of `getHAR()`.
 */
type DevtoolsRequestLike = HarEntryLike & { getContent(callback?: (body: unknown, second: unknown) => void): unknown };

/**
 * The `devtools` namespace the real platform runs on: webextension-polyfill's types, plus what they leave out.
 * Chrome's `getHAR` still answers by callback only (the polyfill does not wrap it), and Chrome 99+ reports theme
 * changes through `setThemeChangeHandler` instead of Firefox's `onThemeChanged` event.
 */
export type DevtoolsApi = Devtools.Static & {
  panels: Devtools.Static['panels'] & { setThemeChangeHandler?: (callback?: (name: unknown) => void) => void };
};

/** A promise that settles with the answer, or with null after `timeoutMs` or on a refusal: never hangs, never rejects. */
export function withTimeout<T>(start: () => Promise<T>, timeoutMs: number): Promise<T | null> {
  return new Promise<T | null>((resolve) => {
    const timer = setTimeout(() => resolve(null), timeoutMs);
    const done = (value: T | null): void => {
      clearTimeout(timer);
      resolve(value);
    };
    try {
      start().then(done, () => done(null));
    } catch {
      done(null);
    }
  });
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

function asText(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/**
 * Calls a DevTools API that answers by callback in Chrome and by promise in Firefox (the two webextension-polyfill
 * leaves alone: `getHAR`, and `getContent` of the entries `getHAR` returns): passes a callback, calls again with no
 * callback argument at all when the browser (or the polyfill) refuses it, takes whichever answer comes first, and
 * never hangs or rejects.
 */
export function callHybrid(invoke: (callback?: (...args: unknown[]) => void) => unknown, timeoutMs: number | null): Promise<unknown[] | null> {
  return new Promise<unknown[] | null>((resolve) => {
    let settled = false;
    const done = (value: unknown[] | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(value);
    };
    const timer = timeoutMs === null ? undefined : setTimeout(() => done(null), timeoutMs);
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
    if (isThenable(result))
      result.then(
        (value) => done([value]),
        () => done(null),
      );
  });
}

/**
 * Reads a request's body: Chrome calls back with `(body, encoding)`, Firefox resolves `[body, mimeType]`.
 * Rejects when the browser refused the call or gave no answer within `timeoutMs` (null: no timeout of its own).
 */
export async function readContent(request: DevtoolsRequestLike, timeoutMs: number | null = CONTENT_TIMEOUT_MS): Promise<ContentResult> {
  const answer = await callHybrid((cb) => (cb ? request.getContent(cb) : request.getContent()), timeoutMs);
  if (!answer) {
    throw new Error(
      timeoutMs === null ? 'DevTools refused to return the response body' : `DevTools did not return the response body within ${timeoutMs / 1000} s`,
    );
  }
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
  // The one body timeout is the collector's (capture/body-reader.ts), not stacked on one here.
  return { entry: request, getContent: () => readContent(request, null) };
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

/**
 * The real platform, over the promise-based `devtools` namespace (`extensionBrowser.devtools`, browser.ts). Every
 * call is bounded by a timeout: DevTools may never answer.
 */
export function createRealPlatform(api: DevtoolsApi | undefined): Platform {
  if (!api) throw new Error('DevTools APIs are not available: open this page from the browser DevTools.');
  const { inspectedWindow, network, panels } = api;

  return {
    onRequest(listener) {
      return subscribe(network.onRequestFinished as unknown as EventLike, (request: unknown) => {
        listener(toRaw(request as DevtoolsRequestLike));
      });
    },
    async getHAR() {
      // Chrome answers by callback only (the polyfill leaves getHAR as it is), Firefox by promise.
      const getHAR = network.getHAR as unknown as (callback?: (har: unknown) => void) => unknown;
      const answer = await callHybrid((cb) => (cb ? getHAR.call(network, cb) : getHAR.call(network)), HAR_TIMEOUT_MS);
      const entries = (answer?.[0] as { entries?: unknown } | null | undefined)?.entries;
      return Array.isArray(entries) ? entries.map((e) => toRaw(e as DevtoolsRequestLike)) : [];
    },
    onNavigated(listener) {
      return subscribe(network.onNavigated as unknown as EventLike, (url: unknown) => listener(typeof url === 'string' ? url : ''));
    },
    async documentTimeOrigin() {
      // Called through a local name: the bundles carry no `eval(` text at all (test/build guards it).
      const evaluate = inspectedWindow.eval;
      if (typeof evaluate !== 'function') return null;
      const answer = await withTimeout(() => evaluate.call(inspectedWindow, TIME_ORIGIN_EXPRESSION, {}), ORIGIN_TIMEOUT_MS);
      return readTimeOrigin(answer === null ? null : [answer]);
    },
    themeName() {
      return normaliseTheme(panels.themeName);
    },
    onThemeChanged(listener) {
      const handler = (name: unknown): void => listener(normaliseTheme(name));
      if (panels.onThemeChanged) return subscribe(panels.onThemeChanged as unknown as EventLike, handler);
      if (typeof panels.setThemeChangeHandler === 'function') {
        try {
          panels.setThemeChangeHandler(handler);
          return () => panels.setThemeChangeHandler?.(undefined);
        } catch {
          return () => {};
        }
      }
      return () => {};
    },
    reloadInspected() {
      inspectedWindow.reload({});
    },
    ...localSettings(),
    async createPanel(title, iconPath, pagePath) {
      const panel = await withTimeout(() => panels.create(title, iconPath, pagePath), HAR_TIMEOUT_MS);
      if (!panel) throw new Error('DevTools did not create the panel');
      return { onShown: (listener) => void subscribe(panel.onShown as unknown as EventLike, (win: unknown) => listener(win as Window)) };
    },
  };
}

/** Settings in the extension origin's localStorage (no permission needed), for code that runs before the link. */
export function localSettings(): Pick<Platform, 'storageGet' | 'storageSet'> {
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
