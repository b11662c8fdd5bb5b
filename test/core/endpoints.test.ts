import { describe, expect, it } from 'vitest';
import { analyzeEntry } from '../../src/core/analyze';
import { entry, searchToken } from '../helpers/coveo';

const token = searchToken({ searchHub: 'ACMEPublic' });
const body = { q: 'x', searchHub: 'ACMEPublic' };

// [url, method, expected kind, api, routing, organization]
const CASES: [string, string, string, string, string, string | null][] = [
  ['https://acmeprod.org.coveo.com/rest/search/v2?organizationId=acmeprod', 'POST', 'search', 'search', 'coveo-host', 'acmeprod'],
  ['https://acmeprod.orgdev.coveo.com/rest/search/v2', 'POST', 'search', 'search', 'coveo-host', 'acmeprod'],
  ['https://acmeprod.orgstg.coveo.com/rest/search/v2/querySuggest', 'POST', 'querySuggest', 'search', 'coveo-host', 'acmeprod'],
  ['https://acmeprod.orghipaa.coveo.com/rest/search/v2/facet', 'POST', 'facetSearch', 'search', 'coveo-host', 'acmeprod'],
  ['https://platform.cloud.coveo.com/rest/search/v2', 'POST', 'search', 'search', 'coveo-host', null],
  ['https://platform-eu.cloud.coveo.com/rest/search/v2/querySuggest', 'POST', 'querySuggest', 'search', 'coveo-host', null],
  ['https://platformdev-au.cloud.coveo.com/rest/search/v2/html?uniqueId=1', 'GET', 'html', 'search', 'coveo-host', null],
  ['https://platformhipaa.cloud.coveo.com/rest/search/v2/plan', 'POST', 'plan', 'search', 'coveo-host', null],
  ['https://search.cloud.coveo.com/rest/search/v2/values', 'POST', 'values', 'search', 'coveo-host', null],
  ['https://cloudplatform.coveo.com/rest/search/v2/values/batch', 'POST', 'values', 'search', 'coveo-host', null],
  ['https://platform.cloud.coveo.com/rest/search/v2/fields', 'GET', 'fields', 'search', 'coveo-host', null],
  ['https://platform.cloud.coveo.com/rest/search/v2/token', 'POST', 'token', 'search', 'coveo-host', null],
  ['https://platform.cloud.coveo.com/rest/search/v2/document?uniqueId=1', 'GET', 'other', 'search', 'coveo-host', null],
  ['https://platform.cloud.coveo.com/rest/search/v2/login/google', 'GET', 'other', 'search', 'coveo-host', null],
  ['https://platform.cloud.coveo.com/rest/search/v1/admin/pipelines', 'GET', 'other', 'platform', 'coveo-host', null],
  ['https://acmeprod.org.coveo.com/rest/organizations/acmeprod/commerce/v2/search', 'POST', 'commerce', 'commerce', 'coveo-host', 'acmeprod'],
  ['https://acmeprod.org.coveo.com/rest/organizations/acmeprod/commerce/v2/listing', 'POST', 'commerce', 'commerce', 'coveo-host', 'acmeprod'],
  ['https://platform.cloud.coveo.com/rest/organizations/acmeprod/insight/v1/configs/abc/search', 'POST', 'insight', 'insight', 'coveo-host', 'acmeprod'],
  ['https://platform.cloud.coveo.com/rest/organizations/acmeprod/insight/v1/configs/abc/interface', 'GET', 'insight', 'insight', 'coveo-host', 'acmeprod'],
  ['https://platform.cloud.coveo.com/rest/organizations/acmeprod/caseassists/abc/classify', 'POST', 'caseAssist', 'caseAssist', 'coveo-host', 'acmeprod'],
  ['https://acmeprod.org.coveo.com/rest/organizations/acmeprod/answer/v1/configs/abc/generate', 'POST', 'answer', 'answer', 'coveo-host', 'acmeprod'],
  ['https://platform.cloud.coveo.com/rest/organizations/acmeprod/machinelearning/streaming/123', 'GET', 'answerStream', 'answer', 'coveo-host', 'acmeprod'],
  ['https://acmeprod.analytics.org.coveo.com/rest/organizations/acmeprod/events/v1', 'POST', 'events', 'events', 'coveo-host', 'acmeprod'],
  ['https://acmeprod.analytics.org.coveo.com/rest/organizations/acmeprod/events/v1/validate', 'POST', 'events', 'events', 'coveo-host', 'acmeprod'],
  ['https://acmeprod.analytics.org.coveo.com/rest/ua/v15/analytics/search', 'POST', 'analytics', 'analytics', 'coveo-host', 'acmeprod'],
  ['https://analytics.cloud.coveo.com/rest/ua/v15/analytics/click?access_token=abc', 'POST', 'analytics', 'analytics', 'coveo-host', null],
  ['https://usageanalytics.coveo.com/rest/v15/analytics/searches', 'POST', 'analytics', 'analytics', 'coveo-host', null],
  ['https://analytics-eu.cloud.coveo.com/rest/ua/v15/analytics/collect', 'POST', 'analytics', 'analytics', 'coveo-host', null],
  ['https://platform.cloud.coveo.com/rest/organizations/acmeprod/sources', 'GET', 'other', 'platform', 'coveo-host', 'acmeprod'],
  ['https://platform.cloud.coveo.com/rest/organizations/acmeprod/authorization/apikeys', 'POST', 'other', 'platform', 'coveo-host', 'acmeprod'],
  ['https://api.cloud.coveo.com/push/v1/organizations/acmeprod/sources/s1/documents', 'PUT', 'other', 'platform', 'coveo-host', null],
  ['https://acmeprod.admin.org.coveo.com/rest/organizations/acmeprod/pipelines', 'GET', 'other', 'platform', 'coveo-host', 'acmeprod'],
  ['https://platform.cloud.coveo.com/rest/ua/v15/stats/combinedData', 'GET', 'other', 'platform', 'coveo-host', null],
  // Proxies on the site's own host.
  ['https://www.example.com/coveo/rest/v2?sitecoreItemUri=sitecore%3A%2F%2Fweb&siteName=website', 'POST', 'search', 'search', 'proxy', null],
  ['https://www.example.com/coveo/rest/v2/querySuggest?siteName=website', 'POST', 'querySuggest', 'search', 'proxy', null],
  ['https://www.example.com/coveo/rest/ua/v15/analytics/search', 'POST', 'analytics', 'analytics', 'proxy', null],
  ['https://acme.my.site.com/services/apexrest/coveo/v1/rest/search/v2', 'POST', 'search', 'search', 'proxy', null],
  ['https://www.example.com/api/coveo/rest/search/v2/facet', 'POST', 'facetSearch', 'search', 'proxy', null],
  ['https://www.example.com/rest/organizations/acmeprod/commerce/v2/search', 'POST', 'commerce', 'commerce', 'proxy', 'acmeprod'],
];

