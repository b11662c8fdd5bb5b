import { describe, expect, it } from 'vitest';
import { analyzeEntry } from '../../src/core/analyze';
import { MAX_BODY_CHARS } from '../../src/core/request';
import { API_KEY, entry, FACET_URL, SEARCH_URL, searchToken } from '../helpers/coveo';

const token = searchToken({ searchHub: 'ACMEPublic' });

describe('what the request says', () => {
  it('reads hub, pipeline, tab and query from a JSON body (Headless)', () => {
    const call = analyzeEntry(entry(SEARCH_URL, { bearer: token, json: { q: 'laptop', searchHub: 'ACMEPublic', pipeline: 'p1', tab: 'All' } }));
    expect(call).toMatchObject({ searchHub: { request: 'ACMEPublic', requestSource: 'json' }, pipeline: { request: 'p1' }, tab: 'All', query: 'laptop' });
  });

  it('reads a form-encoded body (search-ui)', () => {
    const call = analyzeEntry(
      entry('https://platform.cloud.coveo.com/rest/search/v2?organizationId=acmeprod', { bearer: token, form: { q: 'x', searchHub: 'Legacy', tab: 'Docs' } }),
    );
    expect(call).toMatchObject({ searchHub: { request: 'Legacy', requestSource: 'form' }, tab: 'Docs', organizationId: 'acmeprod' });
  });

  it('reads the hub from the URL query string', () => {
    const call = analyzeEntry(entry(`${SEARCH_URL}&searchHub=InUrl`, { bearer: token, form: { q: 'x' } }));
    expect(call?.searchHub).toMatchObject({ request: 'InUrl', requestSource: 'url' });
  });

  it('reads searchContext.searchHub of a facet search', () => {
    const call = analyzeEntry(entry(FACET_URL, { bearer: token, json: { field: 'source', query: '*a*', searchContext: { searchHub: 'Nested', q: '' } } }));
    expect(call?.searchHub).toMatchObject({ request: 'Nested', requestSource: 'searchContext' });
  });

  it("reads originLevel1 of analytics events, including search-ui's JSON array", () => {
    const url = 'https://acmeprod.analytics.org.coveo.com/rest/ua/v15/analytics/searches';
    const call = analyzeEntry(entry(url, { bearer: token, json: [{ originLevel1: 'ArrayHub', originLevel2: 'All', queryText: 'q' }] }));
    expect(call?.searchHub).toMatchObject({ request: 'ArrayHub', requestSource: 'originLevel1' });
    expect(call?.tab).toBe('All');
    const single = analyzeEntry(entry(url.replace('searches', 'click'), { bearer: token, json: { originLevel1: 'One' } }));
    expect(single?.searchHub.request).toBe('One');
  });

  it('sees two different hubs in a repeated form field as a conflict', () => {
    const call = analyzeEntry(entry(SEARCH_URL, { bearer: token, text: 'q=x&searchHub=A&searchHub=B', mimeType: 'application/x-www-form-urlencoded' }));
    expect(call?.searchHub.request).toBe('A');
    expect(call?.findings.map((f) => f.rule)).toContain('search-hub-conflict');
  });

  it('reads the hub of an analytics beacon whose event is JSON inside a form field', () => {
    const click = JSON.stringify({ originLevel1: 'BeaconHub', documentUri: 'https://x' });
    const call = analyzeEntry(
      entry('https://analytics.cloud.coveo.com/rest/ua/v15/analytics/click', {
        text: `access_token=${API_KEY}&clickEvent=${encodeURIComponent(click)}`,
        mimeType: 'application/x-www-form-urlencoded',
      }),
    );
    expect(call?.searchHub).toMatchObject({ request: 'BeaconHub', requestSource: 'originLevel1' });
  });

  it('treats an absent or empty postData text as no body', () => {
    const e = entry(SEARCH_URL, { bearer: token, method: 'POST' });
    e.request.postData = { mimeType: 'application/json', text: '' };
    expect(analyzeEntry(e)?.searchHub.request).toBeNull();
    const noPost = entry(SEARCH_URL, { bearer: token, method: 'POST' });
    expect(analyzeEntry(noPost)?.searchHub.request).toBeNull();
  });

  it('reads a hub from a body too long to parse whole, and says it was truncated', () => {
    const big = JSON.stringify({ searchHub: 'BigHub', q: 'x', aq: 'a'.repeat(MAX_BODY_CHARS + 10) });
    const call = analyzeEntry(entry(SEARCH_URL, { bearer: token, text: big, mimeType: 'application/json' }));
    expect(call?.searchHub.request).toBe('BigHub');
    expect(call?.notes.join(' ')).toMatch(/truncated/);
  });

  it('says so when a JSON body does not parse', () => {
    const call = analyzeEntry(entry(SEARCH_URL, { bearer: token, text: '{"searchHub": "Broken", ', mimeType: 'application/json' }));
    expect(call?.notes.join(' ')).toMatch(/does not parse/);
    expect(call?.searchHub.request).toBe('Broken');
  });

  it('reads the response: pipeline, searchUid, totalCount, errors, base64 bodies', () => {
    const call = analyzeEntry(
      entry(SEARCH_URL, { bearer: token, json: { searchHub: 'ACMEPublic' }, response: { pipeline: 'public', searchUid: 'u1', totalCount: 3, results: [] } }),
    );
    expect(call?.response).toEqual({ status: 200, bodyStatus: null, outcome: 'success', pipeline: 'public', searchUid: 'u1', totalCount: 3, errors: [] });
    const e = entry(SEARCH_URL, { bearer: token, json: {}, status: 419 });
    e.response = {
      status: 419,
      content: { mimeType: 'application/json', encoding: 'base64', text: Buffer.from(JSON.stringify({ message: 'Expired token' })).toString('base64') },
    };
    expect(analyzeEntry(e)?.response).toMatchObject({ status: 419, errors: ['Expired token'] });
    // Warnings are not errors.
    const warned = analyzeEntry(entry(SEARCH_URL, { bearer: token, json: {}, response: { pipeline: 'p', warnings: ['slow query'], errors: [] } }));
    expect(warned?.response.errors).toEqual([]);
  });
});
