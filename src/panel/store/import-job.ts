/**
 * A HAR file imported into the panel: parsed, then analysed by the core's pipeline in slices of about `sliceMs`,
 * the panel getting a turn between them (progress shown, a newer import or "Back to live" cancels this one).
 */
import { analyzeEach, applyProbe, extractRawCredentials, parseHar } from '../../core/index';
import type { CallReport, HarEntryLike, MalformedEntry, ProbeReport, RawCredential } from '../../core/index';
import { probeSource } from '../../devtools/collector';

export interface ImportedSet {
  name: string;
  entries: number;
  calls: CallReport[];
  malformed: MalformedEntry[];
}

/** Progress of a HAR import analysed in slices. */
export interface ImportProgress {
  name: string;
  done: number;
  total: number;
}

/** Gives the UI a turn between slices of long work: `scheduler.yield()` where it exists, else a 0 ms timeout. */
export function yieldToUi(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler && typeof scheduler.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** A slice of import work runs at most this long (ms) before the panel gets a turn. */
export const IMPORT_SLICE_MS = 12;

export interface ImportHooks {
  /** Gives the panel a turn (default yieldToUi). */
  pause: () => Promise<void>;
  sliceMs: number;
  /** Progress to show; `parsed`: the file is parsed (its entries are counted). */
  progress(progress: ImportProgress, parsed: boolean): void;
  /** False once this import is superseded: it stops at its next pause and reports nothing. */
  current(): boolean;
  /** Called on each call as it is analysed (the panel builds its filter text then). */
  onCall?(call: CallReport): void;
  now?: () => number;
}

/** The imported file with what the panel keeps beside it: raw credentials (for "Reveal") and probe sources. */
export interface Imported {
  set: ImportedSet;
  secrets: Map<string, RawCredential[]>;
  probeEntries: Map<string, HarEntryLike>;
}

/** The one-line message shown when a file cannot be imported. */
function importError(name: string, error: unknown): { error: string } {
  return { error: `Cannot import ${name}: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}` };
}

/**
 * Imports a HAR file's text: the same calls as the core's `analyzeEntries`. Resolves to what was imported, the
 * one-line error, or null when the import was superseded.
 */
export async function runImport(text: string, name: string, hooks: ImportHooks): Promise<Imported | { error: string } | null> {
  const now = hooks.now ?? Date.now;
  // Parsing the JSON is one step that cannot be sliced: say so on screen first.
  hooks.progress({ name, done: 0, total: 0 }, false);
  await hooks.pause();
  if (!hooks.current()) return null;
  let entries: unknown[];
  try {
    entries = parseHar(text).entries;
  } catch (error) {
    return importError(name, error);
  }
  const calls: CallReport[] = [];
  const malformed: MalformedEntry[] = [];
  const secrets = new Map<string, RawCredential[]>();
  const probeEntries = new Map<string, HarEntryLike>();
  const total = entries.length;
  hooks.progress({ name, done: 0, total }, true);
  try {
    await hooks.pause(); // the progress line shows before the first slice
    if (!hooks.current()) return null;
    let sliceEnd = now() + hooks.sliceMs;
    for (const step of analyzeEach(total, (i) => entries[i], { sliceDone: () => now() >= sliceEnd })) {
      if (step.type === 'malformed') malformed.push(step.malformed);
      else if (step.type === 'call') {
        const { call, entry } = step;
        hooks.onCall?.(call);
        calls.push(call);
        const raw = extractRawCredentials(entry);
        if (raw.length > 0) secrets.set(call.id, raw);
        const source = probeSource(entry, call);
        if (source) probeEntries.set(call.id, source);
      } else {
        hooks.progress({ name, done: step.done, total }, true);
        await hooks.pause();
        if (!hooks.current()) return null;
        sliceEnd = now() + hooks.sliceMs;
      }
    }
  } catch (error) {
    return hooks.current() ? importError(name, error) : null;
  }
  if (!hooks.current()) return null;
  return { set: { name, entries: total, calls, malformed }, secrets, probeEntries };
}

/** The imported file on screen (or none), and which import is the latest: an older one still running is superseded. */
export class ImportSlot {
  shown: ImportedSet | null = null;
  /** The number of the import shown, so a probe's late answer never lands on another file's c… ids. */
  key = 0;
  private seq = 0;
  private secrets = new Map<string, RawCredential[]>();
  private probeEntries = new Map<string, HarEntryLike>();

  /** A new import starts: returns its number; any earlier one is superseded. */
  begin(): number {
    return ++this.seq;
  }

  isCurrent(seq: number): boolean {
    return seq === this.seq;
  }

  show(imported: Imported, seq: number): void {
    this.shown = imported.set;
    this.secrets = imported.secrets;
    this.probeEntries = imported.probeEntries;
    this.key = seq;
  }

  /** Back to live: nothing imported, and an import still running is superseded. */
  clear(): void {
    this.seq++;
    this.shown = null;
    this.secrets.clear();
    this.probeEntries.clear();
  }

  rawCredentials(callId: string): RawCredential[] | undefined {
    return this.secrets.get(callId);
  }

  probeEntry(callId: string): HarEntryLike | undefined {
    return this.probeEntries.get(callId);
  }

  /** A probe's outcome on the shown file's calls it applies to, if that file is import `dataset`: false otherwise. */
  applyProbe(probe: ProbeReport, dataset: number): boolean {
    const shown = this.shown;
    if (!shown || dataset !== this.key) return false;
    const ids = new Set(probe.appliesTo);
    const updated = new Map(
      applyProbe(
        shown.calls.filter((c) => ids.has(c.id)),
        probe,
      ).map((c) => [c.id, c]),
    );
    this.shown = { ...shown, calls: shown.calls.map((c) => updated.get(c.id) ?? c) };
    return true;
  }
}
