// Issue 9 review #17, false enforced/pass (crafted): credentials are told apart by their fingerprint
// (`key`), i.e. the first 8 characters plus a 32-bit FNV-1a hash for a JWT. Every HS256 search token starts with the
// same 8 characters, so two different tokens with one hash (found in ~7 s by trying tokenId values) count as one
// credential: a hub-less token beside a hub token is not 'conflicting' and the call is enforced. Compare the full
// values (in memory, inside the core) or a strong hash; the fingerprint is for display only.
import { describe, expect, it } from 'vitest';
import { FACET_URL } from '../helpers/coveo';
import { call, json, page, raw } from '../helpers/raw-entry';

/** searchHub 'public' */
const HUB =
  'eyJhbGciOiJIUzI1NiJ9.eyJ2OCI6dHJ1ZSwib3JnYW5pemF0aW9uIjoiYWNtZXByb2QiLCJyb2xlcyI6WyJxdWVyeUV4ZWN1dG9yIl0sInVzZXJJZHMiOlt7Im5hbWUiOiJhQGIuYyIsInByb3ZpZGVyIjoiRW1haWwgU2VjdXJpdHkgUHJvdmlkZXIiLCJ0eXBlIjoiVXNlciJ9XSwiaWF0IjoxNzk1NTE0MzQwLCJleHAiOjE3OTU1MTc5NDAsInNlYXJjaEh1YiI6InB1YmxpYyIsInRva2VuSWQiOiJ0OW4ifQ.kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk';
/** no searchHub claim, same fingerprint as HUB */
const HUBLESS =
  'eyJhbGciOiJIUzI1NiJ9.eyJ2OCI6dHJ1ZSwib3JnYW5pemF0aW9uIjoiYWNtZXByb2QiLCJyb2xlcyI6WyJxdWVyeUV4ZWN1dG9yIl0sInVzZXJJZHMiOlt7Im5hbWUiOiJhQGIuYyIsInByb3ZpZGVyIjoiRW1haWwgU2VjdXJpdHkgUHJvdmlkZXIiLCJ0eXBlIjoiVXNlciJ9XSwiaWF0IjoxNzk1NTE0MzQwLCJleHAiOjE3OTU1MTc5NDAsInRva2VuSWQiOiIxdzc3In0.kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk';

describe('two different tokens with the same fingerprint are two credentials', () => {
  it('the tokens differ but share a fingerprint (precondition)', async () => {
    const { fingerprint } = await import('../../src/core/redact');
    expect(HUB).not.toBe(HUBLESS);
    expect(fingerprint(HUB)).toBe(fingerprint(HUBLESS));
  });

  it('facet search: hub token in the header, hub-less token in searchContext.accessToken', () => {
    const e = raw({
      url: FACET_URL,
      headers: [{ name: 'Authorization', value: `Bearer ${HUB}` }],
      postData: json({ field: 'author', searchContext: { q: 'x', searchHub: 'public', accessToken: HUBLESS } }),
      response: { status: 200, content: { size: 13, mimeType: 'application/json', text: '{"values":[]}' } },
    });
    const c = call(e);
    expect(c.verdict).not.toBe('enforced');
    expect(c.findings.map((f) => f.rule)).toContain('conflicting-credentials');
    expect(
      page([e, raw({ headers: [{ name: 'Authorization', value: `Bearer ${HUB}` }], postData: json({ q: 'x', searchHub: 'public' }) })]).summary.verdict,
    ).not.toBe('pass');
  });
});
