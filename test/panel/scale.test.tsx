// @vitest-environment happy-dom
// The panel on big inputs: HAR imports analysed in slices that yield to the UI (with a progress line), bodies
// over the core's limit flagged in the detail pane, and bursts of live calls on a long session batched.
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { analyzeEntries, analyzeEntry, parseHar } from '../../src/core/index';
import type { CaptureEvent } from '../../src/devtools/collector';
import { COALESCE_FROM, COALESCE_MS, PanelStore, matches } from '../../src/panel/store';
import { API_KEY, apiKeySearch, coveoCall, enforcedSearch, har, querySuggest, thirdParty, unenforcedSearch } from './helpers';
import { mountPanel } from './mount';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function mixedHar(n: number): string {
  const makers = [enforcedSearch, unenforcedSearch, apiKeySearch, () => querySuggest('Community', false), thirdParty];
  const entries: unknown[] = Array.from({ length: n }, (_, i) => makers[i % makers.length]!(`Hub${i % 7}`));
  entries.splice(3, 0, { request: 'not an object' }); // one malformed entry
  return har(entries);
}

describe('chunked HAR import (store)', () => {
  it('gives the same calls as the one-shot analysis, with progress between slices', async () => {
    const text = mixedHar(40);
    const expected = analyzeEntries(parseHar(text).entries, 'big.har');
    const store = new PanelStore();
    const progress: string[] = [];
    const done = store.importHar(
      text,
      'big.har',
      async () => {
        progress.push(`${store.importing?.done}/${store.importing?.total}`);
      },
      0, // a zero-length slice: one entry per slice
    );
    expect(store.importing).toEqual({ name: 'big.har', done: 0, total: 0 }); // reading: shown before parsing
    expect(await done).toBeNull();
    // Reading, then before the first slice, then after each entry but the last.
    expect(progress).toEqual(['0/0', ...Array.from({ length: 41 }, (_, i) => `${i}/41`)]);
    expect(store.importing).toBeNull();
    expect(store.imported?.calls).toEqual(expected.calls);
    expect(store.imported?.malformed).toEqual(expected.source.malformed);
    expect(store.imported?.entries).toBe(41);
    // The raw credential stays available to the explicit Reveal control, keyed by call id.
    const keyCall = store.imported!.calls.find((c) => c.credential.type === 'api-key')!;
    expect(store.rawCredentials(keyCall.id).map((r) => r.value)).toContain(API_KEY);
  });

  it('is cancelled by a newer import and by "Back to live"', async () => {
    const store = new PanelStore();
    let release: () => void = () => undefined;
    const gate = () => new Promise<void>((resolve) => (release = resolve));
    const first = store.importHar(mixedHar(10), 'first.har', gate, 0);
    expect(store.importing?.name).toBe('first.har');
    release(); // past the reading step, now held before its first slice
    await Promise.resolve();
    await Promise.resolve();
    const second = store.importHar(har([enforcedSearch('Second')]), 'second.har', async () => undefined, 0);
    expect(await second).toBeNull();
    expect(store.imported?.name).toBe('second.har');
    release();
    expect(await first).toBeNull();
    expect(store.imported?.name).toBe('second.har');

    const third = store.importHar(mixedHar(10), 'third.har', gate, 0);
    store.backToLive();
    release();
    await third;
    expect(store.imported).toBeNull();
    expect(store.importing).toBeNull();
  });

  it('reports an unusable file in one line without touching the dataset', async () => {
    const store = new PanelStore();
    expect(await store.importHar('{"log":', 'cut.har')).toMatch(/^Cannot import cut\.har: [^\n]+$/);
    expect(store.imported).toBeNull();
    expect(store.importing).toBeNull();
  });
});

describe('chunked HAR import (panel)', () => {
  it('shows a progress line while a big file is analysed, and timers still run meanwhile', async () => {
    const { store } = await mountPanel();
    const file = new File([mixedHar(6000)], 'big.har');
    const input = screen.getByTestId('import-input') as HTMLInputElement;
    Object.defineProperty(input, 'files', { configurable: true, value: [file] });
    let progressSeenByTimer: string | null | undefined;
    const seenWhileImporting = new Promise<void>((resolve) => {
      const poll = (): void => {
        if (store.importing && store.importing.done > 0) {
          progressSeenByTimer = screen.queryByTestId('import-progress')?.textContent;
          resolve();
        } else if (!store.imported) setTimeout(poll, 1);
        else resolve();
      };
      setTimeout(poll, 0);
    });
    fireEvent.change(input);
    // Not inside act(): act() would hold the renders back until it ends.
    await seenWhileImporting;
    // A timer ran in the middle of the analysis and found the progress line on screen.
    expect(progressSeenByTimer).toMatch(/^Analysing big\.har: [\d,]+ of 6,001 entries…$/);
    const banner = await screen.findByTestId('imported-banner', {}, { timeout: 10_000 });
    expect(banner.textContent).toContain('4800 Coveo calls from 6001 entries');
    expect(screen.queryByTestId('import-progress')).toBeNull();
  });
});

