// Adversarial inputs for the routing probe: captured entries and transport answers (through the seam) that try to
// turn an unverifiable call into a false `enforced` (or a page `pass`), widen the outcome to calls it does not
// cover, or leak the credential into the report. Each case pins the safe behaviour.
import { describe, expect, it } from 'vitest';
import { analyzeEntry } from '../../src/core/analyze';
import { applyProbe, runProbe, type ProbeRequest, type ProbeResponse } from '../../src/core/probe/index';
import { renderJson, renderMarkdown, renderText } from '../../src/core/report';
import { buildReport } from '../../src/core/report-model';
import type { CallReport, HarEntryLike, ProbeReport } from '../../src/core/types';
import { API_KEY, entry, QS_URL, SEARCH_URL, searchToken, T0 } from '../helpers/coveo';

const HUB = 'ACMEPublic';
const NOW = T0 + 60_000;
const PIPE = 'public-pipeline';

function callOf(e: HarEntryLike, id = 'c0'): CallReport {
  const call = analyzeEntry(e, { id });
  if (!call) throw new Error('not a Coveo call');
  return call;
}

function keySearch(o: { key?: string; url?: string; extra?: Record<string, unknown>; answered?: string | null } = {}): HarEntryLike {
  const answered = o.answered === undefined ? PIPE : o.answered;
  return entry(o.url ?? SEARCH_URL, {
    bearer: o.key ?? API_KEY,
    json: { q: 'shoes', searchHub: HUB, numberOfResults: 10, analytics: { clientId: 'c-1' }, ...o.extra },
    response: answered === null ? { totalCount: 3, results: [] } : { pipeline: answered, totalCount: 3, results: [] },
  });
}

type Answer = ProbeResponse | ((req: ProbeRequest) => ProbeResponse);
const ok = (pipeline?: string, extra: Record<string, unknown> = {}): ProbeResponse => ({
  status: 200,
  body: JSON.stringify({ ...(pipeline ? { pipeline } : {}), totalCount: 0, results: [], ...extra }),
});
const json = (status: number, body: unknown): ProbeResponse => ({ status, body: JSON.stringify(body) });
const refuse = (code = 403, message = 'The search hub is not allowed'): ProbeResponse => json(code, { statusCode: code, message, type: 'InvalidSearchHub' });

function fakeSend(answers: Record<string, Answer>) {
  const sent: ProbeRequest[] = [];
  const send = async (req: ProbeRequest): Promise<ProbeResponse> => {
    sent.push(req);
    const a = answers[req.variant] ?? answers['*'];
    if (a === undefined) throw new Error(`no answer for ${req.variant}`);
    return typeof a === 'function' ? a(req) : a;
  };
  return { send, sent };
}

let n = 0;
const canary = () => `chi-canary-${String(++n).padStart(8, '0')}`;

async function probe(e: HarEntryLike, answers: Record<string, Answer>, extra: { debug?: boolean; canary?: () => string; call?: CallReport } = {}) {
  const call = extra.call ?? callOf(e);
  const { send, sent } = fakeSend(answers);
  const report = await runProbe({ entry: e, call, send, canary: extra.canary ?? canary, now: () => NOW, debug: extra.debug });
  return { report, sent, call, applied: applyProbe([call], report)[0]! };
}

/** The genuine rejection every doubtful case below is a variation of. */
const REJECTING: Record<string, Answer> = { baseline: ok(PIPE), canary: refuse(), 'canary-again': refuse(), pipeline: ok(PIPE) };