describe('endpoint recognition', () => {
  it.each(CASES)('%s %s → %s', (url, method, kind, api, routing, org) => {
    const call = analyzeEntry(entry(url, { method, bearer: token, ...(method === 'GET' ? {} : { json: body }) }));
    expect(call).not.toBeNull();
    expect(call?.kind).toBe(kind);
    expect(call?.api).toBe(api);
    expect(call?.routing).toBe(routing);
    if (org) expect(call?.organizationId).toBe(org);
  });

  it('recognises a Headless proxyBaseUrl at any path by its search-shaped body', () => {
    const base = 'https://shop.example.com/api/search-proxy';
    expect(analyzeEntry(entry(base, { json: { q: 'x', searchHub: 'Public', numberOfResults: 10 } }))?.kind).toBe('search');
    expect(analyzeEntry(entry(`${base}/querySuggest`, { json: { q: 'x', searchHub: 'Public', count: 5 } }))?.kind).toBe('querySuggest');
    expect(analyzeEntry(entry(`${base}/facet`, { json: { field: 'f', searchContext: { searchHub: 'Public' } } }))?.kind).toBe('facetSearch');
    expect(analyzeEntry(entry(`${base}/facet`, { json: { field: 'f', searchContext: { searchHub: 'Public' } } }))?.routing).toBe('proxy');
  });

  it('recognises a proxied query-suggestion call by its path and query even without a hub', () => {
    const call = analyzeEntry(entry('https://shop.example.com/api/search/querySuggest', { json: { q: 'tra', count: 5, locale: 'en' } }));
    expect(call).toMatchObject({ kind: 'querySuggest', routing: 'proxy', verdict: 'unverifiable' });
    // The same body elsewhere is just a body.
    expect(analyzeEntry(entry('https://shop.example.com/api/search/other', { json: { q: 'tra', count: 5 } }))).toBeNull();
  });

  it('does not take another API whose body mentions searchHub deeper down for a Coveo call', () => {
    const segment = entry('https://api.segment.io/v1/track', {
      headers: { Authorization: 'Basic d3JpdGVrZXk6' },
      json: { event: 'Searched', properties: { searchHub: 'Public' } },
    });
    expect(analyzeEntry(segment)).toBeNull();
    expect(
      analyzeEntry(
        entry('https://jira.example.com/rest/api/2/search', { bearer: token, json: { jql: 'x', fields: { searchContext: 1 }, note: '"searchHub"' } }),
      ),
    ).toBeNull();
    expect(analyzeEntry(entry('https://shop.example.com/static/coveo/rest-client.js'))).toBeNull();
    expect(analyzeEntry(entry('https://shop.example.com/coveo/restaurants.json'))).toBeNull();
    // Still recognised: a real relay path.
    expect(analyzeEntry(entry('https://www.example.com/coveo/rest/v2?siteName=web', { form: { q: 'x', searchHub: 'Web' } }))?.kind).toBe('search');
  });

  it('reads a backslash as browsers do: the host before it is where the call goes', () => {
    const call = analyzeEntry(entry('https://evil.example\\@acme.org.coveo.com/rest/search/v2', { bearer: token, json: body }));
    expect(call?.host).toBe('evil.example');
    expect(call?.routing).toBe('proxy');
    expect(call?.verdict).toBe('unverifiable');
  });

  it('ignores non-Coveo traffic, static assets, CORS preflights and non-search /rest/ APIs', () => {
    expect(analyzeEntry(entry('https://www.example.com/app.js'))).toBeNull();
    expect(analyzeEntry(entry('https://static.cloud.coveo.com/searchui/v2.10126/js/CoveoJsSearch.min.js'))).toBeNull();
    expect(analyzeEntry(entry('https://acmeprod.org.coveo.com/rest/search/v2', { method: 'OPTIONS' }))).toBeNull();
    expect(analyzeEntry(entry('https://shop.example.com/rest/default/V1/products', { json: { a: 1 } }))).toBeNull();
    expect(analyzeEntry(entry('https://shop.example.com/rest/search', { json: { q: 'shoes' } }))).toBeNull();
    expect(analyzeEntry(entry('https://api.example.com/graphql', { bearer: token, json: { query: '{me}' } }))).toBeNull();
    expect(analyzeEntry(entry('https://shop.example.com/rest/organizations/x/sources', { bearer: token }))).toBeNull();
  });

  it('reads the organization from the URL parameter before the host, and from the token last', () => {
    const call = analyzeEntry(entry('https://platform.cloud.coveo.com/rest/search/v2?organizationId=fromurl', { bearer: token, json: body }));
    expect(call?.organizationId).toBe('fromurl');
    const fromToken = analyzeEntry(entry('https://platform.cloud.coveo.com/rest/search/v2', { bearer: token, json: body }));
    expect(fromToken?.organizationId).toBe('acmeprod');
  });
});
