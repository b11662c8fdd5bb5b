import { describe, expect, it } from 'vitest';
import { analyzeEntry } from '../../src/core/analyze';
import {
  applyProbe,
  buildVariant,
  captureRequest,
  classifyResponse,
  MAX_PROBE_REQUESTS,
  probeEligibility,
  runProbe,
  type ProbeRequest,
  type ProbeResponse,
} from '../../src/core/probe/index';
import { renderJson, renderMarkdown, renderText } from '../../src/core/report';
import { buildReport } from '../../src/core/report-model';
import type { CallReport, HarEntryLike, ProbeReport } from '../../src/core/types';
import { API_KEY, entry, QS_URL, SEARCH_URL, searchToken, T0 } from '../helpers/coveo';

const HUB = 'ACMEPublic';
const NOW = T0 + 60_000;

function callOf(e: HarEntryLike, id = 'c0'): CallReport {
  const call = analyzeEntry(e, { id });
  if (!call) throw new Error('not a Coveo call');
  return call;
}

/** A captured Headless search with an API key: hub, analytics section, 10 results, cookies and HTTP/2 headers. */
function keySearch(extra: Record<string, unknown> = {}, url = SEARCH_URL): HarEntryLike {
  const e = entry(url, {
    bearer: API_KEY,
    json: { q: 'shoes', searchHub: HUB, numberOfResults: 10, firstResult: 0, analytics: { clientId: 'c-1', documentLocation: 'https://shop/' }, ...extra },
    headers: {
      ':authority': 'acmeprod.org.coveo.com',
      Cookie: 'session=secret',
      'Content-Length': '123',
      Accept: 'application/json',
      'X-Custom': 'kept',
      Origin: 'https://shop.example.test',
    },
    response: { pipeline: 'public-pipeline', totalCount: 3 },
  });
  return e;
}

type Answer = ProbeResponse | ((req: ProbeRequest, body: Record<string, unknown>) => ProbeResponse);
const ok = (pipeline: string | undefined, extra: Record<string, unknown> = {}): ProbeResponse => ({
  status: 200,
  body: JSON.stringify({ ...(pipeline ? { pipeline } : {}), totalCount: 0, results: [], ...extra }),
});
const status = (code: number, body: Record<string, unknown> = { statusCode: code, message: 'nope' }): ProbeResponse => ({
  status: code,
  body: JSON.stringify(body),
});
const timeout: ProbeResponse = { error: 'timeout', message: 'no answer within 10000 ms' };

/** A transport answering by variant name; records what was sent. */
function fakeSend(answers: Record<string, Answer>) {
  const sent: ProbeRequest[] = [];
  const send = async (req: ProbeRequest): Promise<ProbeResponse> => {
    sent.push(req);
    const answer = answers[req.variant] ?? answers['*'];
    if (answer === undefined) throw new Error(`no answer for ${req.variant}`);
    return typeof answer === 'function' ? answer(req, req.body.startsWith('{') ? JSON.parse(req.body) : {}) : answer;
  };
  return { send, sent };
}

let canaries = 0;
const canary = () => `chi-canary-${String(++canaries).padStart(8, '0')}`;

async function probe(e: HarEntryLike, answers: Record<string, Answer>, extra: { debug?: boolean; now?: number } = {}) {
  const call = callOf(e);
  const { send, sent } = fakeSend(answers);
  const report = await runProbe({ entry: e, call, send, canary, now: () => extra.now ?? NOW, debug: extra.debug });
  return { report, sent, call };
}

