// Issue 9 review #14, low / judgement: pipeline-in-request runs only on hub-routed kinds. An Insight search
// that names its pipeline, and that Coveo answered from that very pipeline, is `not-applicable` with no finding and
// the page passes, though the response shows the request chose its pipeline (the reference's "enforced by the API
// itself or by configuration" is contradicted by the evidence).
import { describe, expect, it } from 'vitest';
import { ORG } from '../helpers/coveo';
import { BODY, json, page, raw } from '../helpers/raw-entry';

describe('a request-chosen pipeline on a non-hub kind (Insight) stays not-applicable', () => {
  it('Insight search with pipeline "internal", answered pipeline "internal"', () => {
    const insight = raw({
      url: `https://${ORG}.org.coveo.com/rest/organizations/${ORG}/insight/v1/configs/abc/search`,
      postData: json({ q: 'x', pipeline: 'internal' }),
      response: { status: 200, content: { size: 30, mimeType: 'application/json', text: '{"pipeline":"internal","totalCount":9}' } },
    });
    const r = page([raw({ postData: json(BODY) }), insight]);
    // Decision: the Insight API routes by its configuration, not by the hub: not-applicable, no hub finding.
    expect(r.calls[1]?.verdict).toBe('not-applicable');
    expect(r.calls[1]?.verdictReason).toMatch(/does not route insight calls/);
    expect(r.calls[1]?.findings.map((f) => f.rule)).not.toContain('pipeline-in-request');
  });
});
