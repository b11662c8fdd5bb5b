import { describe, expect, it } from 'vitest';
import { analyzeEntries } from '../../src/core/analyze';
import { HarError, parseHar } from '../../src/core/har';
import { analyzeHar } from '../../src/core/report-model';
import { entry, har, SEARCH_URL, searchToken } from '../helpers/coveo';

describe('HAR input', () => {
  it.each([
    ['', /empty/],
    ['   \n', /empty/],
    ['hello', /not JSON/],
    ['{"log": {"entries": [', /truncated/],
    ['[1,2]', /not a HAR/],
    ['{"foo": 1}', /no "log"/],
    ['{"log": {}}', /no log.entries/],
    ['null', /not a HAR/],
  ])('rejects %j with a one-line message', (text, message) => {
    expect(() => parseHar(text)).toThrow(HarError);
    try {
      parseHar(text);
    } catch (error) {
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('accepts a BOM and an already parsed object', () => {
    expect(parseHar('\ufeff{"log":{"entries":[]}}').entries).toEqual([]);
    expect(parseHar(har([{ request: { url: 'x' } }])).entries).toHaveLength(1);
  });

  it('counts and names malformed entries without losing the good ones', () => {
    const good = entry(SEARCH_URL, { bearer: searchToken({ searchHub: 'A' }), json: {} });
    const { calls, source } = analyzeEntries(
      [null, good, { request: {} }, 'x', { request: { url: 5 } }, { request: { url: 'https://a/', headers: 'Authorization: x' } }],
      'f.har',
    );
    expect(calls).toHaveLength(1);
    expect(source).toMatchObject({ name: 'f.har', entries: 6, coveoCalls: 1 });
    expect(source.malformed.map((m) => m.index)).toEqual([0, 2, 3, 4, 5]);
    expect(source.malformed[1]?.reason).toBe('request has no url');
  });

  it('orders calls by start time and keeps file order for ties', () => {
    const token = searchToken({ searchHub: 'A' });
    const report = analyzeHar(
      har([
        entry(`${SEARCH_URL}&n=late`, { bearer: token, json: {}, started: '2026-11-24T10:00:05.000Z' }),
        entry(`${SEARCH_URL}&n=early`, { bearer: token, json: {}, started: '2026-11-24T10:00:01.000Z' }),
      ]),
    );
    expect(report.calls.map((c) => c.url.split('n=')[1])).toEqual(['early', 'late']);
  });
});
