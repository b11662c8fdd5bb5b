// Traffic recorded from the real clients (@coveo/headless, coveo-search-ui, @coveo/atomic from npm) in Chromium
// against the local Coveo stand-in: see test/fixtures/recorded/README.md for how and what.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeHar } from '../../src/core/report-model';
import type { CallKind, PageVerdict, Verdict } from '../../src/core/types';

const load = (name: string) => analyzeHar(readFileSync(new URL(`../fixtures/recorded/${name}.har`, import.meta.url), 'utf8'), `${name}.har`);

const HUB_KINDS: CallKind[] = ['search', 'querySuggest', 'facetSearch'];

// fixture → [verdict of every search/querySuggest/facetSearch call, page verdict, rules that must appear]
const EXPECTED: [string, Verdict, PageVerdict, string[]][] = [
  ['headless-token-hub', 'enforced', 'pass', []],
  ['headless-token-hub-next', 'enforced', 'pass', []],
  ['headless-token-nohub', 'unenforced', 'fail', ['token-missing-search-hub']],
  ['headless-token-pipeline', 'enforced', 'pass', ['token-pipeline-only']],
  ['headless-token-expired', 'enforced', 'pass', []],
  ['headless-token-mismatch', 'enforced', 'pass', []],
  ['headless-api-key', 'unverifiable', 'review', ['api-key-in-client']],
  ['headless-proxy', 'unverifiable', 'review', ['no-credential']],
  ['search-ui-token-hub', 'enforced', 'pass', []],
  ['search-ui-api-key', 'unverifiable', 'review', ['api-key-in-client']],
  ['search-ui-token-expired', 'enforced', 'review', ['token-expired']],
  ['search-ui-token-mismatch', 'enforced', 'review', ['search-hub-mismatch']],
  ['atomic-token-hub', 'enforced', 'pass', []],
];

describe('recorded traffic of real Coveo clients', () => {
  it.each(EXPECTED)('%s: hub-routed calls are %s, page %s', (name, verdict, page, rules) => {
    const report = load(name);
    const routed = report.calls.filter((c) => HUB_KINDS.includes(c.kind));
    expect(routed.length).toBeGreaterThanOrEqual(5);
    expect(new Set(routed.map((c) => c.kind))).toContain('querySuggest');
    // A call Coveo refused (419 expired, 401) was routed by nothing: never enforced, whatever its token says.
    const refused = (c: (typeof routed)[number]) => [401, 403, 419].includes(c.response.status ?? 0);
    for (const call of routed) expect(call.verdict, `${call.id} ${call.kind}`).toBe(refused(call) && verdict === 'enforced' ? 'unverifiable' : verdict);
    expect(routed.filter(refused).length, 'refused calls').toBe(name === 'search-ui-token-expired' ? 1 : 0);
    for (const call of report.calls.filter((c) => c.kind === 'analytics' || c.kind === 'events')) expect(call.verdict).toBe('not-applicable');
    expect(report.summary.verdict).toBe(page);
    for (const rule of rules) expect(Object.keys(report.summary.counts.rules)).toContain(rule);
    expect(report.sources[0]?.malformed).toEqual([]);
  });

  it('reads the pipeline Coveo routed to from the responses', () => {
    const report = load('search-ui-token-mismatch');
    const search = report.calls.find((c) => c.kind === 'search');
    expect(search?.searchHub).toMatchObject({ request: 'AgentPanel', token: 'ACMEPublic', effective: 'ACMEPublic' });
    expect(search?.response.pipeline).toBe('public-pipeline');
  });

  it('sees the 419 of an expired token and the renewed token after it (search-ui)', () => {
    const report = load('search-ui-token-expired');
    const expired = report.calls.find((c) => c.findings.some((f) => f.rule === 'token-expired'));
    expect(expired?.response.status).toBe(419);
    expect(report.calls.filter((c) => c.kind === 'search' && c.response.status === 200).length).toBeGreaterThan(0);
  });

  it('sees the token Headless repeats inside facet search bodies, without calling it a conflict', () => {
    const facet = load('headless-token-hub').calls.find((c) => c.kind === 'facetSearch');
    expect(facet?.credentials.map((c) => c.location)).toEqual(['authorization-header', 'body-searchContext.accessToken']);
    expect(facet?.findings.map((f) => f.rule)).not.toContain('conflicting-credentials');
  });

  it("recognises the Headless proxyBaseUrl calls on the shop's own host", () => {
    const report = load('headless-proxy');
    const search = report.calls.find((c) => c.kind === 'search');
    expect(search).toMatchObject({ routing: 'proxy', host: 'shop.example.test', credential: { type: 'none' } });
  });

  it('never contains a full credential in any report format', async () => {
    const { renderJson, renderMarkdown, renderText } = await import('../../src/core/report');
    let checked = 0;
    for (const [name] of EXPECTED) {
      const text = readFileSync(new URL(`../fixtures/recorded/${name}.har`, import.meta.url), 'utf8');
      const secrets = new Set<string>();
      for (const m of text.matchAll(/Bearer ([A-Za-z0-9._-]{20,})/g)) secrets.add(m[1]!);
      for (const m of text.matchAll(/access_token=([A-Za-z0-9._%-]{20,})/g)) secrets.add(decodeURIComponent(m[1]!));
      checked += secrets.size;
      const report = analyzeHar(text, name);
      const outputs = [renderJson(report), renderMarkdown(report), renderText(report, { color: false })];
      for (const out of outputs) for (const secret of secrets) expect(out.includes(secret), `${name}: ${secret.slice(0, 12)}`).toBe(false);
    }
    // The recordings do hold credentials: the check above looked for some.
    expect(checked).toBeGreaterThan(0);
  });
});
