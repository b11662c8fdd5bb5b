// Issue 9 review #6, false enforced/pass: README promises the request pipeline is found "the way an attacker
// would hide it", including a duplicated JSON key "read in the raw text, whichever copy the parser keeps". A copy
// whose key is written with a JSON escape (`"pip\u0065line"`) escapes the raw-text scan, and JSON.parse keeps the
// blank last copy: a parser that keeps the first copy (or rejects duplicates) routes by "internal".
import { describe, expect, it } from 'vitest';
import { FACET_URL } from '../helpers/coveo';
import { call, page, raw } from '../helpers/raw-entry';

describe('an escaped duplicate pipeline key still names a pipeline', () => {
  it('search body {"pip\\u0065line":"internal","pipeline":""}', () => {
    const e = raw({ postData: { mimeType: 'application/json', text: '{"q":"x","searchHub":"public","pip\\u0065line":"internal","pipeline":""}' } });
    const c = call(e);
    expect(c.verdict).not.toBe('enforced');
    expect(c.findings.map((f) => f.rule)).toContain('pipeline-in-request');
    expect(page([e]).summary.verdict).not.toBe('pass');
  });

  it('facet search searchContext {"pip\\u0065line":"internal","pipeline":null}', () => {
    const e = raw({
      url: FACET_URL,
      postData: { mimeType: 'application/json', text: '{"field":"author","searchContext":{"searchHub":"public","pip\\u0065line":"internal","pipeline":null}}' },
    });
    expect(call(e).verdict).not.toBe('enforced');
  });
});
