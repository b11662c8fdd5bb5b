// Issue 9, item 5: the answer stream GET carries no hub and is not hub-routed.
import { describe, expect, it } from 'vitest';
import { analyzeEntry } from '../../src/core/analyze';
import { summarize } from '../../src/core/report-model';
import type { CallReport } from '../../src/core/types';
import { entry, SEARCH_URL, searchToken } from '../helpers/coveo';

const HUB = searchToken({ searchHub: 'ACMEPublic' });
const STREAM = 'https://acmeprod.org.coveo.com/rest/organizations/acmeprod/machinelearning/streaming/8f1c2d3e-aaaa-4bbb-8ccc-0d9e8f7a6b5c';
const GENERATE = 'https://acmeprod.org.coveo.com/rest/organizations/acmeprod/answer/v1/configs/cfg1/generate';

describe('answer streams', () => {
  it('are their own kind, not-applicable, with no no-search-hub finding', () => {
    const c = analyzeEntry(entry(STREAM, { bearer: HUB }));
    expect(c).toMatchObject({ kind: 'answerStream', api: 'answer', verdict: 'not-applicable' });
    expect(c?.findings.map((f) => f.rule)).not.toContain('no-search-hub');
    const key = analyzeEntry(entry(STREAM, { bearer: searchToken() }));
    expect(key?.findings.map((f) => f.rule)).not.toContain('no-search-hub');
  });

  it('do not fail a page whose searches are enforced', () => {
    const calls = [entry(SEARCH_URL, { bearer: HUB, json: {} }), entry(STREAM, { bearer: HUB })].map((e, i) => analyzeEntry(e, { index: i })) as CallReport[];
    expect(summarize(calls).summary.verdict).toBe('pass');
  });

  it('keeps answer for the generate POST, which carries a hub', () => {
    expect(analyzeEntry(entry(GENERATE, { bearer: HUB, json: { q: 'x', searchHub: 'ACMEPublic' } }))).toMatchObject({ kind: 'answer', verdict: 'enforced' });
    const hubless = analyzeEntry(entry(GENERATE, { bearer: searchToken(), json: { q: 'x' } }));
    expect(hubless?.findings.map((f) => f.rule)).toContain('no-search-hub');
  });
});
