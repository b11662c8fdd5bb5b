// getHeader/getHeaders skip a header whose name is not the wanted name's length before lower-casing it: exact only
// because lower-casing keeps the length of every character but U+0130 (which grows into `i` + U+0307).
import { describe, expect, it } from 'vitest';
import { getHeader, getHeaders } from '../../src/core/har';

describe('header names by length, then lower case', () => {
  it('no character but U+0130 changes length when lower-cased', () => {
    const changed: number[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const c = String.fromCodePoint(cp);
      if (c.toLowerCase().length !== c.length) changed.push(cp);
    }
    expect(changed).toEqual([0x130]);
    expect('\u0130'.toLowerCase()).toBe('i\u0307');
  });

  it('finds a name in any letter case, and only that name', () => {
    const headers = [
      { name: 'AUTHORIZATION', value: 'a' },
      { name: 'Authorization ', value: 'no' },
      { name: 'authorizatIon', value: 'b' },
      { name: 'Content-Type', value: 'application/json' },
      { name: 'Authorızation', value: 'dotless i: not the name' },
    ];
    expect(getHeaders(headers, 'authorization')).toEqual(['a', 'b']);
    expect(getHeader(headers, 'content-type')).toBe('application/json');
    expect(getHeader(headers, 'CONTENT-TYPE')).toBe('application/json');
    expect(getHeader(headers, 'content-length')).toBeNull();
  });
});
