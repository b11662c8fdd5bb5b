// Attacks on the 2026-12-02 restructuring (one pipeline, collector split, CLI byte scanner in its own module):
// each tries to make the product say "enforced" (or drop the evidence) where the previous code did not.
import { describe, expect, it } from 'vitest';
import { analyzeEach, analyzeEntries, analyzeEntry, callKindOf, needsResponseBody, parseHar } from '../../src/core/index';
import { RESPONSE_KINDS } from '../../src/core/kinds';
import type { CallReport, HarEntryLike } from '../../src/core/types';
import { analyzeHarBuffer } from '../../src/cli/har-stream';
import { type CaptureEvent, Collector } from '../../src/devtools/collector';
import { FakePlatform } from '../../src/devtools/fake-platform';
import { API_KEY, entry, ORG, searchToken, T0 } from '../helpers/coveo';

const SEARCH = `https://${ORG}.org.coveo.com/rest/search/v2?organizationId=${ORG}`;

/** A pipeline-claim-only token: only the response's pipeline can show the claim did not route the call. */
function pipelineClaimSearch(started = T0): HarEntryLike {
  return entry(SEARCH, { bearer: searchToken({ pipeline: 'secure' }), json: { q: 'x', searchHub: 'Community' }, started });
}

const CONTRADICTING = JSON.stringify({ pipeline: 'default', searchUid: 'u', totalCount: 1, results: [] });

async function capture(run: (platform: FakePlatform) => void): Promise<CallReport[]> {
  const platform = new FakePlatform();
  const collector = new Collector(platform);
  collector.start();
  const got: CaptureEvent[] = [];
  await collector.connect((events) => got.push(...events));
  run(platform);
  await collector.idle();
  return got.flatMap((e) => (e.type === 'call' ? [e.report] : []));
}

describe('collector: the body that carries the evidence', () => {
  it('a body that arrives late (within the timeout) is analysed: the contradicted pipeline claim is not enforced', async () => {
    const calls = await capture((p) =>
      p.emitRequest({ entry: pipelineClaimSearch(), content: () => new Promise((r) => setTimeout(() => r([CONTRADICTING, null]), 30)) }),
    );
    expect(calls).toHaveLength(1);
    expect(calls[0]?.response.pipeline).toBe('default');
    expect(calls[0]?.verdict).toBe('unverifiable');
  });

  it('a base64 body (Chrome says "base64") is decoded before the analysis', async () => {
    const calls = await capture((p) => p.emitRequest({ entry: pipelineClaimSearch(), content: [Buffer.from(CONTRADICTING).toString('base64'), 'base64'] }));
    expect(calls[0]?.response.pipeline).toBe('default');
    expect(calls[0]?.verdict).toBe('unverifiable');
  });

  it('more bodies than the concurrency limit: each is read (none analysed without its body)', async () => {
    const calls = await capture((p) => {
      for (let i = 0; i < 20; i++)
        p.emitRequest({
          entry: pipelineClaimSearch(T0 + i * 1000),
          content: () => new Promise((r) => setTimeout(() => r([CONTRADICTING, null]), 5 + (i % 3) * 5)),
        });
    });
    expect(calls).toHaveLength(20);
    expect(calls.filter((c) => c.verdict === 'enforced')).toEqual([]);
  });

  it('an over-limit body is not read and the call says so', async () => {
    const big = JSON.stringify({ pipeline: 'default', pad: 'x'.repeat(2_000_100) });
    const calls = await capture((p) => p.emitRequest({ entry: pipelineClaimSearch(), content: [big, null] }));
    expect(calls[0]?.notes.join(' ')).toMatch(/was not read \(over 2000000\)/);
  });

  it('two calls in the same millisecond, same URL and body, different credentials: both are captured', async () => {
    const same = { json: { q: 'x', searchHub: 'Community' }, started: T0, response: { pipeline: 'community' } };
    const calls = await capture((p) => {
      p.emitRequest(entry(SEARCH, { ...same, bearer: searchToken({ searchHub: 'Community' }) }));
      p.emitRequest(entry(SEARCH, { ...same, headers: { Authorization: `Bearer ${API_KEY}` } }));
    });
    expect(calls.map((c) => c.credential.type).sort()).toEqual(['api-key', 'search-token']);
  });
});

/** Entries meant to trip a prefilter: kinds recognised from the body, escapes, odd methods, odd shapes. */
function tricky(): HarEntryLike[] {
  const tok = searchToken({ searchHub: 'Community' });
  return [
    entry(SEARCH, { bearer: tok, json: { q: 'a', searchHub: 'Community' } }),
    // A Headless proxy on the site's own host: recognised from the body only.
    entry('https://shop.example/api/search', { headers: { Authorization: `Bearer ${API_KEY}` }, json: { q: 'a', searchHub: 'Community', aq: '@x' } }),
    entry('https://shop.example/api/search', { json: { q: 'a', searchHub: 'Community', context: {}, fieldsToInclude: [] } }),
    entry('https://shop.example/api/search', { json: { q: 'a', pipelineContext: {}, analytics: { clientId: 'x' }, searchHub: 'Hub' } }),
    entry('https://shop.example/api/search', { json: { q: 'a', actionsHistory: [], searchHub: 'Community' } }),
    entry('https://shop.example/api/search', { form: { q: 'a', searchHub: 'Community', access_token: API_KEY } }),
    entry(SEARCH.toUpperCase(), { headers: { Authorization: `Bearer ${API_KEY}` }, json: { q: 'a' } }),
    entry(SEARCH, { method: 'options' }),
    entry(SEARCH, { method: 'get' }),
    entry(`https://${ORG}.org.coveo.com/rest/search/v2/html?uniqueId=1`),
    entry(`https://platform.cloud.coveo.com/rest/search/v2/querySuggest?organizationId=${ORG}`, { headers: { Authorization: `Bearer ${API_KEY}` } }),
    entry('https://cdn.example/app.js'),
    entry('https://shop.example/api/cart', { json: { items: [1] } }),
  ];
}

