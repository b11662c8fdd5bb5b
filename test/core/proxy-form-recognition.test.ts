// Issue 9 review #9, silent miss -> false pass: README says proxied searches are recognised by their
// searchHub, searchContext "or paging fields"; a search-ui form body relayed by the site's proxy (the server adds
// the hub, so the body has none) carries numberOfResults=/firstResult= as form fields, which are not looked for
// (only the JSON-quoted "numberOfResults"). The call is not reported and the page passes on its other call.
import { describe, expect, it } from 'vitest';
import { BODY, FORM, json, page, raw } from '../helpers/raw-entry';

describe('a proxied search-ui form search without searchHub is reported', () => {
  it('actionsHistory=...&q=x&numberOfResults=10&firstResult=0&pipeline=internal to https://www.example.com/api/search', () => {
    const history = encodeURIComponent(
      JSON.stringify(Array.from({ length: 20 }, (_, i) => ({ name: 'Query', value: `q${i}`, time: '"2026-11-24T09:59:00.000Z"' }))),
    );
    const proxied = raw({
      url: 'https://www.example.com/api/search?errorsAsSuccess=1',
      headers: [],
      postData: { mimeType: FORM, text: `actionsHistory=${history}&q=x&numberOfResults=10&firstResult=0&tab=All&locale=en&pipeline=internal` },
    });
    const r = page([raw({ postData: json(BODY) }), proxied]);
    expect(r.calls).toHaveLength(2);
    expect(r.summary.verdict).not.toBe('pass');
  });
});