describe('bodies over the size limit', () => {
  it('says in the detail pane that the analysis was truncated', async () => {
    const { emit } = await mountPanel();
    const huge = coveoCall({ credential: API_KEY, body: { q: 'big', searchHub: 'Huge', padding: 'x'.repeat(1_100_000) } });
    await emit(huge, enforcedSearch('Small'));
    const rows = screen.getAllByTestId('call-row');
    expect(rows).toHaveLength(2);
    fireEvent.click(rows[0]!);
    const notes = await screen.findByTestId('call-notes');
    expect(notes.textContent).toMatch(/request body of 1,?\d{3},?\d{3} characters was read up to 1,?000,?000 \(truncated\)/);
    fireEvent.click(screen.getAllByTestId('call-row')[1]!);
    await waitFor(() => expect(screen.queryByTestId('call-notes')).toBeNull());
  });
});

describe('bursts of live calls on a long session', () => {
  function events(from: number, n: number): CaptureEvent[] {
    const template = analyzeEntry(enforcedSearch('Burst'), { id: 't', index: 0 })!;
    return Array.from({ length: n }, (_, i) => ({ type: 'call' as const, key: `k${from + i}`, report: { ...template, id: `L${from + i}` }, secrets: [] }));
  }

  it('shows the first change at once and batches the rest of the burst, without losing data', () => {
    vi.useFakeTimers();
    const store = new PanelStore();
    let notified = 0;
    store.subscribe(() => notified++);
    store.addEvents(events(0, COALESCE_FROM)); // reaching the threshold: shown at once
    expect(notified).toBe(1);
    vi.advanceTimersByTime(COALESCE_MS); // a quiet moment
    store.addEvents(events(COALESCE_FROM, 1));
    expect(notified).toBe(2); // first change of a burst: at once
    for (let i = 1; i <= 20; i++) store.addEvents(events(COALESCE_FROM + i, 1));
    expect(notified).toBe(2);
    expect(store.calls).toHaveLength(COALESCE_FROM + 21); // the data is there already
    vi.advanceTimersByTime(COALESCE_MS);
    expect(notified).toBe(3); // one render for the whole burst
    // A filter change is never delayed, and flushes any pending batch.
    store.addEvents(events(COALESCE_FROM + 30, 1));
    const before = notified;
    store.setFilters({ text: 'burst' });
    expect(notified).toBe(before + 1);
    vi.advanceTimersByTime(COALESCE_MS * 2);
    expect(notified).toBe(before + 1);
  });

  it('renders every change of a small session at once', () => {
    const store = new PanelStore();
    let notified = 0;
    store.subscribe(() => notified++);
    for (let i = 0; i < 10; i++) store.addEvents(events(i, 1));
    expect(notified).toBe(10);
  });
});

describe('filtering from cached results', () => {
  it('gives the same rows as filtering everything afresh, while typing, deleting and receiving calls', () => {
    const store = new PanelStore();
    const entries = ['Alpha', 'Alps', 'Beta', 'alphabet', 'Gamma', 'ALPINE'].flatMap((hub, i) => [
      enforcedSearch(hub),
      i % 2 ? unenforcedSearch(hub) : apiKeySearch(hub),
    ]);
    let n = 0;
    const add = (entry: (typeof entries)[number]): void => {
      const report = analyzeEntry(entry, { id: `L${n}`, index: n })!;
      store.addEvents([{ type: 'call', key: `k${n++}`, report, secrets: [] }]);
    };
    entries.slice(0, 8).forEach(add);
    const fresh = (): string[] => store.calls.filter((c) => matches(c, store.filters)).map((c) => c.id);
    const shown = (): string[] => store.rows.flatMap((r) => (r.type === 'call' ? [r.call.id] : []));
    const steps = ['a', 'al', 'alp', 'alph', 'alp', 'al', ' AL ', 'alps', 'al', 'zz', 'a', ''];
    let checked = 0;
    for (const [i, text] of steps.entries()) {
      store.setFilters({ text });
      expect(shown()).toEqual(fresh());
      if (i === 3) {
        entries.slice(8).forEach(add); // new calls arrive mid-typing: they must show up too
        expect(shown()).toEqual(fresh());
      }
      if (i === 4) expect(shown()).toEqual(expect.arrayContaining(['L10', 'L11'])); // ALPINE arrived after "alph"
      if (i === 5) store.setFilters({ verdict: 'enforced' });
      checked++;
    }
    expect(checked).toBe(steps.length);
    expect(new Set(shown()).size).toBe(store.calls.filter((c) => c.verdict === 'enforced').length);
  });
});