describe('probe variants', () => {
  it('re-sends the captured request with only the probe changes: numberOfResults 0, no analytics, same headers minus the unsendable', async () => {
    const e = keySearch();
    const { sent, report } = await probe(e, { '*': ok('public-pipeline') });
    // The baseline left the default pipeline, so a pipeline override is the fourth request.
    expect(sent.map((r) => r.variant)).toEqual(['baseline', 'canary', 'no-hub', 'pipeline']);
    expect(report.requests).toBe(4);
    const [baseline, canaryReq, noHub] = sent as [ProbeRequest, ProbeRequest, ProbeRequest];
    expect(baseline.url).toBe(SEARCH_URL);
    expect(baseline.method).toBe('POST');
    expect(JSON.parse(baseline.body)).toEqual({ q: 'shoes', searchHub: HUB, numberOfResults: 0, firstResult: 0 });
    expect(Object.keys(JSON.parse(baseline.body))).toEqual(['q', 'searchHub', 'numberOfResults', 'firstResult']);
    const names = baseline.headers.map(([n]) => n.toLowerCase());
    expect(names).toContain('authorization');
    expect(names).toContain('x-custom');
    expect(names).toContain('accept');
    expect(names).toContain('content-type');
    for (const dropped of [':authority', 'cookie', 'content-length', 'origin']) expect(names).not.toContain(dropped);
    expect(baseline.headers.find(([n]) => n === 'Authorization')?.[1]).toBe(`Bearer ${API_KEY}`);
    // Each variant differs from the baseline only in its hub.
    const canaryBody = JSON.parse(canaryReq.body);
    expect({ ...canaryBody, searchHub: HUB }).toEqual(JSON.parse(baseline.body));
    expect(canaryBody.searchHub).toMatch(/^chi-canary-/);
    expect(JSON.parse(noHub.body)).toEqual({ q: 'shoes', numberOfResults: 0, firstResult: 0 });
    expect(canaryReq.headers).toEqual(baseline.headers);
    for (const r of sent) expect(r.timeoutMs).toBeGreaterThan(0);
  });

  it('keeps a form body a form body, and changes a hub named in the URL where it is', () => {
    const e = entry(`${SEARCH_URL}&searchHub=${HUB}`, {
      bearer: API_KEY,
      form: { actionsHistory: '[{"name":"Query"}]', q: 'tent', searchHub: HUB, numberOfResults: '10', analytics: '{"a":1}' },
    });
    const captured = captureRequest(e);
    expect(captured?.body.encoding).toBe('form');
    const v = buildVariant(captured!, 'canary', { hub: 'Other' }, 1000);
    expect(v.url).toBe(`${SEARCH_URL}&searchHub=Other`);
    const form = new URLSearchParams(v.body);
    expect(form.get('searchHub')).toBe('Other');
    expect(form.get('numberOfResults')).toBe('0');
    expect(form.has('analytics')).toBe(false);
    expect(form.get('actionsHistory')).toBe('[{"name":"Query"}]');
    expect(v.headers.find(([n]) => n.toLowerCase() === 'content-type')?.[1]).toMatch(/form-urlencoded/);
    const none = buildVariant(captured!, 'no-hub', { hub: null }, 1000);
    expect(none.url).toBe(SEARCH_URL);
    expect(new URLSearchParams(none.body).has('searchHub')).toBe(false);
    const dbg = buildVariant(captured!, 'canary', { hub: 'X', debug: true }, 1000);
    expect(new URLSearchParams(dbg.body).get('debug')).toBe('true');
  });

  it('adds a canary hub in the body when the request names none', async () => {
    const e = keySearch();
    const body = JSON.parse(e.request.postData!.text!);
    delete body.searchHub;
    e.request.postData!.text = JSON.stringify(body);
    const { sent, report } = await probe(e, { '*': ok('default') });
    // No hub to remove, baseline on the default pipeline, no request pipeline: baseline and canary only.
    expect(sent.map((r) => r.variant)).toEqual(['baseline', 'canary']);
    expect(JSON.parse(sent[1]!.body).searchHub).toMatch(/^chi-canary-/);
    expect(report.outcome).toBe('held');
  });

  it('adds a pipeline override where the call names a pipeline or the baseline left the default pipeline', async () => {
    const named = await probe(keySearch({ pipeline: 'public-pipeline' }), { '*': ok('public-pipeline') });
    expect(named.sent.map((r) => r.variant)).toEqual(['baseline', 'canary', 'no-hub', 'pipeline']);
    expect(JSON.parse(named.sent[3]!.body).pipeline).toBe('default');
    const onDefault = await probe(keySearch({ pipeline: 'default' }), { '*': ok('default') });
    expect(onDefault.sent.map((r) => r.variant)).toEqual(['baseline', 'canary', 'no-hub', 'pipeline']);
    expect('pipeline' in JSON.parse(onDefault.sent[3]!.body)).toBe(false);
    expect(JSON.parse(onDefault.sent[0]!.body).pipeline).toBe('default');
  });

  it('puts debug on the canary only when asked, and shows what its executionReport says about routing', async () => {
    const executionReport = {
      children: [
        {
          name: 'ResolvePipeline',
          description: 'Resolve the query pipeline',
          result: { pipeline: 'public-pipeline', reason: 'condition searchHub is ACMEPublic' },
        },
        { name: 'PerformAuthentication', queryRestrictions: { searchHub: HUB } },
      ],
    };
    const { sent, report } = await probe(keySearch(), { '*': ok('public-pipeline'), canary: ok('public-pipeline', { executionReport }) }, { debug: true });
    expect(sent.filter((r) => JSON.parse(r.body).debug === true).map((r) => r.variant)).toEqual(['canary']);
    const c = report.variants.find((v) => v.name === 'canary')!;
    expect(c.detail).toContain('ResolvePipeline');
    expect(c.detail).toContain('condition searchHub is ACMEPublic');
    expect(c.detail).toContain('PerformAuthentication');
    const plain = await probe(keySearch(), { '*': ok('public-pipeline') });
    expect(plain.sent.some((r) => 'debug' in JSON.parse(r.body))).toBe(false);
  });
});

