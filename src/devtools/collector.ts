/**
 * Capture: turns what DevTools reports into analysed calls. It runs in the devtools page from the moment
 * DevTools opens, keeps what it saw until the panel connects (the panel document loads lazily), then
 * streams live. Non-Coveo traffic is dropped at once and its body is never read; for Coveo calls only the
 * analysis and the raw credentials (for the explicit "Reveal" control) are kept, never the whole entry.
 *
 * The parts: page sessions (capture/page-sessions.ts), the body reader (capture/body-reader.ts), the buffer
 * before the panel connects (capture/buffer.ts); clock and timers are injected (CollectorOptions).
 */
import { analyzeEntry, callKindOf, extractRawCredentials, needsResponseBody } from '../core/index';
import type { CallKind, HarEntryLike } from '../core/index';
import { BodyReader } from './capture/body-reader';
import { CaptureBuffer } from './capture/buffer';
import { type CaptureSink, endTime, entryKey, inFlight, isPreflight, probeSource, SeenKeys } from './capture/events';
import { CLOCK_TOLERANCE_MS, PageSessions } from './capture/page-sessions';
import { systemTimers, type Timers, within } from './capture/timers';
import { CONTENT_TIMEOUT_MS, HAR_TIMEOUT_MS, ORIGIN_TIMEOUT_MS } from './platform';
import type { Platform, RawRequest } from './platform';
import { trace, tracedSink } from './trace';

export { decodeBody } from './capture/body-reader';
export * from './capture/events';
export { CLOCK_TOLERANCE_MS, isFragmentChange } from './capture/page-sessions';
export type { Timers } from './capture/timers';

export interface CollectorOptions {
  /** Calls kept before the panel first connects; older ones are dropped and counted. */
  bufferCap?: number;
  now?: () => Date;
  /** The timers every wait runs on (default: the global ones). */
  timers?: Timers;
  /** Per call: how long to wait for its response body before analysing it without (the one body timeout). */
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

/** Default of CollectorOptions.liveGraceMs. */
export const LIVE_GRACE_MS = 3_000;
/** Default of CollectorOptions.inFlightGraceMs: longer than a slow search takes. */
export const IN_FLIGHT_GRACE_MS = 20_000;
/** Calls remembered for de-duplication. */
const SEEN_KEYS = 50_000;

/**
 * Capture state machine.
 *
 * Calls are independent: each is filtered, de-duplicated and analysed once, its response body (when the core says
 * the analysis needs it) read concurrently with the others under the body timeout, and it is emitted when ready,
 * so one slow body or an unanswered `getHAR()` holds up nothing else. Emission order is therefore not start order:
 * each call carries the page session it arrived in and the store orders calls by start time within their session.
 */
export class Collector {
  private readonly buffer: CaptureBuffer;
  private readonly sessions: PageSessions;
  private readonly bodies: BodyReader;
  private readonly seen = new SeenKeys(SEEN_KEYS);
  private pending = new Set<Promise<unknown>>();
  private seq = 0;
  private backfilled = false;
  private stops: (() => void)[] = [];
  private readonly now: () => Date;
  private readonly timers: Timers;
  private readonly harTimeoutMs: number;
  private readonly inFlightGraceMs: number;
  private readonly liveGraceMs: number;
  /** When start() subscribed to DevTools' events (ms). */
  private listeningSince = 0;
  /** Back-filled in-flight entries waiting for their live event, by key: call to say it came. */
  private awaitingLive = new Map<string, () => void>();

  constructor(
    readonly platform: Platform,
    options: CollectorOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.timers = options.timers ?? systemTimers;
    this.harTimeoutMs = options.harTimeoutMs ?? HAR_TIMEOUT_MS + 1_000;
    this.inFlightGraceMs = options.inFlightGraceMs ?? IN_FLIGHT_GRACE_MS;
    this.liveGraceMs = options.liveGraceMs ?? LIVE_GRACE_MS;
    this.buffer = new CaptureBuffer(options.bufferCap ?? 5_000);
    this.bodies = new BodyReader(options.contentTimeoutMs ?? CONTENT_TIMEOUT_MS, this.timers);
    this.sessions = new PageSessions({
      documentTimeOrigin: () => platform.documentTimeOrigin(),
      onSession: (event) => this.buffer.emit(event),
      track: (promise) => this.track(promise),
      now: this.now,
      timers: this.timers,
      originTimeoutMs: options.originTimeoutMs ?? ORIGIN_TIMEOUT_MS + 500,
    });
  }

