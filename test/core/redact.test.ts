import { describe, expect, it } from 'vitest';
import { fingerprint, redactSecrets, redactUrl } from '../../src/core/redact';
import { API_KEY, searchToken } from '../helpers/coveo';

describe('redaction', () => {
  it('fingerprints an API key as its first and last four characters', () => {
    expect(fingerprint(API_KEY)).toBe('xx56…4457');
  });

  it('fingerprints a JWT by its header start, part count and a hash, never the signature', () => {
    const token = searchToken({ searchHub: 'A' });
    const fp = fingerprint(token);
    expect(fp).toMatch(/^eyJhbGci…\(JWT, 3 parts, #[0-9a-f]{8}\)$/);
    expect(fp).not.toContain(token.split('.')[2]!.slice(-6));
    expect(fingerprint(searchToken({ searchHub: 'B' }))).not.toBe(fp);
  });

  it('shows only the length and a hash of short or unknown secrets', () => {
    expect(fingerprint('abc')).toMatch(/^…\(3 chars, #[0-9a-f]{8}\)$/);
    const long = 'QWxhZGRpbjpvcGVuIHNlc2FtZQ==abcdef';
    expect(fingerprint(long)).not.toContain(long.slice(-4));
  });

  it('redacts credential parameters, user info and secret-shaped values in URLs', () => {
    const token = searchToken();
    const url = `https://user:pw@platform.cloud.coveo.com/rest/search/v2/html?uniqueId=1&access_token=${token}&other=${API_KEY}#frag`;
    const out = redactUrl(url);
    expect(out).not.toContain(token);
    expect(out).not.toContain(API_KEY);
    expect(out).not.toContain('user:pw');
    expect(out).toContain('uniqueId=1');
    expect(out).toContain('#frag');
    expect(redactUrl('not a url ?accessToken=secretvalue')).not.toContain('secretvalue');
  });

  it('replaces secrets inside free text and leaves other text alone', () => {
    const token = searchToken();
    expect(redactSecrets(`hub ${token} and ${API_KEY.toUpperCase()}`)).not.toMatch(/eyJ[^…]*\.|XX564559B1-0045/);
    expect(redactSecrets('plain text')).toBe('plain text');
  });
});
