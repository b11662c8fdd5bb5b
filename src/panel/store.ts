/**
 * The panel's state, kept out of the components, as one facade over its parts: the live log (store/live-log.ts),
 * an imported HAR (store/import-job.ts), what is shown of the data (store/view.ts) and the settings
 * (store/settings.ts). Mutable inside, versioned outside: components subscribe and re-read.
 */
import { summarize } from '../core/index';
import type { CallKind, CallReport, HarEntryLike, PageFinding, ProbeReport, RawCredential, SourceInfo, Summary } from '../core/index';
import type { CaptureEvent } from '../devtools/collector';
import { IMPORT_SLICE_MS, type ImportedSet, type ImportProgress, ImportSlot, runImport, yieldToUi } from './store/import-job';
import { LiveLog } from './store/live-log';
import { ChangeNotifier } from './store/notifier';
import { Settings, type SettingsStorage } from './store/settings';
import { type Filters, haystack, type Row, ViewState } from './store/view';

export { IMPORT_SLICE_MS, type ImportedSet, type ImportProgress, yieldToUi } from './store/import-job';
export { clampCap, DEFAULT_CAP, MAX_CAP, MIN_CAP, SETTINGS_KEYS, type SettingsStorage } from './store/settings';
export { type Filters, matches, type Row } from './store/view';

export { COALESCE_FROM, COALESCE_MS } from './store/notifier';

export class PanelStore {
  private readonly settings: Settings;
  private live: LiveLog;
  private readonly view = new ViewState();
  private readonly imports = new ImportSlot();
  private readonly notifier = new ChangeNotifier();
  private cache: {
    calls?: { key: number; imported: ImportedSet | null; calls: CallReport[] };
    summary?: { key: CallReport[]; dropped: number; value: { summary: Summary; pageFindings: PageFinding[] } };
  } = {};

  error: string | null = null;
  /** True once the devtools page is linked (or the demo started). */
  connected = false;
  /** A HAR import being analysed (in slices, the panel stays responsive), or null. */
  importing: ImportProgress | null = null;

  constructor(storage?: SettingsStorage) {
    this.settings = new Settings(storage);
    this.live = new LiveLog(this.settings.cap);
  }

  get cap(): number {
    return this.settings.cap;
  }
  get preserveLog(): boolean {
    return this.settings.preserveLog;
  }
  get checklistCollapsed(): boolean {
    return this.settings.checklistCollapsed;
  }
  get includePersonalData(): boolean {
    return this.settings.includePersonalData;
  }
  /** The imported file on screen, or null (live capture). */
  get imported(): ImportedSet | null {
    return this.imports.shown;
  }
  get dropped(): number {
    return this.live.dropped;
  }
  /** The inspected page's URL as of its latest navigation (for "what was tested" in live exports), or null. */
  get pageUrl(): string | null {
    return this.live.pageUrl;
  }
  get filters(): Filters {
    return this.view.filters;
  }
  get selectedId(): string | null {
    return this.view.selectedId;
  }
  get detailOpen(): boolean {
    return this.view.detailOpen;
  }

  /** Changes to the data (not to filters or selection). */
  get dataVersion(): number {
    return this.notifier.dataVersion;
  }
  /** Any change. */
  get version(): number {
    return this.notifier.version;
  }

  subscribe(listener: () => void): () => void {
    return this.notifier.subscribe(listener);
  }

  /** `coalesce`: a live-capture data change, which may be shown a little later on a large session. */
  private changed(data: boolean, coalesce = false): void {
    this.notifier.changed(data, coalesce ? this.live.count : undefined);
  }

  // ----- capture -----

  addEvents(events: readonly CaptureEvent[]): void {
    let any = false;
    for (const event of events) {
      if (event.type === 'call') any = this.live.add(event, this.settings.cap) || any;
      else if (event.type === 'navigation') {
        this.navigate(event.url, event.at, false, event.page);
        any = true;
      } else if (event.type === 'dropped' && event.count > 0) any = this.live.addDropped(event.count, event.page) || any;
    }
    if (this.trim()) any = true;
    if (any) this.changed(true, true);
  }

  private trim(): boolean {
    return this.live.trim(this.settings.cap, (id) => {
      if (this.view.selectedId === id) this.view.selectedId = null;
    });
  }

  /** The live log was emptied: its selection goes, unless an imported file is on screen. */
  private liveCleared(): void {
    if (!this.imported) this.view.clearSelection();
  }

  /**
   * A navigation to a new document: a new page session (cleared), or with "Preserve log" a separator row.
   * `page`: the session it starts (the collector numbers them); by default the one after the latest.
   */
  navigate(url: string, at: string, notify = true, page?: number): void {
    if (this.live.navigate(url, at, this.settings.preserveLog, page)) this.liveCleared();
    if (notify) this.changed(true);
  }

  clearLive(): void {
    this.live.clear();
    this.liveCleared();
    this.changed(true);
  }

  setPreserveLog(on: boolean): void {
    this.settings.set('preserveLog', on);
    this.changed(false);
  }

  setIncludePersonalData(on: boolean): void {
    this.settings.set('includePersonalData', on);
    this.changed(false);
  }

