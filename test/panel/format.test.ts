import { describe, expect, it } from 'vitest';
import { analyzeEntry } from '../../src/core/index';
import {
  credentialShort,
  credentialTitle,
  duration,
  endpointText,
  expiryAtRequest,
  hubOrigin,
  relativeTime,
  tokenTime,
  utcMinute,
} from '../../src/panel/format';
import { API_KEY, coveoCall, searchToken } from './helpers';

describe('duration', () => {
  it.each([
    [0, '0 s'],
    [59, '59 s'],
    [59.4, '59 s'],
    [59.6, '1 min'],
    [60, '1 min'],
    [89, '1 min'],
    [90, '2 min'],
    [3569, '59 min'],
    [3570, '1 h'],
    [3599, '1 h'],
    [3600, '1 h'],
    [3629, '1 h'],
    [3630, '1 h 1 min'],
    [7170, '2 h'],
    [7199, '2 h'],
    [5400, '1 h 30 min'],
    [86_369, '23 h 59 min'],
    [86_370, '1 d'],
    [86_399, '1 d'],
    [86_400, '1 d'],
    [88_199, '1 d'],
    [88_200, '1 d 1 h'],
    [169_200, '1 d 23 h'],
    [171_000, '2 d'],
    [172_000, '2 d'],
    [172_799, '2 d'],
    [180_000, '2 d 2 h'],
  ])('%s s is %s', (seconds, text) => {
    expect(duration(seconds)).toBe(text);
    expect(duration(-seconds)).toBe(text);
  });

  it('never shows a unit at its carry value', () => {
    // One assertion on everything seen (57,143 values), not one expect per value.
    const carried: string[] = [];
    let checked = 0;
    for (let s = 0; s < 400_000; s += 7, checked++) {
      const text = duration(s);
      if (/\b60 (s|min)\b|\b24 h\b/.test(text)) carried.push(`${s} s: ${text}`);
    }
    expect(checked).toBe(57_143);
    expect(carried).toEqual([]);
  });

  it('says unknown for a value that is not a number', () => {
    expect(duration(Number.NaN)).toBe('unknown');
    expect(duration(Infinity)).toBe('unknown');
  });

  it('words the expiry relative to the request', () => {
    expect(expiryAtRequest(-3599)).toBe('expired 1 h before this request');
    expect(expiryAtRequest(86_399)).toBe('expires 1 d after this request');
  });
});

describe('token times', () => {
  const now = Date.parse('2026-12-02T03:15:00Z');
  const at = (iso: string): number => Date.parse(iso) / 1000;

  it('shows a claim in seconds as a UTC date with the time from now', () => {
    expect(tokenTime(at('2026-12-03T02:15:00Z'), now)).toBe('2026-12-03 02:15 UTC, in 23 h');
    expect(tokenTime(at('2026-11-29T03:15:00Z'), now)).toBe('2026-11-29 03:15 UTC, 3 d ago');
    expect(tokenTime(at('2026-12-02T03:14:30Z'), now)).toBe('2026-12-02 03:14 UTC, 30 s ago');
    expect(tokenTime(now / 1000, now)).toBe('2026-12-02 03:15 UTC, now');
  });

  it('reads the ISO dates of the analysis the same way', () => {
    expect(tokenTime('2026-12-02T05:45:00.000Z', now)).toBe('2026-12-02 05:45 UTC, in 2 h 30 min');
  });

  it('depends on the injected now, not on the clock', () => {
    const exp = at('2026-12-02T04:15:00Z');
    expect(tokenTime(exp, now)).toMatch(/in 1 h$/);
    expect(tokenTime(exp, now + 2 * 3600_000)).toMatch(/1 h ago$/);
  });

  it('gives null for what is no time (the caller shows the value as it is)', () => {
    expect(tokenTime('soon', now)).toBeNull();
    expect(tokenTime('', now)).toBeNull();
    expect(tokenTime(null, now)).toBeNull();
    expect(tokenTime(Number.NaN, now)).toBeNull();
    expect(tokenTime(1e300, now)).toBeNull();
    expect(utcMinute(Number.POSITIVE_INFINITY)).toBeNull();
  });

  it('words relative times both ways', () => {
    expect(relativeTime(now + 90_000, now)).toBe('in 2 min');
    expect(relativeTime(now - 86_400_000, now)).toBe('1 d ago');
  });
});

describe('list cells', () => {
  const call = (init: Parameters<typeof coveoCall>[0]) => analyzeEntry(coveoCall(init), { id: 'c1', index: 0 })!;

  it('says where the hub comes from: token claim, request only, none, and a conflict', () => {
    const claim = hubOrigin(call({ credential: searchToken({ searchHub: 'ACMEPublic' }), body: { q: '', searchHub: 'ACMEPublic' } }));
    expect(claim).toMatchObject({ kind: 'token', conflict: false, word: 'token', glyph: '◆', text: 'ACMEPublic' });
    const body = hubOrigin(call({ credential: searchToken(), body: { q: '', searchHub: 'ACMEPublic' } }));
    expect(body).toMatchObject({ kind: 'request', conflict: false, word: 'body', glyph: '✎', text: 'ACMEPublic' });
    expect(body.sentence).toMatch(/anyone can edit it/);
    const none = hubOrigin(call({ credential: searchToken(), body: { q: '' } }));
    expect(none).toMatchObject({ kind: 'none', word: 'none', text: '—' });
    const conflict = hubOrigin(call({ credential: searchToken({ searchHub: 'ACMEPublic' }), body: { q: '', searchHub: 'Spoof' } }));
    expect(conflict).toMatchObject({ kind: 'token', conflict: true, word: 'conflict', text: 'Spoof → ACMEPublic' });
    expect(conflict.sentence).toMatch(/request names "Spoof" but the token's searchHub claim is "ACMEPublic"/);
  });

  it('shows host and path without the query string', () => {
    const proxied = call({ url: 'https://www.acme.example/coveo/rest/search/v2?sitecoreItemUri=x&access_token=abc', credential: null });
    expect(endpointText(proxied)).toBe('www.acme.example/coveo/rest/search/v2');
  });

  it('keeps the credential cell narrow: type and the distinguishing part; the title has the whole fingerprint', () => {
    const token = call({ credential: searchToken({ searchHub: 'A' }) });
    expect(credentialShort(token)).toMatch(/^token #[0-9a-f]{8}$/);
    expect(credentialTitle(token)).toContain(token.credential.fingerprint!);
    const key = call({ credential: API_KEY });
    expect(credentialShort(key)).toBe('key xx56…4457');
    expect(credentialShort(call({ credential: null }))).toBe('none');
  });
});
