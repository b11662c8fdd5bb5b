// Issue 9 fixtures in Chrome, Firefox and Playwright export shapes (test/fixtures/issue9/README.md).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeHar } from '../../src/core/report-model';
import { renderMarkdown, renderText } from '../../src/core/report';

const load = (name: string) => analyzeHar(readFileSync(new URL(`../fixtures/issue9/${name}`, import.meta.url), 'utf8'), name);
const raw = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/issue9/${name}`, import.meta.url), 'utf8'));
const SHAPES = ['chrome', 'firefox', 'playwright'] as const;

describe.each(SHAPES)('%s export shape', (shape) => {
  it('a Headless proxied body with 20 history entries and 60 fields before the hub is recognised and judged', () => {
    const file = `headless-proxy-long.${shape}.har`;
    const text = raw(file).log.entries[0].request.postData.text as string;
    // The fixture is what issue 9 describes: nothing that marks a search within the first 4 KB.
    expect(text.slice(0, 4096)).not.toContain('"searchHub"');
    expect(text.slice(0, 4096)).not.toContain('"numberOfResults"');
    const report = load(file);
    expect(report.calls.map((c) => [c.kind, c.routing, c.verdict, c.searchHub.request])).toEqual([
      ['search', 'proxy', 'unverifiable', 'ACMEPublic'],
      ['querySuggest', 'proxy', 'unverifiable', 'ACMEPublic'],
    ]);
    expect(report.summary.verdict).toBe('review');
  });

  it('a search-ui form body starting with actionsHistory= is read whole, on a relay path and straight to Coveo', () => {
    const report = load(`search-ui-form.${shape}.har`);
    const [relay, direct] = report.calls;
    expect(relay).toMatchObject({ kind: 'search', routing: 'proxy', verdict: 'unverifiable', searchHub: { request: 'ACMEPublic', requestSource: 'form' } });
    expect(direct).toMatchObject({ kind: 'search', routing: 'coveo-host', verdict: 'enforced', searchHub: { token: 'ACMEPublic' } });
  });

  it('search-ui errorsAsSuccess with an expired token: the 200 that carries 419 is refused, the renewed call enforced', () => {
    const report = load(`search-ui-errors-as-success.${shape}.har`);
    const [refused, renewed] = report.calls;
    expect(refused).toMatchObject({ verdict: 'unverifiable', response: { status: 200, bodyStatus: 419, outcome: 'refused' } });
    expect(refused?.findings.map((f) => f.rule)).toContain('token-expired');
    expect(renewed).toMatchObject({ verdict: 'enforced', response: { status: 200, bodyStatus: null, outcome: 'success' } });
    expect(report.summary.verdict).toBe('review');
    expect(renderText(report)).toMatch(/status=200 \(body 419\)/);
    expect(renderMarkdown(report)).toMatch(/\| 200 \(body 419\) \|/);
  });
});

describe("Chrome's sanitized export of a real recorded page", () => {
  it('says the HAR carries no credentials at the top, and no call is "enforced" nor blamed on a proxy', () => {
    const report = load('chrome-sanitized-headless-token-hub.har');
    expect(report.calls.length).toBeGreaterThan(10);
    // Only credentials outside headers survive the export: Headless's copy in facet search's searchContext, the
    // click beacon's URL token.
    const kept = report.calls.filter((c) => c.credential.type !== 'none').map((c) => `${c.kind} ${c.credential.location}`);
    expect(new Set(kept)).toEqual(new Set(['facetSearch body-searchContext.accessToken', 'analytics url-access_token']));
    const bare = report.calls.filter((c) => c.credential.type === 'none');
    expect(bare.map((c) => c.kind)).toEqual(expect.arrayContaining(['search', 'querySuggest', 'analytics']));
    expect(bare.filter((c) => c.kind !== 'analytics').every((c) => c.verdict === 'unverifiable')).toBe(true);
    expect(report.pageFindings[0]?.callIds).toEqual(bare.map((c) => c.id));
    expect(report.calls.some((c) => /proxy/.test(c.verdictReason))).toBe(false);
    expect(report.pageFindings[0]?.rule).toBe('har-without-credentials');
    expect(report.summary.verdict).toBe('review');
    expect(renderText(report).startsWith('NOTE: ')).toBe(true);
  });
});
