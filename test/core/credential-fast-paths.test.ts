// The shortcuts of reading a new token (issue 15) must give what the general paths give.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { classifyCredential, isoFromSeconds, jwtFingerprint } from '../../src/core/credentials';
import { fingerprint, looksLikeJwt } from '../../src/core/redact';

const b64 = (text: string) => Buffer.from(text).toString('base64url');
const jwt = (payload: string) => `${b64('{"alg":"HS256"}')}.${b64(payload)}.${'s'.repeat(43)}`;
const base = '"v8":true,"organization":"acme","roles":["queryExecutor"]';

describe('isoFromSeconds', () => {
  it('equals new Date(s * 1000).toISOString() for any number (property)', () => {
    const reference = (v: number) => {
      const d = new Date(v * 1000);
      return Number.isNaN(d.getTime()) ? null : d.toISOString();
    };
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: -1e10, max: 3e11 }),
          fc.double({ min: -1e12, max: 1e13, noNaN: true }),
          fc.constantFrom(0, 951782400, 253402300799, 253402300799.9999, 253402300800, -0.5, 8.64e12, 8.64e12 + 1, Infinity, -Infinity),
        ),
        (v) => {
          expect(isoFromSeconds(v)).toBe(reference(v));
        },
      ),
      { numRuns: 3000 },
    );
    expect(isoFromSeconds(NaN)).toBeNull();
    expect(isoFromSeconds('1795000000')).toBeNull();
  });
});

describe('duplicate routing claims, fast and general scans', () => {
  const ambiguous = (payload: string) => classifyCredential({ location: 'authorization-header', scheme: 'Bearer', value: jwt(payload) }).token?.ambiguousClaims;
  it.each([
    [`{${base},"searchHub":"a"}`, false],
    [`{${base},"searchHub":"a","searchHub":"b"}`, true],
    [`{${base},"searchHub" : "a", "searchHub"\n:"b"}`, true],
    [`{${base},"pipeline":"a","x":"pipeline","y":["pipeline"]}`, false],
    [`{${base},"pipeline":"a","pipeline":"b"}`, true],
    [`{${base},"searchHub":"a","search\\u0048ub":"b"}`, true],
    [`{${base},"searchHub":"a","note":"\\"searchHub\\":"}`, false],
    [`{${base},"x":{"searchHub":"inner"},"searchHub":"a"}`, true],
    [`{${base}}`, false],
  ])('%s → %s', (payload, expected) => {
    expect(ambiguous(payload)).toBe(expected);
  });
});

describe('claim copies', () => {
  it('keep every key as an own property, in order, bounded at 100', () => {
    const many = Object.fromEntries(Array.from({ length: 120 }, (_, i) => [`k${i}`, i]));
    const payload = JSON.stringify({ v8: true, organization: 'acme', ...many }).replace(/^\{/, '{"__proto__":{"searchHub":"x"},');
    const claims = classifyCredential({ location: 'authorization-header', scheme: 'Bearer', value: jwt(payload) }).token?.claims ?? {};
    const keys = Object.keys(claims);
    expect(keys).toHaveLength(101);
    expect(keys[0]).toBe('__proto__');
    expect(Object.getPrototypeOf(claims)).toBe(Object.prototype);
    expect(keys.at(-1)).toBe('…');
    expect(claims.k96).toBe(96);
    expect(claims.k97).toBeUndefined();
    expect(claims.searchHub).toBeUndefined();
  });
});

describe('the JWT shortcuts agree with the general functions', () => {
  const segment = fc.oneof(
    fc.string({ maxLength: 40 }).map(b64),
    fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b).toString('base64url')),
    fc.stringMatching(/^[A-Za-z0-9_-]{1,30}$/),
  );
  it('jwtFingerprint is fingerprint for every JWT-shaped value (property)', () => {
    fc.assert(
      fc.property(segment, segment, fc.stringMatching(/^[A-Za-z0-9_-]{0,43}$/), (h, p, sig) => {
        const value = `eyJ${h}.${p}.${sig}`;
        if (looksLikeJwt(value)) expect(jwtFingerprint(value)).toBe(fingerprint(value));
      }),
      { numRuns: 500 },
    );
  });

  it('the header is read as jose reads it, or refused when jose refuses it (property)', () => {
    const headers = fc.oneof(
      fc.jsonValue().map((v) => b64(JSON.stringify(v))),
      fc.uint8Array({ minLength: 1, maxLength: 30 }).map((b) => Buffer.from(b).toString('base64url')),
      fc.constantFrom(b64('\ufeff{"alg":"none"}'), b64('{"alg":"HS256","x":"é"}'), b64('{"__proto__":{"alg":"none"}}'), b64('[1]'), b64('null'), 'e', 'eyJ'),
    );
    fc.assert(
      fc.property(headers, (h) => {
        const value = `${h}.${b64('{"sub":"x"}')}.sig`;
        if (!looksLikeJwt(value)) return;
        let expected: unknown;
        try {
          decodeJwt(value);
          expected = { header: decodeProtectedHeader(value) };
        } catch {
          expected = 'refused';
        }
        const c = classifyCredential({ location: 'authorization-header', scheme: 'Bearer', value });
        const got = c.token ? { header: c.token.header } : 'refused';
        if (expected === 'refused') expect(got).toBe('refused');
        else {
          const header = (expected as { header: Record<string, unknown> }).header;
          const alg = Object.hasOwn(header, 'alg') ? header.alg : '';
          expect(c.token?.unsigned).toBe(String(alg).toLowerCase() === 'none');
        }
        if (expected !== 'refused') expect(Object.keys(c.token?.header ?? {})).toEqual(Object.keys((expected as { header: object }).header).slice(0, 100));
      }),
      { numRuns: 500 },
    );
  });
});
