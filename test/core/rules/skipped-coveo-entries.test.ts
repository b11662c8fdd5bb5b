// Issue 9 review #8, false pass: an entry that fails the shape check (here request.headers as an object,
// as some converters write it) is skipped and only counted in sources[].malformed; the page still says `pass`
// although the skipped entry is a Coveo search naming a pipeline with a hub-less token.
import { describe, expect, it } from 'vitest';
import { HUBLESS_TOKEN, BODY, json, page, raw, SEARCH } from '../../helpers/raw-entry';

describe('a page with skipped Coveo-looking entries does not pass', () => {
  it('one enforced search + one skipped search entry', () => {
    const skipped = {
      startedDateTime: '2026-11-24T10:00:01.000Z',
      request: { method: 'POST', url: SEARCH, headers: `Authorization: Bearer ${HUBLESS_TOKEN}`, postData: json({ ...BODY, pipeline: 'internal' }) },
      response: { status: 200, content: { size: 2, mimeType: 'application/json', text: '{"pipeline":"internal"}' } },
    };
    const r = page([raw({ postData: json(BODY) }), skipped]);
    expect(r.sources[0]?.malformed).toHaveLength(1);
    expect(r.sources[0]?.malformed[0]?.looksLikeCoveo).toBe(true);
    expect(r.pageFindings.map((f) => f.rule)).toContain('skipped-coveo-entries');
    expect(r.summary.verdict).not.toBe('pass');
  });

  it('headers given as an object (name → value) are read, not skipped', () => {
    const e = raw({ postData: json({ ...BODY, pipeline: 'internal' }) });
    (e.request as Record<string, unknown>).headers = { Authorization: `Bearer ${HUBLESS_TOKEN}` };
    const r = page([e]);
    expect(r.sources[0]?.malformed).toHaveLength(0);
    expect(r.calls[0]?.credential.type).toBe('search-token');
    expect(r.summary.verdict).not.toBe('pass');
  });

  it('a skipped entry that is not a Coveo call adds no finding', () => {
    const r = page([raw({ postData: json(BODY) }), { request: { url: 'https://cdn.example.com/x.js', headers: 'x' } }]);
    expect(r.pageFindings.map((f) => f.rule)).not.toContain('skipped-coveo-entries');
    expect(r.summary.verdict).toBe('pass');
  });
});
