/**
 * The Playwright network edge: turns what a Playwright browser context (or page) sends and receives into HAR
 * entries the core can analyse. Nothing here decides anything about hubs or credentials: the core says which
 * requests are Coveo calls (`analyzeEntry` on the request alone) and, later, what they prove.
 *
 * For each request the core recognises it keeps the method, URL, every request header as sent (`allHeaders()`,
 * so `Authorization` is there), the post data, the response status and headers and (Coveo calls only) the
 * response body. Other requests are counted and dropped at once, so memory follows the Coveo traffic only.
 */
import type { BrowserContext, Page, Request } from 'playwright-core';
import { analyzeEntry, type CallKind, type HarEntryLike, type HarHeader } from '../core/index';

/** The events this module listens to; a Playwright `BrowserContext` or `Page` both have them. */
export type RecordTarget = Pick<BrowserContext, 'on' | 'off'> | Pick<Page, 'on' | 'off'>;

export interface RecorderOptions {
  /** Largest response body kept for a Coveo call, in characters (default 2,000,000, what the core reads). */
  maxBodyChars?: number;
}

export interface WaitOptions {
  /** How long Coveo traffic must be silent (nothing in flight, nothing new) to count as settled (default 750 ms). */
  quietMs?: number;
  /** Give up after this long (default 10 s); resolves `false` then. */
  timeoutMs?: number;
}

export interface Recorder {
  /** The finished Coveo calls as HAR entries, in the order they started. */
  entries(): HarEntryLike[];
  /** Every request the target made since recording started (Coveo or not). */
  requestsSeen(): number;
  /** How many Coveo requests of `kind` were sent (finished or not) since recording started. */
  count(kind?: CallKind): number;
  /** Resolves true once Coveo traffic is quiet (and every finished call's body has been read), false on timeout. */
  settle(options?: WaitOptions): Promise<boolean>;
  /** Resolves true once more than `after` Coveo requests of `kind` (any kind when omitted) were sent, false on timeout. */
  waitForCall(options?: { kind?: CallKind; after?: number; timeoutMs?: number }): Promise<boolean>;
  /** Forgets what was recorded so far (the counters too). */
  clear(): void;
  /** Coveo calls seen that have not finished (no response yet, or still being read): not in `entries()`. */
  inFlight(): number;
  /** Stops listening; what was recorded stays readable. */
  stop(): void;
}

interface Pending {
  kind: CallKind;
  startedMs: number;
  generation: number;
}

const DEFAULT_MAX_BODY = 2_000_000;

function toHeaders(record: Record<string, string>): HarHeader[] {
  return Object.entries(record).map(([name, value]) => ({ name, value }));
}

/** The request as a HAR entry, without any response. Synchronous: provisional headers only. */
function requestEntry(request: Request, headers: Record<string, string>, startedMs: number): HarEntryLike {
  const postData = request.postData();
  const entry: HarEntryLike = {
    startedDateTime: new Date(startedMs).toISOString(),
    request: {
      method: request.method(),
      url: request.url(),
      headers: toHeaders(headers),
      queryString: [],
    },
    _resourceType: request.resourceType(),
  };
  if (postData !== null) entry.request.postData = { mimeType: headers['content-type'] ?? '', text: postData };
  return entry;
}