/** JSON with every key and string escaped as \\u sequences where `escape` says so. */
function escapeSome(json: string): string {
  return json.replace(
    /"(url|method|request|searchHub|q)"/g,
    (_m, k: string) => `"${[...k].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}"`,
  );
}

function summary(calls: CallReport[]) {
  return calls.map((c) => [c.id, c.kind, c.verdict, c.credential.type]);
}

describe('CLI byte scanner vs the full parse', () => {
  for (const [label, make] of [
    ['plain', (h: string) => h],
    ['keys escaped', escapeSome],
    ['pretty-printed', (h: string) => JSON.stringify(JSON.parse(h), null, 2)],
  ] as const) {
    it(`${label}: the same calls and verdicts as analyzeEntries(parseHar)`, () => {
      const har = make(JSON.stringify({ log: { version: '1.2', creator: { name: 't' }, pages: [{ title: 'https://shop.example/' }], entries: tricky() } }));
      const streamed = analyzeHarBuffer(Buffer.from(har), 'f');
      const full = analyzeEntries(parseHar(har).entries, 'f');
      expect(summary(streamed.calls)).toEqual(summary(full.calls));
      expect(streamed.calls.length).toBeGreaterThanOrEqual(8);
    });
  }

  it('a duplicated url key (JSON.parse keeps the last): the Coveo call is not skipped', () => {
    const coveo = JSON.stringify(entry(SEARCH, { headers: { Authorization: `Bearer ${API_KEY}` }, json: { q: 'a', searchHub: 'C' } }));
    const dup = coveo.replace('"url":', '"url":"https://cdn.example/x.js","url":');
    const har = `{"log":{"version":"1.2","pages":[{"title":"https://shop.example/"}],"entries":[${JSON.stringify(entry('https://shop.example/'))},${dup}]}}`;
    const streamed = analyzeHarBuffer(Buffer.from(har), 'f');
    expect(summary(streamed.calls)).toEqual(summary(analyzeEntries(parseHar(har).entries, 'f').calls));
    expect(streamed.calls).toHaveLength(1);
  });
});

describe('the one pipeline', () => {
  it('slicing after every entry yields the same calls, each once', () => {
    const entries = [...tricky(), ...tricky()];
    const sliced: CallReport[] = [];
    let slices = 0;
    for (const step of analyzeEach(entries.length, (i) => entries[i], { sliceDone: () => true })) {
      if (step.type === 'call') sliced.push(step.call);
      else if (step.type === 'slice') slices++;
    }
    expect(slices).toBe(entries.length - 1);
    expect(summary(sliced)).toEqual(summary(analyzeEntries(entries).calls));
  });

  it('callKindOf / needsResponseBody agree with the analysis on every entry', () => {
    for (const e of tricky()) {
      const bare = { ...e, response: { status: 200, content: { size: 0 } } };
      const call = analyzeEntry(bare);
      expect(callKindOf(bare)).toBe(call?.kind ?? null);
      expect(needsResponseBody(bare)).toBe(call !== null && RESPONSE_KINDS.has(call.kind));
    }
  });
});

describe('body reader: the one concurrency limit', () => {
  it('a read that starts as a slot frees does not push the reads in flight over the limit', async () => {
    const { BodyReader } = await import('../../src/devtools/capture/body-reader');
    const { systemTimers } = await import('../../src/devtools/capture/timers');
    const reader = new BodyReader(60_000, systemTimers, 2);
    let inFlight = 0;
    let most = 0;
    const releases: (() => void)[] = [];
    const request = () => ({
      entry: entry(SEARCH),
      getContent: () => {
        inFlight++;
        most = Math.max(most, inFlight);
        return new Promise<[string | null, string | null]>((resolve) =>
          releases.push(() => {
            inFlight--;
            resolve(['{}', null]);
          }),
        );
      },
    });
    const reads = [reader.read(request(), entry(SEARCH)), reader.read(request(), entry(SEARCH)), reader.read(request(), entry(SEARCH))];
    await new Promise((r) => setTimeout(r, 0));
    expect(releases).toHaveLength(2);
    releases.shift()?.();
    await reads[0];
    // A new read arrives in the same turn as the freed slot's hand-over to the queued one.
    reads.push(reader.read(request(), entry(SEARCH)));
    await new Promise((r) => setTimeout(r, 0));
    expect(most).toBeLessThanOrEqual(2);
    for (let i = 0; i < 5; i++) {
      releases.shift()?.();
      await new Promise((r) => setTimeout(r, 0));
    }
    await Promise.all(reads);
  });
});
