// Issue 9 review #2, false enforced/pass: with no recorded answer (no `response`, or no numeric status) the
// outcome is "unknown" and the verdict is still `enforced`, though README says enforced means "Coveo answered with
// success". Third-party HAR writers (proxies, converters, hand-trimmed files support staff receive) produce these.
import { describe, expect, it } from 'vitest';
import { BODY, call, json, page, raw } from '../helpers/raw-entry';

describe('a call whose answer is not recorded is not enforced', () => {
  it.each([
    ['no response object', null],
    ['response without status', { content: { size: 0, mimeType: 'application/json' } }],
    // Whether a fix parses the string or not, "419" is never a success.
    ['status as a string', { status: '419', content: { size: 0, mimeType: 'application/json' } }],
  ])('%s', (_name, response) => {
    const e = raw({ postData: json(BODY), response: response as Record<string, unknown> | null });
    expect(call(e).verdict).not.toBe('enforced');
    expect(page([e]).summary.verdict).not.toBe('pass');
  });

  it('HTTP 200 whose body is an HTML page (an SSO or corporate-proxy page answered, not Coveo)', () => {
    const e = raw({
      postData: json(BODY),
      response: {
        status: 200,
        content: {
          size: 900,
          mimeType: 'text/html',
          text: '<!doctype html><html><head><title>Sign in</title></head><body><form action="/sso"></form></body></html>',
        },
      },
    });
    expect(call(e).verdict).not.toBe('enforced');
  });
});
