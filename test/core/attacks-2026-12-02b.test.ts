// Attacks of 2026-12-02 (b): ways a pipeline-claim call reached "enforced" with its routing unchecked, and ways calls
// left the page verdict.
import { describe, expect, it } from 'vitest';
import { analyzeEntry } from '../../src/core/index';
import { rawMayHoldSearchBody } from '../../src/core/prefilter';
import type { CallReport, HarEntryLike } from '../../src/core/types';
import { CaptureBuffer } from '../../src/devtools/capture/buffer';
import { FakePlatform } from '../../src/devtools/fake-platform';
import { PanelStore } from '../../src/panel/store';
import { entry, SEARCH_URL, searchToken } from '../helpers/coveo';
import { captured, enforcedSearch, querySuggest, unenforcedSearch } from '../panel/helpers';

function search(claims: Record<string, unknown>, response?: Record<string, unknown>): HarEntryLike {
  const e = entry(SEARCH_URL, { bearer: searchToken(claims), json: { q: 'x', searchHub: 'Community' } });
  if (response) e.response = { status: 200, ...response } as HarEntryLike['response'];
  return e;
}

function call(e: HarEntryLike): CallReport {
  const c = analyzeEntry(e);
  if (!c) throw new Error('not a call');
  return c;
}

const json = (text: string) => ({ content: { size: text.length, mimeType: 'application/json', text } });

describe('a pipeline claim whose response body the record says existed but does not hold', () => {
  it.each([
    ['content.size above 0, no text (HAR exported without content)', { content: { size: 5123, mimeType: 'application/json' } }],
    ['an empty text beside content.size', { content: { size: 5123, mimeType: 'application/json', text: '' } }],
    ['bodySize above 0', { bodySize: 812, content: { size: 0, mimeType: 'application/json' } }],
    ['a Content-Length header', { headers: [{ name: 'Content-Length', value: '812' }], content: { mimeType: 'application/json' } }],
  ])('%s: unverifiable, the reason says the body is not in the record', (_what, response) => {
    const c = call(search({ pipeline: 'secure' }, response));
    expect(c.verdict).toBe('unverifiable');
    expect(c.verdictReason).toMatch(/response was not read.*not in the record/);
  });

  it('unchanged: a record that says the body was empty (size 0, no length), or a hub claim alone, stays enforced', () => {
    expect(call(search({ pipeline: 'secure' }, { content: { size: 0, mimeType: 'application/json' } })).verdict).toBe('enforced');
    expect(call(search({ searchHub: 'Community' }, { content: { size: 5123, mimeType: 'application/json' } })).verdict).toBe('enforced');
  });
});

describe("a pipeline claim whose response's pipeline field names no pipeline", () => {
  it.each([
    ['a number', '{"pipeline":7,"results":[]}'],
    ['an object', '{"pipeline":{"name":"default"},"results":[]}'],
    ['null', '{"pipeline":null,"results":[]}'],
    ['blank', '{"pipeline":"  ","results":[]}'],
    ['empty', '{"pipeline":"","results":[]}'],
  ])('%s: unverifiable (what Coveo answered from is unknown)', (_what, text) => {
    const c = call(search({ pipeline: 'secure' }, json(text)));
    expect(c.verdict).toBe('unverifiable');
    expect(c.verdictReason).toMatch(/pipeline field names no pipeline/);
  });

  it('unchanged: no pipeline field at all (facet search, suggestions answer without one) or the claimed one: enforced', () => {
    expect(call(search({ pipeline: 'secure' }, json('{"results":[]}'))).verdict).toBe('enforced');
    expect(call(search({ pipeline: 'secure' }, json('{"pipeline":"secure","results":[]}'))).verdict).toBe('enforced');
  });
});

describe('calls the capture buffer dropped before the panel connected, then a navigation', () => {
  it('dropped calls of the session after the navigation still keep that page from passing', () => {
    const buffer = new CaptureBuffer(2);
    buffer.emit({ type: 'navigation', url: 'https://shop.example/search', at: '2025-03-01T12:00:00Z', page: 1 });
    buffer.emit(captured(unenforcedSearch('Support'), 1));
    buffer.emit(captured(enforcedSearch('Community'), 1));
    buffer.emit(captured(querySuggest('Community'), 1));
    const store = new PanelStore(new FakePlatform());
    buffer.connect((events) => store.addEvents(events));
    expect(store.calls.map((c) => c.verdict)).toEqual(['enforced', 'enforced']);
    expect(store.dropped).toBe(1);
    expect(store.summary.verdict).not.toBe('pass');
  });

  it('unchanged: calls dropped from a session a later navigation cleared are not counted against the new page', () => {
    const buffer = new CaptureBuffer(2);
    buffer.emit(captured(unenforcedSearch('Support'), 0));
    buffer.emit({ type: 'navigation', url: 'https://shop.example/search', at: '2025-03-01T12:00:00Z', page: 1 });
    buffer.emit(captured(enforcedSearch('Community'), 1));
    buffer.emit(captured(querySuggest('Community'), 1));
    const store = new PanelStore(new FakePlatform());
    buffer.connect((events) => store.addEvents(events));
    expect(store.dropped).toBe(0);
    expect(store.summary.verdict).toBe('pass');
  });
});

describe('a proxied search whose body spells its keys with escapes (known, 2026-12-02)', () => {
  const PROXY = 'https://shop.example/api/coveo/search';
  const hubless = searchToken({});
  const bodies: [string, HarEntryLike['request']['postData'] & { encoding?: string }][] = [
    ['a JSON key escaped', { mimeType: 'application/json', text: '{"q":"x","\\u0073earchHub":"Support"}' }],
    ['a form key percent-encoded', { mimeType: 'application/x-www-form-urlencoded', text: 'q=x&search%48ub=Support' }],
    [
      'a form key with lower-case hex escapes after ordinary ones',
      { mimeType: 'Application/X-WWW-Form-Urlencoded; charset=UTF-8', text: 'dl=https%3A%2F%2Fa.example%2F&q=x&%73earc%68%48ub=Support' },
    ],
    ['a body recorded base64', { mimeType: 'application/json', encoding: 'base64', text: Buffer.from('{"q":"x","searchHub":"Support"}').toString('base64') }],
  ];
  it.each(bodies)('%s: recognised as a Coveo search (its hub-less token makes it unenforced)', (_what, postData) => {
    const e = entry(PROXY, { bearer: hubless });
    e.request.method = 'POST';
    e.request.postData = postData;
    const c = call(e);
    expect(c.kind).toBe('search');
    expect(c.searchHub.request).toBe('Support');
    expect(c.verdict).toBe('unenforced');
    // The CLI's raw prefilter lets it through too.
    const raw = JSON.stringify(e);
    expect(rawMayHoldSearchBody(PROXY, (needle) => raw.includes(needle))).toBe(true);
  });

  it('unchanged: an ordinary form or JSON POST elsewhere is not a Coveo call', () => {
    for (const text of ['name=a%20b&email=c%40d', '{"event":"50% off","\\u00e9":1}']) {
      const e = entry(PROXY, { text, mimeType: 'application/x-www-form-urlencoded' });
      expect(analyzeEntry(e)).toBeNull();
    }
  });
});