describe('probe attacks: false enforced from refusals that are not about the hub', () => {
  it('control: a scoped key that refuses other hubs (JSON 403 twice, then answers) is rejected, enforced', async () => {
    const { report, applied } = await probe(keySearch(), REJECTING);
    expect(report.outcome).toBe('rejected');
    expect(applied.verdict).toBe('enforced');
  });

  // Was `rejected` (enforced) before the fix: any 4xx but 408/419/429 counted as a hub refusal.
  it.each([404, 405, 409, 410, 413, 415, 422, 451])(
    'canary answered %i twice (wrong path, method, size, policy): not a refusal, not enforced',
    async (code) => {
      const { report, applied } = await probe(keySearch(), { ...REJECTING, canary: refuse(code), 'canary-again': refuse(code) });
      expect(report.outcome).toBe('inconclusive');
      expect(report.variants.find((v) => v.name === 'canary')!.result).toBe('failed');
      expect(applied.verdict).toBe('unverifiable');
    },
  );

  // Was `rejected`: a baseline "success" was any 2xx, even an HTML page.
  it.each([
    ['an HTML page with 200 (captive portal, CDN)', { status: 200, body: '<html><body>Please log in</body></html>' }],
    ['an empty 204', { status: 204, body: '' }],
    ['a 200 JSON error without statusCode', json(200, { type: 'InvalidSearchHub', message: 'nope' })],
    ['a 200 empty object', json(200, {})],
  ] as const)('baseline and baseline-again are %s, the canaries refused: not enforced', async (_label, answer) => {
    const { report, applied } = await probe(keySearch({ answered: null }), {
      baseline: answer,
      canary: refuse(),
      'canary-again': refuse(),
      'baseline-again': answer,
    });
    expect(report.outcome).toBe('inconclusive');
    expect(applied.verdict).toBe('unverifiable');
  });

  // Was `rejected`: a WAF's HTML 403 counted like Coveo's JSON refusal.
  it("the canaries get a firewall's HTML 403: not enforced", async () => {
    const waf: ProbeResponse = { status: 403, body: '<html><h1>Access denied</h1> Ray ID 1234</html>' };
    const { report, applied } = await probe(keySearch(), { ...REJECTING, canary: waf, 'canary-again': waf });
    expect(report.outcome).toBe('inconclusive');
    expect(report.reason).toMatch(/not a JSON answer/);
    expect(applied.verdict).toBe('unverifiable');
  });

  // Was `rejected`: two refusals for different reasons.
  it('the two canaries are refused for different reasons (400, then 403): not enforced', async () => {
    const { report } = await probe(keySearch(), { ...REJECTING, canary: refuse(400, 'Invalid request'), 'canary-again': refuse(403) });
    expect(report.outcome).toBe('inconclusive');
    expect(report.reason).toMatch(/different statuses/);
  });

  // Was `rejected`: the first canary also carried debug: true, so a refusal of debug counted as a refusal of the hub.
  it('debug: the first canary (with debug) is refused, then the second: not enforced, advice to probe without debug', async () => {
    const { report, sent } = await probe(
      keySearch(),
      { ...REJECTING, canary: refuse(400, 'debug is not allowed'), 'canary-again': refuse(400, 'debug is not allowed') },
      { debug: true },
    );
    expect(JSON.parse(sent[1]!.body).debug).toBe(true);
    expect(report.outcome).toBe('inconclusive');
    expect(report.advice).toMatch(/without debug/);
  });

  // Was `rejected`: the call names a pipeline, which a visitor can keep naming whatever the hub.
  it('the request names a pipeline: refusing other hubs does not pin routing, not enforced', async () => {
    const e = keySearch({ extra: { pipeline: 'agent-pipeline' }, answered: 'agent-pipeline' });
    const { report, applied, sent } = await probe(e, {
      baseline: ok('agent-pipeline'),
      canary: refuse(),
      'canary-again': refuse(),
      pipeline: ok('agent-pipeline'),
    });
    expect(sent.map((r) => r.variant)).toEqual(['baseline', 'canary', 'canary-again', 'pipeline']);
    expect(report.outcome).toBe('inconclusive');
    expect(report.reason).toMatch(/names pipeline "agent-pipeline"/);
    expect(applied.verdict).not.toBe('enforced');
  });

  // Was `rejected` (and enforced over the passive unenforced).
  it('a hub-less search token (unenforced) whose canaries are refused: stays unenforced, never enforced', async () => {
    const e = entry(SEARCH_URL, { bearer: searchToken({}, NOW), json: { q: '', searchHub: HUB }, response: { pipeline: PIPE, totalCount: 1, results: [] } });
    const { report, applied, call } = await probe(e, REJECTING);
    expect(call.verdict).toBe('unenforced');
    expect(report.outcome).toBe('inconclusive');
    expect(applied.verdict).toBe('unenforced');
  });

  // Was `rejected`: a proxy that picks its credential by cookie (not re-sent) answers the probe with another one.
  it("the baseline reaches another pipeline than the page's own call: the probe does not reproduce it, not enforced", async () => {
    const e = entry('https://shop.example.test/api/search', {
      json: { q: '', searchHub: HUB, numberOfResults: 10 },
      headers: { Cookie: 'session=1' },
      response: { pipeline: 'members-pipeline', totalCount: 3, results: [] },
    });
    const { report, sent, applied } = await probe(e, {
      baseline: ok('anonymous-pipeline'),
      canary: refuse(),
      'canary-again': refuse(),
      '*': ok('anonymous-pipeline'),
    });
    expect(sent.map((r) => r.variant)).toEqual(['baseline', 'canary', 'canary-again', 'pipeline']);
    expect(report.outcome).toBe('inconclusive');
    expect(report.reason).toMatch(/does not reproduce/);
    expect(applied.verdict).toBe('unverifiable');
  });

  // Was `rejected`: a canary generator that repeats the captured hub.
  it('a canary equal to the captured hub is replaced: a canary always differs from the baseline in its hub', async () => {
    const { sent } = await probe(keySearch(), { '*': ok(PIPE), canary: refuse(), 'canary-again': refuse() }, { canary: () => HUB.toLowerCase() });
    for (const r of sent.filter((x) => x.variant.startsWith('canary'))) expect(JSON.parse(r.body).searchHub.toLowerCase()).not.toBe(HUB.toLowerCase());
  });

  // Held before the fix too.
  it.each([
    [
      'the token expires mid-probe (401 Invalid token after the canaries)',
      {
        canary: json(401, { statusCode: 401, message: 'Invalid token' }),
        'canary-again': json(401, { statusCode: 401, message: 'Invalid token' }),
        pipeline: json(401, { statusCode: 401, message: 'Invalid token' }),
      },
    ],
    [
      '419 in the body of a 200 (errorsAsSuccess) on the canaries',
      { canary: json(200, { statusCode: 419 }), 'canary-again': json(200, { statusCode: 419 }), '*': ok(PIPE) },
    ],
    [
      'the transport throws for the second canary',
      {
        canary: refuse(),
        'canary-again': () => {
          throw new Error('socket hang up');
        },
        '*': ok(PIPE),
      },
    ],
    [
      'the second canary times out',
      { canary: refuse(), 'canary-again': { error: 'timeout', message: 'no answer within 10000 ms' } as ProbeResponse, '*': ok(PIPE) },
    ],
    ['a redirect (302) instead of a refusal', { canary: { status: 302, body: '' }, 'canary-again': { status: 302, body: '' }, '*': ok(PIPE) }],
    ['the request after the refusals names no pipeline (baseline named one)', { canary: refuse(), 'canary-again': refuse(), pipeline: ok(undefined) }],
    ['the request after the refusals is an HTML 200', { canary: refuse(), 'canary-again': refuse(), pipeline: { status: 200, body: '<html></html>' } }],
  ] as const)('%s: not enforced', async (_label, answers) => {
    const { report, applied } = await probe(keySearch(), { baseline: ok(PIPE), ...(answers as Record<string, Answer>) });
    expect(report.outcome).not.toBe('rejected');
    expect(applied.verdict).not.toBe('enforced');
    expect(report.requests).toBeLessThanOrEqual(4);
  });

  // Was `routing-changed` with a nonsense reason ("the captured request reached ...").
  it('the captured request sent again reaches another pipeline (A/B test): inconclusive, not routing-changed', async () => {
    const e = keySearch({ answered: 'default' });
    const { report } = await probe(e, { baseline: ok('default'), canary: refuse(), 'canary-again': refuse(), 'baseline-again': ok('ab-pipeline') });
    expect(report.variants.map((v) => v.name)).toEqual(['baseline', 'canary', 'canary-again', 'baseline-again']);
    expect(report.outcome).toBe('inconclusive');
    expect(report.reason).toMatch(/not stable/);
  });
});

