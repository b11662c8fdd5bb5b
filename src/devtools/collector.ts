/**
 * Capture: turns what DevTools reports into analysed calls. It runs in the devtools page from the moment
 * DevTools opens, keeps what it saw until the panel connects (the panel document loads lazily), then
 * streams live. Non-Coveo traffic is dropped at once and its body is never read; for Coveo calls only the
 * analysis and the raw credentials (for the explicit "Reveal" control) are kept, never the whole entry.
 */
import { analyzeEntry, decodeBase64, extractRawCredentials, shortHash } from '../core/index';
import type { CallKind, CallReport, HarEntryLike, RawCredential } from '../core/index';
import type { Platform, RawRequest } from './platform';

export interface CapturedCall {
  type: 'call';
  /** De-duplication key: startedDateTime + method + url + postData hash. */
  key: string;
  report: CallReport;
  secrets: RawCredential[];
}
export interface NavigationEvent {
  type: 'navigation';
  url: string;
  at: string;
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

export interface CollectorOptions {
  /** Calls kept before the panel first connects; older ones are dropped and counted. */
  bufferCap?: number;
  now?: () => Date;
}

export class Collector {
  private buffer: CaptureEvent[] = [];
  private bufferedCalls = 0;
  private bufferDropped = 0;
  private sink: CaptureSink | null = null;
  private queue: Promise<void> = Promise.resolve();
  private seq = 0;
  private keys = new Set<string>();
  private backfilled = false;
  private stops: (() => void)[] = [];
  private readonly bufferCap: number;
  private readonly now: () => Date;

  constructor(
    readonly platform: Platform,
    options: CollectorOptions = {},
  ) {
    this.bufferCap = options.bufferCap ?? 5_000;
    this.now = options.now ?? (() => new Date());
  }

  start(): void {
    if (this.stops.length > 0) return;
    this.stops.push(this.platform.onRequest((request) => this.enqueue(request)));
    this.stops.push(
      this.platform.onNavigated((url) => {
        const at = this.now().toISOString();
        this.queue = this.queue.then(() => this.emit({ type: 'navigation', url, at }));
      }),
    );
  }

  stop(): void {
    for (const stop of this.stops.splice(0)) stop();
  }

  /** Resolves once everything received so far has been processed. */
  idle(): Promise<void> {
    return this.queue;
  }

  /**
   * Hands the buffer to the panel, then streams live. On the first connection it also back-fills from
   * `getHAR()` (requests DevTools recorded that the listener missed); duplicates are skipped.
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
      this.queue = this.queue.then(async () => {
        const har = await this.platform.getHAR().catch(() => [] as RawRequest[]);
        for (const request of har) await this.process(request);
      });
    }
    return this.queue;
  }

  disconnect(): void {
    this.sink = null;
  }

  private enqueue(request: RawRequest): void {
    this.queue = this.queue.then(() => this.process(request));
  }

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

  private async process(request: RawRequest): Promise<void> {
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
      const hasText = typeof entry.response?.content?.text === 'string' && entry.response.content.text !== '';
      if (!hasText && BODY_KINDS.has(report.kind)) {
        const [body, second] = await request.getContent();
        if (body && body.length <= MAX_BODY_CHARS) {
          entry = withBody(entry, decodeBody(body, second, entry));
          report = analyzeEntry(entry, { id, index }) ?? report;
        }
      }
      const secrets = extractRawCredentials(entry);
      this.emit({ type: 'call', key, report, secrets });
    } catch {
      /* never let one odd entry stop the capture */
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
