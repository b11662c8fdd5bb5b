// Issue 9 review #11, low: "a blank or whitespace claim names nothing" uses JS trim(); a claim made of C0
// control characters (which Java's String.trim() strips) or of zero-width characters passes as a real hub and the
// page passes with a hub that prints as nothing. Ambiguous: not enforced.
import { describe, expect, it } from 'vitest';
import { searchToken } from '../helpers/coveo';
import { BODY, call, json, page, raw } from '../helpers/raw-entry';

describe('a hub claim made only of invisible characters names nothing', () => {
  it.each([
    ['U+0001', '\u0001'],
    ['U+001F', '\u001f'],
    ['U+200B zero-width space', '\u200b'],
  ])('%s', (_name, hub) => {
    // Headless copies the claim into the body, so there is no mismatch warning to save the page.
    const e = raw({ headers: [{ name: 'Authorization', value: `Bearer ${searchToken({ searchHub: hub })}` }], postData: json({ ...BODY, searchHub: hub }) });
    expect(call(e).verdict).not.toBe('enforced');
    expect(page([e]).summary.verdict).not.toBe('pass');
  });
});
