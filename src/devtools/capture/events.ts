/** What capture hands the panel, and the small facts about entries the capture and the panel share. */
import { shortHash } from '../../core/index';
import type { CallReport, HarEntryLike, RawCredential } from '../../core/index';

export interface CapturedCall {
  type: 'call';
  /** De-duplication key: startedDateTime + method + url + postData hash (+ Authorization header hash). */
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
  /** The page session the dropped calls belonged to (a cleared session's drops do not count). Absent: the latest. */
  page?: number;
}
export type CaptureEvent = CapturedCall | NavigationEvent | DroppedEvent;
export type CaptureSink = (events: CaptureEvent[]) => void;

export function entryKey(entry: HarEntryLike): string {
  const request = entry.request;
  const body = request.postData?.text ?? '';
  // The Authorization headers too: two calls in one millisecond that differ only by credential are two calls (the
  // one with the weaker credential is the evidence a page needs review).
  const auth = Array.isArray(request.headers)
    ? request.headers
        .filter((h) => typeof h?.name === 'string' && h.name.toLowerCase() === 'authorization')
        .map((h) => String(h.value ?? ''))
        .join('\n')
    : '';
  const base = `${entry.startedDateTime ?? ''} ${(request.method ?? 'GET').toUpperCase()} ${request.url ?? ''} ${shortHash(body)}:${body.length}`;
  return auth === '' ? base : `${base} ${shortHash(auth)}`;
}

/**
 * The keys of calls already seen, the oldest forgotten past `limit`: the one de-duplication of capture (the
 * collector's, across the panel's connections) and of the panel's live log.
 */
export class SeenKeys {
  private readonly keys = new Set<string>();
  constructor(private limit: number) {}

  has(key: string): boolean {
    return this.keys.has(key);
  }

  /** Adds `key`; false when it was there already. */
  add(key: string): boolean {
    if (this.keys.has(key)) return false;
    this.keys.add(key);
    this.trim();
    return true;
  }

  setLimit(limit: number): void {
    this.limit = limit;
    this.trim();
  }

  private trim(): void {
    while (this.keys.size > this.limit) {
      const oldest = this.keys.values().next().value;
      if (oldest === undefined) break;
      this.keys.delete(oldest);
    }
  }
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

/** A back-filled entry DevTools had not received the response of when it answered getHAR(). */
export function inFlight(entry: HarEntryLike): boolean {
  const status = entry.response?.status;
  return !(typeof status === 'number' && status > 0);
}

/** When an entry's request ended (start + total time), or NaN. */
export function endTime(entry: HarEntryLike): number {
  const start = typeof entry.startedDateTime === 'string' ? Date.parse(entry.startedDateTime) : NaN;
  const time = typeof entry.time === 'number' && Number.isFinite(entry.time) && entry.time > 0 ? entry.time : 0;
  return start + time;
}
