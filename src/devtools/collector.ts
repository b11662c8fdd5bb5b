/**
 * Capture: turns what DevTools reports into analysed calls. It runs in the devtools page from the moment
 * DevTools opens, keeps what it saw until the panel connects (the panel document loads lazily), then
 * streams live. Non-Coveo traffic is dropped at once and its body is never read; for Coveo calls only the
 * analysis and the raw credentials (for the explicit "Reveal" control) are kept, never the whole entry.
 */
import { analyzeEntry, decodeBase64, extractRawCredentials, shortHash } from '../core/index';
import type { CallKind, CallReport, HarEntryLike, RawCredential } from '../core/index';
import { CONTENT_TIMEOUT_MS, HAR_TIMEOUT_MS, ORIGIN_TIMEOUT_MS } from './platform';
import type { Platform, RawRequest } from './platform';

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

/** Calls whose response says something the analysis uses (pipeline, searchUid, errors). */
const BODY_KINDS: ReadonlySet<CallKind> = new Set<CallKind>([
  'search',
  'querySuggest',
  'facetSearch',
  'plan',
  'commerce',
  'insight',
  'caseAssist',
  'values',
]);

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
      ...(r.postData ? { postData: { mimeType: r.postData.mimeType, text: r.postData.text, ...(Array.isArray(r.postData.params) ? { params: r.postData.params.map((p) => ({ name: p?.name, value: p?.value })) } : {}) } } : {}),
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
    this.sessionStartedAt = this.now().getTime();
  }

  start(): void {
    if (this.stops.length > 0) return;
    this.stopped = false;
    this.sessionStartedAt = this.now().getTime();
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
   */
  connect(sink: CaptureSink): Promise<void> {
    this.sink = sink;
    const pending = this.buffer;
    this.buffer = [];
    this.bufferedCalls = 0;
    if (this.bufferDropped > 0) pending.unshift({ type: 'dropped', count: this.bufferDropped });
    this.bufferDropped = 0;
    if (pending.length > 0) sink(pending);
    if (!this.backfilled) {
      this.backfilled = true;
      const session = this.sessionNow;
      this.track(
        within(this.platform.getHAR(), this.harTimeoutMs)
          .catch(() => [] as RawRequest[])
          .then((har) => {
            for (const request of har) this.track(this.process(request, session));
          }),
      );
    }
    return this.idle();
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
          if (origin !== null) this.sessionOrigin = origin;
          else attempt(index + 1);
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

  private async process(request: RawRequest, session: Promise<number>): Promise<void> {
    try {
      let entry = request.entry;
      if (!entry || typeof entry !== 'object' || !entry.request || isPreflight(entry)) return;
      const key = entryKey(entry);
      if (this.keys.has(key)) return;
      const id = `L${++this.seq}`;
      const index = this.seq;
      let report = analyzeEntry(entry, { id, index });
      if (!report) return; // not Coveo traffic: dropped, body never read
      this.remember(key);
      let note: string | null = null;
      const hasText = typeof entry.response?.content?.text === 'string' && entry.response.content.text !== '';
      if (!hasText && BODY_KINDS.has(report.kind)) {
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
      const [body, second] = await within(Promise.resolve().then(() => request.getContent()), this.contentTimeoutMs);
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

  private remember(key: string): void {
    this.keys.add(key);
    if (this.keys.size > 50_000) {
      const oldest = this.keys.values().next().value;
      if (oldest !== undefined) this.keys.delete(oldest);
    }
  }
}