describe('probe eligibility', () => {
  it.each([
    [
      'a hub token without request pipeline (already enforced)',
      entry(SEARCH_URL, { bearer: searchToken({ searchHub: HUB }), json: { q: '', searchHub: HUB } }),
      false,
      /already enforced/,
    ],
    ['an API-key search', keySearch(), true, null],
    ['an API-key query suggestion', entry(QS_URL, { bearer: API_KEY, json: { q: 'a', searchHub: HUB } }), true, null],
    [
      'a facet search',
      entry(`https://acmeprod.org.coveo.com/rest/search/v2/facet`, { bearer: API_KEY, json: { field: 'f', searchContext: { searchHub: HUB } } }),
      false,
      /only search and query-suggestion/,
    ],
    ['a direct call without credential', entry(SEARCH_URL, { json: { q: '', searchHub: HUB } }), false, /no credential/],
    [
      'a proxied search without credential',
      entry('https://shop.example.test/proxy/rest/search/v2', { json: { q: '', searchHub: HUB, numberOfResults: 10, firstResult: 0 } }),
      true,
      null,
    ],
    ['a hub-less token', entry(SEARCH_URL, { bearer: searchToken(), json: { q: '', searchHub: HUB } }), true, null],
  ] as const)('%s', (_label, e, eligible, reason) => {
    const result = probeEligibility(callOf(e), e);
    expect(result.eligible).toBe(eligible);
    if (!result.eligible && reason) expect(result.reason).toMatch(reason);
    if (result.eligible) expect(result.origin).toMatch(/^https:\/\/[a-z.]+$/);
  });

  it('a hub token that names a pipeline is probed (routing may follow the request)', () => {
    const e = entry(SEARCH_URL, { bearer: searchToken({ searchHub: HUB }), json: { q: '', searchHub: HUB, pipeline: 'agent-pipeline' } });
    expect(probeEligibility(callOf(e), e).eligible).toBe(true);
  });
});

interface Case {
  name: string;
  entry?: () => HarEntryLike;
  answers: Record<string, Answer>;
  outcome: ProbeReport['outcome'];
  sent: string[];
  reason?: RegExp;
  advice?: RegExp;
}

