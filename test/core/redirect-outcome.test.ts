// Issue 9 review #5, false enforced/pass: a 3xx is not an answer with success (the search ran nowhere at
// that URL), yet it counts as `success` and the call as `enforced`.
import { describe, expect, it } from 'vitest';
import { BODY, call, json, page, raw } from '../helpers/raw-entry';

describe('a redirected call is not enforced', () => {
  it.each([301, 302, 303, 307, 308])('HTTP %i', (status) => {
    const e = raw({
      postData: json(BODY),
      response: {
        status,
        statusText: 'Found',
        headers: [{ name: 'Location', value: 'https://login.example.com/' }],
        content: { size: 0, mimeType: 'text/html' },
        redirectURL: 'https://login.example.com/',
      },
    });
    const c = call(e);
    expect(c.response.outcome).not.toBe('success');
    expect(c.verdict).not.toBe('enforced');
    expect(page([e]).summary.verdict).not.toBe('pass');
  });
});
