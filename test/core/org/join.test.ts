// The HAR join, in process, on the recorded HARs of the test world (org acmeprod, page key xx7c…6b5c, hub ACMEPublic).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeEntries } from '../../../src/core/analyze';
import { extractRawCredentials } from '../../../src/core/credentials';
import { parseHar } from '../../../src/core/har';
import { auditOrg } from '../../../src/core/org/audit';
import { buildModel } from '../../../src/core/org/model';
import { joinHar, type HarCall } from '../../../src/core/org/join';
import type { OrgSnapshot } from '../../../src/core/org/types';
import { API_KEY, entry, SEARCH_URL } from '../../helpers/coveo';
import { DEFAULT, key, NOW, org, pipe } from '../../helpers/org';

const PAGE_KEY = 'xx7c3e9a51-2b4d-4f6e-8a1c-0d9e8f7a6b5c';

function harCalls(file: string): HarCall[] {
  const { entries } = parseHar(readFileSync(resolve(__dirname, '../../fixtures/recorded', file), 'utf8'));
  return analyzeEntries(entries, file).calls.map((call) => ({ call, rawCredentials: extractRawCredentials(entries[call.index]).map((r) => r.value) }));
}

function callsOf(entries: ReturnType<typeof entry>[]): HarCall[] {
  return analyzeEntries(entries).calls.map((call) => ({ call, rawCredentials: extractRawCredentials(entries[call.index]).map((r) => r.value) }));
}

const acme = (pageKey: Parameters<typeof key>[1] = {}, hub: string | null = 'ACMEPublic', fields: Partial<OrgSnapshot> = {}): OrgSnapshot =>
  org({
    pipelines: [DEFAULT, pipe('public-pipeline', 1, 'when $searchHub is "ACMEPublic"'), pipe('agent-pipeline', 2, 'when $searchHub is "AgentPanel"')],
    apiKeys: [key('page-key', { value: PAGE_KEY, ...pageKey }, hub)],
    ...fields,
  });

const hubCalls = (j: ReturnType<typeof joinHar>) => j.calls.filter((c) => ['search', 'querySuggest', 'facetSearch'].includes(c.kind));

describe('joinHar on recorded HARs', () => {
  for (const file of ['headless-api-key.har', 'search-ui-api-key.har']) {
    it(`${file}: a key scoped to a routed hub makes every hub-routed call enforced`, () => {
      const j = joinHar(buildModel(acme()), harCalls(file));
      expect(hubCalls(j).length).toBeGreaterThan(5);
      for (const c of j.calls) expect([c.verdictBefore, c.verdict, c.hub]).toEqual(['unverifiable', 'enforced', 'ACMEPublic']);
      expect(j.hubs).toEqual([
        expect.objectContaining({
          hub: 'ACMEPublic',
          route: expect.objectContaining({ status: 'condition', pipeline: { id: 'public-pipeline', name: 'public-pipeline', isDefault: false } }),
        }),
      ]);
      expect(j.apiKeys).toEqual([
        expect.objectContaining({
          fingerprint: 'xx7c…6b5c',
          match: 'exact',
          key: expect.objectContaining({ id: 'page-key', enforcedHub: 'ACMEPublic', privileges: ['Search - Execute queries', 'Analytics - Push'] }),
        }),
      ]);
      // Analytics calls carry the key too, but the hub does not route them: they are counted for the key only.
      expect(j.apiKeys[0]!.callIds.length).toBeGreaterThan(j.calls.length);
      expect(JSON.stringify(j)).not.toContain(PAGE_KEY);
    });

    it(`${file}: the same key without a hub scope makes them unenforced`, () => {
      const j = joinHar(buildModel(acme({}, null)), harCalls(file));
      expect(j.calls.length).toBeGreaterThan(0);
      expect(j.calls.every((c) => c.verdict === 'unenforced' && /enforces no hub/.test(c.reason))).toBe(true);
    });
  }

  it('a key scoped to a hub that no condition routes stays unverifiable (a request pipeline would win)', () => {
    const j = joinHar(buildModel(acme({}, 'Elsewhere')), harCalls('headless-api-key.har'));
    expect(j.calls.every((c) => c.verdict === 'unverifiable' && /would be routed where it asks/.test(c.reason))).toBe(true);
  });

  it('a key scoped to a hub whose routing cannot be decided stays unverifiable', () => {
    const snapshot = acme({}, 'ACMEPublic', {
      pipelines: [DEFAULT, pipe('by-tab', 1, 'when $tab is "x"'), pipe('public-pipeline', 2, 'when $searchHub is "ACMEPublic"')],
    });
    const j = joinHar(buildModel(snapshot), harCalls('headless-api-key.har'));
    expect(j.calls.every((c) => c.verdict === 'unverifiable' && /cannot be decided/.test(c.reason))).toBe(true);
  });

  it('a disabled key, or a key of another org, proves nothing', () => {
    expect(
      joinHar(buildModel(acme({ enabled: false, status: 'DISABLED' })), harCalls('headless-api-key.har')).calls.every(
        (c) => c.verdict === 'unverifiable' && /disabled now/.test(c.reason),
      ),
    ).toBe(true);
    expect(
      joinHar(buildModel({ ...acme(), organizationId: 'otherorg' }), harCalls('headless-api-key.har')).calls.every(
        (c) => c.verdict === 'unverifiable' && /not the audited "otherorg"/.test(c.reason),
      ),
    ).toBe(true);
  });

  it('token HARs: nothing to settle; the hub table uses the claim', () => {
    const j = joinHar(buildModel(acme()), [
      ...harCalls('headless-token-hub.har'),
      ...harCalls('search-ui-token-mismatch.har'),
      ...harCalls('headless-token-nohub.har'),
    ]);
    expect(j.calls).toEqual([]);
    expect(j.apiKeys).toEqual([]);
    expect(j.hubs.map((h) => h.hub)).toEqual(['ACMEPublic']);
  });

  it('a hub claim no condition routes is unenforced; an undecidable route makes it unverifiable', () => {
    const none = joinHar(
      buildModel(acme({}, 'ACMEPublic', { pipelines: [DEFAULT, pipe('agent-pipeline', 1, 'when $searchHub is "AgentPanel"')] })),
      harCalls('headless-token-hub.har'),
    );
    expect(none.calls.length).toBeGreaterThan(5);
    expect(none.calls.every((c) => c.verdictBefore === 'enforced' && c.verdict === 'unenforced' && /no pipeline condition matches it/.test(c.reason))).toBe(
      true,
    );
    const maybe = joinHar(
      buildModel(
        acme({}, 'ACMEPublic', { pipelines: [DEFAULT, pipe('by-tab', 1, 'when $tab is "x"'), pipe('public-pipeline', 2, 'when $searchHub is "ACMEPublic"')] }),
      ),
      harCalls('headless-token-hub.har'),
    );
    expect(maybe.calls.every((c) => c.verdict === 'unverifiable')).toBe(true);
  });

  it('a pipeline-claim token is listed as routed by its claim', () => {
    const j = joinHar(buildModel(acme()), harCalls('headless-token-pipeline.har'));
    const named = j.hubs.flatMap((h) => h.pipelineNamed);
    expect(named.length).toBeGreaterThan(0);
    expect(named.every((n) => n.by === 'token' && n.pipeline === 'public-pipeline')).toBe(true);
  });

  it('headless-proxy.har: calls without a credential are left alone', () => {
    const j = joinHar(buildModel(acme()), harCalls('headless-proxy.har'));
    expect(j.calls).toEqual([]);
  });
});

