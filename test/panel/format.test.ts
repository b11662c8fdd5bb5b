import { describe, expect, it } from 'vitest';
import { duration, expiryAtRequest } from '../../src/panel/format';

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
