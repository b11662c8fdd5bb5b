import { describe, expect, it } from 'vitest';
import type { CallReport } from '../../src/core/index';
import type { CapturedCall } from '../../src/devtools/collector';
import { FakePlatform } from '../../src/devtools/fake-platform';
import { DEFAULT_CAP, MIN_CAP, PanelStore, SETTINGS_KEYS, matches } from '../../src/panel/store';
import { apiKeySearch, captured, enforcedSearch, querySuggest, unenforcedSearch } from './helpers';

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

describe('PanelStore order: by request start time within a page session', () => {
  const t = (s: string) => `2025-03-01T12:00:${s}Z`;
  function call(hub: string, started: string, page?: number): CapturedCall {
    return { ...captured(enforcedSearch(hub, { startedDateTime: t(started) })), ...(page === undefined ? {} : { page }) };
  }
  function layout(store: PanelStore): string[] {
    return store.rows.map((r) => (r.type === 'call' ? (r.call.searchHub.request ?? '') : `| ${r.url}`));
  }

  it('inserts calls that arrive out of order where they started', () => {
    const store = new PanelStore();
    store.addEvents([call('B', '17.730'), call('C', '17.825')]);
    store.addEvents([call('A', '17.525')]);
    store.addEvents([call('D', '17.900'), call('C2', '17.825')]); // same start: arrival order
    expect(hubs(store)).toEqual(['A', 'B', 'C', 'C2', 'D']);
  });

  it('keeps each call in its own page session, separators included (Preserve log on)', () => {
    const store = new PanelStore();
    store.setPreserveLog(true);
    store.addEvents([call('A', '10.000', 0)]);
    store.addEvents([{ type: 'navigation', url: 'https://www.acme.example/2', at: t('12.000'), page: 1 }]);
    store.addEvents([call('C', '13.000', 1)]);
    // A call of the first page that finished late (and one with a clock later than the navigation's).
    store.addEvents([call('B', '11.000', 0), call('B2', '14.000', 0)]);
    store.addEvents([{ type: 'navigation', url: 'https://www.acme.example/3', at: t('15.000'), page: 2 }]);
    store.addEvents([call('C0', '12.500', 1), call('D', '16.000', 2)]);
    expect(layout(store)).toEqual(['A', 'B', 'B2', '| https://www.acme.example/2', 'C0', 'C', '| https://www.acme.example/3', 'D']);
  });

  it('drops a late call of a page session that was cleared (Preserve log off, or Clear)', () => {
    const store = new PanelStore();
    store.addEvents([call('A', '10.000', 0)]);
    store.addEvents([{ type: 'navigation', url: 'https://www.acme.example/2', at: t('12.000'), page: 1 }]);
    store.addEvents([call('B', '11.000', 0), call('C', '13.000', 1)]);
    expect(hubs(store)).toEqual(['C']);
    store.clearLive();
    store.addEvents([call('D', '14.000', 1)]); // the current page keeps capturing after Clear
    expect(hubs(store)).toEqual(['D']);
  });

  it('keeps the calls, rows and filter caches right when a call lands in the middle', () => {
    const store = new PanelStore();
    store.addEvents([call('Alpha1', '10.000'), call('Alpha3', '30.000')]);
    store.setFilters({ text: 'alp' });
    const before = store.rows;
    expect(before).toHaveLength(2);
    store.setFilters({ text: 'alph' }); // cached narrowing from "alp"
    store.addEvents([call('Alpha2', '20.000')]);
    expect(store.rows.map((r) => (r.type === 'call' ? r.call.searchHub.request : null))).toEqual(['Alpha1', 'Alpha2', 'Alpha3']);
    store.setFilters({ text: 'alp' });
    expect(store.rows).toHaveLength(3);
    expect(hubs(store)).toEqual(['Alpha1', 'Alpha2', 'Alpha3']);
    expect(store.summary.calls).toBe(3);
  });

  it('trims the oldest by start time over the cap', () => {
    const store = new PanelStore();
    store.setCap(MIN_CAP);
    store.addEvents(Array.from({ length: MIN_CAP }, (_, i) => call(`H${i}`, `${String(10 + (i % 40)).padStart(2, '0')}.${String(i).padStart(3, '0')}`)));
    store.addEvents([call('Early', '00.000')]); // older than everything kept: dropped at once
    expect(store.calls).toHaveLength(MIN_CAP);
    expect(hubs(store)).not.toContain('Early');
    expect(store.dropped).toBe(1);
    const times = store.calls.map((c) => c.startedDateTime ?? '');
    expect([...times].sort()).toEqual(times);
  });

  // Speed is measured by `npm run bench`, never asserted here: this checks the order and the count only.
  it('keeps thousands of in-order calls in order, up to the cap', () => {
    const store = new PanelStore();
    store.setCap(20_000);
    const template = captured(enforcedSearch('Big'));
    const base = Date.parse(t('00.000'));
    const events: CapturedCall[] = Array.from({ length: 20_000 }, (_, i) => ({
      ...template,
      key: `k${i}`,
      report: { ...template.report, id: `B${i}`, startedDateTime: new Date(base + i).toISOString() },
    }));
    for (const event of events) store.addEvents([event]);
    expect(store.calls).toHaveLength(20_000);
    expect(store.calls.every((c, i) => c.id === `B${i}`)).toBe(true);
    expect(store.calls[19_999]?.id).toBe('B19999');
  });
});