function startOf(request: Request): number {
  const start = request.timing().startTime;
  return Number.isFinite(start) && start > 0 ? start : Date.now();
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts recording the Coveo traffic of a Playwright browser context or page. */
export function recordCoveoTraffic(target: RecordTarget, options: RecorderOptions = {}): Recorder {
  const maxBody = options.maxBodyChars ?? DEFAULT_MAX_BODY;
  const pending = new Map<Request, Pending>();
  const finishing = new Set<Promise<void>>();
  let finished: HarEntryLike[] = [];
  let seen = 0;
  let counts = new Map<CallKind, number>();
  let total = 0;
  let lastActivity = Date.now();
  let generation = 0;
  let stopped = false;

  const onRequest = (request: Request): void => {
    seen++;
    // The core decides from the URL, method and body; headers do not change whether a request is a Coveo call.
    const startedMs = Date.now();
    let call: ReturnType<typeof analyzeEntry>;
    try {
      call = analyzeEntry(requestEntry(request, request.headers(), startedMs));
    } catch {
      call = null;
    }
    if (call === null) return;
    pending.set(request, { kind: call.kind, startedMs, generation });
    counts.set(call.kind, (counts.get(call.kind) ?? 0) + 1);
    total++;
    lastActivity = Date.now();
  };

  const finish = async (request: Request, info: Pending, failed: boolean): Promise<void> => {
    const headers = await request.allHeaders().catch(() => request.headers());
    const entry = requestEntry(request, headers, startOf(request) || info.startedMs);
    const response = failed ? null : await request.response().catch(() => null);
    if (response) {
      const responseHeaders = await response.allHeaders().catch(() => response.headers());
      let text: string | undefined;
      // Redirects and some aborted responses have no body: the call is still analysed, without it.
      const body = await response.body().catch(() => null);
      if (body !== null && body.length <= maxBody * 4) {
        text = body.toString('utf8');
        if (text.length > maxBody) text = undefined;
      }
      entry.response = {
        status: response.status(),
        headers: toHeaders(responseHeaders),
        content: { size: body?.length ?? 0, mimeType: responseHeaders['content-type'] ?? '', ...(text !== undefined ? { text } : {}) },
      };
    } else {
      entry.response = { status: 0, headers: [], content: { size: 0, mimeType: '' } };
    }
    const timing = request.timing();
    if (timing.responseEnd > 0) entry.time = timing.responseEnd;
    if (info.generation === generation) finished.push(entry);
  };

  const onDone =
    (failed: boolean) =>
    (request: Request): void => {
      const info = pending.get(request);
      if (!info) return;
      pending.delete(request);
      const job = finish(request, info, failed)
        .catch(() => undefined)
        .finally(() => {
          finishing.delete(job);
          lastActivity = Date.now();
        });
      finishing.add(job);
    };
  const onFinished = onDone(false);
  const onFailed = onDone(true);

  // Both Page and BrowserContext emit these three events with a Request.
  const t = target as Pick<BrowserContext, 'on' | 'off'>;
  t.on('request', onRequest);
  t.on('requestfinished', onFinished);
  t.on('requestfailed', onFailed);

  const busy = (): boolean => pending.size > 0 || finishing.size > 0;

  return {
    entries() {
      return finished
        .map((entry, i) => ({ entry, i }))
        .sort((a, b) => (a.entry.startedDateTime ?? '').localeCompare(b.entry.startedDateTime ?? '') || a.i - b.i)
        .map(({ entry }) => entry);
    },
    requestsSeen: () => seen,
    count: (kind) => (kind === undefined ? total : (counts.get(kind) ?? 0)),
    async settle({ quietMs = 750, timeoutMs = 10_000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (finishing.size > 0) await Promise.race([Promise.all([...finishing]), sleep(100)]);
        const now = Date.now();
        if (!busy() && now - lastActivity >= quietMs) return true;
        if (now >= deadline) return false;
        await sleep(Math.min(100, Math.max(10, deadline - now)));
      }
    },
    async waitForCall({ kind, after = 0, timeoutMs = 10_000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      const current = (): number => (kind === undefined ? total : (counts.get(kind) ?? 0));
      while (current() <= after) {
        if (Date.now() >= deadline || stopped) return false;
        await sleep(50);
      }
      return true;
    },
    clear() {
      generation++;
      finished = [];
      pending.clear();
      counts = new Map();
      total = 0;
      seen = 0;
    },
    inFlight: () => pending.size + finishing.size,
    stop() {
      if (stopped) return;
      stopped = true;
      t.off('request', onRequest);
      t.off('requestfinished', onFinished);
      t.off('requestfailed', onFailed);
    },
  };
}
