// Issue 9 review #1, false enforced: a token `pipeline` claim is taken as proof that routing is pinned even
// when Coveo's own response says the query went to another pipeline (the one the request named).
import { describe, expect, it } from 'vitest';
import { searchToken } from '../../helpers/coveo';
import { BODY, call, json, page, raw } from '../../helpers/raw-entry';

const answered = (pipeline: string) => ({
  status: 200,
  content: { size: 30, mimeType: 'application/json', text: JSON.stringify({ pipeline, totalCount: 3 }) },
});

describe('a pipeline claim the response contradicts is not proof of pinned routing', () => {
  it('pipeline claim "public-p", request pipeline "internal", Coveo answered pipeline "internal": not enforced', () => {
    const e = raw({
      headers: [{ name: 'Authorization', value: `Bearer ${searchToken({ pipeline: 'public-p' })}` }],
      postData: json({ ...BODY, pipeline: 'internal' }),
      response: answered('internal'),
    });
    const c = call(e);
    expect(c.pipeline).toEqual({ request: 'internal', token: 'public-p' });
    expect(c.verdict).not.toBe('enforced');
    expect(page([e]).summary.verdict).not.toBe('pass');
  });

  it("hub claim plus pipeline claim, Coveo answered the request's pipeline: not enforced", () => {
    const e = raw({
      headers: [{ name: 'Authorization', value: `Bearer ${searchToken({ searchHub: 'public', pipeline: 'public-p' })}` }],
      postData: json({ ...BODY, pipeline: 'internal' }),
      response: answered('internal'),
    });
    expect(call(e).verdict).not.toBe('enforced');
  });

  it('pipeline claim, no request pipeline, Coveo answered another pipeline (claim names no existing pipeline): not enforced', () => {
    const e = raw({
      headers: [{ name: 'Authorization', value: `Bearer ${searchToken({ pipeline: 'public-p' })}` }],
      postData: json(BODY),
      response: answered('default'),
    });
    expect(call(e).verdict).not.toBe('enforced');
  });

  it('still enforced when the response agrees with the claim (case-insensitive)', () => {
    const e = raw({
      headers: [{ name: 'Authorization', value: `Bearer ${searchToken({ pipeline: 'public-p' })}` }],
      postData: json({ ...BODY, pipeline: 'internal' }),
      response: answered('Public-P'),
    });
    expect(call(e).verdict).toBe('enforced');
  });
});
