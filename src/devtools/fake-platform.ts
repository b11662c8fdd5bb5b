/**
 * An in-memory `Platform` for tests and the plain-tab demo: the test (or demo) plays DevTools by emitting
 * requests, navigations (new documents or same-document URL changes) and theme changes, and decides how the
 * page, getContent() and getHAR() answer.
 */
import type { HarEntryLike } from '../core/index';
import type { ContentResult, PanelHandle, Platform, RawRequest, ThemeName } from './platform';

export interface FakeRequestInit {
  entry: HarEntryLike;
  /**
   * What `getContent()` answers; defaults to the entry's own `response.content.text`. A function plays any other
   * behaviour: never answering (`() => new Promise(() => {})`), rejecting, answering late.
   */
  content?: ContentResult | (() => Promise<ContentResult>);
}

/** How the fake page answers `documentTimeOrigin()` (DevTools' `inspectedWindow.eval`). */
export type EvalBehaviour = 'answer' | 'fail' | 'hang';

let lastOrigin = 0;
/** A new document's `performance.timeOrigin`: now, strictly increasing. */
function newOrigin(): number {
  lastOrigin = Math.max(Date.now(), lastOrigin + 1);
  return lastOrigin;
}

export class FakePlatform implements Platform {
  private requestListeners = new Set<(request: RawRequest) => void>();
  private navigationListeners = new Set<(url: string) => void>();
  private themeListeners = new Set<(theme: ThemeName) => void>();
  private shownListeners: ((win: Window) => void)[] = [];
  private storage = new Map<string, string>();
  private har: RawRequest[] = [];
  private theme: ThemeName;
  /** The inspected page's current document. */
  document = { url: 'https://www.acme.example/', timeOrigin: newOrigin() };
  /** How the page answers `documentTimeOrigin()`. */
  evalBehaviour: EvalBehaviour = 'answer';
  /** How many times the page was asked for its timeOrigin. */
  evalCalls = 0;
  /** When true, `getHAR()` never answers (a DevTools that does not respond). */
  harHangs = false;
  /** Set by holdHar(): `getHAR()` answers once released, with DevTools' log as it is then. */
  private harGate: Promise<void> | null = null;
  /** How many times `getHAR()` was called. */
  harCalls = 0;
  /** How many times `getContent()` was called, for tests about bodies. */
  contentReads = 0;
  reloads = 0;
  panelsCreated: { title: string; iconPath: string; pagePath: string }[] = [];

  constructor(options: { theme?: ThemeName; storage?: Record<string, string> } = {}) {
    this.theme = options.theme ?? 'light';
    for (const [key, value] of Object.entries(options.storage ?? {})) this.storage.set(key, value);
  }

  /** Builds a RawRequest the way DevTools would hand it over. */
  makeRequest(init: FakeRequestInit | HarEntryLike): RawRequest {
    const { entry, content } = 'entry' in init ? init : { entry: init, content: undefined };
    return {
      entry,
      getContent: () => {
        this.contentReads++;
        if (typeof content === 'function') return content();
        return Promise.resolve(content ?? [entry.response?.content?.text ?? null, entry.response?.content?.encoding ?? null]);
      },
    };
  }

  /** DevTools finished a request: listeners hear it and `getHAR()` will include it. */
  emitRequest(init: FakeRequestInit | HarEntryLike, options: { inHar?: boolean } = {}): void {
    const request = this.makeRequest(init);
    if (options.inHar !== false) this.har.push(request);
    for (const listener of [...this.requestListeners]) listener(request);
  }

  /** Adds an entry only to what `getHAR()` returns (seen by DevTools, missed by the listener). */
  addToHar(init: FakeRequestInit | HarEntryLike): void {
    this.har.push(this.makeRequest(init));
  }

  /** A new document (link, reload, typed URL): a new timeOrigin, DevTools' log starts again. */
  navigate(url: string, options: { timeOrigin?: number } = {}): void {
    this.har = [];
    this.document = { url, timeOrigin: options.timeOrigin ?? newOrigin() };
    for (const listener of [...this.navigationListeners]) listener(url);
  }

  /**
   * A same-document URL change (`location.hash = ...`, `history.pushState`, `replaceState`): DevTools reports it
   * through onNavigated too, but the document, its timeOrigin and DevTools' log stay.
   */
  navigateWithinDocument(url: string): void {
    this.document = { ...this.document, url };
    for (const listener of [...this.navigationListeners]) listener(url);
  }

  setTheme(theme: ThemeName): void {
    this.theme = theme;
    for (const listener of [...this.themeListeners]) listener(theme);
  }

  /** Plays "the user opened the panel tab". */
  showPanel(win: Window): void {
    for (const listener of this.shownListeners) listener(win);
  }

  onRequest(listener: (request: RawRequest) => void): () => void {
    this.requestListeners.add(listener);
    return () => this.requestListeners.delete(listener);
  }

  getHAR(): Promise<RawRequest[]> {
    this.harCalls++;
    if (this.harHangs) return new Promise(() => {});
    const gate = this.harGate;
    if (gate) return gate.then(() => [...this.har]);
    return Promise.resolve([...this.har]);
  }

  /**
   * Holds every `getHAR()` answer until the returned function is called: plays a DevTools front-end that is busy
   * when asked (its answer then reflects the log at the time it gets to the question, not when it was asked).
   */
  holdHar(): () => void {
    let release = (): void => {};
    this.harGate = new Promise<void>((resolve) => (release = resolve));
    return () => {
      this.harGate = null;
      release();
    };
  }

  onNavigated(listener: (url: string) => void): () => void {
    this.navigationListeners.add(listener);
    return () => this.navigationListeners.delete(listener);
  }

  documentTimeOrigin(): Promise<number | null> {
    this.evalCalls++;
    if (this.evalBehaviour === 'hang') return new Promise(() => {});
    return Promise.resolve(this.evalBehaviour === 'answer' ? this.document.timeOrigin : null);
  }

  themeName(): ThemeName {
    return this.theme;
  }

  onThemeChanged(listener: (theme: ThemeName) => void): () => void {
    this.themeListeners.add(listener);
    return () => this.themeListeners.delete(listener);
  }

  reloadInspected(): void {
    this.reloads++;
  }

  storageGet(key: string): string | null {
    return this.storage.get(key) ?? null;
  }

  storageSet(key: string, value: string): void {
    this.storage.set(key, value);
  }

  createPanel(title: string, iconPath: string, pagePath: string): Promise<PanelHandle> {
    this.panelsCreated.push({ title, iconPath, pagePath });
    return Promise.resolve({ onShown: (listener) => void this.shownListeners.push(listener) });
  }
}
