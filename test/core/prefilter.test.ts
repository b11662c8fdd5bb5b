// The pre-filter (src/core/prefilter.ts) decides from an entry's URL, method and raw text what the analysis would
// reject, so that the CLI need not parse it. It must never reject an entry the analysis takes for a Coveo call:
// proxied searches (Headless proxyBaseUrl, search-ui relays) are recognised from their bodies.
import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeEntry, parseHar } from '../../src/core/index';
import { prefilterEntry, rawMayHoldSearchBody } from '../../src/core/prefilter';
import { API_KEY, entry, searchToken, SEARCH_URL } from '../helpers/coveo';

/** Whether the pre-filter rejects `e`: from its compact JSON (`every` false), or from any way of writing it (`every`). */
function rejects(e: unknown, any = false): boolean {
  const request = (e as { request?: { url?: unknown; method?: unknown } }).request;
  if (!request || typeof request.url !== 'string' || request.url === '') return false;
  const decision = prefilterEntry(request.url, request.method);
  if (decision !== 'body') return decision === 'reject';
  // Raw text as an exporter writes it, compact and pretty, with non-ASCII escaped or not.
  // and with letters of the markers written as escapes (`search\u0048ub`), which a HAR writer may do.
  const compact = JSON.stringify(e);
  const texts = [
    compact,
    JSON.stringify(e, null, 2),
    compact.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
    compact.replace(/[HCRy]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`),
  ];
  const rejected = (t: string) => !rawMayHoldSearchBody(request.url as string, (n) => t.includes(n));
  return any ? texts.some(rejected) : rejected(compact);
}

/** Every recorded and generated HAR the tests use. */
function fixtureEntries(): unknown[] {
  const out: unknown[] = [];
  const walk = (dir: string) => {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (f.endsWith('.har')) out.push(...parseHar(readFileSync(p, 'utf8')).entries);
    }
  };
  walk(join(import.meta.dirname, '../fixtures'));
  return out;
}

const PROXY = 'https://www.example.com/api/search';
const search = { q: 'laptop', searchHub: 'Public', numberOfResults: 10, firstResult: 0, actionsHistory: [], context: { a: 1 } };

describe('prefilter', () => {
  it('passes every entry of every fixture HAR the analysis takes for a Coveo call, and rejects some others', () => {
    const entries = fixtureEntries();
    expect(entries.length).toBeGreaterThan(20);
    let coveo = 0;
    let rejected = 0;
    for (const e of entries) {
      const call = analyzeEntry(e);
      if (call !== null) {
        coveo++;
        expect(rejects(e, true)).toBe(false);
      } else if (rejects(e)) rejected++;
    }
    expect(coveo).toBeGreaterThan(10);
    expect(rejected).toBeGreaterThan(0);
  });

  it.each([
    ['Headless proxy, JSON', entry(PROXY, { json: search, bearer: searchToken() })],
    ['hub only', entry(PROXY, { json: { searchHub: 'x' } })],
    ['searchContext only', entry(PROXY, { json: { searchContext: { q: 'a' } } })],
    ['paging only', entry(PROXY, { json: { numberOfResults: 5, firstResult: 0 } })],
    ['search-ui form relayed', entry(PROXY, { form: { q: 'a', actionsHistory: '[]', numberOfResults: '10' } })],
    ['a query under /querySuggest', entry('https://www.example.com/api/querySuggest', { json: { q: 'la' } })],
    [
      'HAR params only',
      {
        request: {
          method: 'POST',
          url: PROXY,
          headers: [],
          postData: { mimeType: 'application/x-www-form-urlencoded', params: [{ name: 'searchHub', value: 'x' }] },
        },
        response: { status: 200 },
      },
    ],
    ['lower-case post', entry(PROXY, { method: 'post', json: search })],
    ['Coveo host', entry(SEARCH_URL, { json: search, bearer: API_KEY })],
  ])('passes %s (analysed as a call)', (_name, e) => {
    expect(analyzeEntry(e)).not.toBeNull();
    expect(rejects(e, true)).toBe(false);
  });

  it.each([
    ['a script', entry('https://cdn.example.com/app.js')],
    ['a JSON API', entry('https://api.example.com/cart', { json: { items: [1, 2] } })],
    ['a preflight to Coveo', entry(SEARCH_URL, { method: 'OPTIONS' })],
    ['a GET with a search-looking URL elsewhere', entry('https://www.example.com/search?q=searchHub')],
  ])('rejects %s', (_name, e) => {
    expect(analyzeEntry(e)).toBeNull();
    expect(rejects(e)).toBe(true);
  });

  it('never rejects an entry the analysis takes for a call (property)', () => {
    const key = fc.constantFrom('q', 'searchHub', 'searchContext', 'numberOfResults', 'firstResult', 'actionsHistory', 'aq', 'pipeline', 'x', 'search\u0048ub');
    const value = fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.constant({}), fc.constant([]));
    const body = fc.dictionary(key, value, { maxKeys: 5 });
    const url = fc.constantFrom(
      PROXY,
      'https://www.example.com/querySuggest',
      'https://www.example.com/rest/search',
      'https://x.example/coveo/rest/v2',
      'https://www.example.com/',
      SEARCH_URL,
    );
    const method = fc.constantFrom('POST', 'post', 'GET', 'OPTIONS', 'PUT', undefined, 5);
    const shape = fc.constantFrom('json', 'form', 'params', 'text');
    fc.assert(
      fc.property(url, method, body, shape, (u, m, b, how) => {
        const fields = Object.fromEntries(Object.entries(b).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
        const postData =
          how === 'json'
            ? { mimeType: 'application/json', text: JSON.stringify(b) }
            : how === 'form'
              ? { mimeType: 'application/x-www-form-urlencoded', text: new URLSearchParams(fields).toString() }
              : how === 'params'
                ? { mimeType: 'application/x-www-form-urlencoded', params: Object.entries(fields).map(([name, v]) => ({ name, value: v })) }
                : { mimeType: 'text/plain', text: JSON.stringify(b).slice(1) };
        const e = { request: { method: m, url: u, headers: [], postData }, response: { status: 200 } };
        if (analyzeEntry(e) !== null) expect(rejects(e, true)).toBe(false);
      }),
      { numRuns: 1500 },
    );
  });
});