const CASES: Case[] = [
  {
    name: 'unscoped key behind hub conditions: the canary lands on the default pipeline',
    answers: { baseline: ok('public-pipeline'), canary: ok('default'), 'no-hub': ok('default'), pipeline: ok('default') },
    outcome: 'routing-changed',
    sent: ['baseline', 'canary', 'no-hub', 'pipeline'],
    reason: /hub "chi-canary-\d+" reached pipeline "default", the captured request "public-pipeline"/,
  },
  {
    name: 'different pipelines per variant: only dropping the hub changes routing',
    answers: { baseline: ok('public-pipeline'), canary: ok('public-pipeline'), 'no-hub': ok('fallback'), pipeline: ok('public-pipeline') },
    outcome: 'routing-changed',
    sent: ['baseline', 'canary', 'no-hub', 'pipeline'],
    reason: /without a hub reached pipeline "fallback"/,
  },
  {
    name: 'only the request pipeline reroutes',
    answers: { '*': ok('public-pipeline'), pipeline: ok('default') },
    outcome: 'routing-changed',
    sent: ['baseline', 'canary', 'no-hub', 'pipeline'],
    reason: /pipeline "default" reached pipeline "default"/,
  },
  {
    name: 'scoped key that overrides the body hub: every variant held',
    answers: { '*': ok('public-pipeline') },
    outcome: 'held',
    sent: ['baseline', 'canary', 'no-hub', 'pipeline'],
    advice: /org audit|Admin Console/,
  },
  {
    name: 'scoped key that rejects another hub, twice, then answers again',
    answers: { baseline: ok('public-pipeline'), canary: status(403), 'canary-again': status(403), pipeline: ok('public-pipeline') },
    outcome: 'rejected',
    sent: ['baseline', 'canary', 'canary-again', 'pipeline'],
    reason: /refused two other hubs \(HTTP 403, HTTP 403\)/,
  },
  {
    name: 'errorsAsSuccess: 200 with a 403 in the body counts as a refusal',
    answers: {
      baseline: ok('public-pipeline'),
      canary: { status: 200, body: '{"statusCode":403,"message":"hub not allowed"}' },
      'canary-again': { status: 200, body: '{"statusCode":403}' },
      pipeline: ok('public-pipeline'),
    },
    outcome: 'rejected',
    sent: ['baseline', 'canary', 'canary-again', 'pipeline'],
    reason: /403 in the body/,
  },
  {
    name: 'refused once only: not a rejection',
    answers: { baseline: ok('public-pipeline'), canary: status(403), 'canary-again': ok('public-pipeline') },
    outcome: 'inconclusive',
    sent: ['baseline', 'canary', 'canary-again'],
  },
  {
    name: 'canary refused twice with 419 (the token expired mid-probe): never a rejection',
    answers: { baseline: ok('public-pipeline'), canary: status(419), 'canary-again': status(419), 'no-hub': status(419), pipeline: status(419) },
    outcome: 'inconclusive',
    sent: ['baseline', 'canary', 'no-hub', 'pipeline'],
  },
  {
    name: 'canary refused twice, then the credential is refused too: inconclusive',
    answers: { baseline: ok('public-pipeline'), canary: status(401), 'canary-again': status(401), pipeline: status(401) },
    outcome: 'inconclusive',
    sent: ['baseline', 'canary', 'canary-again', 'pipeline'],
    reason: /may be the credential's/,
  },
  {
    name: 'rate limited twice (429) is not a refusal',
    answers: { baseline: ok('public-pipeline'), canary: status(429), 'no-hub': ok('public-pipeline'), pipeline: ok('public-pipeline') },
    outcome: 'inconclusive',
    sent: ['baseline', 'canary', 'no-hub', 'pipeline'],
    reason: /canary failed/,
  },
  {
    name: 'baseline answer names no pipeline',
    answers: { baseline: ok(undefined), canary: ok(undefined), 'no-hub': ok(undefined) },
    outcome: 'inconclusive',
    sent: ['baseline', 'canary', 'no-hub'],
    reason: /names no pipeline/,
  },
  {
    name: 'a variant answer names no pipeline while the others hold',
    answers: { '*': ok('public-pipeline'), 'no-hub': ok(undefined) },
    outcome: 'inconclusive',
    sent: ['baseline', 'canary', 'no-hub', 'pipeline'],
    reason: /no-hub named no pipeline/,
  },
  {
    name: '200 with an error body on the baseline (expired token under errorsAsSuccess)',
    answers: { baseline: { status: 200, body: '{"statusCode":419,"message":"Expired token","type":"ExpiredTokenException"}' } },
    outcome: 'inconclusive',
    sent: ['baseline'],
    advice: /fresh HAR/,
  },
  {
    name: 'baseline refused (401)',
    answers: { baseline: status(401) },
    outcome: 'inconclusive',
    sent: ['baseline'],
    reason: /was refused/,
  },
  {
    name: 'baseline times out',
    answers: { baseline: timeout },
    outcome: 'inconclusive',
    sent: ['baseline'],
    reason: /timed out/,
  },
  {
    name: 'a variant times out while the others hold: not held',
    answers: { '*': ok('public-pipeline'), canary: timeout },
    outcome: 'inconclusive',
    sent: ['baseline', 'canary', 'no-hub', 'pipeline'],
    reason: /canary timeout/,
  },
  {
    name: 'a 500 on the canary is no refusal',
    answers: { '*': ok('public-pipeline'), canary: status(500) },
    outcome: 'inconclusive',
    sent: ['baseline', 'canary', 'no-hub', 'pipeline'],
  },
  {
    name: 'HTML instead of JSON with a 200',
    answers: { baseline: { status: 200, body: '<html>login</html>' }, '*': { status: 200, body: '<html>login</html>' } },
    outcome: 'inconclusive',
    sent: ['baseline', 'canary', 'no-hub'],
  },
  {
    name: 'the transport throws: no exception escapes',
    answers: {
      baseline: ok('public-pipeline'),
      canary: () => {
        throw new Error('ECONNRESET');
      },
      '*': ok('public-pipeline'),
    },
    outcome: 'inconclusive',
    sent: ['baseline', 'canary', 'no-hub', 'pipeline'],
  },
  {
    name: 'a hub token with a request pipeline that the request really routes by',
    entry: () => entry(SEARCH_URL, { bearer: searchToken({ searchHub: HUB }, NOW), json: { q: '', searchHub: HUB, pipeline: 'agent-pipeline' } }),
    answers: { '*': ok('agent-pipeline'), pipeline: ok('default') },
    outcome: 'routing-changed',
    sent: ['baseline', 'canary', 'no-hub', 'pipeline'],
  },
  {
    name: 'a hub token with a request pipeline that a condition on the token hub beats',
    entry: () => entry(SEARCH_URL, { bearer: searchToken({ searchHub: HUB }, NOW), json: { q: '', searchHub: HUB, pipeline: 'agent-pipeline' } }),
    answers: { '*': ok('public-pipeline') },
    outcome: 'held',
    sent: ['baseline', 'canary', 'no-hub', 'pipeline'],
  },
];

