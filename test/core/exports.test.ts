import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeHar } from '../../src/core/report-model';

const load = (name: string) => readFileSync(new URL(`../fixtures/exports/${name}`, import.meta.url), 'utf8');

describe('HAR files exported by browsers', () => {
  it('Chrome 156 export: preflights and assets ignored, verdicts per call', () => {
    const report = analyzeHar(load('chrome-156.har'), 'chrome-156.har');
    expect(report.calls.map((c) => [c.kind, c.verdict])).toEqual([
      ['search', 'enforced'],
      ['querySuggest', 'unenforced'],
      ['analytics', 'not-applicable'],
    ]);
    expect(report.calls[0]?.response.pipeline).toBe('public-pipeline');
    expect(report.calls[2]?.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['api-key-in-client', 'credential-in-beacon-url']));
    expect(report.summary.verdict).toBe('fail');
    expect(report.pageFindings.map((f) => f.rule)).toContain('suggestions-not-enforced');
  });

  it('Firefox 153 export: form params with empty text, header case as sent, +00:00 times', () => {
    const report = analyzeHar(load('firefox-153.har'), 'firefox-153.har');
    expect(report.calls.map((c) => [c.kind, c.verdict, c.searchHub.effective])).toEqual([
      ['search', 'unverifiable', 'Legacy'],
      ['facetSearch', 'enforced', 'ACMEPublic'],
    ]);
    expect(report.calls[0]?.credential).toMatchObject({ type: 'api-key', location: 'authorization-header' });
    expect(report.summary.verdict).toBe('review');
    expect(report.sources[0]).toMatchObject({ entries: 3, coveoCalls: 2, malformed: [] });
  });
});
