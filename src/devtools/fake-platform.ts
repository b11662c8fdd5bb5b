/**
 * An in-memory `Platform` for tests and the plain-tab demo: the test (or demo) plays DevTools by emitting
 * requests, navigations and theme changes.
 */
import type { HarEntryLike } from '../core/index';
import type { ContentResult, PanelHandle, Platform, RawRequest, ThemeName } from './platform';

export interface FakeRequestInit {
  entry: HarEntryLike;
  /** What `getContent()` answers; defaults to the entry's own `response.content.text`. */
  content?: ContentResult;
}

export class FakePlatform implements Platform {
  private requestListeners = new Set<(request: RawRequest) => void>();
  private navigationListeners = new Set<(url: string) => void>();
  private themeListeners = new Set<(theme: ThemeName) => void>();
  private shownListeners: ((win: Window) => void)[] = [];
  private storage = new Map<string, string>();
  private har: RawRequest[] = [];
  private theme: ThemeName;
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

  navigate(url: string): void {
    this.har = [];
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
    return Promise.resolve([...this.har]);
  }

  onNavigated(listener: (url: string) => void): () => void {
    this.navigationListeners.add(listener);
    return () => this.navigationListeners.delete(listener);
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
