/**
 * Page sessions: which document of the inspected tab each call belongs to.
 *
 * `onNavigated` reports every URL change of the inspected tab, same-document ones included (fragment, pushState,
 * replaceState; Chromium 156 verified). Only a new document starts a new session, as in DevTools' own Network
 * panel. The decision, in arrival order:
 * - a fragment-only change is the same document, without asking the page;
 * - otherwise the page's `performance.timeOrigin` is read: a new document has a new one. Compared with the
 *   current session's origin when known; when not known yet (the session's document had no execution context when
 *   it started: Chromium reports the navigation before the new document can be evaluated, usually for 30-50 ms,
 *   and the origin is then read again in the background), the document belongs to the current session if it
 *   began before that session did (a new document's timeOrigin is its navigation start, before the event);
 * - no answer (eval refused, failed or timed out): a new session. Merging two documents would silently show one
 *   page's calls, verdicts and checklist as another's; a spurious new session at worst repeats the previous
 *   behaviour (a separator, or a cleared list without "Preserve log") for a URL change the page made itself.
 * Calls that arrive after a navigation wait for its decision (normally a few ms, at most the origin timeout).
 */
import type { HarEntryLike } from '../../core/index';
import type { NavigationEvent } from './events';
import { type TimerHandle, type Timers, within } from './timers';

/** How far apart a page's `performance.timeOrigin` and DevTools' request start times may be (different clocks). */
export const CLOCK_TOLERANCE_MS = 1_000;
/** After a new document whose origin could not be read (no execution context yet), ask again after these delays (ms). */
const ORIGIN_RETRY_MS = [25, 50, 100, 200, 400, 800, 1_600, 3_200];

/**
 * True when `next` differs from `previous` only after the '#' (and has one): a fragment navigation, which the
 * HTML standard always performs within the same document. (A reload keeps the whole URL: not this.)
 */
export function isFragmentChange(previous: string | null, next: string): boolean {
  if (previous === null || previous === next) return false;
  const hash = next.indexOf('#');
  if (hash < 0) return false;
  const before = previous.indexOf('#');
  return (before < 0 ? previous : previous.slice(0, before)) === next.slice(0, hash);
}

export interface PageSessionsDeps {
  /** The page's `performance.timeOrigin` (Platform.documentTimeOrigin). */
  documentTimeOrigin(): Promise<number | null>;
  /** A new session started. */
  onSession(event: NavigationEvent): void;
  /** Work in flight, for the collector's `idle()`. */
  track<T>(promise: Promise<T>): Promise<T>;
  now(): Date;
  timers: Timers;
  originTimeoutMs: number;
}

export class PageSessions {
  /** The page session of whatever arrives now: resolves once every navigation received so far is decided. */
  current: Promise<number> = Promise.resolve(0);
  /** Navigation events received (synchronously counted, before their decision). */
  private navSeq = 0;
  /** The URL of the latest navigation event (null before the first one). */
  private lastUrl: string | null = null;
  /** Decided state of the latest session. */
  private session = 0;
  private sessionOrigin: number | null = null;
  private sessionStartedAt: number;
  private retryTimer: TimerHandle | null = null;
  private stopped = false;
  /**
   * Where each page session's document began (its `performance.timeOrigin`), once known: back-filled entries
   * that started clearly before it belong to an earlier session. Session 0 (the page DevTools opened on) has none.
   */
  private readonly starts = new Map<number, number>();

  constructor(private readonly deps: PageSessionsDeps) {
    this.sessionStartedAt = deps.now().getTime();
  }

  /** Listening starts (at `at`, ms): the document DevTools opened on is session 0; its origin is learnt. */
  start(at: number): void {
    this.stopped = false;
    this.sessionStartedAt = at;
    this.learnOrigin(0, 0, [0, ...ORIGIN_RETRY_MS]);
  }

  stop(): void {
    this.stopped = true;
    if (this.retryTimer !== null) this.deps.timers.clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  navigated(url: string): void {
    const at = this.deps.now();
    const seq = ++this.navSeq;
    const fragmentOnly = isFragmentChange(this.lastUrl, url);
    this.lastUrl = url;
    const before = this.current;
    // A decision never rejects: calls waiting on it would be lost.
    this.current = this.deps.track(before.then((session) => this.decide(url, at, seq, fragmentOnly, session).catch(() => session)));
  }

  /**
   * The session of a back-filled entry no live event came for: the latest one decided when getHAR() answered
   * (`upTo`), unless the entry started clearly before that session's document did (DevTools' log keeps older
   * documents' entries when its own "Preserve log" is on): then the earlier session it started in. A session
   * whose document start is unknown keeps what it is given (a call under the wrong page beats a dropped one).
   */
  backfillSession(entry: HarEntryLike, upTo: number): number {
    const started = typeof entry.startedDateTime === 'string' ? Date.parse(entry.startedDateTime) : NaN;
    if (Number.isNaN(started)) return upTo;
    let session = upTo;
    while (session > 0) {
      const begin = this.starts.get(session);
      if (begin === undefined || started >= begin - CLOCK_TOLERANCE_MS) break;
      session--;
    }
    return session;
  }

  private async decide(url: string, at: Date, seq: number, fragmentOnly: boolean, session: number): Promise<number> {
    if (fragmentOnly) return session;
    const origin = await this.readOrigin();
    if (origin !== null) {
      const same = this.sessionOrigin !== null ? origin === this.sessionOrigin : origin <= this.sessionStartedAt;
      if (same) {
        this.sessionOrigin = origin;
        return session;
      }
    }
    const next = session + 1;
    this.session = next;
    this.sessionOrigin = origin;
    if (origin !== null) this.starts.set(next, origin);
    this.sessionStartedAt = at.getTime();
    this.deps.onSession({ type: 'navigation', url, at: at.toISOString(), page: next });
    if (origin === null) this.learnOrigin(next, seq, ORIGIN_RETRY_MS);
    return next;
  }

  private readOrigin(): Promise<number | null> {
    let answer: Promise<number | null>;
    try {
      answer = this.deps.documentTimeOrigin();
    } catch {
      return Promise.resolve(null);
    }
    return within(answer, this.deps.originTimeoutMs, this.deps.timers).then(
      (value) => (typeof value === 'number' && Number.isFinite(value) ? value : null),
      () => null,
    );
  }

  /**
   * Reads the origin of session `session`'s document in the background (after each delay until one answers),
   * as long as no navigation arrived since (`seq`).
   */
  private learnOrigin(session: number, seq: number, delays: readonly number[]): void {
    const { timers } = this.deps;
    if (this.retryTimer !== null) timers.clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const attempt = (index: number): void => {
      const current = (): boolean => !this.stopped && this.navSeq === seq && this.session === session;
      if (!current() || index >= delays.length) return;
      this.retryTimer = timers.setTimeout(() => {
        this.retryTimer = null;
        if (!current()) return;
        void this.readOrigin().then((origin) => {
          if (!current() || this.sessionOrigin !== null) return;
          if (origin !== null) {
            this.sessionOrigin = origin;
            if (session > 0) this.starts.set(session, origin);
          } else attempt(index + 1);
        });
      }, delays[index] as number);
    };
    attempt(0);
  }
}
