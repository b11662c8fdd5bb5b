// Issue 9 review #3, false enforced/pass: the request asks for errorsAsSuccess, so HTTP 200 says nothing
// and only the body's statusCode tells a refusal; when that body is absent (Chrome evicted it: "Failed to load
// response data"; Firefox without response bodies; Playwright content: 'omit') or is not plain JSON (search-ui's
// JSONP fallback wraps it in `callback(...)`), the call is still `enforced`.
import { describe, expect, it } from 'vitest';
import { BODY, call, HUB_TOKEN, json, page, raw, SEARCH } from '../helpers/raw-entry';

describe('errorsAsSuccess with an unreadable body is not enforced', () => {
  it('HTTP 200, errorsAsSuccess=1 in the URL, response body not recorded', () => {
    const e = raw({ url: `${SEARCH}&errorsAsSuccess=1`, postData: json(BODY), response: { status: 200, content: { size: 94, mimeType: 'application/json' } } });
    const c = call(e);
    // Decision: HTTP 200 says nothing under errorsAsSuccess, so the outcome is unknown.
    expect(c.response.outcome).toBe('unknown');
    expect(c.verdict).not.toBe('enforced');
    expect(page([e]).summary.verdict).not.toBe('pass');
  });

  it('JSONP answer (search-ui fallback) carrying statusCode 419', () => {
    const e = raw({
      method: 'GET',
      url: `${SEARCH}&errorsAsSuccess=1&callback=jQuery3410_1&q=x&searchHub=public&access_token=${HUB_TOKEN}`,
      headers: [],
      response: {
        status: 200,
        content: {
          size: 60,
          mimeType: 'application/javascript',
          text: '/**/jQuery3410_1({"statusCode":419,"message":"Expired token","type":"ExpiredTokenException"})',
        },
      },
    });
    const c = call(e);
    expect(c.verdict).not.toBe('enforced');
  });

  it('errorsAsSuccess JSON body with a byte-order mark', () => {
    const e = raw({
      url: `${SEARCH}&errorsAsSuccess=1`,
      postData: json(BODY),
      response: { status: 200, content: { size: 20, mimeType: 'application/json', text: '\ufeff{"statusCode":419}' } },
    });
    expect(call(e).verdict).not.toBe('enforced');
  });

  it('errorsAsSuccess JSON body cut short by the exporter', () => {
    const e = raw({
      url: `${SEARCH}&errorsAsSuccess=1`,
      postData: json(BODY),
      response: { status: 200, content: { size: 120, mimeType: 'application/json', text: '{"statusCode":419,"message":"Expired to' } },
    });
    expect(call(e).verdict).not.toBe('enforced');
  });

  it('control: errorsAsSuccess with a readable success body is still enforced', () => {
    const e = raw({ url: `${SEARCH}&errorsAsSuccess=1`, postData: json(BODY) });
    expect(call(e).verdict).toBe('enforced');
  });
});
