/**
 * What the panel shows of a dataset: the filters (verdict, kind, text), the filtered rows (cached per dataset and
 * filter, so typing narrows a cached result), and the selection. Filtering reads the stored analysis and never
 * re-analyses.
 */
import type { CallKind, CallReport, Verdict } from '../../core/index';

export type Row = { type: 'call'; call: CallReport } | { type: 'separator'; id: string; url: string; at: string };

export interface Filters {
  verdict: Verdict | 'all';
  kind: CallKind | 'all';
  text: string;
}

const searchText = new WeakMap<CallReport, string>();

/** The text filter's search text of a call, built once per call (as it arrives, or on first use). */
export function haystack(call: CallReport): string {
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

/**
 * Rows with their search texts side by side (null for a separator), so a keystroke scans plain strings: no lookup
 * per call, no callback per row.
 */
interface Filtered {
  rows: Row[];
  texts: (string | null)[];
}

function narrow(source: Filtered, needle: string): Filtered {
  const rows: Row[] = [];
  const texts: (string | null)[] = [];
  const from = source.rows;
  const fromTexts = source.texts;
  for (let i = 0; i < from.length; i++) {
    const text = fromTexts[i]!;
    if (text === null || text.includes(needle)) {
      rows.push(from[i]!);
      texts.push(text);
    }
  }
  return { rows, texts };
}

export class ViewState {
  filters: Filters = { verdict: 'all', kind: 'all', text: '' };
  selectedId: string | null = null;
  detailOpen = false;
  private cache = { key: '', byNeedle: new Map<string, Filtered>() };

  /**
   * The rows of a dataset after filtering (separators kept). `dataset`: changes whenever the data does; `all`: its
   * rows, asked only when no cached result can serve.
   */
  rows(dataset: string, all: () => Row[]): Row[] {
    const f = this.filters;
    const key = `${dataset}|${f.verdict}|${f.kind}`;
    const cache = this.cache;
    if (cache.key !== key) {
      cache.key = key;
      cache.byNeedle.clear();
    }
    const needle = needleOf(f.text);
    const hit = cache.byNeedle.get(needle);
    if (hit) return hit.rows;
    // Matching is substring search: the rows matching "ab" are among those matching "a". Start from the
    // narrowest cached result whose needle this one contains ("" is every row the verdict and kind let through).
    let source: Filtered | undefined;
    let best = -1;
    for (const [cached, rows] of cache.byNeedle) {
      if (cached.length > best && needle.includes(cached)) {
        source = rows;
        best = cached.length;
      }
    }
    if (!source) {
      const base: Filtered = { rows: [], texts: [] };
      for (const row of all()) {
        if (row.type === 'separator') {
          base.rows.push(row);
          base.texts.push(null);
        } else if (matchesNeedle(row.call, f, '')) {
          base.rows.push(row);
          base.texts.push(haystack(row.call));
        }
      }
      this.remember('', base);
      source = base;
    }
    const result = needle === '' ? source : narrow(source, needle);
    this.remember(needle, result);
    return result.rows;
  }

  private remember(needle: string, result: Filtered): void {
    const byNeedle = this.cache.byNeedle;
    if (byNeedle.has(needle)) return;
    if (byNeedle.size >= ROWS_CACHE_SIZE) {
      // The oldest goes, but not the unfiltered base ("") every new query can start from.
      for (const oldest of byNeedle.keys()) {
        if (oldest === '') continue;
        byNeedle.delete(oldest);
        break;
      }
    }
    byNeedle.set(needle, result);
  }

  clearSelection(): void {
    this.selectedId = null;
    this.detailOpen = false;
  }

  /** New filters; a selection they hide (not in `rows()` after the change) is cleared. */
  setFilters(patch: Partial<Filters>, rows: () => Row[]): void {
    this.filters = { ...this.filters, ...patch };
    if (this.selectedId !== null && !rows().some((r) => r.type === 'call' && r.call.id === this.selectedId)) this.clearSelection();
  }

  select(id: string | null, open: boolean): void {
    this.selectedId = id;
    this.detailOpen = id !== null && (open || this.detailOpen);
  }

  /** Moves the selection among the calls of `rows`; returns the row index of the new selection (-1: none). */
  moveSelection(rows: Row[], delta: number): number {
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
    if (row?.type === 'call') this.selectedId = row.call.id;
    return rowIndex;
  }

  /** Escape: close the detail, else clear the text filter, else clear the selection. */
  escape(): void {
    if (this.detailOpen) this.detailOpen = false;
    else if (this.filters.text !== '') this.filters = { ...this.filters, text: '' };
    else this.selectedId = null;
  }
}
