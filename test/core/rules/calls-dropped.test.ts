// A false pass: the panel keeps its latest calls only. An unenforced search among the dropped ones used to vanish
// from the page verdict, so a page of enforced calls kept passed although it had sent an unenforced search.
import { describe, expect, it } from 'vitest';
import { buildReport, summarize } from '../../../src/core/index';
import { FakePlatform } from '../../../src/devtools/fake-platform';
import { currentReport } from '../../../src/panel/export';
import { MIN_CAP, PanelStore } from '../../../src/panel/store';
import { captured, enforcedSearch, querySuggest, unenforcedSearch } from '../../panel/helpers';

const passing = () => [captured(enforcedSearch('Community')), captured(querySuggest('Community'))];

describe('calls-dropped', () => {
  it('core: a source with dropped calls adds the warning and the page is not a pass', () => {
    const calls = passing().map((e) => e.report);
    expect(summarize(calls).summary.verdict).toBe('pass');
    const source = { name: 'live capture', entries: 2, coveoCalls: 2, malformed: [] };
    const r = buildReport([{ source: { ...source, droppedCalls: 3 }, calls }]);
    expect(r.pageFindings.map((f) => f.rule)).toEqual(['calls-dropped']);
    expect(r.pageFindings[0]?.message).toBe("3 older Coveo calls were dropped from the capture and are not counted in this page's verdict.");
    expect(r.summary.verdict).toBe('review');
    expect(buildReport([{ source: { ...source, droppedCalls: 0 }, calls }]).summary.verdict).toBe('pass');
  });

  it('panel: an unenforced search dropped over the cap keeps the page from passing, on screen and in the export', () => {
    const store = new PanelStore(new FakePlatform());
    store.setCap(MIN_CAP);
    store.addEvents([captured(unenforcedSearch('Support'))]);
    expect(store.summary.verdict).toBe('fail');
    store.addEvents(Array.from({ length: MIN_CAP }, (_, i) => captured(enforcedSearch(`H${i}`))));
    store.addEvents([captured(querySuggest('H0'))]);
    expect(store.dropped).toBe(2);
    expect(store.calls.every((c) => c.verdict === 'enforced')).toBe(true);
    expect(store.summary.verdict).toBe('review');
    expect(store.analysis.pageFindings.map((f) => f.rule)).toContain('calls-dropped');
    const report = currentReport(store);
    expect(report.sources[0]?.droppedCalls).toBe(2);
    expect(report.summary.verdict).toBe('review');
  });

  it('panel: calls dropped before the panel connected count too (no call removed from the list)', () => {
    const store = new PanelStore(new FakePlatform());
    store.addEvents(passing());
    expect(store.summary.verdict).toBe('pass');
    store.addEvents([{ type: 'dropped', count: 4 }]);
    expect(store.summary.verdict).toBe('review');
    expect(currentReport(store).sources[0]?.droppedCalls).toBe(4);
  });
});
