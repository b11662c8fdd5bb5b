// Issue 9 review #19, low (false fail, not a false pass): every POST under /answer/ is kind `answer`
// (hub-routed), so the feedback call `.../answer/v1/configs/{id}/evaluations`, which carries no hub by design, gets
// the error `no-search-hub` and fails the page. Issue 9 item 5 keeps `answer` for generate/followup only.
import { describe, expect, it } from 'vitest';
import { API_KEY, ORG } from '../helpers/coveo';
import { call, json, raw } from '../helpers/raw-entry';

describe('answer feedback is not a hub-routed call', () => {
  it('POST .../answer/v1/configs/abc/evaluations with an API key', () => {
    const e = raw({
      url: `https://${ORG}.org.coveo.com/rest/organizations/${ORG}/answer/v1/configs/abc/evaluations`,
      headers: [{ name: 'Authorization', value: `Bearer ${API_KEY}` }],
      postData: json({ helpful: true, answer: { responseId: 'r1', format: 'text' }, question: 'how?' }),
      response: { status: 204, content: { size: 0, mimeType: 'application/json' } },
    });
    const c = call(e);
    expect(c.findings.map((f) => f.rule)).not.toContain('no-search-hub');
  });
});
