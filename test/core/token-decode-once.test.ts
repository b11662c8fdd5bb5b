// The payload is decoded once (decodePayload) for the claims and the duplicate-claim scan: it must read exactly what
// jose's decodeJwt reads, and refuse exactly what it refuses; the scan must see the text the old second decode saw.
import fc from 'fast-check';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { decodeBase64Text } from '../../src/core/base64';
import { classifyCredential } from '../../src/core/credentials';
import { decodePayload } from '../../src/core/token';

const b64 = (text: string) => Buffer.from(text).toString('base64url');
const header = b64('{"alg":"HS256"}');

const payloads = fc.oneof(
  fc.jsonValue().map((v) => b64(JSON.stringify(v))),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 })).map((o) => b64(JSON.stringify(o))),
  fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b).toString('base64url')),
  fc.stringMatching(/^[A-Za-z0-9_-]{0,30}$/),
  fc.constantFrom(
    b64('\ufeff{"searchHub":"a"}'),
    b64('{"searchHub":"a","searchHub":"b"}'),
    b64('{"__proto__":{"searchHub":"x"},"v8":true}'),
    b64('{"x":"é","pipeline":"p"}'),
    `${b64('{"a":1}')}==`,
    b64('[1]'),
    b64('null'),
    '',
    'e',
    '+/',
    Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d]).toString('base64url'),
    Buffer.from([0x7b, 0xff, 0x7d]).toString('base64url'),
  ),
);

describe('decodePayload', () => {
  it("reads the claims as jose's decodeJwt does, and throws where it throws (property)", () => {
    fc.assert(
      fc.property(payloads, fc.constantFrom('sig', ''), (payload, sig) => {
        const jwt = `${header}.${payload}.${sig}`;
        let expected: unknown;
        try {
          expected = decodeJwt(jwt);
        } catch {
          expected = 'refused';
        }
        let got: unknown;
        try {
          got = decodePayload(jwt).claims;
        } catch {
          got = 'refused';
        }
        expect(got).toEqual(expected);
        if (got !== 'refused') expect(Object.keys(got as object)).toEqual(Object.keys(expected as object));
      }),
      { numRuns: 3000 },
    );
  });

  it('gives the duplicate scan the text the second decode gave, whenever jose reads the claims (property)', () => {
    fc.assert(
      fc.property(payloads, (payload) => {
        const jwt = `${header}.${payload}.sig`;
        let text: string;
        try {
          text = decodePayload(jwt).text;
        } catch {
          return;
        }
        expect(text).toBe(decodeBase64Text(payload.replace(/-/g, '+').replace(/_/g, '/')));
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses JWTs of other than three parts, as decodeJwt does', () => {
    for (const jwt of [`${header}`, `${header}.`, `${header}..sig`, `${header}.${b64('{}')}.s.x.y`, `${header}.${b64('{}')}.s.x`]) {
      expect(() => decodeJwt(jwt)).toThrow();
      expect(() => decodePayload(jwt)).toThrow();
    }
  });

  it('still flags a repeated routing claim, escaped or not, behind a byte-order mark', () => {
    const base = '"v8":true,"organization":"acme","roles":["queryExecutor"]';
    for (const [payload, expected] of [
      [`\ufeff{${base},"searchHub":"a","searchHub":"b"}`, true],
      [`{${base},"search\\u0048ub":"a","searchHub":"b"}`, true],
      [`{${base},"pipeline":"a"}`, false],
    ] as const) {
      const value = `${header}.${b64(payload)}.${'s'.repeat(43)}`;
      expect(classifyCredential({ location: 'authorization-header', scheme: 'Bearer', value }).token?.ambiguousClaims).toBe(expected);
    }
  });
});