describe('probe outcomes', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const { report, sent } = await probe(c.entry ? c.entry() : keySearch(), c.answers);
    expect(report.outcome).toBe(c.outcome);
    expect(sent.map((r) => r.variant)).toEqual(c.sent);
    expect(report.requests).toBe(sent.length);
    expect(sent.length).toBeLessThanOrEqual(MAX_PROBE_REQUESTS);
    if (c.reason) expect(report.reason).toMatch(c.reason);
    if (c.advice) expect(report.advice).toMatch(c.advice);
    if (report.outcome === 'inconclusive') expect(report.advice).toBeTruthy();
    expect(report.origin).toMatch(/^https:\/\//);
    expect(JSON.stringify(report)).not.toContain(API_KEY);
  });

  it('sends nothing for a token that has already expired, and says what to do', async () => {
    const e = entry(SEARCH_URL, { bearer: searchToken({}, T0), json: { q: '', searchHub: HUB } });
    const { report, sent } = await probe(e, { '*': ok('x') }, { now: T0 + 3 * 86400_000 });
    expect(sent).toHaveLength(0);
    expect(report.requests).toBe(0);
    expect(report.outcome).toBe('inconclusive');
    expect(report.reason).toMatch(/expired/);
    expect(report.advice).toMatch(/fresh HAR/);
  });

  it('never sends more than 4 requests, whatever Coveo answers', async () => {
    const palette: ProbeResponse[] = [
      ok('a'),
      ok('b'),
      ok(undefined),
      status(403),
      status(419),
      status(429),
      status(500),
      timeout,
      { status: 200, body: '{"statusCode":403}' },
    ];
    const names = ['baseline', 'canary', 'canary-again', 'no-hub', 'pipeline', 'baseline-again'];
    let seed = 7;
    for (let i = 0; i < 300; i++) {
      const answers: Record<string, Answer> = {};
      for (const n of names) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        answers[n] = palette[seed % palette.length]!;
      }
      const { report, sent } = await probe(keySearch(i % 2 ? { pipeline: 'p' } : {}), answers);
      expect(sent.length).toBeLessThanOrEqual(4);
      // Enforced evidence only from two refusals of other hubs and a success after them.
      if (report.outcome === 'rejected') {
        expect(report.variants.filter((v) => v.name.startsWith('canary')).every((v) => v.result === 'refused')).toBe(true);
        const last = report.variants[report.variants.length - 1]!;
        expect(['routed', 'no-pipeline']).toContain(last.result);
      }
      if (report.outcome === 'held') expect(report.variants.every((v) => v.result === 'routed' && v.responsePipeline === report.baselinePipeline)).toBe(true);
    }
  });
});

