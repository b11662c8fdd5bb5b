import { describe, expect, it } from 'vitest';
import { analyzeEntry } from '../../src/core/index';
import type { CallReport } from '../../src/core/index';
import type { CapturedCall } from '../../src/devtools/collector';
import { entryKey } from '../../src/devtools/collector';
import { FakePlatform } from '../../src/devtools/fake-platform';
import { DEFAULT_CAP, MIN_CAP, PanelStore, SETTINGS_KEYS, matches } from '../../src/panel/store';
import { apiKeySearch, enforcedSearch, querySuggest, unenforcedSearch } from './helpers';
import type { HarEntryLike } from '../../src/core/index';

let seq = 0;
function captured(entry: HarEntryLike): CapturedCall {
  seq++;
  const report = analyzeEntry(entry, { id: `L${seq}`, index: seq });
  if (!report) throw new Error('not a Coveo call');
  return { type: 'call', key: entryKey(entry), report, secrets: [] };
}

function hubs(store: PanelStore): (string | null)[] {
  return store.calls.map((c) => c.searchHub.request);
}

describe('PanelStore sessions', () => {
  it('clears on navigation when "Preserve log" is off', () => {
    const store = new PanelStore(new FakePlatform());
    store.addEvents([captured(enforcedSearch('A')), captured(enforcedSearch('B'))]);
    store.addEvents([{ type: 'navigation', url: 'https://www.acme.example/next', at: '2025-03-01T12:00:00Z' }]);
    expect(store.calls).toEqual([]);
    expect(store.summary.verdict).toBe('empty');
    store.addEvents([captured(enforcedSearch('C'))]);
    expect(hubs(store)).toEqual(['C']);
    expect(store.rows.some((r) => r.type === 'separator')).toBe(false);
  });

  it('accumulates with one separator per navigation when "Preserve log" is on, and persists the setting', () => {
    const platform = new FakePlatform();
    const store = new PanelStore(platform);
    store.setPreserveLog(true);
    expect(platform.storageGet(SETTINGS_KEYS.preserveLog)).toBe('true');
    expect(new PanelStore(platform).preserveLog).toBe(true);
    store.addEvents([captured(enforcedSearch('A'))]);
    store.addEvents([{ type: 'navigation', url: 'https://www.acme.example/2', at: '2025-03-01T12:00:00Z' }]);
    store.addEvents([captured(enforcedSearch('B'))]);
    store.addEvents([{ type: 'navigation', url: 'https://www.acme.example/3', at: '2025-03-01T12:01:00Z' }]);
    expect(store.rows.map((r) => (r.type === 'call' ? r.call.searchHub.request : `nav ${r.url}`))).toEqual([
      'A',
      'nav https://www.acme.example/2',
      'B',
      'nav https://www.acme.example/3',
    ]);
    expect(hubs(store)).toEqual(['A', 'B']);
  });

  it('ignores a call it already has (same key)', () => {
    const store = new PanelStore();
    const entry = enforcedSearch('A');
    store.addEvents([captured(entry)]);
    store.addEvents([captured(entry)]);
    expect(store.calls).toHaveLength(1);
  });
});

describe('PanelStore cap', () => {
  it('keeps the newest calls over the cap and counts the dropped ones', () => {
    const platform = new FakePlatform();
    const store = new PanelStore(platform);
    expect(store.cap).toBe(DEFAULT_CAP);
    store.setCap(1); // clamped
    expect(store.cap).toBe(MIN_CAP);
    expect(platform.storageGet(SETTINGS_KEYS.cap)).toBe(String(MIN_CAP));
    const events = Array.from({ length: MIN_CAP + 25 }, (_, i) => captured(enforcedSearch(`H${i}`)));
    store.addEvents(events);
    expect(store.calls).toHaveLength(MIN_CAP);
    expect(store.dropped).toBe(25);
    expect(store.calls[0]?.searchHub.request).toBe('H25');
    expect(store.calls.at(-1)?.searchHub.request).toBe(`H${MIN_CAP + 24}`);
  });
});

describe('PanelStore filters and selection', () => {
  function filled(): PanelStore {
    const store = new PanelStore();
    store.addEvents([
      captured(enforcedSearch('Community')),
      captured(unenforcedSearch('Support')),
      captured(apiKeySearch('Public')),
      captured(querySuggest('Community')),
    ]);
    return store;
  }

  it('filters by verdict, kind and text without re-analysing', () => {
    const store = filled();
    const before = store.calls;
    store.setFilters({ verdict: 'unenforced' });
    expect(store.rows.map((r) => (r.type === 'call' ? r.call.searchHub.request : null))).toEqual(['Support']);
    store.setFilters({ verdict: 'all', kind: 'querySuggest' });
    expect(store.rows).toHaveLength(1);
    store.setFilters({ kind: 'all', text: 'xx56' });
    expect(store.rows.map((r) => (r.type === 'call' ? r.call.credential.type : null))).toEqual(['api-key']);
    store.setFilters({ text: 'PUBLIC' });
    expect(store.rows).toHaveLength(1);
    store.setFilters({ text: 'no such thing' });
    expect(store.rows).toHaveLength(0);
    // The same report objects: filtering never rebuilt the analysis.
    expect(store.calls).toBe(before);
  });

  it('matches() combines the three filters', () => {
    const call = filled().calls[1] as CallReport;
    expect(matches(call, { verdict: 'unenforced', kind: 'search', text: 'support' })).toBe(true);
    expect(matches(call, { verdict: 'enforced', kind: 'search', text: '' })).toBe(false);
    expect(matches(call, { verdict: 'all', kind: 'querySuggest', text: '' })).toBe(false);
  });

  it('moves the selection among visible calls, opens and closes the detail', () => {
    const store = filled();
    const ids = store.calls.map((c) => c.id);
    store.moveSelection(1);
    expect(store.selectedId).toBe(ids[0]);
    store.moveSelection(1);
    store.moveSelection(1);
    expect(store.selectedId).toBe(ids[2]);
    store.moveSelection(10);
    expect(store.selectedId).toBe(ids[3]);
    store.moveSelection(-1);
    expect(store.selectedId).toBe(ids[2]);
    store.openDetail();
    expect(store.detailOpen).toBe(true);
    store.setFilters({ text: 'support' });
    // The selected call is filtered out: selection and detail go.
    expect(store.selectedId).toBeNull();
    expect(store.detailOpen).toBe(false);
    store.escape();
    expect(store.filters.text).toBe('');
  });
});
