/**
 * The live capture as the panel keeps it: calls de-duplicated, ordered by page session then request start time,
 * capped (the oldest dropped and counted), split by navigation (a separator with "Preserve log", else cleared), with
 * the raw credentials and probe sources of the calls it holds.
 */
import { applyProbe, type CallReport, type HarEntryLike, type ProbeReport, type RawCredential } from '../../core/index';
import { type CapturedCall, SeenKeys } from '../../devtools/collector';
import { haystack, type Row } from './view';

/** Where a live row sorts: page session first, then request start time (a session's separator before its calls). */
interface RowKey {
  page: number;
  time: number;
}

function startTime(call: CallReport): number {
  const time = call.startedDateTime === null ? NaN : Date.parse(call.startedDateTime);
  return Number.isNaN(time) ? Infinity : time; // no usable start time: after the session's dated calls
}

/** a <= b (never NaN: times are finite or ±Infinity and compared, not subtracted). */
function notAfter(a: RowKey, b: RowKey): boolean {
  return a.page < b.page || (a.page === b.page && a.time <= b.time);
}

export class LiveLog {
  /**
   * Rows ordered by (page session, request start time), arrival order among equals; `keys[i]` is the sort key of
   * `rows[i]`. Calls arrive out of start order (bodies read concurrently, getHAR's back-fill after the buffer) and
   * are inserted where they belong: nearly always at the end, found in O(1).
   */
  rows: Row[] = [];
  private keys: RowKey[] = [];
  /** Calls among the rows. */
  count = 0;
  /** Calls dropped over the cap (or before the panel connected). */
  dropped = 0;
  /** The inspected page's URL as of its latest navigation, or null. */
  pageUrl: string | null = null;
  /** The latest page session seen (0: the page DevTools opened on). */
  private page = 0;
  /** Calls of sessions before this one were cleared (a navigation without "Preserve log", or Clear): ignored. */
  private floorPage = 0;
  private readonly seen: SeenKeys;
  private readonly secrets = new Map<string, RawCredential[]>();
  /** Captured search requests, in memory only, for a probe the user starts. */
  private readonly probeEntries = new Map<string, HarEntryLike>();
  private sessionSeq = 0;

  constructor(cap: number) {
    this.seen = new SeenKeys(cap * 4);
  }

  /** A captured call: false when it was seen already or belongs to a cleared page session. */
  add(event: CapturedCall, cap: number): boolean {
    this.seen.setLimit(cap * 4);
    if (!this.seen.add(event.key)) return false;
    const page = event.page ?? this.page;
    if (page < this.floorPage) return false; // a late call of a page session that was cleared
    haystack(event.report); // the filter's search text, built once per call as it arrives
    this.insert({ type: 'call', call: event.report }, { page, time: startTime(event.report) });
    this.count++;
    if (event.secrets.length > 0) this.secrets.set(event.report.id, event.secrets);
    if (event.probeEntry) this.probeEntries.set(event.report.id, event.probeEntry);
    return true;
  }

  /** Calls capture dropped (before the panel connected) in page session `page`: false for a cleared session's. */
  addDropped(count: number, page = this.page): boolean {
    if (page < this.floorPage) return false;
    this.dropped += count;
    return true;
  }

  /** Inserts after every row that sorts before or with it: O(1) at the end, else a binary search. */
  private insert(row: Row, key: RowKey): void {
    const keys = this.keys;
    let lo = 0;
    let hi = keys.length;
    if (hi === 0 || notAfter(keys[hi - 1]!, key)) lo = hi;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (notAfter(keys[mid]!, key)) lo = mid + 1;
      else hi = mid;
    }
    if (lo === keys.length) {
      this.rows.push(row);
      keys.push(key);
    } else {
      this.rows.splice(lo, 0, row);
      keys.splice(lo, 0, key);
    }
  }

  /** Drops the oldest calls over `cap` (each reported to `removed`), and separators left with no call before the next one. */
  trim(cap: number, removed: (id: string) => void): boolean {
    if (this.count <= cap) return false;
    let remove = this.count - cap;
    let cut = 0;
    while (cut < this.rows.length && remove > 0) {
      const row = this.rows[cut]!;
      if (row.type === 'call') {
        remove--;
        this.count--;
        this.dropped++;
        this.secrets.delete(row.call.id);
        this.probeEntries.delete(row.call.id);
        removed(row.call.id);
      }
      cut++;
    }
    while (cut < this.rows.length && this.rows[cut]!.type === 'separator' && this.rows[cut + 1]?.type === 'separator') cut++;
    this.rows.splice(0, cut);
    this.keys.splice(0, cut);
    return true;
  }

  /**
   * A navigation to a new document starting page session `page` (by default the one after the latest): a separator
   * row with `preserve`, else the log is cleared (true returned).
   */
  navigate(url: string, at: string, preserve: boolean, page = this.page + 1): boolean {
    if (page >= this.page && url) this.pageUrl = url;
    this.page = Math.max(this.page, page);
    if (preserve) {
      this.insert({ type: 'separator', id: `s${++this.sessionSeq}`, url, at }, { page, time: -Infinity });
      return false;
    }
    this.floorPage = Math.max(this.floorPage, page);
    this.empty();
    return true;
  }

  /** Clear: what the page sessions so far sent is gone, and late calls of them are ignored. */
  clear(): void {
    this.floorPage = this.page;
    this.empty();
  }

  private empty(): void {
    this.rows = [];
    this.keys = [];
    this.count = 0;
    this.dropped = 0;
    this.secrets.clear();
    this.probeEntries.clear();
  }

  calls(): CallReport[] {
    return this.rows.flatMap((row) => (row.type === 'call' ? [row.call] : []));
  }

  rawCredentials(callId: string): RawCredential[] | undefined {
    return this.secrets.get(callId);
  }

  probeEntry(callId: string): HarEntryLike | undefined {
    return this.probeEntries.get(callId);
  }

  /** A probe's outcome on the calls it applies to, in place. */
  applyProbe(probe: ProbeReport): void {
    const ids = new Set(probe.appliesTo);
    const rows = this.rows;
    const targets = rows.flatMap((row) => (row.type === 'call' && ids.has(row.call.id) ? [row.call] : []));
    const updated = new Map(applyProbe(targets, probe).map((c) => [c.id, c]));
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      if (row.type !== 'call') continue;
      const next = updated.get(row.call.id);
      if (next) rows[i] = { type: 'call', call: next };
    }
  }
}
