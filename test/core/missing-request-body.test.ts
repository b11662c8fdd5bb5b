// Issue 9 review #4, false enforced/pass: a POST search whose body the HAR does not hold is `enforced`,
// though a `pipeline` in that body would reroute it. Playwright writes `text: ""` plus `_file` (content: 'attach',
// the default for .zip) or nothing (content: 'omit'); proxies such as Reqable write the body base64 with
// `encoding: "base64"`; some exporters drop postData while Content-Length says there was one.
import { describe, expect, it } from 'vitest';
import { BODY, call, FORM, HUB_TOKEN, json, page, raw } from '../helpers/raw-entry';

const auth = { name: 'Authorization', value: `Bearer ${HUB_TOKEN}` };

describe('a request body that is not in the record is not evidence of "no pipeline"', () => {
  it('Playwright content: "attach" (body in resources/<sha1>.json)', () => {
    const e = raw({
      headers: [auth, { name: 'content-type', value: 'application/json' }],
      postData: { mimeType: 'application/json', text: '', params: [], _file: 'resources/0f3a9c.json' },
      response: { status: 200, content: { size: 1200, mimeType: 'application/json', _file: 'resources/77aa01.json' } },
    });
    expect(call(e).verdict).not.toBe('enforced');
    expect(page([e]).summary.verdict).not.toBe('pass');
  });

  it('Playwright content: "omit"', () => {
    const e = raw({ headers: [auth, { name: 'content-type', value: 'application/json' }], postData: { mimeType: 'application/json', text: '', params: [] } });
    expect(call(e).verdict).not.toBe('enforced');
  });

  it('no postData on a POST whose Content-Length is 512', () => {
    const e = raw({ headers: [auth, { name: 'Content-Type', value: 'application/json' }, { name: 'Content-Length', value: '512' }] });
    expect(call(e).verdict).not.toBe('enforced');
  });

  it('Reqable-style base64 form body (encoding: "base64") holding pipeline=internal', () => {
    const text = Buffer.from('q=x&searchHub=public&pipeline=internal').toString('base64');
    const e = raw({ headers: [auth], postData: { mimeType: FORM, text, encoding: 'base64' } });
    const c = call(e);
    // Either decode it (and see the pipeline) or say the body could not be read: never enforced.
    expect(c.verdict).not.toBe('enforced');
  });

  it('form body recorded in part (request.bodySize larger than the text)', () => {
    const text = 'q=x&searchHub=public&actionsHistory=%5B%5D';
    const e = raw({ headers: [auth], postData: { mimeType: FORM, text }, request: { bodySize: text.length + 4000 } });
    expect(call(e).verdict).not.toBe('enforced');
  });

  it('control: a GET search with no body is still enforced', () => {
    const e = raw({ method: 'GET', url: `https://acmeprod.org.coveo.com/rest/search/v2?organizationId=acmeprod&q=x`, headers: [auth] });
    expect(call(e).verdict).toBe('enforced');
  });

  it('control: a JSON body that is read whole is still enforced', () => {
    expect(call(raw({ headers: [auth], postData: json(BODY) })).verdict).toBe('enforced');
  });
});
