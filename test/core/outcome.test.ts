// Issue 9, item 4: a call Coveo did not answer with success never counts as enforced.
import { describe, expect, it } from 'vitest';
import { analyzeEntry } from '../../src/core/analyze';
import { analyzeHar } from '../../src/core/report-model';
import { renderJson, renderMarkdown, renderText } from '../../src/core/report';
import { entry, har, SEARCH_URL, searchToken } from '../helpers/coveo';

const HUB = searchToken({ searchHub: 'ACMEPublic' });

describe('refused and failed calls', () => {
  it.each([400, 401, 403, 404, 419, 429, 500, 502, 503])('HTTP %i is never enforced', (status) => {
    const c = analyzeEntry(entry(SEARCH_URL, { bearer: HUB, json: {}, status }));
    expect(c?.verdict).toBe('unverifiable');
    expect(c?.response.outcome).toBe([401, 403, 419].includes(status) ? 'refused' : 'failed');
    expect(c?.verdictReason).toContain(`HTTP ${status}`);
  });

  it('an aborted call (status 0) is never enforced', () => {
    const c = analyzeEntry(entry(SEARCH_URL, { bearer: HUB, json: {}, status: 0 }));
    expect(c?.verdict).toBe('unverifiable');
    expect(c?.response).toMatchObject({ status: null, outcome: 'aborted' });
    expect(c?.verdictReason).toMatch(/no answer/);
  });

  it('errorsAsSuccess: HTTP 200 whose JSON body carries an error statusCode (number or digits) is refused or failed', () => {
    const e = entry(`${SEARCH_URL}&errorsAsSuccess=1`, {
      bearer: HUB,
      json: {},
      status: 200,
      response: { statusCode: 419, message: 'Expired token', type: 'ExpiredTokenException' },
    });
    const c = analyzeEntry(e);
    expect(c?.verdict).toBe('unverifiable');
    expect(c?.response).toMatchObject({ status: 200, bodyStatus: 419, outcome: 'refused' });
    expect(c?.response.errors).toContain('Expired token');
    expect(c?.verdictReason).toMatch(/status 419 in the body of an HTTP 200 answer \(errorsAsSuccess\)/);
    const failed = analyzeEntry(entry(SEARCH_URL, { bearer: HUB, json: {}, response: { statusCode: '500', message: 'boom' } }));
    expect(failed?.response).toMatchObject({ bodyStatus: 500, outcome: 'failed' });
    expect(failed?.verdict).toBe('unverifiable');
  });

  it('a success keeps its verdict; a statusCode that is not an error status is no error', () => {
    expect(analyzeEntry(entry(SEARCH_URL, { bearer: HUB, json: {}, response: { statusCode: 200, results: [] } }))?.response).toMatchObject({
      bodyStatus: null,
      outcome: 'success',
    });
    // A 3xx is no answer with success (a redirect: the search ran nowhere at that URL).
    expect(analyzeEntry(entry(SEARCH_URL, { bearer: HUB, json: {}, status: 304 }))?.response.outcome).toBe('redirected');
    expect(analyzeEntry(entry(SEARCH_URL, { bearer: HUB, json: {}, status: 204 }))?.verdict).toBe('enforced');
  });

  it('says the status in the JSON (response.bodyStatus) and on the text and Markdown call lines', () => {
    const report = analyzeHar(
      har([entry(SEARCH_URL, { bearer: HUB, json: {}, response: { statusCode: 419 } }), entry(SEARCH_URL, { bearer: HUB, json: {}, status: 0 })]),
    );
    const json = JSON.parse(renderJson(report));
    expect(json.calls[0].response).toMatchObject({ status: 200, bodyStatus: 419, outcome: 'refused' });
    const text = renderText(report);
    expect(text).toMatch(/c0 .*status=200 \(body 419\)/);
    expect(text).toMatch(/c1 .*status=0 aborted/);
    const md = renderMarkdown(report);
    expect(md).toContain('| Status |');
    expect(md).toMatch(/\| c0 \|[^\n]*\| 200 \(body 419\) \|/);
  });
});