describe('classifyResponse', () => {
  it.each([
    [ok('p'), 'routed', 'p'],
    [ok(''), 'no-pipeline', null],
    [{ status: 200, body: '{"pipeline": 42}' }, 'no-pipeline', null],
    [{ status: 200, body: '{"statusCode":419}' }, 'expired', null],
    [{ status: 401, body: '{"message":"Expired token"}' }, 'expired', null],
    [status(400), 'refused', null],
    [status(408), 'failed', null],
    [status(503), 'failed', null],
    [{ status: 200, body: '[1,2]' }, 'no-pipeline', null],
    [{ status: 200, body: '{"pipeline":"p"' }, 'no-pipeline', null],
    [{ error: 'network', message: 'ECONNREFUSED' }, 'failed', null],
  ] as const)('%j → %s', (res, result, pipeline) => {
    const c = classifyResponse(res as ProbeResponse);
    expect(c.result).toBe(result);
    expect(c.pipeline).toBe(pipeline);
  });
});

describe('applying a probe', () => {
  async function applied(answers: Record<string, Answer>, entries: HarEntryLike[] = [keySearch(), keySearch()]) {
    const calls = entries.map((e, i) => callOf(e, `c${i}`));
    const { send } = fakeSend(answers);
    const byId = new Map(calls.map((c, i) => [c.id, entries[i]!]));
    const p = await runProbe({ entry: entries[0]!, call: calls[0]!, calls, entryOf: (c) => byId.get(c.id) ?? null, send, canary, now: () => NOW });
    return { p, calls: applyProbe(calls, p), before: calls };
  }

  it('routing-changed: unenforced, with the error rule naming both pipelines, on every call with the same credential and endpoint', async () => {
    const other = entry(SEARCH_URL, { bearer: 'xx11111111-2222-4333-8444-555555555555', json: { q: '', searchHub: HUB } });
    const { p, calls } = await applied({ baseline: ok('public-pipeline'), '*': ok('default') }, [keySearch(), keySearch(), other]);
    expect(p.appliesTo).toEqual(['c0', 'c1']);
    for (const c of calls.slice(0, 2)) {
      expect(c.verdict).toBe('unenforced');
      const f = c.findings.find((x) => x.rule === 'probe-routing-changed');
      expect(f?.severity).toBe('error');
      expect(f?.message).toContain('"default"');
      expect(f?.message).toContain('"public-pipeline"');
      expect(c.probe?.outcome).toBe('routing-changed');
    }
    expect(calls[2]!.probe).toBeUndefined();
    expect(calls[2]!.verdict).toBe('unverifiable');
    const report = buildReport([{ source: { name: 'x', entries: 3, coveoCalls: 3, malformed: [] }, calls }]);
    expect(report.summary.verdict).toBe('fail');
  });

  it('held: stays unverifiable, with the info finding; never enforced', async () => {
    const { calls, before } = await applied({ '*': ok('public-pipeline') });
    for (const [i, c] of calls.entries()) {
      expect(c.verdict).toBe(before[i]!.verdict);
      expect(c.verdict).toBe('unverifiable');
      expect(c.findings.find((x) => x.rule === 'probe-held')?.severity).toBe('info');
    }
  });

  it('rejected: enforced, with the evidence in the reason', async () => {
    const { calls } = await applied({ baseline: ok('public-pipeline'), canary: status(403), 'canary-again': status(403), '*': ok('public-pipeline') });
    expect(calls[0]!.verdict).toBe('enforced');
    expect(calls[0]!.verdictReason).toMatch(/Routing probe: .*refused two other hubs/);
  });

  it('inconclusive: nothing changes but the probe object', async () => {
    const { calls, before } = await applied({ baseline: timeout });
    expect(calls[0]!.verdict).toBe(before[0]!.verdict);
    expect(calls[0]!.findings).toEqual(before[0]!.findings);
    expect(calls[0]!.probe?.outcome).toBe('inconclusive');
  });

  it('a call that names another request pipeline is not covered by the probe of one that names none', async () => {
    const { p } = await applied({ '*': ok('public-pipeline') }, [keySearch(), keySearch({ pipeline: 'agent-pipeline' })]);
    expect(p.appliesTo).toEqual(['c0']);
  });

  it('is shown in JSON (additive, ordered), text and Markdown, without the credential', async () => {
    const { calls } = await applied({ baseline: ok('public-pipeline'), '*': ok('default') });
    const report = buildReport([{ source: { name: 'page.har', entries: 2, coveoCalls: 2, malformed: [] }, calls }]);
    const json = JSON.parse(renderJson(report));
    expect(Object.keys(json.calls[0]).slice(-2)).toEqual(['notes', 'probe']);
    expect(Object.keys(json.calls[0].probe)).toEqual([
      'outcome',
      'reason',
      'advice',
      'origin',
      'endpoint',
      'credential',
      'probedCall',
      'appliesTo',
      'sentAt',
      'requests',
      'baselinePipeline',
      'variants',
    ]);
    expect(json.calls[0].probe.credential).toBe('xx56…4457');
    const text = renderText(report);
    expect(text).toMatch(/probe\s+routing-changed: /);
    expect(text).toMatch(/canary\s+hub=chi-canary-\d+ -> 200 routed pipeline=default/);
    const md = renderMarkdown(report);
    expect(md).toContain('## Routing probe');
    expect(md.match(/\*\*❌ routing-changed\*\*/g)).toHaveLength(1);
    expect(md).toContain('| baseline | ACMEPublic |');
    for (const out of [renderJson(report), text, md]) expect(out).not.toContain(API_KEY);
    // A report without a probe has no probe key and no probe section.
    const plain = buildReport([{ source: { name: 'p', entries: 1, coveoCalls: 1, malformed: [] }, calls: [callOf(keySearch())] }]);
    expect('probe' in JSON.parse(renderJson(plain)).calls[0]).toBe(false);
    expect(renderMarkdown(plain)).not.toContain('Routing probe');
  });
});
