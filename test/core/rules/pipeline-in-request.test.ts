import { describe, expect, it } from 'vitest';
import { analyzeEntry } from '../../../src/core/analyze';
import { API_KEY, entry, FACET_URL, QS_URL, SEARCH_URL, searchToken } from '../../helpers/coveo';
import { findings } from '../../helpers/rules';

const HUB = searchToken({ searchHub: 'ACMEPublic' });
const call = (e: ReturnType<typeof entry>) => {
  const c = analyzeEntry(e);
  if (!c) throw new Error('not recognised');
  return c;
};

describe('pipeline-in-request (issue 9, item 1)', () => {
  it('a hub-claim token beside a request pipeline is unverifiable, naming the requested and the responded pipeline', () => {
    const e = entry(SEARCH_URL, {
      bearer: HUB,
      json: { q: '', searchHub: 'ACMEPublic', pipeline: 'agent-pipeline' },
      response: { pipeline: 'public-pipeline', results: [] },
    });
    const c = call(e);
    expect(c.verdict).toBe('unverifiable');
    expect(c.verdictReason).toMatch(/names a pipeline "agent-pipeline"/);
    const [f] = findings('pipeline-in-request', e);
    expect(f?.severity).toBe('warning');
    expect(f?.message).toContain('"agent-pipeline"');
    expect(f?.message).toContain('"public-pipeline"');
    expect(f?.message).toContain('hub claim "ACMEPublic"');
  });

  it("reads the pipeline from the form body, the URL query and facet search's searchContext", () => {
    const viaForm = entry(SEARCH_URL, { bearer: HUB, form: { actionsHistory: '[]', searchHub: 'ACMEPublic', pipeline: 'agent-pipeline' } });
    const viaUrl = entry(`${SEARCH_URL}&pipeline=agent-pipeline`, { bearer: HUB, json: { q: '' } });
    const viaCtx = entry(FACET_URL, { bearer: HUB, json: { field: 'source', searchContext: { searchHub: 'ACMEPublic', pipeline: 'agent-pipeline' } } });
    for (const e of [viaForm, viaUrl, viaCtx]) {
      expect(call(e).verdict).toBe('unverifiable');
      expect(findings('pipeline-in-request', e)).toHaveLength(1);
    }
    expect(findings('pipeline-in-request', viaUrl)[0]?.message).toContain('URL query');
  });

  it('a token pipeline claim still wins over everything: enforced, no finding', () => {
    const e = entry(SEARCH_URL, { bearer: searchToken({ pipeline: 'public-pipeline', searchHub: 'ACMEPublic' }), json: { pipeline: 'agent-pipeline' } });
    expect(call(e).verdict).toBe('enforced');
    expect(findings('pipeline-in-request', e)).toHaveLength(0);
  });

  it('fires on API-key, proxy and hub-less-token calls too (routing is client-controlled), verdicts unchanged', () => {
    const key = entry(SEARCH_URL, { bearer: API_KEY, json: { searchHub: 'ACMEPublic', pipeline: 'x' } });
    const proxy = entry('https://shop.example.test/api/search', { json: { searchHub: 'ACMEPublic', pipeline: 'x', numberOfResults: 10, firstResult: 0 } });
    const hubless = entry(QS_URL, { bearer: searchToken(), json: { q: 'tr', searchHub: 'ACMEPublic', pipeline: 'x' } });
    expect(call(key).verdict).toBe('unverifiable');
    expect(call(proxy).verdict).toBe('unverifiable');
    expect(call(hubless).verdict).toBe('unenforced');
    for (const e of [key, proxy, hubless]) expect(findings('pipeline-in-request', e)[0]?.message).toMatch(/client-controlled/);
  });

  it('no pipeline, or a blank one, is no finding and leaves the hub claim enforced', () => {
    for (const json of [{ q: '' }, { q: '', pipeline: '' }, { q: '', pipeline: '   ' }, { q: '', pipeline: null }]) {
      const e = entry(SEARCH_URL, { bearer: HUB, json });
      expect(call(e).verdict).toBe('enforced');
      expect(findings('pipeline-in-request', e)).toHaveLength(0);
    }
  });

  // An attacker (or an odd client) hiding the pipeline: none of these may leave the call "enforced".
  it.each([
    ['a key in another letter case', { json: { Pipeline: 'agent-pipeline' } }],
    ['an upper-case key', { json: { PIPELINE: 'agent-pipeline' } }],
    ['a duplicated key whose last copy is blank', { text: '{"q":"","pipeline":"agent-pipeline","pipeline":""}', mimeType: 'application/json' }],
    ['a unicode-escaped key', { text: '{"q":"","pip\\u0065line":"agent-pipeline"}', mimeType: 'application/json' }],
    ['a number', { json: { pipeline: 7 } }],
    ['an array', { json: { pipeline: ['agent-pipeline'] } }],
    ['a repeated form field whose first copy is empty', { text: 'q=&pipeline=&pipeline=agent-pipeline', mimeType: 'application/x-www-form-urlencoded' }],
    ['an encoded form key', { text: 'q=&pipel%69ne=agent-pipeline', mimeType: 'application/x-www-form-urlencoded' }],
    ['a form key in another case', { text: 'q=&PipeLine=agent-pipeline', mimeType: 'application/x-www-form-urlencoded' }],
    ['a JSON body that does not parse', { text: '{"q":"", pipeline: "agent-pipeline"}', mimeType: 'application/json' }],
  ])('%s', (_label, o) => {
    const e = entry(SEARCH_URL, { bearer: HUB, ...(o as object) });
    const c = call(e);
    expect(c.verdict).toBe('unverifiable');
  });

  it('a repeated or oddly-cased URL parameter counts too', () => {
    for (const url of [`${SEARCH_URL}&pipeline=&pipeline=agent-pipeline`, `${SEARCH_URL}&PIPELINE=agent-pipeline`]) {
      expect(call(entry(url, { bearer: HUB, json: { q: '' } })).verdict).toBe('unverifiable');
    }
  });
});

