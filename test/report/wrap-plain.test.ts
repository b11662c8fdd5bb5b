// wrapPlain (the fast path of wrapLine for lines without colour codes) gives exactly what the general word-by-word
// wrapping gave: the old algorithm is kept here as the reference.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wrapLine, wrapPlain } from '../../src/core/report/text';

function referenceWrap(line: string, width: number): string[] {
  if (line.length <= width) return [line];
  const indent = line.length - line.trimStart().length;
  const hang = ' '.repeat(Math.min(indent + 4, Math.floor(width / 2)));
  const words = line.trimStart().split(' ');
  const lines: string[] = [];
  let current = ' '.repeat(indent);
  let currentLen = indent;
  let fresh = true;
  for (let word of words) {
    let len = word.length;
    if (!fresh && currentLen + 1 + len > width) {
      lines.push(current);
      current = hang;
      currentLen = hang.length;
      fresh = true;
    }
    while (currentLen + (fresh ? 0 : 1) + len > width) {
      const room = width - currentLen - (fresh ? 0 : 1);
      if (room <= 0) break;
      lines.push(current + (fresh ? '' : ' ') + word.slice(0, room));
      word = word.slice(room);
      len = word.length;
      current = hang;
      currentLen = hang.length;
      fresh = true;
    }
    current += (fresh ? '' : ' ') + word;
    currentLen += (fresh ? 0 : 1) + len;
    fresh = false;
  }
  lines.push(current);
  return lines;
}

// Lines made of the characters that matter to wrapping: spaces (runs of them too), tabs, a no-break space, letters.
const piece = fc.constantFrom(' ', '  ', '\t', '\u00a0', 'a', 'bb', 'word', 'https://example.com/a/very/long/path?x=1', 'x'.repeat(60));
const line = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''));

describe('wrapPlain', () => {
  it('wraps every line without colour codes exactly as the word-by-word reference does', () => {
    fc.assert(
      fc.property(line, fc.integer({ min: 1, max: 120 }), (text, width) => {
        expect(wrapPlain(text, width)).toEqual(referenceWrap(text, width));
        expect(wrapLine(text, width)).toEqual(referenceWrap(text, width));
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps the edge cases: blank lines, a leading indent, a word longer than the line, a hang wider than half', () => {
    for (const [text, width] of [
      ['', 20],
      ['     ', 3],
      ['    indented words that go on and on past the edge', 20],
      [`  ${'y'.repeat(100)} tail`, 30],
      ['a  b   c    d', 2],
      [`${' '.repeat(30)}deep indent here`, 20],
    ] as const)
      expect(wrapPlain(text, width)).toEqual(referenceWrap(text, width));
  });
});