  start(): void {
    if (this.stops.length > 0) return;
    this.listeningSince = this.now().getTime();
    this.sessions.start(this.listeningSince);
    this.stops.push(this.platform.onRequest((request) => this.track(this.process(request, this.sessions.current))));
    this.stops.push(this.platform.onNavigated((url) => this.sessions.navigated(url)));
  }

  stop(): void {
    this.sessions.stop();
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
      trace(`connect, ${this.buffer.size} buffered`);
      sink = tracedSink(sink);
    }
    this.buffer.connect(sink);
    if (!this.backfilled) {
      this.backfilled = true;
      this.track(
        within(this.platform.getHAR(), this.harTimeoutMs, this.timers)
          .catch(() => [] as RawRequest[])
          .then((har) => {
            const latest = this.sessions.current; // every navigation reported before this answer
            for (const request of har) this.track(this.process(request, latest, true));
          }),
      );
    }
    return this.idle();
  }

  disconnect(): void {
    this.buffer.disconnect();
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.pending.add(promise);
    const done = (): void => void this.pending.delete(promise);
    promise.then(done, done);
    return promise;
  }

  /** `backfill`: an entry from getHAR() (else a live event), `session` then being the session when it answered. */
  private async process(request: RawRequest, session: Promise<number>, backfill = false): Promise<void> {
    try {
      let entry: HarEntryLike = request.entry;
      if (!entry || typeof entry !== 'object' || !entry.request || isPreflight(entry)) return;
      const key = entryKey(entry);
      if (this.seen.has(key)) return;
      let kind: CallKind | null | undefined;
      if (!backfill) this.awaitingLive.get(key)?.();
      else {
        const pending = inFlight(entry);
        if (!pending && endTime(entry) < this.listeningSince - CLOCK_TOLERANCE_MS) {
          session = Promise.resolve(0); // ended before the listener existed: only getHAR() has it
        } else {
          kind = callKindOf(entry);
          if (kind === null) return; // not Coveo traffic
          const cameLive = await this.waitForLive(key, pending ? this.inFlightGraceMs : this.liveGraceMs);
          if (cameLive || this.seen.has(key)) return;
          const upTo = session;
          const backfilled = entry;
          session = upTo.then((n) => this.sessions.backfillSession(backfilled, n));
        }
      }
      // Every entry that gets here takes the next number, Coveo traffic or not.
      const id = `L${++this.seq}`;
      const index = this.seq;
      kind ??= callKindOf(entry);
      if (kind === null) return; // not Coveo traffic: dropped, body never read
      this.seen.add(key);
      let note: string | null = null;
      if (needsResponseBody(entry, kind)) ({ entry, note } = await this.bodies.read(request, entry));
      const report = analyzeEntry(entry, { id, index, responseUnread: note });
      if (!report) return;
      const secrets = extractRawCredentials(entry);
      const probeEntry = probeSource(entry, report);
      this.buffer.emit({ type: 'call', key, report, secrets, ...(probeEntry ? { probeEntry } : {}), page: await session });
    } catch {
      /* never let one odd entry stop the capture */
    }
  }

  /** Resolves true when the live event for `key` arrives, false after `ms`. */
  private waitForLive(key: string, ms: number): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      const done = (came: boolean): void => {
        this.timers.clearTimeout(timer);
        if (this.awaitingLive.get(key) === wake) this.awaitingLive.delete(key);
        resolve(came);
      };
      const wake = (): void => done(true);
      const timer = this.timers.setTimeout(() => done(false), ms);
      this.awaitingLive.get(key)?.(); // the same entry twice in one answer: the first copy yields
      this.awaitingLive.set(key, wake);
    });
  }
}
