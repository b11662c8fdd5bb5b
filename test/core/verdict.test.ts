import { describe, expect, it } from 'vitest';
import { analyzeEntry } from '../../src/core/analyze';
import { API_KEY, entry, FACET_URL, makeJwt, QS_URL, SEARCH_URL, searchToken } from '../helpers/coveo';

const verdictOf = (url: string, o: Parameters<typeof entry>[1]) => analyzeEntry(entry(url, o))?.verdict;

describe('verdicts', () => {
  it('enforced: a search token with a searchHub claim, on search, suggestions and facet search', () => {
    const token = searchToken({ searchHub: 'ACMEPublic' });
    expect(verdictOf(SEARCH_URL, { bearer: token, json: { searchHub: 'ACMEPublic' } })).toBe('enforced');
    expect(verdictOf(QS_URL, { bearer: token, json: { q: 'a' } })).toBe('enforced');
    expect(verdictOf(FACET_URL, { bearer: token, json: { searchContext: {} } })).toBe('enforced');
  });

  it("effective hub is the claim when there is one, else the request's", () => {
    const claim = analyzeEntry(entry(SEARCH_URL, { bearer: searchToken({ searchHub: 'Claim' }), json: { searchHub: 'Body' } }));
    expect(claim?.searchHub).toEqual({ request: 'Body', requestSource: 'json', token: 'Claim', effective: 'Claim' });
    const body = analyzeEntry(entry(SEARCH_URL, { bearer: API_KEY, json: { searchHub: 'Body' } }));
    expect(body?.searchHub).toEqual({ request: 'Body', requestSource: 'json', token: null, effective: 'Body' });
  });

  it('enforced by a pipeline-only claim', () => {
    const call = analyzeEntry(entry(SEARCH_URL, { bearer: searchToken({ pipeline: 'public-pipeline' }), json: { searchHub: 'X' } }));
    expect(call?.verdict).toBe('enforced');
    expect(call?.pipeline.token).toBe('public-pipeline');
  });

  it('unenforced: a search token with neither claim, or empty ones', () => {
    expect(verdictOf(SEARCH_URL, { bearer: searchToken(), json: { searchHub: 'ACMEPublic' } })).toBe('unenforced');
    expect(verdictOf(SEARCH_URL, { bearer: searchToken({ searchHub: '', pipeline: '  ' }), json: {} })).toBe('unenforced');
  });

  it('unverifiable: an API key, a foreign JWT, an opaque value, Basic, or no credential', () => {
    expect(verdictOf(SEARCH_URL, { bearer: API_KEY, json: { searchHub: 'A' } })).toBe('unverifiable');
    expect(verdictOf(SEARCH_URL, { bearer: makeJwt({ sub: 'u', searchHub: 'A' }), json: { searchHub: 'A' } })).toBe('unverifiable');
    expect(verdictOf(SEARCH_URL, { bearer: 'opaque-value-123456789012345', json: { searchHub: 'A' } })).toBe('unverifiable');
    expect(verdictOf(SEARCH_URL, { headers: { Authorization: 'Basic dXNlcjpwYXNz' }, json: { searchHub: 'A' } })).toBe('unverifiable');
    expect(verdictOf(SEARCH_URL, { json: { searchHub: 'A' } })).toBe('unverifiable');
  });

  it('unverifiable: a hub claim that is not a string', () => {
    expect(verdictOf(SEARCH_URL, { bearer: searchToken({ searchHub: ['A'] }), json: {} })).toBe('unverifiable');
  });

  it('never enforced when the request carries two different credentials', () => {
    const call = analyzeEntry(entry(FACET_URL, { bearer: searchToken({ searchHub: 'A' }), json: { searchContext: { accessToken: searchToken() } } }));
    expect(call?.verdict).toBe('unverifiable');
    expect(call?.findings.map((f) => f.rule)).toContain('conflicting-credentials');
  });

  it('never enforced when two Authorization headers carry different credentials', () => {
    const e = entry(SEARCH_URL, { bearer: searchToken({ searchHub: 'A' }), json: { searchHub: 'A' } });
    e.request.headers!.push({ name: 'authorization', value: `Bearer ${searchToken()}` });
    const call = analyzeEntry(e);
    expect(call?.verdict).toBe('unverifiable');
    expect(call?.findings.map((f) => f.rule)).toContain('conflicting-credentials');
    expect(call?.credentials).toHaveLength(2);
  });

  it('a blank hub claim enforces nothing: unenforced, and the report names no token hub', () => {
    const call = analyzeEntry(entry(SEARCH_URL, { bearer: searchToken({ searchHub: '  ' }), json: { searchHub: 'X' } }));
    expect(call?.verdict).toBe('unenforced');
    expect(call?.searchHub).toMatchObject({ request: 'X', token: null, effective: 'X' });
    expect(call?.findings.map((f) => f.rule)).toEqual(['token-missing-search-hub']);
    expect(call?.findings[0]?.message).toContain('a blank searchHub claim');
  });

  it('a __proto__ claim is a claim like any other: it never lends the token a hub it does not carry', () => {
    const base = JSON.parse(Buffer.from(searchToken().split('.')[1] as string, 'base64url').toString()) as Record<string, unknown>;
    const payload = JSON.stringify(base).replace(/^\{/, '{"__proto__":{"searchHub":"Community","pipeline":"p"},');
    const token = `${Buffer.from('{"alg":"HS256"}').toString('base64url')}.${Buffer.from(payload).toString('base64url')}.c2lnbmF0dXJl`;
    const call = analyzeEntry(entry(SEARCH_URL, { bearer: token, json: { searchHub: 'Community' } }));
    expect(call?.verdict).toBe('unenforced');
    expect(call?.searchHub.token).toBeNull();
    expect(call?.findings.map((f) => f.rule)).toContain('token-missing-search-hub');
    // Shown as the plain claim it is.
    expect(Object.keys(call?.token?.claims ?? {})).toContain('__proto__');
    expect(Object.getPrototypeOf(call?.token?.claims)).toBe(Object.prototype);
  });

  it('reads the hub claim from the token itself, past the display bounds (the 101st claim, a 3,000-character hub)', () => {
    const many = Object.fromEntries(Array.from({ length: 120 }, (_, i) => [`c${String(i).padStart(3, '0')}`, i]));
    const late = analyzeEntry(entry(SEARCH_URL, { bearer: searchToken({ ...many, searchHub: 'Late' }), json: { searchHub: 'Late' } }));
    expect(late?.verdict).toBe('enforced');
    expect(late?.findings.map((f) => f.rule)).toEqual([]);
    const long = 'H'.repeat(3000);
    const call = analyzeEntry(entry(SEARCH_URL, { bearer: searchToken({ searchHub: long }), json: { searchHub: long } }));
    expect(call?.verdict).toBe('enforced');
    expect(call?.findings.map((f) => f.rule)).not.toContain('search-hub-mismatch');
    expect(call?.searchHub.token?.length).toBeLessThan(2100);
    expect(call?.verdictReason.length).toBeLessThan(400);
  });

  it('never enforced for an unsigned token (alg none, or no signature)', () => {
    const claims = JSON.parse(Buffer.from(searchToken({ searchHub: 'A' }).split('.')[1] as string, 'base64url').toString()) as Record<string, unknown>;
    expect(verdictOf(SEARCH_URL, { bearer: makeJwt(claims, { alg: 'none' }), json: {} })).toBe('unverifiable');
    const [h, p] = searchToken({ searchHub: 'A' }).split('.');
    expect(verdictOf(SEARCH_URL, { bearer: `${h}.${p}.`, json: {} })).toBe('unverifiable');
  });

  it('never enforced when Coveo refused the call (401, 403, 419); a hub-less token stays unenforced', () => {
    const token = searchToken({ searchHub: 'A' });
    for (const status of [401, 403, 419]) {
      const call = analyzeEntry(entry(SEARCH_URL, { bearer: token, json: {}, status }));
      expect(call?.verdict, String(status)).toBe('unverifiable');
      expect(call?.verdictReason).toContain(`HTTP ${status}`);
    }
    // Issue 9: a failed call (5xx) proves nothing either.
    expect(verdictOf(SEARCH_URL, { bearer: token, json: {}, status: 500 })).toBe('unverifiable');
    expect(verdictOf(SEARCH_URL, { bearer: searchToken(), json: { searchHub: 'A' }, status: 419 })).toBe('unenforced');
  });

  it('never enforced when the body was too long to read whole (a credential may lie beyond the limit)', () => {
    const big = { searchHub: 'A', padding: 'x'.repeat(1_000_100), searchContext: { accessToken: API_KEY } };
    const call = analyzeEntry(entry(FACET_URL, { bearer: searchToken({ searchHub: 'A' }), json: big }));
    expect(call?.verdict).toBe('unverifiable');
    expect(call?.notes.join(' ')).toMatch(/truncated/);
  });

  it('never enforced through a proxy, even with a hub-carrying token; a hub-less token there is still unenforced', () => {
    const proxied = 'https://www.example.com/coveo/rest/v2?siteName=web';
    expect(verdictOf(proxied, { bearer: searchToken({ searchHub: 'A' }), json: { searchHub: 'A' } })).toBe('unverifiable');
    expect(verdictOf(proxied, { bearer: searchToken(), json: { searchHub: 'A' } })).toBe('unenforced');
  });

  it('not-applicable where the hub does not route, yet credential rules still run', () => {
    const call = analyzeEntry(entry(`https://analytics.cloud.coveo.com/rest/ua/v15/analytics/click?access_token=${API_KEY}`, { json: { originLevel1: 'A' } }));
    expect(call?.verdict).toBe('not-applicable');
    expect(call?.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['api-key-in-client', 'credential-in-beacon-url']));
    for (const url of [
      'https://acmeprod.org.coveo.com/rest/organizations/acmeprod/commerce/v2/search',
      'https://platform.cloud.coveo.com/rest/organizations/acmeprod/insight/v1/configs/c/search',
      'https://platform.cloud.coveo.com/rest/search/v2/html?uniqueId=1',
      'https://acmeprod.analytics.org.coveo.com/rest/organizations/acmeprod/events/v1',
    ]) {
      expect(verdictOf(url, { bearer: searchToken({ searchHub: 'A' }), json: {} })).toBe('not-applicable');
    }
  });

  it('applies the hub verdict to answer, plan and values calls', () => {
    const token = searchToken();
    for (const url of [
      'https://acmeprod.org.coveo.com/rest/organizations/acmeprod/answer/v1/configs/c/generate',
      'https://acmeprod.org.coveo.com/rest/search/v2/plan',
      'https://acmeprod.org.coveo.com/rest/search/v2/values',
    ]) {
      expect(verdictOf(url, { bearer: token, json: { searchHub: 'A' } })).toBe('unenforced');
    }
  });

  it('explains every verdict in one sentence', () => {
    const call = analyzeEntry(entry(SEARCH_URL, { bearer: searchToken({ searchHub: 'ACMEPublic' }), json: {} }));
    expect(call?.verdictReason).toMatch(/searchHub claim "ACMEPublic"/);
  });
});
