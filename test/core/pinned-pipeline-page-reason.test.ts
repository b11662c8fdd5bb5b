// Issue 9 review #16, low (issue 9 item 8, one meaning): with a pipeline-only token the coverage line says
// "routing pinned by token pipeline ...; the hub itself is only the request's", but the summary reason, printed
// as the Verdict line of every report, still says every search is "routed by a hub their search token enforces".
import { describe, expect, it } from 'vitest';
import { searchToken } from '../helpers/coveo';
import { BODY, json, page, raw } from '../helpers/raw-entry';

describe('the page reason does not call a pinned pipeline an enforced hub', () => {
  it('pipeline-only token, Coveo answered the claimed pipeline', () => {
    const e = raw({
      headers: [{ name: 'Authorization', value: `Bearer ${searchToken({ pipeline: 'public-p' })}` }],
      postData: json(BODY),
      response: { status: 200, content: { size: 30, mimeType: 'application/json', text: '{"pipeline":"public-p","totalCount":1}' } },
    });
    const r = page([e]);
    expect(r.calls[0]?.verdict).toBe('enforced');
    expect(r.summary.reason).not.toMatch(/routed by a hub their search token enforces/);
  });
});
