/**
 * The analysis pipeline: HAR entries in, analysed calls and malformed-entry records out, one entry at a time. The
 * one loop behind `analyzeEntries`, the CLI's streaming reader and the panel's sliced import; each entry is
 * analysed by `analyzeEntry` (call.ts).
 */
import { analyzeEntry } from './call';
import { isCoveoHost, recognizeEndpoint, urlMayBeCoveo } from './endpoints';
import { entryProblem } from './har';
import { parseUrl } from './request';
import type { CallReport, HarEntryLike, MalformedEntry, SourceInfo } from './types';

export { analyzeEntry, callKindOf, needsResponseBody, type AnalyzeOptions } from './call';
export { entryProblem };

/** What the pipeline yields: an analysed call (with its entry), a skipped entry, or the end of a slice. */
export type PipelineStep =
  | { type: 'call'; index: number; entry: HarEntryLike; call: CallReport }
  | { type: 'malformed'; index: number; malformed: MalformedEntry }
  | { type: 'slice'; done: number; total: number };

export interface PipelineOptions {
  /** Prefix of the call ids (`{idPrefix}c{index}`), to tell several sources apart. */
  idPrefix?: string;
  /** Entries certainly not Coveo calls, left unread (a streaming reader's prefilter): counted, never analysed. */
  skip?: (index: number) => boolean;
  /**
   * Asked after each entry: true ends the slice, and a `slice` step (progress) is yielded before the next entry,
   * where the consumer may pause (give the UI a turn, stop). Never asked after the last entry.
   */
  sliceDone?: () => boolean;
}

export interface AnalyzedSource {
  calls: CallReport[];
  source: SourceInfo;
}

/**
 * Analyses entries 0..count-1 (`get(i)` reads entry i, once, in order), yielding each Coveo call and each malformed
 * entry as it goes. Entries that are no Coveo call yield nothing. Lazy: nothing is read before it is asked for.
 */
export function* analyzeEach(count: number, get: (index: number) => unknown, options: PipelineOptions = {}): Generator<PipelineStep, void> {
  const { idPrefix = '', skip, sliceDone } = options;
  for (let i = 0; i < count; i++) {
    if (!skip?.(i)) {
      const entry = get(i);
      const problem = entryProblem(entry);
      if (problem !== null) yield { type: 'malformed', index: i, malformed: malformedEntry(i, entry, problem) };
      else {
        const call = analyzeEntry(entry, { index: i, id: `${idPrefix}c${i}` });
        if (call) yield { type: 'call', index: i, entry: entry as HarEntryLike, call };
      }
    }
    if (i + 1 < count && sliceDone?.()) yield { type: 'slice', done: i + 1, total: count };
  }
}

/** Runs the pipeline to its end: the calls, and the source as the report lists it (`name`, counts, malformed). */
export function analyzeAll(count: number, get: (index: number) => unknown, name: string, options: PipelineOptions = {}): AnalyzedSource {
  const calls: CallReport[] = [];
  const malformed: MalformedEntry[] = [];
  for (const step of analyzeEach(count, get, options)) {
    if (step.type === 'call') calls.push(step.call);
    else if (step.type === 'malformed') malformed.push(step.malformed);
  }
  return { calls, source: { name, entries: count, coveoCalls: calls.length, malformed } };
}

/** Analyses a list of entries: the Coveo calls, and the malformed entries counted and named. */
export function analyzeEntries(entries: readonly unknown[], sourceName = 'input', idPrefix = ''): AnalyzedSource {
  return analyzeAll(entries.length, (i) => entries[i], sourceName, { idPrefix });
}

/** A skipped entry as the report lists it: index, reason, and whether it looks like a Coveo call. */
export function malformedEntry(index: number, entry: unknown, reason: string): MalformedEntry {
  return looksLikeCoveoEntry(entry) ? { index, reason, looksLikeCoveo: true } : { index, reason };
}

/** A skipped entry whose URL (wherever it can be found) names a Coveo host or path. */
function looksLikeCoveoEntry(entry: unknown): boolean {
  if (entry === null || typeof entry !== 'object') return false;
  const request = (entry as { request?: unknown }).request;
  const url = request && typeof request === 'object' ? (request as { url?: unknown }).url : (entry as { url?: unknown }).url;
  if (typeof url !== 'string' || !urlMayBeCoveo(url)) return false;
  const parsed = parseUrl(url);
  return isCoveoHost(parsed.host) || recognizeEndpoint(parsed.host, parsed.path, () => false) !== null;
}
