// Issue 15: the panel's text filter reuses earlier results (typing narrows the previous matches, deleting finds a
// cached one). Whatever it reuses, the rows must be exactly those a full filter over every call gives.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeEntry, type CallReport, type Verdict } from '../../src/core/index';
import { type Filters, matches, type Row, ViewState } from '../../src/panel/store/view';
import { apiKeySearch, enforcedSearch, querySuggest, unenforcedSearch } from './helpers';

// Letters whose lower case is special: dotted/dotless I, sharp s, final sigma, Kelvin sign, a title-case digraph,
// combining marks, a non-BMP letter, and whitespace of several kinds (trim() removes some, not all, of them).
const ALPHABET = [
  'a',
  'A',
  'l',
  'L',
  'p',
  'S',
  's',
  'i',
  'I',
  'İ',
  'ı',
  'ß',
  'ẞ',
  'Σ',
  'σ',
  'ς',
  'K',
  'k',
  'ǅ',
  'é',
  'É',
  'e\u0301',
  '𝒜',
  '1',
  '-',
  ' ',
  '\t',
  '\u00a0',
  '\u3000',
];
const char = fc.constantFrom(...ALPHABET);
const word = fc.array(char, { minLength: 1, maxLength: 8 }).map((cs) => cs.join(''));

let seq = 0;
function callOf(hub: string, query: string, shape: number): CallReport {
  seq++;
  const entry =
    shape === 0
      ? enforcedSearch(hub, { body: { q: query, searchHub: hub } })
      : shape === 1
        ? unenforcedSearch(hub, { body: { q: query, searchHub: hub } })
        : shape === 2
          ? apiKeySearch(hub, { body: { q: query, searchHub: hub } })
          : querySuggest(hub, shape === 3);
  return analyzeEntry(entry, { id: `c${seq}`, index: seq })!;
}

const calls = fc
  .array(fc.tuple(word, word, fc.integer({ min: 0, max: 4 })), { minLength: 1, maxLength: 25 })
  .map((specs) => specs.map(([hub, query, shape]) => callOf(hub, query, shape)));

/** An edit of the filter text: type a character, delete the last one, or replace the whole text. */
const edit = fc.oneof(
  { weight: 5, arbitrary: char.map((c) => (text: string) => text + c) },
  { weight: 4, arbitrary: fc.constant((text: string) => [...text].slice(0, -1).join('')) },
  { weight: 1, arbitrary: word.map((w) => () => w) },
  { weight: 1, arbitrary: fc.constant(() => '') },
);

const verdicts: Array<Verdict | 'all'> = ['all', 'enforced', 'unenforced', 'unverifiable'];

function rowsOf(list: CallReport[], separators: boolean): Row[] {
  return list.flatMap((call, i): Row[] =>
    separators && i % 4 === 0
      ? [
          { type: 'separator', id: `s${i}`, url: 'https://shop.example/', at: '2025-03-01T12:00:00.000Z' },
          { type: 'call', call },
        ]
      : [{ type: 'call', call }],
  );
}

/** The reference: every row checked afresh (separators kept). */
function fullFilter(all: Row[], filters: Filters): Row[] {
  return all.filter((row) => row.type === 'separator' || matches(row.call, filters));
}

const ids = (rows: Row[]): string[] => rows.map((r) => (r.type === 'call' ? r.call.id : `|${r.id}`));

describe('the incremental text filter', () => {
  it('gives the rows of a full filter over random typing and deleting sequences', () => {
    fc.assert(
      fc.property(calls, fc.array(edit, { minLength: 1, maxLength: 40 }), fc.boolean(), (list, edits, separators) => {
        const all = rowsOf(list, separators);
        const view = new ViewState();
        let text = '';
        for (const change of edits) {
          text = change(text);
          view.setFilters({ text }, () => view.rows('d', () => all));
          expect(ids(view.rows('d', () => all))).toEqual(ids(fullFilter(all, view.filters)));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('gives the rows of a full filter for random queries, with the verdict filter and data changes in between', () => {
    fc.assert(
      fc.property(
        calls,
        calls,
        fc.array(fc.tuple(fc.oneof(word, fc.constant('')), fc.constantFrom(...verdicts), fc.boolean()), { minLength: 1, maxLength: 30 }),
        (first, later, steps) => {
          let all = rowsOf(first, true);
          let dataset = 0;
          const view = new ViewState();
          for (const [text, verdict, grow] of steps) {
            if (grow && later.length > 0) {
              all = [...all, { type: 'call', call: later.shift()! }];
              dataset++;
            }
            view.setFilters({ text, verdict }, () => view.rows(`d${dataset}`, () => all));
            expect(ids(view.rows(`d${dataset}`, () => all))).toEqual(ids(fullFilter(all, view.filters)));
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('matches case-insensitively, ignores surrounding whitespace, and keeps non-ASCII text as the full filter does', () => {
    const call = callOf('AcmeSupport', 'Straße İstanbul', 0);
    const all: Row[] = [{ type: 'call', call }];
    const view = new ViewState();
    const shown = (text: string): number => {
      view.setFilters({ text }, () => view.rows('d', () => all));
      return view.rows('d', () => all).length;
    };
    expect([shown('ACMESUP'), shown('  acmesupport\t'), shown('acme support')]).toEqual([1, 1, 0]);
    expect([shown('straße'), shown('STRASSE'), shown('i̇stanbul'), shown('istanbul')]).toEqual([1, 0, 1, 0]);
  });
});
