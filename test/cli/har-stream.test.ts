import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeEntries, HarError, harContext, parseHar } from '../../src/core/index';
import { analyzeHarBuffer, scanHar } from '../../src/cli/har-stream';
import { API_KEY, entry, har, QS_URL, SEARCH_URL, searchToken } from '../helpers/coveo';

/** What the core gives for the same text: the reference the streaming reader must match. */
function reference(text: string, name = 'x', prefix = '') {
  const { entries } = parseHar(text);
  const part = analyzeEntries(entries, name, prefix);
  // What was tested (page, creator, browser) from the whole document, as the core reads it.
  return { calls: part.calls, source: { ...part.source, ...harContext(JSON.parse(text.replace(/^\ufeff/, '')), entries) } };
}

function outcome(fn: () => unknown): unknown {
  try {
    return { ok: fn() };
  } catch (error) {
    return { error: error instanceof HarError ? error.message : `non-HarError ${String(error)}` };
  }
}

const sample = har([
  entry(SEARCH_URL, { json: { q: 'a "quoted" \\ back\\"slash', searchHub: 'Hub\\"x' }, bearer: searchToken({ searchHub: 'Hub' }) }),
  null,
  entry('https://www.example.com/{[not,json]}'),
  entry(QS_URL, { json: { q: ']},{', searchHub: 'Hub' }, bearer: API_KEY }),
  'a string entry',
  42,
  [],
  { request: {} },
]);

