import { request } from 'node:https';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ANALYTICS_HOST,
  ORG_HOST,
  PAGE_API_KEY,
  PLATFORM_HOST,
  SCOPED_API_KEY,
  SHOP_HOST,
  makeRouting,
  mintSearchToken,
  routeQuery,
  startWorld,
  type World,
} from './server.mjs';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: the tests read the world's JSON answers field by field
  json: () => any;
}

let world: World;

/** Sends a request to the world as if `host` resolved to it (the test certificate is self-signed). */
function send(host: string, path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: world.port,
        servername: host,
        rejectUnauthorized: false,
        method: opts.method ?? (opts.body === undefined ? 'GET' : 'POST'),
        path,
        headers: { host, ...(opts.headers ?? {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
        });
      },
    );
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

function searchJson(credential: string | null, body: Record<string, unknown>, path = '/rest/search/v2?organizationId=acmeprod') {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (credential) headers.authorization = `Bearer ${credential}`;
  return send(ORG_HOST, path, { headers, body: JSON.stringify(body) });
}

beforeAll(async () => {
  world = await startWorld({ port: 0 });
});
afterAll(async () => {
  await world?.close();
});

describe('Coveo stand-in routing', () => {
  it("routes by the token's searchHub claim, ignoring the body hub", async () => {
    const token = await mintSearchToken({ searchHub: 'ACMEPublic' });
    const res = await searchJson(token, { q: 'trail', searchHub: 'AgentPanel' });
    expect(res.status).toBe(200);
    expect(res.json().pipeline).toBe('public-pipeline');
  });

  it('routes by the body hub when the token has no hub claim', async () => {
    const token = await mintSearchToken({});
    const res = await searchJson(token, { q: 'trail', searchHub: 'AgentPanel' });
    expect(res.status).toBe(200);
    expect(res.json().pipeline).toBe('agent-pipeline');
    const none = await searchJson(token, { q: 'trail' });
    expect(none.json().pipeline).toBe('default');
  });

  it('lets a pipeline claim override the body', async () => {
    const token = await mintSearchToken({ pipeline: 'public-pipeline' });
    const res = await searchJson(token, { searchHub: 'AgentPanel', pipeline: 'agent-pipeline' });
    expect(res.json().pipeline).toBe('public-pipeline');
  });

  it('reads form-urlencoded bodies and the facet search context hub', async () => {
    const form = new URLSearchParams({ q: 'trail', searchHub: 'AgentPanel', access_token: PAGE_API_KEY });
    const res = await send('platform.cloud.coveo.com', '/rest/search/v2?organizationId=acmeprod', {
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' },
      body: form.toString(),
    });
    expect(res.status).toBe(200);
    expect(res.json().pipeline).toBe('agent-pipeline');

    const token = await mintSearchToken({});
    const facet = await searchJson(
      token,
      { field: 'source', query: '*help*', searchContext: { searchHub: 'AgentPanel', q: '' } },
      '/rest/search/v2/facet?organizationId=acmeprod',
    );
    expect(facet.status).toBe(200);
    const values = facet.json().values as { rawValue: string }[];
    expect(values.map((v) => v.rawValue)).toEqual(['Help Center']);
  });

  it('answers facets and query suggestions in the shapes the clients read', async () => {
    const token = await mintSearchToken({ searchHub: 'ACMEPublic' });
    const res = await searchJson(token, { q: '', facets: [{ facetId: 'src', field: 'source' }] });
    const body = res.json();
    expect(body.totalCount).toBeGreaterThan(0);
    expect(body.results[0]).toMatchObject({ title: expect.any(String), uniqueId: expect.any(String), clickUri: expect.any(String) });
    expect(body.facets[0].facetId).toBe('src');
    // The public pipeline hides agent-only content.
    expect(body.facets[0].values.map((v: { value: string }) => v.value)).not.toContain('Agent Knowledge');
    const qs = await searchJson(token, { q: 'tra' }, '/rest/search/v2/querySuggest?organizationId=acmeprod');
    expect(qs.json().completions[0]).toMatchObject({ expression: expect.stringMatching(/^tra/), executableConfidence: 1 });
  });
});

