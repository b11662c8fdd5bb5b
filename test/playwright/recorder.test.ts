// The recorder over a stand-in for Playwright's request events (unit test; the real browser runs in
// test/e2e/playwright-*.chromium.test.ts): what it keeps of a Coveo call, what it drops, and when it is settled.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { recordCoveoTraffic, type RecordTarget } from '../../src/playwright/recorder';
import { analyzeEntries } from '../../src/core/index';

interface FakeOptions {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  extraHeaders?: Record<string, string>;
  postData?: string | null;
  status?: number;
  body?: string;
}

let bodyReads = 0;

function fakeRequest(o: FakeOptions) {
  const provisional = o.headers ?? {};
  const response = {
    status: () => o.status ?? 200,
    headers: () => ({ 'content-type': 'application/json' }),
    allHeaders: async () => ({ 'content-type': 'application/json' }),
    body: async () => {
      bodyReads++;
      return Buffer.from(o.body ?? '');
    },
  };
  return {
    url: () => o.url,
    method: () => o.method ?? 'POST',
    headers: () => provisional,
    // What the browser really sent: provisional headers plus those Chromium adds (Authorization is there).
    allHeaders: async () => ({ ...provisional, ...(o.extraHeaders ?? {}) }),
    postData: () => (o.postData === undefined ? null : o.postData),
    resourceType: () => 'fetch',
    timing: () => ({ startTime: Date.parse('2026-12-01T10:00:00.000Z'), responseEnd: 42 }),
    response: async () => response,
  };
}

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJ2OCI6dHJ1ZSwib3JnYW5pemF0aW9uIjoiYWNtZSIsInJvbGVzIjpbInF1ZXJ5RXhlY3V0b3IiXX0.c2lnbmF0dXJlLWhlcmUtbm90LXJlYWw';

describe('recordCoveoTraffic', () => {
  it('keeps Coveo calls with every header as sent, the post data, the status and the body; drops the rest', async () => {
    const target = new EventEmitter();
    const rec = recordCoveoTraffic(target as unknown as RecordTarget);
    const search = fakeRequest({
      url: 'https://acme.org.coveo.com/rest/search/v2?organizationId=acme',
      headers: { 'content-type': 'application/json' },
      extraHeaders: { authorization: `Bearer ${TOKEN}` },
      postData: JSON.stringify({ q: 'shoes', searchHub: 'Public' }),
      body: JSON.stringify({ pipeline: 'public', searchUid: 'u1', totalCount: 3 }),
    });
    const script = fakeRequest({ url: 'https://cdn.example/app.js', method: 'GET', body: 'x'.repeat(1000) });
    bodyReads = 0;
    for (const r of [search, script]) target.emit('request', r);
    expect(rec.count()).toBe(1);
    expect(rec.count('search')).toBe(1);
    for (const r of [search, script]) target.emit('requestfinished', r);
    expect(await rec.settle({ quietMs: 20, timeoutMs: 2000 })).toBe(true);
    expect(rec.requestsSeen()).toBe(2);
    const entries = rec.entries();
    expect(entries).toHaveLength(1);
    const e = entries[0]!;
    expect(e.request.headers).toContainEqual({ name: 'authorization', value: `Bearer ${TOKEN}` });
    expect(e.request.postData?.text).toContain('"searchHub":"Public"');
    expect(e.response?.status).toBe(200);
    expect(e.response?.content?.text).toContain('"pipeline":"public"');
    expect(e.startedDateTime).toBe('2026-12-01T10:00:00.000Z');
    expect(bodyReads).toBe(1); // the script's body was never read
    // The core reads it like any HAR entry.
    const { calls } = analyzeEntries(entries);
    expect(calls[0]?.kind).toBe('search');
    expect(calls[0]?.credential.type).toBe('search-token');
    expect(calls[0]?.response.pipeline).toBe('public');
  });

  it('counts a failed call (no response) and is not settled while a call is in flight', async () => {
    const target = new EventEmitter();
    const rec = recordCoveoTraffic(target as unknown as RecordTarget);
    const r = fakeRequest({ url: 'https://platform.cloud.coveo.com/rest/search/v2/querySuggest', postData: 'q=tr&searchHub=Public' });
    target.emit('request', r);
    expect(await rec.settle({ quietMs: 10, timeoutMs: 150 })).toBe(false);
    target.emit('requestfailed', r);
    expect(await rec.settle({ quietMs: 10, timeoutMs: 2000 })).toBe(true);
    expect(rec.entries()[0]?.response?.status).toBe(0);
    expect(await rec.waitForCall({ kind: 'querySuggest', timeoutMs: 10 })).toBe(true);
    expect(await rec.waitForCall({ kind: 'search', timeoutMs: 60 })).toBe(false);
  });

  it('clear() forgets, stop() stops listening', async () => {
    const target = new EventEmitter();
    const rec = recordCoveoTraffic(target as unknown as RecordTarget);
    const r = fakeRequest({ url: 'https://acme.org.coveo.com/rest/search/v2', postData: '{}' });
    target.emit('request', r);
    target.emit('requestfinished', r);
    await rec.settle({ quietMs: 5 });
    rec.clear();
    expect(rec.entries()).toEqual([]);
    expect(rec.count()).toBe(0);
    rec.stop();
    target.emit('request', r);
    expect(rec.count()).toBe(0);
    expect(target.listenerCount('request')).toBe(0);
  });
});