describe('joinHar: a request that names a pipeline is routed by it, never enforced', () => {
  const scoped = buildModel(org({ apiKeys: [key('k', { value: API_KEY }, 'Public')] }));
  const unscoped = buildModel(org({ apiKeys: [key('k', { value: API_KEY }, null)] }));

  it('with a scoped key: unverifiable', () => {
    const j = joinHar(scoped, callsOf([entry(SEARCH_URL, { json: { q: 'a', searchHub: 'Public', pipeline: 'internal' }, bearer: API_KEY })]));
    expect(j.calls).toEqual([expect.objectContaining({ verdict: 'unverifiable', reason: expect.stringMatching(/names pipeline "internal"/) })]);
    expect(j.hubs[0]!.pipelineNamed).toEqual([{ callId: 'c0', pipeline: 'internal', by: 'request' }]);
  });

  it('with a key that enforces no hub: unenforced', () => {
    const j = joinHar(unscoped, callsOf([entry(`${SEARCH_URL}&pipeline=internal`, { json: { q: 'a', searchHub: 'Public' }, bearer: API_KEY })]));
    expect(j.calls).toEqual([expect.objectContaining({ verdict: 'unenforced', reason: expect.stringMatching(/names pipeline "internal"/) })]);
  });

  it('the same call without a pipeline is enforced by the scoped key', () => {
    const j = joinHar(scoped, callsOf([entry(SEARCH_URL, { json: { q: 'a', searchHub: 'Other' }, bearer: API_KEY })]));
    expect(j.calls).toEqual([expect.objectContaining({ verdict: 'enforced', hub: 'Public', reason: expect.stringMatching(/the request asked for "Other"/) })]);
  });

  it('refused, or with two different credentials: left unverifiable', () => {
    const refused = joinHar(scoped, callsOf([entry(SEARCH_URL, { json: { q: 'a', searchHub: 'Public' }, bearer: API_KEY, status: 401 })]));
    expect(refused.calls[0]).toMatchObject({ verdict: 'unverifiable', reason: expect.stringMatching(/refused/) });
  });
});

describe('auditOrg with a HAR', () => {
  it('counts the join verdicts; unenforced calls fail the audit', () => {
    const report = auditOrg(acme({}, null), {
      now: NOW,
      staleDays: 90,
      har: { sources: [{ name: 'headless-api-key.har', coveoCalls: 15 }], calls: harCalls('headless-api-key.har') },
    });
    expect(report.summary.verdict).toBe('fail');
    expect(report.summary.counts.harVerdicts?.unenforced).toBe(report.har!.calls.length);
    expect(report.apiKeys[0]).toMatchObject({ id: 'page-key', seenInHar: true, valueFingerprint: 'xx7c…6b5c' });
  });
});
