/**
 * Capture: turns what DevTools reports into analysed calls. It runs in the devtools page from the moment
 * DevTools opens, keeps what it saw until the panel connects (the panel document loads lazily), then
 * streams live. Non-Coveo traffic is dropped at once and its body is never read; for Coveo calls only the
 * analysis and the raw credentials (for the explicit "Reveal" control) are kept, never the whole entry.
 */
import { analyzeEntry, decodeBase64, extractRawCredentials, shortHash } from '../core/index';
import type { CallReport, HarEntryLike, RawCredential } from '../core/index';
import { RESPONSE_KINDS } from '../core/kinds';
import { CONTENT_TIMEOUT_MS, HAR_TIMEOUT_MS, ORIGIN_TIMEOUT_MS } from './platform';
import type { Platform, RawRequest } from './platform';
import { trace, tracedSink } from './trace';

export interface CapturedCall {
  type: 'call';
  /** De-duplication key: startedDateTime + method + url + postData hash. */
  key: string;
  report: CallReport;
  secrets: RawCredential[];
  /**
   * The captured request (URL, method, headers, body) of a search or query-suggestion POST, kept in memory only so
   * that a routing probe the user starts can re-send it. Absent for every other call.
   */
  probeEntry?: HarEntryLike;
  /**
   * The page session (document) the call belongs to: 0 for the page DevTools opened on, then the `page` of the
   * navigation event that started its session. Absent: the latest session the store knows.
   */
  page?: number;
}
/** A new document in the inspected tab (same-document URL changes are not reported). */
export interface NavigationEvent {
  type: 'navigation';
  url: string;
  at: string;
  /** The page session this navigation starts (1, 2, ...). Absent: the one after the latest the store knows. */
  page?: number;
}
export interface DroppedEvent {
  type: 'dropped';
  count: number;
}
export type CaptureEvent = CapturedCall | NavigationEvent | DroppedEvent;
export type CaptureSink = (events: CaptureEvent[]) => void;

/** Bodies larger than this are not read (the analysis needs a few top-level fields only). */
const MAX_BODY_CHARS = 5_000_000;

export function entryKey(entry: HarEntryLike): string {
  const request = entry.request;
  const body = request.postData?.text ?? '';
  return `${entry.startedDateTime ?? ''} ${(request.method ?? 'GET').toUpperCase()} ${request.url ?? ''} ${shortHash(body)}:${body.length}`;
}

/** The request part of a search or query-suggestion POST (what a probe re-sends), copied; null for other calls. */
export function probeSource(entry: HarEntryLike, report: CallReport): HarEntryLike | null {
  if ((report.kind !== 'search' && report.kind !== 'querySuggest') || report.method !== 'POST') return null;
  const r = entry.request;
  return {
    startedDateTime: entry.startedDateTime,
    request: {
      method: r.method,
      url: r.url,
      headers: Array.isArray(r.headers) ? r.headers.map((h) => ({ name: h?.name, value: h?.value })) : [],
      ...(r.postData
        ? {
            postData: {
              mimeType: r.postData.mimeType,
              text: r.postData.text,
              ...(Array.isArray(r.postData.params) ? { params: r.postData.params.map((p) => ({ name: p?.name, value: p?.value })) } : {}),
            },
          }
        : {}),
    },
  };
}

export function isPreflight(entry: HarEntryLike): boolean {
  return (entry.request?.method ?? '').toUpperCase() === 'OPTIONS';
}

/** Decodes a body DevTools handed over: base64 when either browser says so. */
export function decodeBody(body: string, second: string | null, entry: HarEntryLike): string {
  const base64 = second === 'base64' || entry.response?.content?.encoding === 'base64';
  if (!base64) return body;
  return decodeBase64(body) ?? body;
}

function withBody(entry: HarEntryLike, text: string): HarEntryLike {
  const response = entry.response ?? {};
  const { encoding: _encoding, ...content } = response.content ?? {};
  return { ...entry, response: { ...response, content: { ...content, text } } };
}

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

class Timeout extends Error {}