describe('credentials', () => {
  it('answers 401 without a credential and 419 for an expired token', async () => {
    expect((await searchJson(null, { q: 'x' })).status).toBe(401);
    expect((await searchJson('not-a-key', { q: 'x' })).status).toBe(401);
    const expired = await mintSearchToken({ searchHub: 'ACMEPublic', expired: true });
    const res = await searchJson(expired, { q: 'x' });
    expect(res.status).toBe(419);
    expect(res.json().statusCode).toBe(419);
  });

  it('accepts the analytics beacon form with access_token in the URL', async () => {
    const token = await mintSearchToken({ searchHub: 'ACMEPublic' });
    const ok = await send(ANALYTICS_HOST, `/rest/v15/analytics/click?access_token=${token}`, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'clickEvent=%7B%7D',
    });
    expect(ok.status).toBe(200);
    const denied = await send(ANALYTICS_HOST, '/rest/ua/v15/analytics/search', { body: '{}' });
    expect(denied.status).toBe(401);
  });

  it('mints scenario credentials shaped like Coveo search tokens', async () => {
    const res = await send(SHOP_HOST, '/api/credential?scenario=token-mismatch');
    const cfg = res.json();
    expect(cfg.searchHub).toBe('AgentPanel');
    const [header, payload] = (cfg.accessToken as string).split('.');
    expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toEqual({ alg: 'HS256' });
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    expect(claims).toMatchObject({ v8: true, organization: 'acmeprod', roles: ['queryExecutor'], searchHub: 'ACMEPublic' });
    expect(claims.exp - claims.iat).toBe(86400);
    const key = (await send(SHOP_HOST, '/api/credential?scenario=api-key')).json();
    expect(key.accessToken).toMatch(/^xx[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect((await send(SHOP_HOST, '/api/credential?scenario=nope')).status).toBe(400);
  });
});

describe('CORS and the shop proxy', () => {
  it('answers preflights with CORS headers echoing the origin', async () => {
    const res = await send(ORG_HOST, '/rest/search/v2?organizationId=acmeprod', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://shop.example.test',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('https://shop.example.test');
    expect(res.headers['access-control-allow-credentials']).toBe('true');
    const allowed = String(res.headers['access-control-allow-headers']).split(/,\s*/);
    expect(allowed).toEqual(expect.arrayContaining(['authorization', 'content-type']));
  });

  it('forwards /proxy/rest/search/v2 without a browser credential, routing by the body hub', async () => {
    const res = await send(SHOP_HOST, '/proxy/rest/search/v2?organizationId=acmeprod', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ q: 'trail', searchHub: 'AgentPanel' }),
    });
    expect(res.status).toBe(200);
    expect(res.json().pipeline).toBe('agent-pipeline');
    const qs = await send(SHOP_HOST, '/proxy/rest/search/v2/querySuggest', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ q: 'tr' }),
    });
    expect(qs.status).toBe(200);
    expect(Array.isArray(qs.json().completions)).toBe(true);
  });
});

