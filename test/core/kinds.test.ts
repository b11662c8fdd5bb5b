// The kind table (src/core/kinds.ts) is the one source of truth for endpoint kinds: every path it lists is
// recognised as its kind, every derived set follows its flags, and the analysis treats each kind as its entry says.
import { describe, expect, it } from 'vitest';
import { analyzeEntry } from '../../src/core/analyze';
import {
  CALL_KINDS,
  HUB_KINDS,
  HUB_REQUIRED_KINDS,
  KINDS,
  type KindDescriptor,
  ORG_PREFIXES,
  PROXY_SEGMENTS,
  RESPONSE_KINDS,
  SEARCH_SEGMENTS,
} from '../../src/core/kinds';
import { CALL_KINDS as PUBLIC_CALL_KINDS } from '../../src/core/index';
import { entry, searchToken } from '../helpers/coveo';

const TABLE: readonly KindDescriptor[] = KINDS;
const token = searchToken({ searchHub: 'ACMEPublic' });
const body = { q: 'x', searchHub: 'ACMEPublic', numberOfResults: 10 };

/** Every URL the table says is a kind, with that kind. */
function tableUrls(): { url: string; kind: string; api: string; routing: string }[] {
  // The Search API base itself is a search call (the kind with no segment).
  const out: { url: string; kind: string; api: string; routing: string }[] = [
    { url: 'https://platform.cloud.coveo.com/rest/search/v2', kind: 'search', api: 'search', routing: 'coveo-host' },
  ];
  for (const d of TABLE) {
    if (d.searchSegment) {
      out.push({ url: `https://platform.cloud.coveo.com/rest/search/v2/${d.searchSegment}`, kind: d.kind, api: d.api, routing: 'coveo-host' });
      out.push({ url: `https://www.example.com/coveo/rest/v2/${d.searchSegment}`, kind: d.kind, api: d.api, routing: 'proxy' });
    }
    if (d.proxySegment) out.push({ url: `https://shop.example.com/api/search-proxy/${d.searchSegment}`, kind: d.kind, api: d.api, routing: 'proxy' });
    for (const prefix of d.orgPrefixes ?? []) {
      const path = `/rest/organizations/acmeprod${prefix}${prefix.endsWith('/') ? 'v1/x' : '/x'}`;
      out.push({ url: `https://acmeprod.org.coveo.com${path}`, kind: d.kind, api: d.api, routing: 'coveo-host' });
      out.push({ url: `https://www.example.com${path}`, kind: d.kind, api: d.api, routing: 'proxy' });
    }
  }
  return out;
}

describe('the kind table', () => {
  it('names each kind once, and the public CALL_KINDS lists them in table order', () => {
    const names = TABLE.map((d) => d.kind);
    expect(new Set(names).size).toBe(names.length);
    expect([...CALL_KINDS]).toEqual(names);
    expect(PUBLIC_CALL_KINDS).toBe(CALL_KINDS);
    expect(names).toContain('other');
  });

  it('derives the hub-routed, hub-required and response-read sets from the flags', () => {
    expect([...HUB_KINDS].sort()).toEqual(
      TABLE.filter((d) => d.hubRouted)
        .map((d) => d.kind)
        .sort(),
    );
    expect([...HUB_REQUIRED_KINDS].sort()).toEqual(
      TABLE.filter((d) => d.hubRequired)
        .map((d) => d.kind)
        .sort(),
    );
    expect([...RESPONSE_KINDS].sort()).toEqual(
      TABLE.filter((d) => d.readsResponse)
        .map((d) => d.kind)
        .sort(),
    );
    // A kind that must name a hub is one the hub routes.
    for (const k of HUB_REQUIRED_KINDS) expect(HUB_KINDS.has(k), k).toBe(true);
  });

  it('keeps each path unambiguous: one kind per search segment and per organization prefix', () => {
    const segments = TABLE.flatMap((d) => (d.searchSegment ? [d.searchSegment] : []));
    expect(new Set(segments).size).toBe(segments.length);
    expect(SEARCH_SEGMENTS.size).toBe(segments.length);
    for (const s of PROXY_SEGMENTS) expect(segments).toContain(s);
    const prefixes = ORG_PREFIXES.map(([p]) => p);
    expect(new Set(prefixes).size).toBe(prefixes.length);
    const overlapping = prefixes.filter((a) => prefixes.some((b) => a !== b && a.startsWith(b)));
    expect(overlapping).toEqual([]);
    for (const p of [...segments, ...prefixes]) expect(p).toBe(p.toLowerCase());
  });

  it('recognises every path the table lists as its kind and API, on Coveo hosts and behind proxies', () => {
    const urls = tableUrls();
    expect(urls.length).toBeGreaterThan(20);
    const seen = urls.map(({ url }) => {
      const call = analyzeEntry(entry(url, { bearer: token, json: body }));
      return { url, kind: call?.kind, api: call?.api, routing: call?.routing };
    });
    expect(seen).toEqual(urls.map(({ url, kind, api, routing }) => ({ url, kind, api, routing })));
  });

  it('gives a verdict to hub-routed kinds only, and no-search-hub fires only for kinds that must name a hub', () => {
    const hubless = searchToken({});
    for (const { url, kind } of tableUrls().filter((u) => u.routing === 'coveo-host')) {
      const call = analyzeEntry(entry(url, { bearer: token, json: body }));
      expect(call?.verdict === 'not-applicable', `${kind} ${url}`).toBe(!HUB_KINDS.has(call!.kind));
      const bare = analyzeEntry(entry(url, { bearer: hubless, json: { q: 'x' } }));
      const fired = bare?.findings.some((f) => f.rule === 'no-search-hub') ?? false;
      expect(fired, `no-search-hub on ${kind} ${url}`).toBe(HUB_REQUIRED_KINDS.has(bare!.kind));
    }
  });
});