/** `promise`, or a rejection with Timeout after `ms`. */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Timeout()), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** Body reads in flight at once: a few that never answer leave room for the others. */
const BODY_READS_AT_ONCE = 8;
/** After a new document whose origin could not be read (no execution context yet), ask again after these delays (ms). */
const ORIGIN_RETRY_MS = [25, 50, 100, 200, 400, 800, 1_600, 3_200];

export interface CollectorOptions {
  /** Calls kept before the panel first connects; older ones are dropped and counted. */
  bufferCap?: number;
  now?: () => Date;
  /** Per call: how long to wait for its response body before analysing it without. */
  contentTimeoutMs?: number;
  /** How long the back-fill waits for `getHAR()`. */
  harTimeoutMs?: number;
  /** How long a navigation waits for the page's `performance.timeOrigin` before counting as a new document. */
  originTimeoutMs?: number;
  /**
   * A back-filled entry that finished after the listener started waits this long for its live event (which
   * normally is there already, or on its way) before it is shown from getHAR().
   */
  liveGraceMs?: number;
  /**
   * A back-filled entry still in flight in DevTools' log (no response yet) waits this long for its finished live
   * event before it is shown as it is.
   */
  inFlightGraceMs?: number;
}

/** How far apart a page's `performance.timeOrigin` and DevTools' request start times may be (different clocks). */
export const CLOCK_TOLERANCE_MS = 1_000;
/** Default of CollectorOptions.liveGraceMs. */
export const LIVE_GRACE_MS = 3_000;
/** Default of CollectorOptions.inFlightGraceMs: longer than a slow search takes. */
export const IN_FLIGHT_GRACE_MS = 20_000;

/** A back-filled entry DevTools had not received the response of when it answered getHAR(). */
export function inFlight(entry: HarEntryLike): boolean {
  const status = entry.response?.status;
  return !(typeof status === 'number' && status > 0);
}

/** When an entry's request ended (start + total time), or NaN. */
function endTime(entry: HarEntryLike): number {
  const start = typeof entry.startedDateTime === 'string' ? Date.parse(entry.startedDateTime) : NaN;
  const time = typeof entry.time === 'number' && Number.isFinite(entry.time) && entry.time > 0 ? entry.time : 0;
  return start + time;
}

/**
 * Capture state machine.
 *
 * Calls are independent: each is filtered, de-duplicated and analysed at once, its response body (when needed)
 * read concurrently with the others under a per-call timeout, and it is emitted when ready, so one slow body or
 * an unanswered `getHAR()` holds up nothing else. Emission order is therefore not start order: each call carries
 * the page session it arrived in and the store orders calls by start time within their session.
 *
 * Page sessions: `onNavigated` reports every URL change of the inspected tab, same-document ones included
 * (fragment, pushState, replaceState; Chromium 156 verified). Only a new document starts a new session, as in
 * DevTools' own Network panel. The decision, in arrival order:
 * - a fragment-only change is the same document, without asking the page;
 * - otherwise the page's `performance.timeOrigin` is read: a new document has a new one. Compared with the
 *   current session's origin when known; when not known yet (the session's document had no execution context when
 *   it started: Chromium reports the navigation before the new document can be evaluated, usually for 30-50 ms,
 *   and the origin is then read again in the background), the document belongs to the current session if it
 *   began before that session did (a new document's timeOrigin is its navigation start, before the event);
 * - no answer (eval refused, failed or timed out): a new session. Merging two documents would silently show one
 *   page's calls, verdicts and checklist as another's; a spurious new session at worst repeats the previous
 *   behaviour (a separator, or a cleared list without "Preserve log") for a URL change the page made itself.
 * Calls that arrive after a navigation wait for its decision (normally a few ms, at most originTimeoutMs).
 */