describe('analyzeHarBuffer matches the core on the whole text', () => {
  const layouts: [string, string][] = [
    ['compact', JSON.stringify(sample)],
    ['pretty', JSON.stringify(sample, null, 2)],
    ['BOM', `\ufeff${JSON.stringify(sample)}`],
    ['entries before version, pages after', JSON.stringify({ log: { entries: sample.log.entries, version: '1.2', pages: [{ id: 'p', title: '] } {' }] } })],
    ['escaped key names', JSON.stringify(sample).replace('"log"', '"\\u006cog"').replace('"entries"', '"entr\\u0069es"')],
    ['no entries', JSON.stringify(har([]))],
    ['duplicate log (last wins)', `{"log":{"entries":[${JSON.stringify(sample.log.entries[0])}]},"log":{"entries":[]}}`],
    ['other entries array elsewhere', JSON.stringify({ x: { log: { entries: [1] } }, log: { creator: { entries: [] }, entries: sample.log.entries } })],
    ['unicode', JSON.stringify(har([entry(SEARCH_URL, { json: { q: 'héllo 😀 ✓', searchHub: 'Hüb' }, bearer: searchToken() })]))],
  ];
  it.each(layouts)('%s', (_name, text) => {
    const expected = outcome(() => reference(text, 'f.har', 'f1.'));
    expect(outcome(() => analyzeHarBuffer(Buffer.from(text, 'utf8'), 'f.har', 'f1.'))).toEqual(expected);
  });

  // Entries the reader skips without parsing (decided from request.url and method) and those it must not skip.
  const PROXY = 'https://www.example.com/api/search';
  const mixed = har([
    entry('https://cdn.example.com/app.js'),
    entry('https://api.example.com/cart', { json: { items: [1] } }),
    entry(PROXY, { json: { q: 'a', searchHub: 'Hub', numberOfResults: 10, firstResult: 0 }, bearer: searchToken() }),
    entry(PROXY, { form: { q: 'a', actionsHistory: '[]', numberOfResults: '10' } }),
    entry('https://www.example.com/x/querySuggest', { json: { q: 'la' } }),
    entry(SEARCH_URL, { method: 'OPTIONS' }),
    { request: { url: 'https://cdn.example.com/a.js', method: 'GET', headers: 'oops' }, response: { status: 200 } },
    { request: { url: '', method: 'GET', headers: [] } },
    { request: { method: 7, url: 'https://cdn.example.com/b.js', headers: null } },
    { response: { status: 200 }, request: { url: 'https://cdn.example.com/c.js' } },
  ]);
  const mixedText = JSON.stringify(mixed);
  const variants: [string, string][] = [
    ['compact', mixedText],
    ['pretty', JSON.stringify(mixed, null, 2)],
    [
      'duplicate url key, the last a Coveo one',
      mixedText.replace('"url":"https://cdn.example.com/app.js"', `"url":"https://cdn.example.com/app.js","url":${JSON.stringify(SEARCH_URL)}`),
    ],
    [
      'duplicate request key',
      mixedText.replace('{"startedDateTime"', `{"request":{"url":${JSON.stringify(SEARCH_URL)},"method":"POST","headers":[]},"startedDateTime"`),
    ],
    ['escaped url key', mixedText.replaceAll('"url":"https://cdn.example.com', '"u\\u0072l":"https://cdn.example.com')],
    ['escaped marker in a proxied body', mixedText.replace('\\"searchHub\\"', '\\"search\\u0048ub\\"')],
    ['escaped characters in URLs', mixedText.replace('https://cdn.example.com/app.js', 'https:\\/\\/acme.org.coveo.com\\/rest\\/search\\/v2')],
    ['duplicate method, the last OPTIONS', mixedText.replace('"method":"POST"', '"method":"POST","method":"OPTIONS"')],
  ];
  it.each(variants)('skips what the analysis rejects and only that: %s', (name, text) => {
    if (name !== 'compact') expect(text).not.toBe(mixedText);
    const expected = outcome(() => reference(text, 'f.har'));
    expect(outcome(() => analyzeHarBuffer(Buffer.from(text, 'utf8'), 'f.har'))).toEqual(expected);
  });

  it('finds the entries of a plain HAR without parsing the document', () => {
    const text = JSON.stringify(sample);
    const layout = scanHar(Buffer.from(text));
    expect(layout?.entries).toHaveLength(sample.log.entries.length);
    for (const [i, [s, e]] of (layout?.entries ?? []).entries()) {
      expect(JSON.parse(text.slice(s, e))).toEqual(sample.log.entries[i]);
    }
  });

  it.each([
    ['truncated', JSON.stringify(sample).slice(0, 300), /truncated/],
    ['entry with invalid JSON', JSON.stringify(sample).replace('"a string entry"', 'tru'), /JSON/],
    ['trailing comma in entries', JSON.stringify(har([1, 2])).replace('2]', '2,]'), /JSON/],
    ['garbage after the document', `${JSON.stringify(sample)} x`, /JSON/],
    ['array root', JSON.stringify([sample]), /not a HAR/],
    ['entries not an array', JSON.stringify({ log: { entries: {} } }), /not a HAR/],
  ])('rejects %s with the core message', (_name, text, pattern) => {
    const expected = outcome(() => reference(text));
    expect(expected).toHaveProperty('error');
    expect((expected as { error: string }).error).toMatch(pattern);
    expect(outcome(() => analyzeHarBuffer(Buffer.from(text), 'x'))).toEqual(expected);
  });

  it('calls an empty or blank file empty', () => {
    expect(() => analyzeHarBuffer(Buffer.alloc(0), 'x')).toThrow(/^empty file$/);
    expect(() => analyzeHarBuffer(Buffer.from(' \n\t '), 'x')).toThrow(/^empty file$/);
  });

  it('agrees with the core on any JSON document and any prefix of a HAR (property)', () => {
    const base = JSON.stringify(sample);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.json(),
          fc.jsonValue().map((v) => JSON.stringify({ log: { entries: [v, sample.log.entries[0]], x: v } })),
          fc.nat(base.length).map((n) => base.slice(0, n)),
        ),
        (text) => {
          if (text.trim() === '') return;
          expect(outcome(() => analyzeHarBuffer(Buffer.from(text), 'x'))).toEqual(outcome(() => reference(text)));
        },
      ),
      { numRuns: 300 },
    );
  });
});
