// Issue 14, point 2: the one analysis pipeline (analyzeEach / analyzeAll) and the capture's questions to the core.
import { describe, expect, it } from 'vitest';
import { analyzeAll, analyzeEach, analyzeEntries, analyzeEntry, callKindOf, needsResponseBody, type PipelineStep } from '../../src/core/index';
import { entry, FACET_URL, ORG, QS_URL, SEARCH_URL, searchToken } from '../helpers/coveo';

const token = searchToken({ searchHub: 'ACMEPublic' });
const ENTRIES: unknown[] = [
  entry(SEARCH_URL, { bearer: token, json: { q: 'a' } }),
  { not: 'an entry' },
  entry('https://www.example.com/app.js'),
  entry(QS_URL, { bearer: token, json: { q: 'b' } }),
  'junk',
  entry(FACET_URL, { bearer: token, json: {} }),
];

const shape = (steps: PipelineStep[]) =>
  steps.map((s) => (s.type === 'call' ? `call ${s.call.id}` : s.type === 'malformed' ? `malformed ${s.index}` : `slice ${s.done}/${s.total}`));

describe('the analysis pipeline', () => {
  it('yields each call and each malformed entry in entry order, nothing for other traffic', () => {
    expect(shape([...analyzeEach(ENTRIES.length, (i) => ENTRIES[i])])).toEqual(['call c0', 'malformed 1', 'call c3', 'malformed 4', 'call c5']);
  });

  it('gives the same calls and source as analyzeEntries, which is its thin wrapper', () => {
    const all = analyzeAll(ENTRIES.length, (i) => ENTRIES[i], 'f.har', { idPrefix: 'f1.' });
    expect(all).toEqual(analyzeEntries(ENTRIES, 'f.har', 'f1.'));
    expect(all.calls.map((c) => c.id)).toEqual(['f1.c0', 'f1.c3', 'f1.c5']);
    expect(all.source).toMatchObject({ name: 'f.har', entries: 6, coveoCalls: 3 });
    expect(all.source.malformed.map((m) => m.index)).toEqual([1, 4]);
  });

  it('yields the entry with its call, for what a consumer keeps beside the report (credentials, probe source)', () => {
    const first = analyzeEach(ENTRIES.length, (i) => ENTRIES[i]).next().value;
    expect(first?.type === 'call' && first.entry).toBe(ENTRIES[0]);
  });

  it('ends a slice when asked, with progress, never after the last entry', () => {
    let n = 0;
    const steps = [...analyzeEach(ENTRIES.length, (i) => ENTRIES[i], { sliceDone: () => ++n % 2 === 0 })];
    expect(shape(steps)).toEqual(['call c0', 'malformed 1', 'slice 2/6', 'call c3', 'slice 4/6', 'malformed 4', 'call c5']);
    expect(shape([...analyzeEach(1, () => ENTRIES[0], { sliceDone: () => true })])).toEqual(['call c0']);
  });

  it('is lazy and reads each entry once; skipped entries are never read but still counted', () => {
    const read: number[] = [];
    const steps = analyzeEach(
      ENTRIES.length,
      (i) => {
        read.push(i);
        return ENTRIES[i];
      },
      { skip: (i) => i === 2 || i === 4 },
    );
    expect(read).toEqual([]);
    steps.next();
    expect(read).toEqual([0]);
    const rest = [...steps];
    expect(read).toEqual([0, 1, 3, 5]);
    expect(rest.map((s) => s.type)).toEqual(['malformed', 'call', 'call']);
    const all = analyzeAll(ENTRIES.length, (i) => ENTRIES[i], 'x', { skip: (i) => i === 4 });
    expect(all.source.entries).toBe(6);
    expect(all.source.malformed.map((m) => m.index)).toEqual([1]);
  });
});

describe('what capture asks the core before analysing a call', () => {
  const cases: unknown[] = [
    ...ENTRIES,
    entry(SEARCH_URL, { method: 'OPTIONS' }),
    entry(`https://${ORG}.org.coveo.com/rest/ua/v15/analytics/search`, { json: { searchHub: 'A' } }),
    entry('https://www.example.com/api/search', { json: { searchHub: 'ACMEPublic', q: 'x' } }),
    entry('https://www.example.com/api/other', { json: { unrelated: true } }),
    entry(`https://${ORG}.org.coveo.com/rest/search/v2/html?uniqueId=1`),
  ];

  it('names the kind exactly when analyzeEntry finds a call, and the same kind', () => {
    for (const e of cases) expect(callKindOf(e)).toBe(analyzeEntry(e)?.kind ?? null);
    expect(cases.map(callKindOf).filter((k) => k !== null)).toEqual(['search', 'querySuggest', 'facetSearch', 'analytics', 'search', 'html']);
  });

  it('asks for the response body of calls whose kind reads it, unless the entry has it already', () => {
    expect(needsResponseBody(entry(SEARCH_URL, { json: {} }))).toBe(true);
    expect(needsResponseBody(entry(SEARCH_URL, { json: {}, response: { totalCount: 1 } }))).toBe(false);
    expect(needsResponseBody(entry(`https://${ORG}.org.coveo.com/rest/ua/v15/analytics/search`, { json: {} }))).toBe(false);
    expect(needsResponseBody(entry(`https://${ORG}.org.coveo.com/rest/search/v2/html?uniqueId=1`))).toBe(false);
    expect(needsResponseBody(entry('https://www.example.com/app.js'))).toBe(false);
    expect(needsResponseBody('junk')).toBe(false);
  });
});