export class Collector {
  private buffer: CaptureEvent[] = [];
  private bufferedCalls = 0;
  private bufferDropped = 0;
  private sink: CaptureSink | null = null;
  private pending = new Set<Promise<unknown>>();
  private seq = 0;
  private keys = new Set<string>();
  private backfilled = false;
  private stops: (() => void)[] = [];
  private stopped = false;
  private readonly bufferCap: number;
  private readonly now: () => Date;
  private readonly contentTimeoutMs: number;
  private readonly harTimeoutMs: number;
  private readonly originTimeoutMs: number;
  private readonly inFlightGraceMs: number;
  private readonly liveGraceMs: number;
  /** When start() subscribed to DevTools' events (ms). */
  private listeningSince = 0;
  /** Back-filled in-flight entries waiting for their live event, by key: call to say it came. */
  private awaitingLive = new Map<string, () => void>();
  /**
   * Where each page session's document began (its `performance.timeOrigin`), once known: back-filled entries
   * that started clearly before it belong to an earlier session. Session 0 (the page DevTools opened on) has none.
   */
  private sessionStarts = new Map<number, number>();

  /** Body reads in flight, and those waiting for a slot. */
  private reading = 0;
  private readQueue: (() => void)[] = [];

  /** The page session of whatever arrives now: resolves once every navigation received so far is decided. */
  private sessionNow: Promise<number> = Promise.resolve(0);
  /** Navigation events received (synchronously counted, before their decision). */
  private navSeq = 0;
  /** The URL of the latest navigation event (null before the first one). */
  private lastUrl: string | null = null;
  /** Decided state of the latest session. */
  private session = 0;
  private sessionOrigin: number | null = null;
  private sessionStartedAt: number;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    readonly platform: Platform,
    options: CollectorOptions = {},
  ) {
    this.bufferCap = options.bufferCap ?? 5_000;
    this.now = options.now ?? (() => new Date());
    this.contentTimeoutMs = options.contentTimeoutMs ?? CONTENT_TIMEOUT_MS + 1_000;
    this.harTimeoutMs = options.harTimeoutMs ?? HAR_TIMEOUT_MS + 1_000;
    this.originTimeoutMs = options.originTimeoutMs ?? ORIGIN_TIMEOUT_MS + 500;
    this.inFlightGraceMs = options.inFlightGraceMs ?? IN_FLIGHT_GRACE_MS;
    this.liveGraceMs = options.liveGraceMs ?? LIVE_GRACE_MS;
    this.sessionStartedAt = this.now().getTime();
  }

  start(): void {
    if (this.stops.length > 0) return;
    this.stopped = false;
    this.sessionStartedAt = this.now().getTime();
    this.listeningSince = this.sessionStartedAt;
    this.stops.push(this.platform.onRequest((request) => this.track(this.process(request, this.sessionNow))));
    this.stops.push(this.platform.onNavigated((url) => this.navigated(url)));
    // The document DevTools opened on: its origin, for the first navigation to compare with.
    this.learnOrigin(0, 0, [0, ...ORIGIN_RETRY_MS]);
  }

  stop(): void {
    this.stopped = true;
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    for (const stop of this.stops.splice(0)) stop();
  }

  /** Resolves once everything received so far (and anything it led to) has been processed. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /**
   * Hands the buffer to the panel, then streams live. On the first connection it also back-fills from
   * `getHAR()` (requests DevTools recorded that the listener missed), alongside live capture; duplicates are
   * skipped. Resolves once the back-fill and everything received so far are processed.
   *
   * The back-fill races the page (issue 9, item 10: a page that navigates as the panel first loads). DevTools
   * builds its answer when it gets to the question, which may be after navigations the devtools page has not heard
   * of yet when it asked: the answer then lists the new document's calls (some still in flight), which the live
   * listener is about to deliver with their right page session and their response. So the live listener is the
   * authority for every request that ended after it started listening: such a back-filled entry waits for its
   * live event (liveGraceMs, or inFlightGraceMs when DevTools had no response yet) and is shown from getHAR() only
   * if none comes. What ended before the listener existed is what only getHAR() can give: page session 0.
   */
  connect(sink: CaptureSink): Promise<void> {
    if (typeof __E2E__ !== 'undefined' && __E2E__) {
      trace(`connect, ${this.buffer.length} buffered`);
      sink = tracedSink(sink);
    }
    this.sink = sink;
    const pending = this.buffer;
    this.buffer = [];
    this.bufferedCalls = 0;
    if (this.bufferDropped > 0) pending.unshift({ type: 'dropped', count: this.bufferDropped });
    this.bufferDropped = 0;
    if (pending.length > 0) sink(pending);
    if (!this.backfilled) {
      this.backfilled = true;
      this.track(
        within(this.platform.getHAR(), this.harTimeoutMs)
          .catch(() => [] as RawRequest[])
          .then((har) => {
            const latest = this.sessionNow; // every navigation reported before this answer
            for (const request of har) this.track(this.process(request, latest, true));
          }),
      );
    }
    return this.idle();
  }

  /**
   * The session of a back-filled entry no live event came for: the latest one decided when getHAR() answered
   * (`upTo`), unless the entry started clearly before that session's document did (DevTools' log keeps older
   * documents' entries when its own "Preserve log" is on): then the earlier session it started in. A session
   * whose document start is unknown keeps what it is given (a call under the wrong page beats a dropped one).
   */
  private backfillSession(entry: HarEntryLike, upTo: number): number {
    const started = typeof entry.startedDateTime === 'string' ? Date.parse(entry.startedDateTime) : NaN;
    if (Number.isNaN(started)) return upTo;
    let session = upTo;
    while (session > 0) {
      const begin = this.sessionStarts.get(session);
      if (begin === undefined || started >= begin - CLOCK_TOLERANCE_MS) break;
      session--;
    }
    return session;
  }

  disconnect(): void {
    this.sink = null;
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.pending.add(promise);
    const done = (): void => void this.pending.delete(promise);
    promise.then(done, done);
    return promise;
  }

  // ----- page sessions -----

  private navigated(url: string): void {
    const at = this.now();
    const seq = ++this.navSeq;
    const fragmentOnly = isFragmentChange(this.lastUrl, url);
    this.lastUrl = url;
    const before = this.sessionNow;
    // A decision never rejects: calls waiting on it would be lost.
    this.sessionNow = this.track(before.then((session) => this.decide(url, at, seq, fragmentOnly, session).catch(() => session)));
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
    if (origin !== null) this.sessionStarts.set(next, origin);
    this.sessionStartedAt = at.getTime();
    this.emit({ type: 'navigation', url, at: at.toISOString(), page: next });
    if (origin === null) this.learnOrigin(next, seq, ORIGIN_RETRY_MS);
    return next;
  }

  private readOrigin(): Promise<number | null> {
    let answer: Promise<number | null>;
    try {
      answer = this.platform.documentTimeOrigin();
    } catch {
      return Promise.resolve(null);
    }
    return within(answer, this.originTimeoutMs).then(
      (value) => (typeof value === 'number' && Number.isFinite(value) ? value : null),
      () => null,
    );
  }

  /**
   * Reads the origin of session `session`'s document in the background (after each delay until one answers),
   * as long as no navigation arrived since (`seq`).
   */
  private learnOrigin(session: number, seq: number, delays: readonly number[]): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const attempt = (index: number): void => {
      const current = (): boolean => !this.stopped && this.navSeq === seq && this.session === session;
      if (!current() || index >= delays.length) return;
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        if (!current()) return;
        void this.readOrigin().then((origin) => {
          if (!current() || this.sessionOrigin !== null) return;
          if (origin !== null) {
            this.sessionOrigin = origin;
            if (session > 0) this.sessionStarts.set(session, origin);
          } else attempt(index + 1);
        });
      }, delays[index]);
    };
    attempt(0);
  }

  // ----- calls -----

  private emit(event: CaptureEvent): void {
    if (this.sink) {
      try {
        this.sink([event]);
      } catch {
        /* the panel failed on one event: keep capturing */
      }
      return;
    }
    this.buffer.push(event);
    if (event.type !== 'call') return;
    this.bufferedCalls++;
    while (this.bufferedCalls > this.bufferCap) {
      const index = this.buffer.findIndex((e) => e.type === 'call');
      if (index < 0) break;
      this.buffer.splice(index, 1);
      this.bufferedCalls--;
      this.bufferDropped++;
    }
  }

  /** `backfill`: an entry from getHAR() (else a live event), `session` then being the session when it answered. */
  private async process(request: RawRequest, session: Promise<number>, backfill = false): Promise<void> {
    try {
      let entry = request.entry;
      if (!entry || typeof entry !== 'object' || !entry.request || isPreflight(entry)) return;
      const key = entryKey(entry);
      if (this.keys.has(key)) return;
      if (!backfill) this.awaitingLive.get(key)?.();
      else {
        const pending = inFlight(entry);
        if (!pending && endTime(entry) < this.listeningSince - CLOCK_TOLERANCE_MS) {
          session = Promise.resolve(0); // ended before the listener existed: only getHAR() has it
        } else {
          if (analyzeEntry(entry, { id: 'probe', index: 0 }) === null) return; // not Coveo traffic
          const cameLive = await this.waitForLive(key, pending ? this.inFlightGraceMs : this.liveGraceMs);
          if (cameLive || this.keys.has(key)) return;
          const upTo = session;
          session = upTo.then((n) => this.backfillSession(entry, n));
        }
      }
      const id = `L${++this.seq}`;
      const index = this.seq;
      let report = analyzeEntry(entry, { id, index });
      if (!report) return; // not Coveo traffic: dropped, body never read
      this.remember(key);
      let note: string | null = null;
      const hasText = typeof entry.response?.content?.text === 'string' && entry.response.content.text !== '';
      if (!hasText && RESPONSE_KINDS.has(report.kind)) {
        const read = await this.readBody(request);
        if ('note' in read) note = read.note;
        else if (read.body && read.body.length <= MAX_BODY_CHARS) {
          entry = withBody(entry, decodeBody(read.body, read.second, entry));
          report = analyzeEntry(entry, { id, index }) ?? report;
        }
      }
      if (note !== null) report = { ...report, notes: [...report.notes, note] };
      const secrets = extractRawCredentials(entry);
      const probeEntry = probeSource(entry, report);
      this.emit({ type: 'call', key, report, secrets, ...(probeEntry ? { probeEntry } : {}), page: await session });
    } catch {
      /* never let one odd entry stop the capture */
    }
  }

  /** One body, in one of BODY_READS_AT_ONCE slots, under the per-call timeout; a failure becomes a note. */
  private async readBody(request: RawRequest): Promise<{ body: string | null; second: string | null } | { note: string }> {
    if (this.reading >= BODY_READS_AT_ONCE) await new Promise<void>((resolve) => this.readQueue.push(resolve));
    this.reading++;
    try {
      const [body, second] = await within(
        Promise.resolve().then(() => request.getContent()),
        this.contentTimeoutMs,
      );
      return { body, second };
    } catch (error) {
      const why =
        error instanceof Timeout
          ? `DevTools did not return it within ${Math.round(this.contentTimeoutMs / 100) / 10} s`
          : error instanceof Error && error.message
            ? error.message.split('\n')[0]!.slice(0, 160)
            : 'DevTools could not return it';
      return { note: `response body not read: ${why}. The response's pipeline, searchUid and errors are unknown.` };
    } finally {
      this.reading--;
      this.readQueue.shift()?.();
    }
  }

  /** Resolves true when the live event for `key` arrives, false after `ms`. */
  private waitForLive(key: string, ms: number): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      const done = (came: boolean): void => {
        clearTimeout(timer);
        if (this.awaitingLive.get(key) === wake) this.awaitingLive.delete(key);
        resolve(came);
      };
      const wake = (): void => done(true);
      const timer = setTimeout(() => done(false), ms);
      this.awaitingLive.get(key)?.(); // the same entry twice in one answer: the first copy yields
      this.awaitingLive.set(key, wake);
    });
  }

  private remember(key: string): void {
    this.keys.add(key);
    if (this.keys.size > 50_000) {
      const oldest = this.keys.values().next().value;
      if (oldest !== undefined) this.keys.delete(oldest);
    }
  }
}