describe('probe attacks: the outcome reaches only the calls it covers', () => {
  async function applied(entries: HarEntryLike[], answers: Record<string, Answer> = REJECTING) {
    const calls = entries.map((e, i) => callOf(e, `c${i}`));
    const byId = new Map(calls.map((c, i) => [c.id, entries[i]!]));
    const { send } = fakeSend(answers);
    const p = await runProbe({ entry: entries[0]!, call: calls[0]!, calls, entryOf: (c) => byId.get(c.id) ?? null, send, canary, now: () => NOW });
    return { p, calls: applyProbe(calls, p) };
  }

  it('control: another search with the same key, URL and hub is covered', async () => {
    const { p, calls } = await applied([keySearch(), keySearch()]);
    expect(p.appliesTo).toEqual(['c0', 'c1']);
    expect(calls.map((c) => c.verdict)).toEqual(['enforced', 'enforced']);
  });

  // Was covered (enforced) before the fix: the group compared fingerprints only (`xx56…4457` keeps 6 hex digits).
  it('another API key with the same fingerprint is not covered', async () => {
    const twin = `${API_KEY.slice(0, 4)}000000-0000-4000-8000-00000000${API_KEY.slice(-4)}`;
    const other = keySearch({ key: twin });
    expect(callOf(other).credential.fingerprint).toBe(callOf(keySearch()).credential.fingerprint);
    const { p, calls } = await applied([keySearch(), other]);
    expect(p.appliesTo).toEqual(['c0']);
    expect(calls[1]!.verdict).toBe('unverifiable');
  });

  it('without entryOf the outcome applies to the probed call only', async () => {
    const entries = [keySearch(), keySearch()];
    const calls = entries.map((e, i) => callOf(e, `c${i}`));
    const { send } = fakeSend(REJECTING);
    const p = await runProbe({ entry: entries[0]!, call: calls[0]!, calls, send, canary, now: () => NOW });
    expect(p.appliesTo).toEqual(['c0']);
  });

  // Was covered before the fix: the group ignored the query string.
  it('the same key on the platform host for another organizationId is not covered', async () => {
    const base = 'https://platform.cloud.coveo.com/rest/search/v2';
    const { p } = await applied([keySearch({ url: `${base}?organizationId=acmeprod` }), keySearch({ url: `${base}?organizationId=acmestaging` })]);
    expect(p.appliesTo).toEqual(['c0']);
  });

  // Was covered before the fix: another hub the key was seen accepting.
  it('a call with the same key that names another hub is not covered by a rejection', async () => {
    const { p } = await applied([keySearch(), keySearch({ extra: { searchHub: 'ACMEInternal' } })]);
    expect(p.appliesTo).toEqual(['c0']);
  });

  // Was covered before the fix: a member read in part may name a pipeline or another credential further in.
  it('a member whose body was read in part is not covered', async () => {
    const entries = [keySearch(), keySearch()];
    const calls = entries.map((e, i) => callOf(e, `c${i}`));
    calls[1] = { ...calls[1]!, notes: [...calls[1]!.notes, 'The request body was truncated at 5000000 characters.'] };
    const { send } = fakeSend(REJECTING);
    const p = await runProbe({
      entry: entries[0]!,
      call: calls[0]!,
      calls,
      entryOf: (c) => entries[Number(c.id.slice(1))] ?? null,
      send,
      canary,
      now: () => NOW,
    });
    expect(p.appliesTo).toEqual(['c0']);
  });

  // Held before the fix too.
  it('query suggestions, another host, another path and a call that names a pipeline are not covered', async () => {
    const { p } = await applied([
      keySearch(),
      entry(QS_URL, { bearer: API_KEY, json: { q: 'sh', searchHub: HUB } }),
      keySearch({ url: 'https://acmestaging.org.coveo.com/rest/search/v2?organizationId=acmeprod' }),
      keySearch({ url: 'https://acmeprod.org.coveo.com/rest/search/v2/plan?organizationId=acmeprod' }),
      keySearch({ extra: { pipeline: 'agent-pipeline' } }),
    ]);
    expect(p.appliesTo).toEqual(['c0']);
  });
});