  setChecklistCollapsed(collapsed: boolean): void {
    this.settings.set('checklistCollapsed', collapsed);
    this.changed(false);
  }

  setCap(value: number): void {
    this.settings.setCap(value);
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
   * `importing` as progress. A newer import (or "Back to live") cancels this one.
   * Resolves to the one-line error, or null when the file was shown (or the import was superseded).
   */
  async importHar(text: string, name: string, pause: () => Promise<void> = yieldToUi, sliceMs = IMPORT_SLICE_MS): Promise<string | null> {
    const seq = this.imports.begin();
    const result = await runImport(text, name, {
      pause,
      sliceMs,
      current: () => this.imports.isCurrent(seq),
      onCall: haystack,
      progress: (progress, parsed) => {
        this.importing = progress;
        if (parsed && progress.done === 0) this.error = null;
        this.changed(false);
      },
    });
    if (result === null) return null;
    this.importing = null;
    if ('error' in result) {
      this.error = result.error;
      this.changed(false);
      return this.error;
    }
    this.imports.show(result, seq);
    this.error = null;
    this.view.clearSelection();
    this.changed(true);
    return null;
  }

  backToLive(): void {
    this.imports.clear();
    this.importing = null;
    this.view.clearSelection();
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
    const calls = this.imported ? this.imported.calls : this.live.calls();
    this.cache.calls = { key: this.dataVersion, imported: this.imported, calls };
    return calls;
  }

  get analysis(): { summary: Summary; pageFindings: PageFinding[] } {
    const calls = this.calls;
    const cached = this.cache.summary;
    const dropped = this.imported ? 0 : this.live.dropped;
    if (cached && cached.key === calls && cached.dropped === dropped) return cached.value;
    // An imported HAR's skipped entries count (skipped-coveo-entries), and a live capture's dropped calls (calls-dropped).
    const value = summarize(calls, [this.source]);
    this.cache.summary = { key: calls, dropped, value };
    return value;
  }

  /** Where the calls on screen come from (the imported file, or the live capture with the calls it dropped). */
  get source(): SourceInfo {
    const calls = this.calls;
    const imported = this.imported;
    if (imported) return { name: imported.name, entries: imported.entries, coveoCalls: calls.length, malformed: imported.malformed };
    const source: SourceInfo = { name: 'live capture', entries: calls.length, coveoCalls: calls.length, malformed: [] };
    if (this.live.dropped > 0) source.droppedCalls = this.live.dropped;
    return source;
  }

  get summary(): Summary {
    return this.analysis.summary;
  }

  /** Rows after filtering (separators kept only for live data). */
  get rows(): Row[] {
    const imported = this.imported;
    return this.view.rows(`${this.dataVersion}|${imported ? 'i' : 'l'}`, () =>
      imported ? imported.calls.map((call): Row => ({ type: 'call', call })) : this.live.rows,
    );
  }

  get selected(): CallReport | null {
    if (this.view.selectedId === null) return null;
    return this.calls.find((call) => call.id === this.view.selectedId) ?? null;
  }

  /** Kinds present in the current dataset, for the kind filter. */
  get kinds(): CallKind[] {
    return Object.keys(this.summary.counts.kinds) as CallKind[];
  }

  /** Which dataset is shown: 0 for the live capture, else the import's own number (see applyProbe). */
  get dataset(): number {
    return this.imported ? this.imports.key : 0;
  }

  /** The request of a search or query-suggestion POST (live or imported), for a routing probe the user starts; null otherwise. */
  probeEntry(callId: string): HarEntryLike | null {
    return (this.imported ? this.imports.probeEntry(callId) : this.live.probeEntry(callId)) ?? null;
  }

  /**
   * A probe's outcome on the calls it applies to (verdict, findings, `probe`), in the dataset it was started from
   * (`dataset` as it was then: another file imported meanwhile reuses the same c… ids, and is left alone), then
   * the panel re-renders.
   */
  applyProbe(probe: ProbeReport, dataset = this.dataset): void {
    if (dataset === 0) this.live.applyProbe(probe);
    else if (!this.imports.applyProbe(probe, dataset)) return;
    this.changed(true);
  }

  /** Full credentials of one call, for the explicit "Reveal" control only. */
  rawCredentials(callId: string): RawCredential[] {
    return (this.imported ? this.imports.rawCredentials(callId) : this.live.rawCredentials(callId)) ?? [];
  }

  // ----- filters and selection -----

  setFilters(patch: Partial<Filters>): void {
    this.view.setFilters(patch, () => this.rows);
    this.changed(false);
  }

  select(id: string | null, open = false): void {
    this.view.select(id, open);
    this.changed(false);
  }

  /** Moves the selection among visible calls; returns the row index of the new selection. */
  moveSelection(delta: number): number {
    const index = this.view.moveSelection(this.rows, delta);
    if (index >= 0) this.changed(false);
    return index;
  }

  openDetail(): void {
    if (this.view.selectedId === null) return;
    this.view.detailOpen = true;
    this.changed(false);
  }

  /** Escape: close the detail, else clear the text filter, else clear the selection. */
  escape(): void {
    this.view.escape();
    this.changed(false);
  }
}
