// A Coveo call still in flight when the fixture reports (settle timed out) is not in the analysis: the page must not
// pass on the calls that finished.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { CoveoHub } from '../../src/playwright/hub';
import type { RecordTarget } from '../../src/playwright/recorder';
import { searchToken } from '../helpers/coveo';

const BASE = 'https://acme.org.coveo.com/rest/search/v2';

function fakeRequest(url: string, claims: Record<string, unknown>, body: Record<string, unknown>) {
  const response = {
    status: () => 200,
    headers: () => ({ 'content-type': 'application/json' }),
    allHeaders: async () => ({ 'content-type': 'application/json' }),
    body: async () => Buffer.from(JSON.stringify({ searchUid: 'u', totalCount: 1 })),
  };
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${searchToken(claims)}` };
  return {
    url: () => `${url}?organizationId=acme`,
    method: () => 'POST',
    headers: () => headers,
    allHeaders: async () => headers,
    postData: () => JSON.stringify(body),
    resourceType: () => 'fetch',
    timing: () => ({ startTime: Date.parse('2026-12-01T10:00:00.000Z'), responseEnd: 42 }),
    response: async () => response,
  };
}

describe('the Playwright hub: calls in flight at report time', () => {
  it('an unenforced search that never finished keeps the page from passing', async () => {
    const target = new EventEmitter();
    const hub = new CoveoHub(target as unknown as RecordTarget);
    const hung = fakeRequest(BASE, {}, { q: 'x', searchHub: 'Support' });
    const search = fakeRequest(BASE, { searchHub: 'Community' }, { q: 'x', searchHub: 'Community' });
    const suggest = fakeRequest(`${BASE}/querySuggest`, { searchHub: 'Community' }, { q: 'x', searchHub: 'Community' });
    for (const r of [hung, search, suggest]) target.emit('request', r);
    for (const r of [search, suggest]) target.emit('requestfinished', r);
    await hub.settle({ quietMs: 0, timeoutMs: 200 });
    const report = hub.reportNow();
    expect(report.calls.map((c) => c.verdict)).toEqual(['enforced', 'enforced']);
    expect(report.sources[0]?.droppedCalls).toBe(1);
    expect(report.summary.verdict).not.toBe('pass');
    target.emit('requestfinished', hung);
    expect(await hub.settle({ quietMs: 0, timeoutMs: 2000 })).toBe(true);
    const done = hub.reportNow();
    expect(done.sources[0]?.droppedCalls).toBeUndefined();
    expect(done.summary.verdict).toBe('fail');
  });
});