describe('routing precedence (token pipeline > request pipeline > hub conditions > default)', () => {
  const qsUrl = '/rest/search/v2?organizationId=acmeprod';
  afterEach(() => world.setRouting());

  it('a token pipeline claim wins over a request pipeline, the body hub and the hub claim', async () => {
    const token = await mintSearchToken({ pipeline: 'public-pipeline', searchHub: 'AgentPanel' });
    const res = await searchJson(token, { searchHub: 'AgentPanel', pipeline: 'agent-pipeline' });
    expect(res.json().pipeline).toBe('public-pipeline');
  });

  it('a request pipeline (JSON body, form body, URL query) routes a hub-less token, an API key and the proxy', async () => {
    const token = await mintSearchToken({});
    expect((await searchJson(token, { searchHub: 'ACMEPublic', pipeline: 'agent-pipeline' })).json().pipeline).toBe('agent-pipeline');
    expect((await searchJson(token, { searchHub: 'ACMEPublic' }, `${qsUrl}&pipeline=internal-pipeline`)).json().pipeline).toBe('internal-pipeline');
    const form = new URLSearchParams({ actionsHistory: '[]', searchHub: 'ACMEPublic', pipeline: 'agent-pipeline', access_token: PAGE_API_KEY });
    const viaForm = await send(PLATFORM_HOST, qsUrl, {
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' },
      body: form.toString(),
    });
    expect(viaForm.json().pipeline).toBe('agent-pipeline');
    const proxied = await send(SHOP_HOST, `/proxy${qsUrl}`, {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ searchHub: 'ACMEPublic', pipeline: 'agent-pipeline' }),
    });
    expect(proxied.json().pipeline).toBe('agent-pipeline');
  });

  it('a hub claim beats a request pipeline only when some condition names that hub', async () => {
    const named = await mintSearchToken({ searchHub: 'ACMEPublic' });
    expect((await searchJson(named, { pipeline: 'agent-pipeline' })).json().pipeline).toBe('public-pipeline');
    // No condition names 'Kiosk': the claim lands on the default pipeline, and a request pipeline reroutes it.
    const unnamed = await mintSearchToken({ searchHub: 'Kiosk' });
    expect((await searchJson(unnamed, { searchHub: 'Kiosk' })).json().pipeline).toBe('default');
    expect((await searchJson(unnamed, { searchHub: 'Kiosk', pipeline: 'agent-pipeline' })).json().pipeline).toBe('agent-pipeline');
  });

  it('evaluates conditions in order (first match wins) and the configuration is settable per world', async () => {
    world.setRouting({
      pipelines: [
        { name: 'kiosk-pipeline', conditions: [{ searchHub: 'Kiosk', tab: 'all' }] },
        { name: 'first', conditions: [{ searchHub: 'Kiosk' }] },
        { name: 'second', conditions: [{ searchHub: 'Kiosk' }] },
      ],
      defaultPipeline: 'Default',
    });
    const token = await mintSearchToken({ searchHub: 'Kiosk' });
    expect((await searchJson(token, { tab: 'all' })).json().pipeline).toBe('kiosk-pipeline');
    expect((await searchJson(token, { tab: 'other' })).json().pipeline).toBe('first');
    // Now a condition names the claim's hub: the request pipeline no longer reroutes it.
    expect((await searchJson(token, { pipeline: 'second' })).json().pipeline).toBe('first');
    expect((await searchJson(await mintSearchToken({}), { searchHub: 'ACMEPublic' })).json().pipeline).toBe('Default');
    expect(world.routing.defaultPipeline).toBe('Default');
  });

  it('API keys: a hub-scoped key overrides the body hub, or rejects it when the world says so; an unscoped key does not', async () => {
    expect((await searchJson(SCOPED_API_KEY, { searchHub: 'AgentPanel' })).json().pipeline).toBe('public-pipeline');
    expect((await searchJson(PAGE_API_KEY, { searchHub: 'AgentPanel' })).json().pipeline).toBe('agent-pipeline');
    world.setRouting({ scopedKeyMismatch: 'reject' });
    const rejected = await searchJson(SCOPED_API_KEY, { searchHub: 'AgentPanel' });
    expect(rejected.status).toBe(403);
    expect(rejected.json()).toMatchObject({ statusCode: 403 });
    expect((await searchJson(SCOPED_API_KEY, { searchHub: 'ACMEPublic' })).status).toBe(200);
    // A key the world adds, scoped to another hub.
    world.setRouting({ apiKeys: { 'xx11111111-2222-4333-8444-555555555555': { searchHub: 'AgentPanel' } } });
    expect((await searchJson('xx11111111-2222-4333-8444-555555555555', { searchHub: 'ACMEPublic' })).json().pipeline).toBe('agent-pipeline');
  });

  it('debug: true adds an executionReport; errorsAsSuccess=1 answers refusals with 200 and the status in the body', async () => {
    const token = await mintSearchToken({ searchHub: 'ACMEPublic' });
    const res = (await searchJson(token, { debug: true, pipeline: 'agent-pipeline' })).json();
    const steps = res.executionReport.children as { name: string; result: Record<string, unknown> }[];
    expect(steps.find((c) => c.name === 'ResolvePipeline')?.result).toMatchObject({ pipeline: 'public-pipeline', reason: 'condition' });
    expect(steps.find((c) => c.name === 'PerformAuthentication')?.result).toMatchObject({ queryRestrictions: { searchHub: 'ACMEPublic' } });
    expect((await searchJson(token, { q: '' })).json().executionReport).toBeUndefined();
    const expired = await mintSearchToken({ searchHub: 'ACMEPublic', expired: true });
    const eas = await searchJson(expired, { q: '' }, `${qsUrl}&errorsAsSuccess=1`);
    expect(eas.status).toBe(200);
    expect(eas.json()).toMatchObject({ statusCode: 419 });
  });

  it('routeQuery is the same decision outside the server (for tests that need no HTTP)', () => {
    const routing = makeRouting();
    expect(routeQuery({ routing, claims: { searchHub: 'ACMEPublic' }, requestPipeline: 'agent-pipeline' })).toMatchObject({
      pipeline: 'public-pipeline',
      reason: 'condition',
    });
    expect(routeQuery({ routing, claims: { searchHub: '' }, requestHub: 'AgentPanel' })).toMatchObject({ pipeline: 'agent-pipeline' });
    expect(routeQuery({ routing, requestPipeline: 'no-such-pipeline', requestHub: 'ACMEPublic' })).toMatchObject({ pipeline: 'public-pipeline' });
  });
});

describe('scenario pages added for issue 9', () => {
  it('relays /proxy-api/search (a path without /rest/) like /proxy/rest/search/v2, and mints the scenarios', async () => {
    const res = await send(SHOP_HOST, '/proxy-api/search?organizationId=acmeprod', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ q: 'trail', searchHub: 'ACMEPublic' }),
    });
    expect(res.status).toBe(200);
    expect(res.json().pipeline).toBe('public-pipeline');
    const qs = await send(SHOP_HOST, '/proxy-api/search/querySuggest', { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ q: 'tr' }) });
    expect(Array.isArray(qs.json().completions)).toBe(true);
    const long = (await send(SHOP_HOST, '/api/credential?scenario=proxy-long-history')).json();
    expect(long).toMatchObject({ proxy: true, searchProxyPath: '/proxy-api/search', historyEntries: 20, fieldsToInclude: 60 });
    const piped = (await send(SHOP_HOST, '/api/credential?scenario=token-hub-pipeline')).json();
    expect(piped.pipeline).toBe('agent-pipeline');
    expect(JSON.parse(Buffer.from(String(piped.accessToken).split('.')[1]!, 'base64url').toString()).searchHub).toBe('ACMEPublic');
    expect((await send(SHOP_HOST, '/api/credential?scenario=api-key-scoped')).json().accessToken).toBe(SCOPED_API_KEY);
  });
});
