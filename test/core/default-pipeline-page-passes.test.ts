// Issue 9 review #15, judgement (issue 9 item 2 chose "info"): every search of the page is routed to the
// default pipeline, which per the reference's routing precedence means a visitor adding pipeline=... is routed
// where they ask; the page still says `pass` ("the body cannot change routing"). Proposed: the page is `review`
// (the hint stays a hint, but a page whose every enforced search lands on default is not a pass).
import { describe, expect, it } from 'vitest';
import { BODY, json, page, raw } from '../helpers/raw-entry';

describe('a page whose hub-claim searches all land on the default pipeline passes with the info hint', () => {
  it('one search answered pipeline "default"', () => {
    const e = raw({
      postData: json(BODY),
      response: { status: 200, content: { size: 30, mimeType: 'application/json', text: '{"pipeline":"default","totalCount":1}' } },
    });
    const r = page([e]);
    expect(r.calls[0]?.findings.map((f) => f.rule)).toContain('hub-routes-to-default');
    // Decision (issue 9 item 2: info): the hint stays a hint and the page still passes.
    expect(r.summary.verdict).toBe('pass');
  });
});
