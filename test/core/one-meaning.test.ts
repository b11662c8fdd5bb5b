// Issue 9, items 6 and 8: suggestions-only pages, blank claims, one duration formatter, pipeline-only coverage.
import { describe, expect, it } from 'vitest';
import { analyzeEntry } from '../../src/core/analyze';
import { analyzeHar, summarize } from '../../src/core/report-model';
import { renderMarkdown, renderText } from '../../src/core/report';
import type { CallReport, HarEntryLike } from '../../src/core/types';
import { duration } from '../../src/core/values';
import { duration as panelDuration } from '../../src/panel/format';
import { entry, har, QS_URL, SEARCH_URL, searchToken, T0 } from '../helpers/coveo';

const calls = (...entries: HarEntryLike[]) => entries.map((e, i) => analyzeEntry(e, { index: i })).filter((c): c is CallReport => c !== null);
const COMMERCE = 'https://acmeprod.org.coveo.com/rest/organizations/acmeprod/commerce/v2/search';

describe('a page with query suggestions but no search', () => {
  it('is review, "no search call seen yet", even when every suggestion is enforced', () => {
    const { summary } = summarize(calls(entry(QS_URL, { bearer: searchToken({ searchHub: 'ACMEPublic' }), json: { q: 'tr' } })));
    expect(summary.verdict).toBe('review');
    expect(summary.reason).toMatch(/No search call seen yet/);
  });
});

describe('blank claims name nothing, everywhere', () => {
  it.each(['', '   ', '\t'])('hub claim %j: the verdict is unenforced and hubless-token-replayable fires', (blank) => {
    const token = searchToken({ searchHub: blank });
    expect(analyzeEntry(entry(SEARCH_URL, { bearer: token, json: { searchHub: 'x' } }))?.verdict).toBe('unenforced');
    const { pageFindings } = summarize(calls(entry(COMMERCE, { bearer: token, json: {} })));
    expect(pageFindings.map((f) => f.rule)).toContain('hubless-token-replayable');
  });

  it('a real hub claim is not replayable', () => {
    const { pageFindings } = summarize(calls(entry(COMMERCE, { bearer: searchToken({ searchHub: 'Shop' }), json: {} })));
    expect(pageFindings.map((f) => f.rule)).not.toContain('hubless-token-replayable');
  });
});

describe('one duration formatter for rules and panel', () => {
  it('the panel re-exports the core formatter', () => {
    expect(panelDuration).toBe(duration);
    expect(duration(3599)).toBe('1 h');
  });

  it('token-expired and token-long-lived speak the same units as the panel ("1 h", never "60 min")', () => {
    const expired = searchToken({ searchHub: 'A', iat: Math.floor(T0 / 1000) - 7200, exp: Math.floor(T0 / 1000) - 3599 });
    const f = analyzeEntry(entry(SEARCH_URL, { bearer: expired, json: {} }))?.findings.find((x) => x.rule === 'token-expired');
    expect(f?.message).toContain('expired 1 h before');
    const long = searchToken({ searchHub: 'A', iat: Math.floor(T0 / 1000) - 60, exp: Math.floor(T0 / 1000) - 60 + 2 * 86400 + 3600 });
    const g = analyzeEntry(entry(SEARCH_URL, { bearer: long, json: {} }))?.findings.find((x) => x.rule === 'token-long-lived');
    expect(g?.message).toContain('valid for 2 d 1 h');
  });
});

describe('pipeline-only tokens in the coverage', () => {
  it('never call the body hub "enforced": routing is pinned by the pipeline claim', () => {
    const token = searchToken({ pipeline: 'public-pipeline' });
    const report = analyzeHar(
      har([
        entry(SEARCH_URL, { bearer: token, json: { searchHub: 'ACMEPublic' } }),
        entry(QS_URL, { bearer: token, json: { q: 't', searchHub: 'ACMEPublic' } }),
      ]),
    );
    expect(report.summary.hubs[0]).toMatchObject({ hub: 'ACMEPublic', pinnedPipelines: ['public-pipeline'] });
    const line = renderText(report)
      .split('\n')
      .find((l) => l.startsWith('  ACMEPublic:'));
    expect(line).toBeDefined();
    expect(line).not.toMatch(/\benforced\b/);
    expect(line).toMatch(/pinned by token pipeline "public-pipeline"/);
    const row = renderMarkdown(report)
      .split('\n')
      .find((l) => l.startsWith('| ACMEPublic |'));
    expect(row).not.toMatch(/enforced/);
  });

  it('a hub enforced by a hub claim keeps "enforced" and no pinned pipeline', () => {
    const report = analyzeHar(har([entry(SEARCH_URL, { bearer: searchToken({ searchHub: 'ACMEPublic' }), json: {} })]));
    expect(report.summary.hubs[0]?.pinnedPipelines).toEqual([]);
    expect(renderText(report)).toMatch(/ACMEPublic: search enforced/);
  });
});
