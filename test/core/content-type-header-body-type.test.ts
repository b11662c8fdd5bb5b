// Issue 9 review #13, low: the body's type is read from postData.mimeType only, never from the request's
// Content-Type header. With no mimeType recorded and a form body that starts with "&", the body is not parsed
// and its pipeline is missed; Coveo, told "application/x-www-form-urlencoded" by the header, would read it.
import { describe, expect, it } from 'vitest';
import { call, FORM, HUB_TOKEN, raw } from '../helpers/raw-entry';

describe('Content-Type header decides how a body without mimeType is read', () => {
  it('postData without mimeType, header says form, text "&q=a&searchHub=public&pipeline=internal"', () => {
    const e = raw({
      headers: [
        { name: 'Authorization', value: `Bearer ${HUB_TOKEN}` },
        { name: 'Content-Type', value: FORM },
      ],
      postData: { text: '&q=a&searchHub=public&pipeline=internal' },
    });
    expect(call(e).verdict).not.toBe('enforced');
  });
});
