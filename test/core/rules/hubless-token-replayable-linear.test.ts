// Issue 15: the rule groups calls by token in one pass. Its findings must be exactly those of the former
// algorithm (a `calls.find(... group.ids.includes ...)` per token group), inlined here, on seeded random pages.
import { expect, it } from 'vitest';
import { analyzeEntry } from '../../../src/core/analyze';
import { hublessTokenReplayable } from '../../../src/core/rules/hubless-token-replayable';
import { kindWord } from '../../../src/core/report/words';
import type { CallReport, HarEntryLike } from '../../../src/core/types';
import { names } from '../../../src/core/values';
import { HUB_KINDS } from '../../../src/core/verdict';
import { API_KEY, entry, ORG, SEARCH_URL, searchToken } from '../../helpers/coveo';

const COMMERCE = `https://${ORG}.org.coveo.com/rest/organizations/${ORG}/commerce/v2/search`;
const ANALYTICS = `https://${ORG}.analytics.org.coveo.com/rest/ua/v15/analytics/search?org=${ORG}`;

/** The rule's check before issue 15, verbatim but for the name. */
function before(calls: readonly CallReport[]) {
  const byToken = new Map<string, { ids: string[]; onSearch: boolean; kinds: Set<string> }>();
  for (const call of calls) {
    for (const cred of call.credentials) {
      if (cred.type !== 'search-token' || cred.fingerprint === null) continue;
      const group = byToken.get(cred.fingerprint) ?? { ids: [], onSearch: false, kinds: new Set<string>() };
      if (HUB_KINDS.has(call.kind)) group.onSearch = true;
      group.ids.push(call.id);
      group.kinds.add(call.kind);
      byToken.set(cred.fingerprint, group);
    }
  }
  const out: { message: string; callIds: string[] }[] = [];
  for (const [fp, group] of byToken) {
    if (group.onSearch) continue;
    const sample = calls.find((c) => group.ids.includes(c.id) && c.credential.fingerprint === fp && c.token);
    const claims = sample?.token?.claims ?? calls.find((c) => group.ids.includes(c.id))?.token?.claims;
    if (!claims) continue;
    const hub = claims.searchHub;
    const pipeline = claims.pipeline;
    if (names(hub) || names(pipeline)) continue;
    if (hub !== undefined && hub !== null && typeof hub !== 'string') continue;
    out.push({
      message: `Search token ${fp} has no searchHub claim and is sent on ${[...group.kinds].map(kindWord).join(', ')} calls; it could be replayed against the Search API with any hub.`,
      callIds: group.ids,
    });
  }
  return out;
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const CLAIMS: Record<string, unknown>[] = [{}, { searchHub: 'Shop' }, { searchHub: ' ' }, { pipeline: 'P' }, { searchHub: 7 }, { searchHub: null }];

function page(seed: number, n: number): HarEntryLike[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  // Many distinct tokens, some reused across calls, some sent twice on one call (header and body).
  const tokens = Array.from({ length: Math.max(2, Math.floor(n / 3)) }, (_, i) => searchToken({ ...pick(CLAIMS), userIds: [{ name: `u${i}@x.com` }] }));
  return Array.from({ length: n }, () => {
    const url = pick([COMMERCE, COMMERCE, ANALYTICS, SEARCH_URL]);
    const bearer = r() < 0.15 ? API_KEY : pick(tokens);
    const json: Record<string, unknown> = { q: 'x', searchHub: r() < 0.5 ? 'Shop' : undefined };
    if (r() < 0.3) json.accessToken = pick(tokens);
    return entry(url, { bearer, json });
  });
}

it('finds the same hub-less token findings as the former O(groups × calls) search on random pages', () => {
  let compared = 0;
  for (let seed = 1; seed <= 60; seed++) {
    const calls = page(seed, 5 + (seed % 7) * 20)
      .map((e, i) => analyzeEntry(e, { index: i }))
      .filter((c): c is CallReport => c !== null);
    const expected = before(calls);
    compared += expected.length;
    expect(hublessTokenReplayable.check(calls)).toEqual(expected);
  }
  expect(compared).toBeGreaterThan(50); // the pages do produce findings to compare
});

it('reports each of many distinct hub-less tokens once, with its calls', () => {
  const entries = Array.from({ length: 300 }, (_, i) => entry(COMMERCE, { bearer: searchToken({ userIds: [{ name: `u${i % 150}@x.com` }] }), json: {} }));
  const calls = entries.map((e, i) => analyzeEntry(e, { index: i })).filter((c): c is CallReport => c !== null);
  const out = hublessTokenReplayable.check(calls);
  expect(out).toEqual(before(calls));
  expect(out).toHaveLength(150);
  expect(out[0]?.callIds).toEqual(['c0', 'c150']);
});
