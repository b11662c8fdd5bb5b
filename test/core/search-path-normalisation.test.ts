// Issue 9 review #18, low: a Search API call on a Coveo host whose path the classifier does not know
// (`/V2` in upper case, a servlet path parameter `;jsessionid=`, a percent-encoded letter, a doubled slash) becomes
// kind `other`, `not-applicable`: its request pipeline is not flagged, and the page passes on its other search.
// Servers commonly decode `%53` and drop `;jsessionid`, so Coveo may well serve these as search/querySuggest; the
// response (pipeline, totalCount, completions) says so too. Unknown sub-paths under /rest/search on a Coveo host
// should be treated as hub-routed (or at least unverifiable), never silently not-applicable.
import { describe, expect, it } from 'vitest';
import { ORG } from '../helpers/coveo';
import { BODY, call, json, page, raw } from '../helpers/raw-entry';

const host = `https://${ORG}.org.coveo.com`;
const answered = { status: 200, content: { size: 40, mimeType: 'application/json', text: '{"pipeline":"internal","totalCount":4,"results":[]}' } };

describe('Search API path variants are still search calls', () => {
  it.each([
    `${host}/rest/search/V2?organizationId=${ORG}`,
    `${host}/rest/search/v2;jsessionid=0A1B?organizationId=${ORG}`,
    `${host}/rest/search/v2/query%53uggest?organizationId=${ORG}`,
    `${host}/rest/search/v2//querySuggest?organizationId=${ORG}`,
  ])('%s naming pipeline "internal"', (url) => {
    const variant = raw({ url, postData: json({ ...BODY, pipeline: 'internal' }), response: answered });
    expect(call(variant).verdict).not.toBe('not-applicable');
    expect(page([raw({ postData: json(BODY) }), variant]).summary.verdict).not.toBe('pass');
  });
});