describe('probe attacks: stale and repeated outcomes', () => {
  const sample = (outcome: ProbeReport['outcome'], requests: number): ProbeReport => ({
    outcome,
    reason: `${outcome} for the test`,
    advice: null,
    origin: 'https://acmeprod.org.coveo.com',
    endpoint: '/rest/search/v2',
    credential: 'xx56…4457',
    probedCall: 'c0',
    appliesTo: ['c0'],
    sentAt: requests > 0 ? new Date(NOW).toISOString() : null,
    requests,
    baselinePipeline: PIPE,
    variants: [],
  });

  // Was still `enforced` before the fix: a held probe left the earlier probe's verdict.
  it("a later probe that sent requests and saw no refusal withdraws an earlier rejected probe's enforced", () => {
    const [first] = applyProbe([callOf(keySearch())], sample('rejected', 4));
    expect(first!.verdict).toBe('enforced');
    for (const later of ['held', 'inconclusive'] as const) {
      const [again] = applyProbe([first!], sample(later, 3));
      expect(again!.verdict).toBe('unverifiable');
    }
    // One that sent nothing (not probed) changes nothing.
    expect(applyProbe([first!], sample('inconclusive', 0))[0]!.verdict).toBe('enforced');
  });

  // Was `enforced` before the fix.
  it('a rejection never overrides an earlier routing-changed (unenforced stays)', () => {
    const [first] = applyProbe([callOf(keySearch())], sample('routing-changed', 4));
    expect(first!.verdict).toBe('unenforced');
    expect(applyProbe([first!], sample('rejected', 4))[0]!.verdict).toBe('unenforced');
  });
});

