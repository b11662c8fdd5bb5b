import { describe, expect, it } from 'vitest';
import { analyzeEntry } from '../../src/core/analyze';
import { summarize } from '../../src/core/report-model';
import type { CallReport, HarEntryLike } from '../../src/core/types';
import { API_KEY, entry, QS_URL, SEARCH_URL, searchToken } from '../helpers/coveo';

const calls = (...entries: HarEntryLike[]) => entries.map((e, i) => analyzeEntry(e, { index: i })).filter((c): c is CallReport => c !== null);
const enforced = searchToken({ searchHub: 'ACMEPublic' });

describe('page summary', () => {
  it('is empty with no call', () => {
    expect(summarize([]).summary).toMatchObject({ verdict: 'empty', calls: 0, hubs: [] });
  });

  it('passes when every search and suggestion call is enforced, with full coverage', () => {
    const { summary } = summarize(calls(entry(SEARCH_URL, { bearer: enforced, json: {} }), entry(QS_URL, { bearer: enforced, json: {} })));
    expect(summary.verdict).toBe('pass');
    expect(summary.hubs).toEqual([
      {
        hub: 'ACMEPublic',
        searchSeen: true,
        searchEnforced: true,
        querySuggestSeen: true,
        querySuggestEnforced: true,
        calls: 2,
        searchStatus: 'enforced',
        querySuggestStatus: 'enforced',
        pinnedPipelines: [],
      },
    ]);
    expect(summary.counts.verdicts).toEqual({ enforced: 2, unenforced: 0, unverifiable: 0, 'not-applicable': 0 });
  });

  it('asks for review with unverifiable calls and no error', () => {
    const { summary } = summarize(calls(entry(SEARCH_URL, { json: { searchHub: 'A' } })));
    expect(summary.verdict).toBe('review');
    expect(summary.reason).toMatch(/cannot be verified/);
  });

  it('asks for review when only calls the hub does not route were seen', () => {
    const { summary } = summarize(
      calls(entry('https://acmeprod.org.coveo.com/rest/organizations/acmeprod/commerce/v2/search', { bearer: searchToken({ searchHub: 'S' }), json: {} })),
    );
    expect(summary.verdict).toBe('review');
    expect(summary.reason).toMatch(/No search/);
  });

  it('fails on any error and names the failing rules', () => {
    const { summary } = summarize(
      calls(entry(SEARCH_URL, { bearer: enforced, json: {} }), entry(QS_URL, { bearer: searchToken(), json: { searchHub: 'ACMEPublic' } })),
    );
    expect(summary.verdict).toBe('fail');
    // A sentence a person understands: what the calls do and what it allows, not a rule id.
    expect(summary.reason).toBe(
      '1 query-suggestion call sends the hub only in the request body (the search token has no searchHub claim), so a visitor can change it.',
    );
    expect(summary.reason).not.toMatch(/\(s\)|token-missing-search-hub/);
    expect(summary.hubs[0]).toMatchObject({ hub: 'ACMEPublic', searchEnforced: true, querySuggestSeen: true, querySuggestEnforced: false });
    expect(summary.counts.rules['token-missing-search-hub']).toBe(1);
    expect(summary.counts.severities.error).toBeGreaterThan(0);
    expect(summary.counts.kinds).toEqual({ search: 1, querySuggest: 1 });
  });

  it('never reports an unseen kind as enforced', () => {
    const { summary } = summarize(calls(entry(SEARCH_URL, { bearer: enforced, json: {} })));
    expect(summary.hubs[0]).toMatchObject({ querySuggestSeen: false, querySuggestEnforced: false });
  });

  it('gives each hub the weakest status per kind: unenforced before unverifiable before enforced', () => {
    const { summary } = summarize(
      calls(
        entry(SEARCH_URL, { bearer: enforced, json: {} }),
        entry(SEARCH_URL, { bearer: API_KEY, json: { searchHub: 'ACMEPublic' } }),
        entry(QS_URL, { bearer: API_KEY, json: { searchHub: 'ACMEPublic' } }),
        entry(QS_URL, { bearer: searchToken(), json: { searchHub: 'ACMEPublic' } }),
        entry(QS_URL, { bearer: enforced, json: {} }),
      ),
    );
    expect(summary.hubs[0]).toMatchObject({
      searchStatus: 'unverifiable',
      searchEnforced: false,
      querySuggestStatus: 'unenforced',
      querySuggestEnforced: false,
    });
  });

  it('counts page findings in the verdict', () => {
    const { summary, pageFindings } = summarize(
      calls(entry(SEARCH_URL, { bearer: enforced, json: {} }), entry(QS_URL, { bearer: API_KEY, json: { searchHub: 'ACMEPublic' } })),
    );
    expect(pageFindings.map((f) => f.rule)).toContain('suggestions-not-enforced');
    expect(summary.verdict).toBe('review');
  });
});
