import { describe, expect, it } from 'vitest';
import { analyzeEntry } from '../../../src/core/analyze';
import { analyzeHar } from '../../../src/core/report-model';
import { renderJson, renderMarkdown, renderText } from '../../../src/core/report';
import { entry, har, QS_URL, SEARCH_URL, searchToken } from '../../helpers/coveo';
import { pageFindings } from '../../helpers/rules';

const stripped = [
  entry(SEARCH_URL, { json: { q: '', searchHub: 'ACMEPublic' }, response: { pipeline: 'public-pipeline' } }),
  entry(QS_URL, { json: { q: 'tr', searchHub: 'ACMEPublic' }, response: { completions: [] } }),
];

describe('har-without-credentials (issue 9, item 7)', () => {
  it('fires when calls to Coveo hosts carry no credential yet were answered', () => {
    const [f] = pageFindings('har-without-credentials', stripped);
    expect(f?.severity).toBe('info');
    expect(f?.callIds).toEqual(['c0', 'c1']);
    expect(f?.message).toMatch(/Export HAR \(with sensitive data\)/);
  });

  it('never explains a direct credential-less call as "a proxy adds one"', () => {
    const c = analyzeEntry(stripped[0]!);
    expect(c?.verdict).toBe('unverifiable');
    expect(c?.verdictReason).not.toMatch(/proxy/);
    expect(c?.findings.find((f) => f.rule === 'no-credential')?.message).not.toMatch(/proxy/);
  });

  it('is silent when any Coveo-host call has a credential, when Coveo refused them all, or for proxied calls', () => {
    expect(pageFindings('har-without-credentials', [...stripped, entry(SEARCH_URL, { bearer: searchToken({ searchHub: 'A' }), json: {} })])).toHaveLength(0);
    expect(pageFindings('har-without-credentials', [entry(SEARCH_URL, { json: { searchHub: 'A' }, status: 401 })])).toHaveLength(0);
    expect(pageFindings('har-without-credentials', [entry('https://shop.example.test/coveo/rest/v2', { json: { searchHub: 'A' } })])).toHaveLength(0);
  });

  it('is said at the top of the text, Markdown and JSON reports', () => {
    const report = analyzeHar(har(stripped));
    expect(report.pageFindings[0]?.rule).toBe('har-without-credentials');
    expect(report.summary.reason).toMatch(/no credentials \(a sanitized export\)/);
    expect(renderText(report).split('\n')[0]).toMatch(/^NOTE: .*removed the credentials/);
    expect(renderMarkdown(report).split('\n')[2]).toMatch(/^> \*\*Note:\*\* .*removed the credentials/);
    const json = JSON.parse(renderJson(report));
    expect(json.pageFindings[0].rule).toBe('har-without-credentials');
  });
});

describe('har-without-credentials with credentials left in URLs (a sanitized export keeps them)', () => {
  it('still fires when only URL credentials remain, and not when any Authorization header does', () => {
    const beacon = entry(`https://acmeprod.analytics.org.coveo.com/rest/v15/analytics/click?access_token=${searchToken({ searchHub: 'A' })}`, { json: {} });
    expect(pageFindings('har-without-credentials', [...stripped, beacon])[0]?.callIds).toEqual(['c0', 'c1']);
  });
});