describe('probe attacks: the credential never reaches the report', () => {
  const OPAQUE = 'opaqueSecretValue-9f8e7d6c5b4a39281706';

  function leaks(report: ProbeReport, calls: CallReport[], secret: string): string[] {
    const r = buildReport([{ source: { name: 'p.har', entries: calls.length, coveoCalls: calls.length, malformed: [] }, calls }]);
    return [JSON.stringify(report), renderJson(r), renderText(r), renderMarkdown(r)].filter((out) => out.includes(secret));
  }

  // Was leaked in JSON before the fix (variant detail kept the message as Coveo sent it).
  it.each([
    [
      'an API key echoed in a refusal',
      API_KEY,
      () => keySearch(),
      (s: string) => ({ ...REJECTING, canary: refuse(403, `key ${s} may not use this hub`), 'canary-again': refuse(403, `key ${s} may not use this hub`) }),
    ],
    [
      'an opaque bearer echoed in an error',
      OPAQUE,
      () => entry(SEARCH_URL, { bearer: OPAQUE, json: { q: '', searchHub: HUB }, response: { pipeline: PIPE, totalCount: 0, results: [] } }),
      (s: string) => ({ baseline: ok(PIPE), '*': json(500, { statusCode: 500, message: `upstream rejected Bearer ${s}` }) }),
    ],
    [
      'an access_token in the URL echoed (URL-encoded) by a network error',
      OPAQUE,
      () => entry(`${SEARCH_URL}&access_token=${OPAQUE}`, { json: { q: '', searchHub: HUB }, response: { pipeline: PIPE, totalCount: 0, results: [] } }),
      (s: string) => ({
        baseline: ok(PIPE),
        '*': { error: 'network', message: `connect failed for ${SEARCH_URL}&access_token=${encodeURIComponent(s)}` } as ProbeResponse,
      }),
    ],
    [
      'a key in a debug executionReport',
      API_KEY,
      () => keySearch(),
      (s: string) => ({
        '*': ok(PIPE),
        canary: ok(PIPE, { executionReport: { children: [{ name: 'PerformAuthentication', description: `Authenticated with ${s}` }] } }),
      }),
    ],
  ] as const)('%s', async (_label, secret, make, answers) => {
    const e = make();
    const { report, applied } = await probe(e, answers(secret), { debug: true });
    expect(report.requests).toBeGreaterThan(0);
    expect(leaks(report, [applied], secret)).toEqual([]);
  });
});
