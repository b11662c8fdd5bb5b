import { describe, expect, it } from 'vitest';
import { analyzeEntry } from '../../src/core/analyze';
import { extractRawCredentials } from '../../src/core/credentials';
import { API_KEY, entry, FACET_URL, makeJwt, SEARCH_URL, searchToken } from '../helpers/coveo';

const hubToken = searchToken({ searchHub: 'ACMEPublic' });

describe('where credentials travel', () => {
  it('reads the Authorization header whatever its case', () => {
    for (const name of ['Authorization', 'authorization', 'AUTHORIZATION']) {
      const call = analyzeEntry(entry(SEARCH_URL, { headers: { [name]: `Bearer ${hubToken}` }, json: { q: '' } }));
      expect(call?.credential).toMatchObject({ type: 'search-token', location: 'authorization-header', scheme: 'Bearer' });
    }
  });

  it('reads access_token and accessToken in the URL', () => {
    const a = analyzeEntry(entry(`https://platform.cloud.coveo.com/rest/search/v2/html?uniqueId=1&access_token=${API_KEY}`));
    expect(a?.credential).toMatchObject({ type: 'api-key', location: 'url-access_token' });
    const b = analyzeEntry(entry(`https://platform.cloud.coveo.com/rest/search/v2/datastream?accessToken=${hubToken}`));
    expect(b?.credential).toMatchObject({ type: 'search-token', location: 'url-accessToken' });
  });

  it('counts every value of a repeated access_token: a hidden second credential makes the call unverifiable', () => {
    const hub = searchToken({ searchHub: 'A' });
    const url = `${SEARCH_URL}&access_token=${hub}&access_token=${API_KEY}`;
    const call = analyzeEntry(entry(url, { bearer: hub, json: { searchHub: 'A' } }));
    expect(call?.credentials.map((c) => c.type)).toEqual(['search-token', 'search-token', 'api-key']);
    expect(call?.verdict).toBe('unverifiable');
    expect(call?.findings.map((f) => f.rule)).toContain('conflicting-credentials');
    const form = analyzeEntry(
      entry(SEARCH_URL, { bearer: hub, text: `access_token=${hub}&access_token=${API_KEY}&searchHub=A`, mimeType: 'application/x-www-form-urlencoded' }),
    );
    expect(form?.verdict).toBe('unverifiable');
  });

  it('reads a form-encoded access_token (analytics beacons)', () => {
    const call = analyzeEntry(entry('https://analytics.cloud.coveo.com/rest/ua/v15/analytics/click', { form: { access_token: API_KEY, clickEvent: '{}' } }));
    expect(call?.credential).toMatchObject({ type: 'api-key', location: 'form-access_token' });
  });

  it('reads the form params Firefox records when text is empty', () => {
    const e = entry('https://platform.cloud.coveo.com/rest/search/v2', { method: 'POST' });
    e.request.postData = {
      mimeType: 'application/x-www-form-urlencoded',
      text: '',
      params: [
        { name: 'searchHub', value: 'Legacy' },
        { name: 'access_token', value: API_KEY },
      ],
    };
    const call = analyzeEntry(e);
    expect(call?.credential.location).toBe('form-access_token');
    expect(call?.searchHub.request).toBe('Legacy');
  });

  it('reads the token Headless repeats in searchContext.accessToken, header first', () => {
    const call = analyzeEntry(entry(FACET_URL, { bearer: hubToken, json: { field: 'f', searchContext: { searchHub: 'ACMEPublic', accessToken: hubToken } } }));
    expect(call?.credential.location).toBe('authorization-header');
    expect(call?.credentials.map((c) => c.location)).toEqual(['authorization-header', 'body-searchContext.accessToken']);
    expect(call?.verdict).toBe('enforced');
    expect(call?.findings.map((f) => f.rule)).not.toContain('conflicting-credentials');
  });

  it('reads a Basic header as a user-and-password credential', () => {
    const basic = Buffer.from('admin@example.com:hunter2-secret').toString('base64');
    const call = analyzeEntry(entry(SEARCH_URL, { headers: { Authorization: `Basic ${basic}` }, json: { searchHub: 'A' } }));
    expect(call?.credential).toMatchObject({ type: 'basic', scheme: 'Basic' });
    expect(JSON.stringify(call)).not.toContain(basic);
    expect(JSON.stringify(call)).not.toContain(basic.slice(-4));
  });

  it('returns the full values only through extractRawCredentials', () => {
    const raw = extractRawCredentials(entry(FACET_URL, { bearer: hubToken, json: { searchContext: { accessToken: API_KEY } } }));
    expect(raw).toEqual([
      { location: 'authorization-header', scheme: 'Bearer', value: hubToken },
      { location: 'body-searchContext.accessToken', value: API_KEY },
    ]);
    expect(extractRawCredentials({ nope: true })).toEqual([]);
  });
});

describe('credential shapes', () => {
  const classify = (value: string) => analyzeEntry(entry(SEARCH_URL, { bearer: value, json: { searchHub: 'A' } }))?.credential;

  it('an xx + GUID is an API key, fingerprinted as xx56…4457', () => {
    expect(classify(API_KEY)).toMatchObject({ type: 'api-key', fingerprint: 'xx56…4457' });
  });

  it('a JWT with v8, roles or the SearchApi issuer is a search token', () => {
    expect(classify(makeJwt({ v8: true }))?.type).toBe('search-token');
    expect(classify(makeJwt({ roles: ['queryExecutor'] }))?.type).toBe('search-token');
    expect(classify(makeJwt({ iss: 'SearchApi' }))?.type).toBe('search-token');
    expect(classify(makeJwt({ organization: 'o', userIds: [] }))?.type).toBe('search-token');
  });

  it('another JWT is a jwt, never a search token', () => {
    expect(classify(makeJwt({ sub: '123', aud: 'my-api', searchHub: 'ACMEPublic' }, { alg: 'RS256', typ: 'JWT' }))?.type).toBe('jwt');
  });

  it('a malformed JWT, a bare GUID and anything else are opaque', () => {
    expect(classify('eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.c2ln')).toMatchObject({ type: 'opaque' });
    expect(classify('0a1b2c3d-0045-48e1-953c-3addd1ee4457')).toMatchObject({ type: 'opaque', note: expect.stringContaining('Cloud V1') });
    expect(classify('some-opaque-platform-token-value-1234567890')?.type).toBe('opaque');
  });

  it('an empty Bearer is no credential; a literal "undefined" is named as a client bug', () => {
    expect(analyzeEntry(entry(SEARCH_URL, { headers: { Authorization: 'Bearer ' }, json: {} }))?.credential.type).toBe('none');
    expect(classify('undefined')).toMatchObject({ type: 'opaque', note: expect.stringContaining('client bug') });
  });

  it('no credential is none', () => {
    expect(analyzeEntry(entry(SEARCH_URL, { json: { searchHub: 'A' } }))?.credential).toEqual({ type: 'none', location: null, fingerprint: null });
  });
});
