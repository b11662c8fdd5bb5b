import { describe, expect, it } from 'vitest';
import { matchKey } from '../../../src/core/org/keys';
import { key } from '../../helpers/org';

const RAW = 'xx7c3e9a51-2b4d-4f6e-8a1c-0d9e8f7a6b5c';

describe('matchKey: only what the listing exposes of the value', () => {
  it('a whole value matches exactly (case aside)', () => {
    const m = matchKey(RAW, [
      key('other', { value: 'xx00000000-0000-4000-8000-000000000000' }),
      key('page', { value: RAW.toUpperCase().replace(/^XX/, 'xx') }),
    ]);
    expect(m).toMatchObject({ match: 'exact', key: { id: 'page' } });
    expect(m.reason).not.toContain(RAW);
  });

  it('a masked value consistent with the key is a partial match; two are ambiguous', () => {
    expect(matchKey(RAW, [key('page', { value: 'xx7c3e9a51-****-****-****-********6b5c' })])).toMatchObject({ match: 'partial', key: { id: 'page' } });
    expect(matchKey(RAW, [key('page', { value: 'xx7c3e…6b5c' })])).toMatchObject({ match: 'partial' });
    expect(matchKey(RAW, [key('a', { value: 'xx7c3e…6b5c' }), key('b', { value: 'xx7c…a6b5c' })])).toMatchObject({ match: 'ambiguous', key: null });
    expect(matchKey(RAW, [key('a', { value: 'xx7c3e…0000' })])).toMatchObject({ match: 'none' });
  });

  it('too little shown, or nothing: not comparable, and it says why', () => {
    const few = matchKey(RAW, [key('a', { value: 'xx7c…' }), key('b', {})]);
    expect(few.match).toBe('not-comparable');
    expect(few.reason).toMatch(/exposes no usable part .*2 keys/);
    expect(matchKey(RAW, []).reason).toMatch(/lists no API key/);
  });

  it('a full value that differs: none, with the possible reasons', () => {
    expect(matchKey(RAW, [key('a', { value: 'xx00000000-0000-4000-8000-000000000000' })])).toMatchObject({
      match: 'none',
      reason: expect.stringMatching(/deleted, belongs to another organization/),
    });
  });
});
