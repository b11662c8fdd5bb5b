// Issue 9 review #12, low: a second credential where the collector does not look. The analysis treats
// `pipeline` as readable in any letter case and from every place, but credentials only from exact names
// (`access_token` in URL and form, `accessToken` in URL and JSON): a hub-less token in the form's `accessToken`,
// the JSON's `access_token` or the URL's `Access_Token` is ignored and the header's hub token says `enforced`.
import { describe, expect, it } from 'vitest';
import { BODY, call, FORM, HUBLESS_TOKEN, json, raw, SEARCH } from '../helpers/raw-entry';

describe('a second credential in a less usual place makes the call unverifiable', () => {
  it('form body accessToken=', () => {
    const e = raw({ postData: { mimeType: FORM, text: `q=x&searchHub=public&accessToken=${HUBLESS_TOKEN}` } });
    expect(call(e).verdict).not.toBe('enforced');
  });
  it('JSON body access_token', () => {
    const e = raw({ postData: json({ ...BODY, access_token: HUBLESS_TOKEN }) });
    expect(call(e).verdict).not.toBe('enforced');
  });
  it('URL Access_Token=', () => {
    const e = raw({ url: `${SEARCH}&Access_Token=${HUBLESS_TOKEN}`, postData: json(BODY) });
    expect(call(e).verdict).not.toBe('enforced');
  });
});