describe('more hiding places (attacker review)', () => {
  it('a multipart or otherwise unreadable body that mentions a pipeline counts', () => {
    const text = '------b\r\nContent-Disposition: form-data; name="pipeline"\r\n\r\nagent-pipeline\r\n------b--';
    const c = call(entry(SEARCH_URL, { bearer: HUB, text, mimeType: 'multipart/form-data; boundary=----b' }));
    expect(c.verdict).toBe('unverifiable');
    const plain = call(
      entry(SEARCH_URL, {
        bearer: HUB,
        text: '------b\r\nContent-Disposition: form-data; name="q"\r\n\r\nx\r\n------b--',
        mimeType: 'multipart/form-data; boundary=----b',
      }),
    );
    // Unreadable (multipart without params): whether it names a pipeline is unknown, so never enforced.
    expect(plain.verdict).toBe('unverifiable');
    expect(plain.notes.join(' ')).toMatch(/neither JSON nor a form/);
  });

  it('a token whose payload repeats the searchHub or pipeline key (even escaped) is never enforced', () => {
    const b64 = (s: string) => Buffer.from(s).toString('base64url');
    const base = '"v8":true,"organization":"acmeprod","roles":["queryExecutor"],"userIds":[]';
    for (const payload of [
      `{${base},"searchHub":"","searchHub":"ACMEPublic"}`,
      `{${base},"search\\u0048ub":"","searchHub":"ACMEPublic"}`,
      `{${base},"searchHub":"ACMEPublic","pipeline":"a","pipeline":""}`,
    ]) {
      const token = `${b64('{"alg":"HS256"}')}.${b64(payload)}.c2lnbmF0dXJlLWJ5dGVzLXRlc3Q`;
      const c = call(entry(SEARCH_URL, { bearer: token, json: { q: '' } }));
      expect(c.verdict, payload).toBe('unverifiable');
      expect(c.verdictReason).toMatch(/more than once/);
    }
    const once = `${b64('{"alg":"HS256"}')}.${b64(`{${base},"searchHub":"ACMEPublic","userDisplayName":"Jos\\u00e9"}`)}.c2lnbmF0dXJlLWJ5dGVzLXRlc3Q`;
    expect(call(entry(SEARCH_URL, { bearer: once, json: { q: '' } })).verdict).toBe('enforced');
  });
});
