/**
 * The panel's state, kept out of the components: live calls (de-duplicated, capped, split by navigation),
 * an imported HAR, filters and selection. Filtering reads the stored analysis and never re-analyses.
 * Mutable inside, versioned outside: components subscribe and re-read.
 */
import { HarError, analyzeEntry, applyProbe, entryProblem, extractRawCredentials, malformedEntry, parseHar, summarize } from '../core/index';
import type { CallKind, CallReport, HarEntryLike, MalformedEntry, PageFinding, ProbeReport, RawCredential, Summary, Verdict } from '../core/index';
import { probeSource } from '../devtools/collector';
import type { CaptureEvent, CapturedCall } from '../devtools/collector';

export type Row = { type: 'call'; call: CallReport } | { type: 'separator'; id: string; url: string; at: string };

export interface Filters {
  verdict: Verdict | 'all';
  kind: CallKind | 'all';
  text: string;
}

export interface ImportedSet {
  name: string;
  entries: number;
  calls: CallReport[];
  malformed: MalformedEntry[];
}

/** Progress of a HAR import analysed in chunks. */
export interface ImportProgress {
  name: string;
  done: number;
  total: number;
}

/** Gives the UI a turn between chunks of long work: `scheduler.yield()` where it exists, else a 0 ms timeout. */
export function yieldToUi(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler && typeof scheduler.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** A chunk of import work runs at most this long (ms) before the panel gets a turn. */
export const IMPORT_SLICE_MS = 12;
/**
 * Live capture on a long session: from this many calls on, data changes that arrive in quick succession are
 * shown at most every COALESCE_MS (each render of a large dataset re-summarises it); smaller sessions render
 * every change at once.
 */
export const COALESCE_FROM = 1_000;
export const COALESCE_MS = 200;

export const DEFAULT_CAP = 5_000;
export const MIN_CAP = 100;
export const MAX_CAP = 100_000;
export const SETTINGS_KEYS = {
  preserveLog: 'coveoHub.preserveLog',
  cap: 'coveoHub.cap',
  checklistCollapsed: 'coveoHub.checklistCollapsed',
  includePersonalData: 'coveoHub.includePersonalData',
} as const;

export interface SettingsStorage {
  storageGet(key: string): string | null;
  storageSet(key: string, value: string): void;
}

export function clampCap(value: number): number {
  if (!Number.isFinite(value)) return DEFAULT_CAP;
  return Math.min(MAX_CAP, Math.max(MIN_CAP, Math.round(value)));
}

const searchText = new WeakMap<CallReport, string>();
function haystack(call: CallReport): string {
  let text = searchText.get(call);
  if (text === undefined) {
    text = [
      call.url,
      call.method,
      call.kind,
      call.api,
      call.organizationId,
      call.searchHub.request,
      call.searchHub.token,
      call.searchHub.effective,
      call.pipeline.request,
      call.pipeline.token,
      call.response.pipeline,
      call.tab,
      call.query,
      call.credential.type,
      call.credential.fingerprint,
      call.verdict,
      call.response.status === null ? '' : String(call.response.status),
      ...call.findings.map((f) => f.rule),
    ]
      .filter((v): v is string => typeof v === 'string' && v !== '')
      .join('\n')
      .toLowerCase();
    searchText.set(call, text);
  }
  return text;
}

function needleOf(text: string): string {
  return text.trim().toLowerCase();
}

function matchesNeedle(call: CallReport, filters: Filters, needle: string): boolean {
  if (filters.verdict !== 'all' && call.verdict !== filters.verdict) return false;
  if (filters.kind !== 'all' && call.kind !== filters.kind) return false;
  if (needle !== '' && !haystack(call).includes(needle)) return false;
  return true;
}

export function matches(call: CallReport, filters: Filters): boolean {
  return matchesNeedle(call, filters, needleOf(filters.text));
}

/** Filter results kept per dataset and verdict/kind filter: typing narrows a cached result, backspace finds one. */
const ROWS_CACHE_SIZE = 16;

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

export class PanelStore {
  /**
   * Live rows, ordered by (page session, request start time), arrival order among equals; `liveKeys[i]` is the
   * sort key of `live[i]`. Calls reach the panel out of start order (bodies read concurrently, getHAR's back-fill
   * after the buffer) and are inserted where they belong: nearly always at the end, found in O(1).
   */
  private live: Row[] = [];
  private liveKeys: RowKey[] = [];
  private liveCount = 0;
  /** The latest page session the store has seen (0: the page DevTools opened on). */
  private page = 0;
  /** Calls of sessions before this one were cleared (a navigation without "Preserve log", or Clear): ignored. */
  private floorPage = 0;
  private seen = new Set<string>();
  private secrets = new Map<string, RawCredential[]>();
  private importedSecrets = new Map<string, RawCredential[]>();
  /** Captured search requests, in memory only, for a probe the user starts (live calls only). */
  private probeEntries = new Map<string, HarEntryLike>();
  /** The same for the imported file's calls (its text is in memory anyway while it is shown). */
  private importedProbeEntries = new Map<string, HarEntryLike>();
  /** Which import is shown (its importSeq), so a probe's late answer never lands on another file's c… ids. */
  private importedKey = 0;
  private listeners = new Set<() => void>();
  private sessionSeq = 0;

  /** Changes to the data (not to filters or selection). */
  dataVersion = 0;
  /** Any change. */
  version = 0;
  dropped = 0;
  cap = DEFAULT_CAP;
  preserveLog = false;
  /** The coverage checklist folded to one line (remembered in the settings). */
  checklistCollapsed = false;
  /** Exports show decoded personal claims (userIds, e-mail addresses...) instead of redacting them (a setting, off). */
  includePersonalData = false;
  /** The inspected page's URL as of its latest navigation (for "what was tested" in live exports), or null. */
  pageUrl: string | null = null;
  imported: ImportedSet | null = null;
  filters: Filters = { verdict: 'all', kind: 'all', text: '' };
  selectedId: string | null = null;
  detailOpen = false;
  error: string | null = null;
  /** True once the devtools page is linked (or the demo started). */
  connected = false;
  /** A HAR import being analysed (chunked, the panel stays responsive), or null. */
  importing: ImportProgress | null = null;
  private importSeq = 0;
  private lastCaptureNotify = -Infinity;
  private pendingNotify: ReturnType<typeof setTimeout> | null = null;

  private rowsCache = { key: '', byNeedle: new Map<string, Row[]>() };
  private cache: {
    calls?: { key: number; imported: ImportedSet | null; calls: CallReport[] };
    summary?: { key: CallReport[]; value: { summary: Summary; pageFindings: PageFinding[] } };
  } = {};

  constructor(private readonly storage?: SettingsStorage) {
    if (storage) {
      this.preserveLog = storage.storageGet(SETTINGS_KEYS.preserveLog) === 'true';
      this.checklistCollapsed = storage.storageGet(SETTINGS_KEYS.checklistCollapsed) === 'true';
      this.includePersonalData = storage.storageGet(SETTINGS_KEYS.includePersonalData) === 'true';
      const cap = storage.storageGet(SETTINGS_KEYS.cap);
      if (cap !== null) this.cap = clampCap(Number(cap));
    }
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** `coalesce`: a live-capture data change, which may be shown a little later on a large session. */
  private changed(data: boolean, coalesce = false): void {
    if (data) this.dataVersion++;
    this.version++;
    if (coalesce && this.liveCount >= COALESCE_FROM) {
      // The first capture change shows at once; the ones that follow it in a burst are batched.
      if (this.pendingNotify !== null) return;
      const wait = COALESCE_MS - (Date.now() - this.lastCaptureNotify);
      if (wait > 0) {
        this.pendingNotify = setTimeout(() => this.notify(true), wait);
        return;
      }
    }
    this.notify(coalesce);
  }

  private notify(capture: boolean): void {
    if (this.pendingNotify !== null) {
      clearTimeout(this.pendingNotify);
      this.pendingNotify = null;
    }
    this.lastCaptureNotify = capture ? Date.now() : -Infinity;
    for (const listener of [...this.listeners]) listener();
  }

  // ----- capture -----

  addEvents(events: readonly CaptureEvent[]): void {
    let any = false;
    for (const event of events) {
      if (event.type === 'call') any = this.addCall(event) || any;
      else if (event.type === 'navigation') {
        this.navigate(event.url, event.at, false, event.page);
        any = true;
      } else if (event.type === 'dropped' && event.count > 0) {
        this.dropped += event.count;
        any = true;
      }
    }
    if (this.trim()) any = true;
    if (any) this.changed(true, true);
  }

  private addCall(event: CapturedCall): boolean {
    if (this.seen.has(event.key)) return false;
    this.seen.add(event.key);
    if (this.seen.size > this.cap * 4) {
      const oldest = this.seen.values().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
    const page = event.page ?? this.page;
    if (page < this.floorPage) return false; // a late call of a page session that was cleared
    haystack(event.report); // the filter's search text, built once per call as it arrives
    this.insertLive({ type: 'call', call: event.report }, { page, time: startTime(event.report) });
    this.liveCount++;
    if (event.secrets.length > 0) this.secrets.set(event.report.id, event.secrets);
    if (event.probeEntry) this.probeEntries.set(event.report.id, event.probeEntry);
    return true;
  }

  /** Inserts after every row that sorts before or with it: O(1) at the end, else a binary search. */
  private insertLive(row: Row, key: RowKey): void {
    const keys = this.liveKeys;
    let lo = 0;
    let hi = keys.length;
    if (hi === 0 || notAfter(keys[hi - 1]!, key)) lo = hi;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (notAfter(keys[mid]!, key)) lo = mid + 1;
      else hi = mid;
    }
    if (lo === keys.length) {
      this.live.push(row);
      keys.push(key);
    } else {
      this.live.splice(lo, 0, row);
      keys.splice(lo, 0, key);
    }
  }

  /** Drops the oldest calls over the cap, and separators left with no call before the next one. */
  private trim(): boolean {
    if (this.liveCount <= this.cap) return false;
    let remove = this.liveCount - this.cap;
    let cut = 0;
    while (cut < this.live.length && remove > 0) {
      const row = this.live[cut]!;
      if (row.type === 'call') {
        remove--;
        this.liveCount--;
        this.dropped++;
        this.secrets.delete(row.call.id);
        this.probeEntries.delete(row.call.id);
        if (this.selectedId === row.call.id) this.selectedId = null;
      }
      cut++;
    }
    while (cut < this.live.length && this.live[cut]!.type === 'separator' && this.live[cut + 1]?.type === 'separator') cut++;
    this.live.splice(0, cut);
    this.liveKeys.splice(0, cut);
    return true;
  }

  /**
   * A navigation to a new document: a new page session (cleared), or with "Preserve log" a separator row.
   * `page`: the session it starts (the collector numbers them); by default the one after the latest.
   */
  navigate(url: string, at: string, notify = true, page = this.page + 1): void {
    if (page >= this.page && url) this.pageUrl = url;
    this.page = Math.max(this.page, page);
    if (this.preserveLog) {
      this.insertLive({ type: 'separator', id: `s${++this.sessionSeq}`, url, at }, { page, time: -Infinity });
    } else {
      this.floorPage = Math.max(this.floorPage, page);
      this.live = [];
      this.liveKeys = [];
      this.liveCount = 0;
      this.dropped = 0;
      this.secrets.clear();
      this.probeEntries.clear();
      if (!this.imported) {
        this.selectedId = null;
        this.detailOpen = false;
      }
    }
    if (notify) this.changed(true);
  }

  clearLive(): void {
    this.floorPage = this.page;
    this.live = [];
    this.liveKeys = [];
    this.liveCount = 0;
    this.dropped = 0;
    this.secrets.clear();
    this.probeEntries.clear();
    if (!this.imported) {
      this.selectedId = null;
      this.detailOpen = false;
    }
    this.changed(true);
  }

  setPreserveLog(on: boolean): void {
    this.preserveLog = on;
    this.storage?.storageSet(SETTINGS_KEYS.preserveLog, String(on));
    this.changed(false);
  }

  setIncludePersonalData(on: boolean): void {
    this.includePersonalData = on;
    this.storage?.storageSet(SETTINGS_KEYS.includePersonalData, String(on));
    this.changed(false);
  }

  setChecklistCollapsed(collapsed: boolean): void {
    this.checklistCollapsed = collapsed;
    this.storage?.storageSet(SETTINGS_KEYS.checklistCollapsed, String(collapsed));
    this.changed(false);
  }

  setCap(value: number): void {
    this.cap = clampCap(value);
    this.storage?.storageSet(SETTINGS_KEYS.cap, String(this.cap));
    this.trim();
    this.changed(true);
  }

  setConnected(): void {
    this.connected = true;
    this.changed(false);
  }

  // ----- import -----

  /**
   * Analyses a HAR file's text in slices of about IMPORT_SLICE_MS, yielding to the UI between them, with
   * `importing` as progress; the same calls as the core's `analyzeEntries`. A newer import (or "Back to live") cancels this one.
   * Resolves to the one-line error, or null when the file was shown (or the import was superseded).
   */
  async importHar(text: string, name: string, pause: () => Promise<void> = yieldToUi, sliceMs = IMPORT_SLICE_MS): Promise<string | null> {
    const seq = ++this.importSeq;
    // Parsing the JSON is one step that cannot be sliced: say so on screen first.
    this.importing = { name, done: 0, total: 0 };
    this.changed(false);
    await pause();
    if (seq !== this.importSeq) return null;
    let entries: unknown[];
    try {
      entries = parseHar(text).entries;
    } catch (error) {
      const message = error instanceof HarError || error instanceof Error ? error.message : String(error);
      this.importing = null;
      this.error = `Cannot import ${name}: ${message.split('\n')[0]}`;
      this.changed(false);
      return this.error;
    }
    const calls: CallReport[] = [];
    const malformed: MalformedEntry[] = [];
    const secrets = new Map<string, RawCredential[]>();
    const probeEntries = new Map<string, HarEntryLike>();
    this.importing = { name, done: 0, total: entries.length };
    this.error = null;
    this.changed(false);
    try {
      await pause(); // the progress line shows before the first slice
      if (seq !== this.importSeq) return null;
      let i = 0;
      while (i < entries.length) {
        const sliceEnd = Date.now() + sliceMs;
        do {
          const entry = entries[i];
          const problem = entryProblem(entry);
          if (problem !== null) malformed.push(malformedEntry(i, entry, problem));
          else {
            const call = analyzeEntry(entry, { index: i, id: `c${i}` });
            if (call) {
              haystack(call);
              calls.push(call);
              const raw = extractRawCredentials(entry);
              if (raw.length > 0) secrets.set(call.id, raw);
              const source = probeSource(entry as HarEntryLike, call);
              if (source) probeEntries.set(call.id, source);
            }
          }
          i++;
        } while (i < entries.length && Date.now() < sliceEnd);
        if (i < entries.length) {
          this.importing = { name, done: i, total: entries.length };
          this.changed(false);
          await pause();
          if (seq !== this.importSeq) return null;
        }
      }
    } catch (error) {
      if (seq !== this.importSeq) return null;
      this.importing = null;
      this.error = `Cannot import ${name}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
      this.changed(false);
      return this.error;
    }
    if (seq !== this.importSeq) return null;
    this.importing = null;
    this.importedSecrets = secrets;
    this.importedProbeEntries = probeEntries;
    this.importedKey = seq;
    this.imported = { name, entries: entries.length, calls, malformed };
    this.error = null;
    this.selectedId = null;
    this.detailOpen = false;
    this.changed(true);
    return null;
  }

  backToLive(): void {
    this.importSeq++;
    this.importing = null;
    this.imported = null;
    this.importedSecrets.clear();
    this.importedProbeEntries.clear();
    this.selectedId = null;
    this.detailOpen = false;
    this.changed(true);
  }

  setError(message: string | null): void {
    this.error = message;
    this.changed(false);
  }

  // ----- derived -----

  /** The calls of the dataset on screen (imported file, or live capture). */
  get calls(): CallReport[] {
    const cached = this.cache.calls;
    if (cached && cached.key === this.dataVersion && cached.imported === this.imported) return cached.calls;
    const calls = this.imported ? this.imported.calls : this.live.flatMap((row) => (row.type === 'call' ? [row.call] : []));
    this.cache.calls = { key: this.dataVersion, imported: this.imported, calls };
    return calls;
  }

  get analysis(): { summary: Summary; pageFindings: PageFinding[] } {
    const calls = this.calls;
    const cached = this.cache.summary;
    if (cached && cached.key === calls) return cached.value;
    // An imported HAR's skipped entries count too (skipped-coveo-entries): a live capture has none.
    const imported = this.imported;
    const value = summarize(
      calls,
      imported ? [{ name: imported.name, entries: imported.entries, coveoCalls: imported.calls.length, malformed: imported.malformed }] : [],
    );
    this.cache.summary = { key: calls, value };
    return value;
  }

  get summary(): Summary {
    return this.analysis.summary;
  }

  /** Rows after filtering (separators kept only for live data). */
  get rows(): Row[] {
    const f = this.filters;
    const key = `${this.dataVersion}|${this.imported ? 'i' : 'l'}|${f.verdict}|${f.kind}`;
    const cache = this.rowsCache;
    if (cache.key !== key) {
      cache.key = key;
      cache.byNeedle.clear();
    }
    const needle = needleOf(f.text);
    const hit = cache.byNeedle.get(needle);
    if (hit) return hit;
    // Matching is substring search: the rows matching "ab" are among those matching "a". Start from the
    // narrowest cached result whose needle this one contains.
    let source: Row[] | undefined;
    let best = -1;
    for (const [cached, rows] of cache.byNeedle) {
      if (cached.length > best && needle.includes(cached)) {
        source = rows;
        best = cached.length;
      }
    }
    source ??= this.imported ? this.imported.calls.map((call): Row => ({ type: 'call', call })) : this.live;
    const rows = source.filter((row) => row.type === 'separator' || matchesNeedle(row.call, f, needle));
    if (cache.byNeedle.size >= ROWS_CACHE_SIZE) {
      const oldest = cache.byNeedle.keys().next().value;
      if (oldest !== undefined) cache.byNeedle.delete(oldest);
    }
    cache.byNeedle.set(needle, rows);
    return rows;
  }

  get selected(): CallReport | null {
    if (this.selectedId === null) return null;
    return this.calls.find((call) => call.id === this.selectedId) ?? null;
  }

  /** Kinds present in the current dataset, for the kind filter. */
  get kinds(): CallKind[] {
    return Object.keys(this.summary.counts.kinds) as CallKind[];
  }

  /** Which dataset is shown: 0 for the live capture, else the import's own number (see applyProbe). */
  get dataset(): number {
    return this.imported ? this.importedKey : 0;
  }

  /** The request of a search or query-suggestion POST (live or imported), for a routing probe the user starts; null otherwise. */
  probeEntry(callId: string): HarEntryLike | null {
    return (this.imported ? this.importedProbeEntries : this.probeEntries).get(callId) ?? null;
  }

  /**
   * A probe's outcome on the calls it applies to (verdict, findings, `probe`), in the dataset it was started from
   * (`dataset` as it was then: another file imported meanwhile reuses the same c… ids, and is left alone), then
   * the panel re-renders.
   */
  applyProbe(probe: ProbeReport, dataset = this.dataset): void {
    const ids = new Set(probe.appliesTo);
    const imported = this.imported;
    if (dataset !== 0) {
      if (!imported || dataset !== this.importedKey) return;
      const updated = new Map(
        applyProbe(
          imported.calls.filter((c) => ids.has(c.id)),
          probe,
        ).map((c) => [c.id, c]),
      );
      this.imported = { ...imported, calls: imported.calls.map((c) => updated.get(c.id) ?? c) };
      this.changed(true);
      return;
    }
    const rows = this.live;
    const targets = rows.flatMap((row) => (row.type === 'call' && ids.has(row.call.id) ? [row.call] : []));
    const updated = new Map(applyProbe(targets, probe).map((c) => [c.id, c]));
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      if (row.type !== 'call') continue;
      const next = updated.get(row.call.id);
      if (next) rows[i] = { type: 'call', call: next };
    }
    this.changed(true);
  }

  /** Full credentials of one call, for the explicit "Reveal" control only. */
  rawCredentials(callId: string): RawCredential[] {
    return (this.imported ? this.importedSecrets : this.secrets).get(callId) ?? [];
  }

  // ----- filters and selection -----

  setFilters(patch: Partial<Filters>): void {
    this.filters = { ...this.filters, ...patch };
    if (this.selectedId !== null && !this.rows.some((r) => r.type === 'call' && r.call.id === this.selectedId)) {
      this.selectedId = null;
      this.detailOpen = false;
    }
    this.changed(false);
  }

  select(id: string | null, open = false): void {
    this.selectedId = id;
    this.detailOpen = id !== null && (open || this.detailOpen);
    this.changed(false);
  }

  /** Moves the selection among visible calls; returns the row index of the new selection. */
  moveSelection(delta: number): number {
    const rows = this.rows;
    const callIndexes: number[] = [];
    rows.forEach((row, i) => {
      if (row.type === 'call') callIndexes.push(i);
    });
    if (callIndexes.length === 0) return -1;
    const current = callIndexes.findIndex((i) => {
      const row = rows[i];
      return row?.type === 'call' && row.call.id === this.selectedId;
    });
    let next: number;
    if (current < 0) next = delta > 0 ? 0 : callIndexes.length - 1;
    else next = Math.min(callIndexes.length - 1, Math.max(0, current + delta));
    const rowIndex = callIndexes[next]!;
    const row = rows[rowIndex];
    if (row?.type === 'call') {
      this.selectedId = row.call.id;
      this.changed(false);
    }
    return rowIndex;
  }

  openDetail(): void {
    if (this.selectedId === null) return;
    this.detailOpen = true;
    this.changed(false);
  }

  /** Escape: close the detail, else clear the text filter, else clear the selection. */
  escape(): void {
    if (this.detailOpen) this.detailOpen = false;
    else if (this.filters.text !== '') this.filters = { ...this.filters, text: '' };
    else this.selectedId = null;
    this.changed(false);
  }
}
