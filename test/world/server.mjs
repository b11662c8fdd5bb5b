// The test world: one HTTPS server that plays Coveo (any *.coveo.com host) and a demo shop
// (shop.example.test) whose pages run the real Coveo clients. Test-only code; see README.md.
import https from 'node:https';
import { readFileSync, existsSync, statSync, createReadStream } from 'node:fs';
import { dirname, join, normalize, extname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { buildPages, BUILD_DIR } from './build-pages.mjs';

export { buildPages };

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const PAGES_DIR = join(HERE, 'pages');
const NODE_MODULES = join(ROOT, 'node_modules');

export const ORG = 'acmeprod';
export const SHOP_HOST = 'shop.example.test';
export const PLATFORM_HOST = 'platform.cloud.coveo.com';
export const ORG_HOST = `${ORG}.org.coveo.com`;
export const ANALYTICS_HOST = `${ORG}.analytics.org.coveo.com`;
/** The API key the `api-key` scenario exposes in the page (test value, not a real key). */
export const PAGE_API_KEY = 'xx7c3e9a51-2b4d-4f6e-8a1c-0d9e8f7a6b5c';
/** The API key the shop's proxy adds server-side (never reaches the browser). */
export const PROXY_API_KEY = 'xx0a1b2c3d-4e5f-4a6b-9c7d-8e9f0a1b2c3d';
/** An API key whose scope is limited to the hub `ACMEPublic` (the `api-key-scoped` scenario exposes it). */
export const SCOPED_API_KEY = 'xx5e8d2c4b-9a7f-4b3e-8d1c-2f6a0b9c8e7d';
/** HS256 signing secret of the stand-in's search tokens (test value). */
const TOKEN_SECRET = new TextEncoder().encode('coveo-hub-inspector test world signing secret');

export const SCENARIOS = [
  'token-hub',
  'token-nohub',
  'token-pipeline',
  'token-expired',
  'token-mismatch',
  'api-key',
  'api-key-scoped',
  'proxy',
  'token-hub-pipeline',
  'proxy-long-history',
];

// ---------------------------------------------------------------------------------------------
// Routing like Coveo (docs.coveo.com/en/1666, /en/3296; ../shared/domain/coveo.md "Routing precedence")

/**
 * The default routing configuration of a world: pipelines in evaluation order, each with conditions (a condition
 * matches when every field it names equals the request's: `searchHub`, `tab`), the default pipeline, and the API
 * keys Coveo knows with their scope (`searchHub`: the key's "Limit the API key scope" hub, or none).
 * `scopedKeyMismatch` says what a hub-scoped key does with a different body hub: `'override'` (routes by the
 * key's hub silently, the default) or `'reject'` (answers 403).
 */
export const DEFAULT_ROUTING = Object.freeze({
  pipelines: [
    { name: 'agent-pipeline', conditions: [{ searchHub: 'AgentPanel' }] },
    { name: 'public-pipeline', conditions: [{ searchHub: 'ACMEPublic' }] },
    { name: 'internal-pipeline', conditions: [] },
  ],
  defaultPipeline: 'default',
  apiKeys: {
    [PAGE_API_KEY]: {},
    [PROXY_API_KEY]: {},
    [SCOPED_API_KEY]: { searchHub: 'ACMEPublic' },
  },
  scopedKeyMismatch: 'override',
});

/** Fills a partial routing configuration from the defaults (`apiKeys` merge; the other fields replace). */
export function makeRouting(partial = {}) {
  return {
    pipelines: partial.pipelines ?? DEFAULT_ROUTING.pipelines,
    defaultPipeline: partial.defaultPipeline ?? DEFAULT_ROUTING.defaultPipeline,
    apiKeys: { ...DEFAULT_ROUTING.apiKeys, ...(partial.apiKeys ?? {}) },
    scopedKeyMismatch: partial.scopedKeyMismatch ?? DEFAULT_ROUTING.scopedKeyMismatch,
  };
}

const nonEmpty = (v) => (typeof v === 'string' && v !== '' ? v : undefined);

/** The first pipeline (in order) with a condition matching `facts` (`{ searchHub, tab }`), else undefined. */
function conditionMatch(routing, facts) {
  for (const p of routing.pipelines) {
    for (const c of p.conditions || []) {
      const keys = Object.keys(c);
      if (keys.length && keys.every((k) => facts[k] !== undefined && facts[k] === c[k])) return p.name;
    }
  }
  return undefined;
}

/** Whether some pipeline has a condition naming this hub. */
function someConditionNamesHub(routing, hub) {
  return routing.pipelines.some((p) => (p.conditions || []).some((c) => c.searchHub === hub));
}

/**
 * Decides where a query goes, like Coveo: a token `pipeline` claim wins over everything; then the request's
 * `pipeline` (unless the credential enforces a hub that some condition names); then conditions in order (first
 * match); else the default pipeline. A hub-scoped API key enforces its hub (overrides, or rejects a different
 * body hub when `scopedKeyMismatch` is `'reject'`).
 * Returns `{ pipeline, hub, reason, restrictions }` or `{ rejected: { status, body } }`.
 * @param {{ routing: any, claims?: Record<string, unknown>, keyScope?: { searchHub?: string } | null,
 *   requestHub?: string, requestPipeline?: string, tab?: string }} q
 */
export function routeQuery({ routing, claims = {}, keyScope = null, requestHub, requestPipeline, tab }) {
  const restrictions = {};
  const claimPipeline = nonEmpty(claims.pipeline);
  const claimHub = nonEmpty(claims.searchHub);
  const keyHub = keyScope ? nonEmpty(keyScope.searchHub) : undefined;
  if (keyHub && requestHub !== undefined && requestHub !== keyHub && routing.scopedKeyMismatch === 'reject') {
    return {
      rejected: {
        status: 403,
        body: {
          statusCode: 403,
          message: `This API key is restricted to the search hub '${keyHub}'.`,
          type: 'InvalidSearchHubException',
        },
      },
    };
  }
  const enforcedHub = claimHub ?? keyHub;
  const hub = enforcedHub ?? requestHub;
  if (enforcedHub) restrictions.searchHub = enforcedHub;
  if (claimPipeline) {
    restrictions.pipeline = claimPipeline;
    return { pipeline: claimPipeline, hub, reason: 'token-pipeline', restrictions };
  }
  const known = (name) => name === routing.defaultPipeline || routing.pipelines.some((p) => p.name === name);
  if (requestPipeline && known(requestPipeline)) {
    if (!(enforcedHub && someConditionNamesHub(routing, enforcedHub))) {
      return { pipeline: requestPipeline, hub, reason: 'request-pipeline', restrictions };
    }
  }
  const matched = conditionMatch(routing, { searchHub: hub, tab });
  if (matched) return { pipeline: matched, hub, reason: 'condition', restrictions };
  return { pipeline: routing.defaultPipeline, hub, reason: 'default', restrictions };
}

/** The pipeline the default routing's conditions choose for a hub (no request pipeline, no claims). */
export function pipelineForHub(hub) {
  return routeQuery({ routing: DEFAULT_ROUTING, requestHub: hub }).pipeline;
}

/** Mints a search token like Coveo's `/rest/search/v2/token` does (HS256, header without `typ`). */
export async function mintSearchToken({ searchHub, pipeline, expired = false, user = 'shopper@example.test' } = {}) {
  const now = Math.floor(Date.now() / 1000);
  const iat = expired ? now - 2 * 86400 : now;
  const claims = {
    v8: true,
    organization: ORG,
    userIds: [{ name: user, provider: 'Email Security Provider', type: 'User' }],
    roles: ['queryExecutor'],
  };
  if (searchHub) claims.searchHub = searchHub;
  if (pipeline) claims.pipeline = pipeline;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt(iat)
    .setExpirationTime(iat + 86400)
    .sign(TOKEN_SECRET);
}

/** What `/api/credential?scenario=` returns: the page's configuration, minted server-side. */
export async function scenarioConfig(scenario, { renew = false } = {}) {
  const base = { scenario, organizationId: ORG, searchHub: 'ACMEPublic' };
  switch (scenario) {
    case 'token-hub':
      return { ...base, accessToken: await mintSearchToken({ searchHub: 'ACMEPublic' }) };
    case 'token-nohub':
      return { ...base, accessToken: await mintSearchToken({}) };
    case 'token-pipeline':
      return { ...base, accessToken: await mintSearchToken({ pipeline: 'public-pipeline' }) };
    case 'token-expired':
      // The first credential is expired; the page's renewAccessToken asks again with renew=1.
      return { ...base, accessToken: await mintSearchToken({ searchHub: 'ACMEPublic', expired: !renew }) };
    case 'token-mismatch':
      return { ...base, searchHub: 'AgentPanel', accessToken: await mintSearchToken({ searchHub: 'ACMEPublic' }) };
    case 'api-key':
      return { ...base, accessToken: PAGE_API_KEY };
    case 'api-key-scoped':
      return { ...base, accessToken: SCOPED_API_KEY };
    case 'proxy':
      return { ...base, accessToken: '', proxy: true };
    case 'token-hub-pipeline':
      // The page's own code names a pipeline beside a token with a hub claim (search "interface-enforced" routing).
      return { ...base, pipeline: 'agent-pipeline', accessToken: await mintSearchToken({ searchHub: 'ACMEPublic' }) };
    case 'proxy-long-history':
      // Through the proxy, with 20 entries of actions history and 60 fields to include before the hub.
      // The search proxy sits at a path with no `/rest/` in it, so only the body says it is a Coveo search.
      return { ...base, accessToken: '', proxy: true, searchProxyPath: '/proxy-api/search', historyEntries: 20, fieldsToInclude: 60 };
    default:
      return null;
  }
}

// ---------------------------------------------------------------------------------------------
// HTTP helpers

function send(res, status, body, headers = {}) {
  const isString = typeof body === 'string' || Buffer.isBuffer(body);
  const payload = body === undefined ? '' : isString ? body : JSON.stringify(body);
  const h = { ...headers };
  if (!isString && body !== undefined && !h['content-type']) h['content-type'] = 'application/json; charset=utf-8';
  res.writeHead(status, h);
  res.end(payload);
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const JSON_FORM_FIELDS = new Set([
  'facets',
  'groupBy',
  'categoryFacets',
  'context',
  'actionsHistory',
  'analytics',
  'facetOptions',
  'commerce',
  'dictionaryFieldContext',
  'queryFunctions',
  'rankingFunctions',
  'userActions',
  'fieldsToInclude',
  'fieldsToExclude',
  'searchContext',
  'clickEvent',
  'customEvent',
  'searchEvent',
  'viewEvent',
]);

/** Parses a JSON or form-urlencoded body into `{ data, form }` (form fields that hold JSON are decoded). */
export function parseBody(text, contentType = '') {
  const trimmed = text.trim();
  if (!trimmed) return { data: {}, form: false };
  const looksJson = trimmed.startsWith('{') || trimmed.startsWith('[');
  if (contentType.includes('json') || (looksJson && !contentType.includes('form'))) {
    try {
      return { data: JSON.parse(trimmed), form: false };
    } catch {
      return { data: {}, form: false };
    }
  }
  const data = {};
  for (const [k, v] of new URLSearchParams(trimmed)) {
    let value = v;
    if (JSON_FORM_FIELDS.has(k) || /^[[{]/.test(v)) {
      try {
        value = JSON.parse(v);
      } catch {
        value = v;
      }
    }
    data[k] = value;
  }
  return { data, form: true };
}

function corsHeaders(req) {
  const origin = req.headers.origin;
  const h = { vary: 'Origin' };
  if (origin) {
    h['access-control-allow-origin'] = origin;
    h['access-control-allow-credentials'] = 'true';
  } else {
    h['access-control-allow-origin'] = '*';
  }
  return h;
}

function preflight(req, res) {
  const requested = String(req.headers['access-control-request-headers'] || '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const allowed = new Set(['authorization', 'content-type', ...requested]);
  send(res, 204, undefined, {
    ...corsHeaders(req),
    'access-control-allow-methods': 'GET, POST, PUT, DELETE, OPTIONS',
    'access-control-allow-headers': [...allowed].join(', '),
    'access-control-max-age': '0',
  });
}

// ---------------------------------------------------------------------------------------------
// Credentials

/** Finds the credential the way the Search API does: Authorization header, `access_token` URL param, form field. */
export function findCredential(req, url, body) {
  const auth = req.headers.authorization;
  if (typeof auth === 'string') {
    const m = /^Bearer\s+(.+)$/i.exec(auth.trim());
    if (m && m[1]) return { value: m[1].trim(), location: 'header' };
  }
  const q = url.searchParams.get('access_token');
  if (q) return { value: q, location: 'query' };
  if (body && typeof body.access_token === 'string' && body.access_token) {
    return { value: body.access_token, location: 'body' };
  }
  return null;
}

/**
 * Checks a credential: `{ ok: true, kind, claims }` or `{ ok: false, status, body }` (401 unknown / 419 expired).
 */
export async function checkCredential(value, routing = DEFAULT_ROUTING) {
  if (Object.prototype.hasOwnProperty.call(routing.apiKeys, value)) {
    return { ok: true, kind: 'apiKey', claims: {}, keyScope: routing.apiKeys[value] || {} };
  }
  if (value.split('.').length === 3) {
    try {
      const { payload } = await jwtVerify(value, TOKEN_SECRET, { algorithms: ['HS256'] });
      return { ok: true, kind: 'searchToken', claims: payload };
    } catch (e) {
      if (e instanceof joseErrors.JWTExpired) {
        return {
          ok: false,
          status: 419,
          body: { statusCode: 419, message: 'Expired token', type: 'ExpiredTokenException' },
        };
      }
    }
  }
  return {
    ok: false,
    status: 401,
    body: { statusCode: 401, message: 'Invalid token', type: 'InvalidTokenException' },
  };
}

const MISSING_CREDENTIAL = {
  statusCode: 401,
  message: 'No access token was provided.',
  type: 'InvalidTokenException',
};

// ---------------------------------------------------------------------------------------------
// Coveo stand-in responses

const CATALOG = [
  { title: 'Trail running shoes', source: 'Catalog', filetype: 'html' },
  { title: 'Waterproof hiking jacket', source: 'Catalog', filetype: 'html' },
  { title: 'Returns and refunds policy', source: 'Help Center', filetype: 'html' },
  { title: 'How to size a backpack', source: 'Help Center', filetype: 'pdf' },
  { title: 'Agent playbook: damaged items', source: 'Agent Knowledge', filetype: 'html' },
  { title: 'Camping stove 2-burner', source: 'Catalog', filetype: 'html' },
  { title: 'Warranty claims', source: 'Help Center', filetype: 'html' },
  { title: 'Trail report: alpine loop', source: 'Community', filetype: 'html' },
  { title: 'Caring for down jackets', source: 'Blog', filetype: 'html' },
  { title: 'Camp kitchen checklist', source: 'Catalogue archive', filetype: 'pdf' },
];

function visibleCatalog(pipeline) {
  // The public pipeline filters out agent-only content, as a real routing rule would.
  return pipeline === 'agent-pipeline' ? CATALOG : CATALOG.filter((d) => d.source !== 'Agent Knowledge');
}

function makeResult(doc, i) {
  const slug = doc.title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const uri = `https://shop.example.test/docs/${slug}`;
  const uniqueId = `42.${1000 + i}$${uri}`;
  return {
    title: doc.title,
    uri,
    printableUri: uri,
    clickUri: uri,
    uniqueId,
    excerpt: `${doc.title}: an excerpt from the test catalog.`,
    firstSentences: null,
    summary: null,
    flags: 'HasHtmlVersion',
    hasHtmlVersion: true,
    hasMobileHtmlVersion: false,
    score: 1000 - i * 10,
    percentScore: 100 - i,
    rankingInfo: null,
    rating: 3,
    isTopResult: false,
    isRecommendation: false,
    isUserActionView: false,
    rankingModifier: '',
    titleHighlights: [],
    firstSentencesHighlights: [],
    excerptHighlights: [],
    printableUriHighlights: [],
    summaryHighlights: [],
    absentTerms: [],
    parentResult: null,
    childResults: [],
    totalNumberOfChildResults: 0,
    raw: {
      urihash: `hash${i}`,
      permanentid: `perm${i}`,
      source: doc.source,
      sourcetype: 'Web',
      filetype: doc.filetype,
      date: 1_700_000_000_000 + i * 86_400_000,
      collection: 'default',
      language: ['English'],
    },
  };
}

function facetValuesFor(docs, field) {
  const f = String(field || '').replace(/^@/, '');
  const counts = new Map();
  for (const d of docs) {
    const v = f === 'filetype' ? d.filetype : d.source;
    counts.set(v, (counts.get(v) || 0) + 1);
  }
  return [...counts.entries()];
}

function searchResponse(request, pipeline) {
  const q = typeof request.q === 'string' ? request.q.trim().toLowerCase() : '';
  let docs = visibleCatalog(pipeline);
  if (q) {
    const words = q.split(/\s+/);
    const matching = docs.filter((d) => words.some((w) => d.title.toLowerCase().includes(w)));
    if (matching.length) docs = matching;
  }
  const first = Number(request.firstResult) || 0;
  const size = Number(request.numberOfResults) || 10;
  const page = docs.slice(first, first + size);
  const facets = Array.isArray(request.facets)
    ? request.facets.map((f) => {
        const all = facetValuesFor(docs, f.field);
        const n = Number(f.numberOfValues) > 0 ? Number(f.numberOfValues) : all.length;
        return {
          facetId: f.facetId ?? f.field,
          field: f.field,
          moreValuesAvailable: all.length > n,
          indexScore: 0.5,
          values: all.slice(0, n).map(([value, count]) => ({ value, state: 'idle', numberOfResults: count })),
        };
      })
    : [];
  const groupByResults = Array.isArray(request.groupBy)
    ? request.groupBy.map((g) => ({
        field: String(g.field || '').replace(/^@/, ''),
        globalComputedFieldResults: [],
        values: facetValuesFor(docs, g.field)
          .slice(0, Number(g.maximumNumberOfValues) > 0 ? Number(g.maximumNumberOfValues) : undefined)
          .map(([value, n]) => ({
            value,
            lookupValue: value,
            numberOfResults: n,
            score: n,
            valueType: 'Standard',
            computedFieldResults: [],
          })),
      }))
    : [];
  return {
    totalCount: docs.length,
    totalCountFiltered: docs.length,
    duration: 42,
    indexDuration: 12,
    requestDuration: 30,
    searchAPIDuration: 40,
    searchUid: randomUUID(),
    pipeline,
    apiVersion: 2,
    splitTestRun: '',
    basicExpression: q,
    advancedExpression: '',
    largeExpression: '',
    constantExpression: '',
    results: page.map((d) => makeResult(d, CATALOG.indexOf(d))),
    facets,
    groupByResults,
    categoryFacets: [],
    queryCorrections: [],
    triggers: [],
    termsToHighlight: {},
    phrasesToHighlight: {},
    suggestedFacets: [],
    extendedResults: {},
    warnings: [],
    questionAnswer: {
      documentId: { contentIdKey: '', contentIdValue: '' },
      question: '',
      answerSnippet: '',
      relatedQuestions: [],
      score: 0,
    },
  };
}

const SUGGESTIONS = ['trail shoes', 'trail running', 'travel backpack', 'returns policy', 'warranty claims'];

function querySuggestResponse(request) {
  const q = typeof request.q === 'string' ? request.q.toLowerCase() : '';
  const matching = SUGGESTIONS.filter((s) => !q || s.startsWith(q.slice(0, 2)));
  return {
    responseId: randomUUID(),
    completions: (matching.length ? matching : SUGGESTIONS.slice(0, 3)).map((s, i) => ({
      expression: s,
      highlighted: q && s.startsWith(q) ? `[${s.slice(0, q.length)}]{${s.slice(q.length)}}` : `{${s}}`,
      score: 100 - i,
      executableConfidence: i === 0 ? 1 : 0.5,
    })),
  };
}

function facetSearchResponse(request, pipeline) {
  const query = String(request.query || '')
    .replace(/\*/g, '')
    .toLowerCase();
  const values = facetValuesFor(visibleCatalog(pipeline), request.field)
    .filter(([v]) => !query || v.toLowerCase().includes(query))
    .map(([v, n]) => ({ displayValue: v, rawValue: v, count: n }));
  return { values, moreValuesAvailable: false };
}

/** A request field: the body's (JSON or form), else facet search's `searchContext`, else the URL query. */
function requestField(body, url, name) {
  if (body && nonEmpty(body[name])) return body[name];
  const ctx = body && body.searchContext;
  if (ctx && typeof ctx === 'object' && nonEmpty(ctx[name])) return ctx[name];
  return url.searchParams.get(name) || undefined;
}

/** The hub the request asks for: body `searchHub`, facet search's `searchContext.searchHub`, or the URL. */
function requestedHub(body, url) {
  return requestField(body, url, 'searchHub');
}

const truthy = (v) => v === true || v === 1 || v === '1' || v === 'true';

/** search-ui's `errorsAsSuccess=1` (URL query or body): Coveo then answers 200 with the error in the body. */
function errorsAsSuccess(body, url) {
  return truthy(url.searchParams.get('errorsAsSuccess')) || truthy(body && body.errorsAsSuccess);
}

/** `debug: true` (body or URL query) adds an executionReport to the response. */
function wantsDebug(body, url) {
  return truthy(body && body.debug) || truthy(url.searchParams.get('debug'));
}

function executionReport(route, credentialKind) {
  return {
    duration: 3,
    children: [
      {
        name: 'PerformAuthentication',
        description: 'Perform authentication',
        duration: 1,
        result: { credentialKind, queryRestrictions: route.restrictions },
      },
      {
        name: 'ResolvePipeline',
        description: 'Resolve query pipeline',
        duration: 1,
        result: { pipeline: route.pipeline, reason: route.reason, searchHub: route.hub ?? null },
      },
    ],
  };
}

/**
 * The Coveo stand-in's request handler. `injected` is a credential a proxy adds server-side.
 * Returns `{ status, body, headers? }`.
 */
export async function coveoHandle({ req, url, bodyText, injected, routing = DEFAULT_ROUTING }) {
  const path = url.pathname.replace(/\/+$/, '') || '/';
  const { data } = parseBody(bodyText, String(req.headers['content-type'] || ''));
  const body = Array.isArray(data) ? { events: data } : data;

  const cred = injected ? { value: injected, location: 'server' } : findCredential(req, url, body);
  const isAnalytics = /\/v15\/analytics\//.test(path) || /\/rest\/ua(\/|$)/.test(path) || /\/events\/v1(\/validate)?$/.test(path);

  // errorsAsSuccess: a refusal comes back as HTTP 200 with the error in the JSON body.
  const refuse = (status, errBody) => (errorsAsSuccess(body, url) ? { status: 200, body: errBody } : { status, body: errBody });
  if (!cred) return refuse(401, MISSING_CREDENTIAL);
  const checked = await checkCredential(cred.value, routing);
  if (!checked.ok) return refuse(checked.status, checked.body);
  const claims = checked.claims;

  const route = routeQuery({
    routing,
    claims,
    keyScope: checked.keyScope ?? null,
    requestHub: requestedHub(body, url),
    requestPipeline: requestField(body, url, 'pipeline'),
    tab: requestField(body, url, 'tab'),
  });
  if (route.rejected && !isAnalytics) return refuse(route.rejected.status, route.rejected.body);
  const pipeline = route.pipeline;
  const debug = wantsDebug(body, url) ? { executionReport: executionReport(route, checked.kind) } : {};

  if (isAnalytics) {
    if (/\/events\/v1(\/validate)?$/.test(path)) return { status: 202, body: {} };
    if (/\/visit$/.test(path)) return { status: 200, body: { id: randomUUID() } };
    if (/\/searches$/.test(path)) {
      const n = Array.isArray(data) ? data.length : 1;
      return {
        status: 200,
        body: { searchEventResponses: Array.from({ length: n }, () => ({ visitId: 'visit-1' })), visitId: 'visit-1', visitorId: 'visitor-1' },
      };
    }
    return { status: 200, body: { visitId: 'visit-1', visitorId: 'visitor-1' } };
  }

  const s = path.replace(/^.*\/rest\/search\/v2/, '/v2');
  if (path.includes('/rest/search/v2')) {
    if (s === '/v2') return { status: 200, body: { ...searchResponse(body, pipeline), ...debug } };
    if (s === '/v2/querySuggest') return { status: 200, body: querySuggestResponse(body) };
    if (s === '/v2/facet') return { status: 200, body: facetSearchResponse(body, pipeline) };
    if (s === '/v2/html') {
      const uid = body.uniqueId || url.searchParams.get('uniqueId') || 'unknown';
      return {
        status: 200,
        body: `<!doctype html><html><body><h1>Quickview</h1><p>${String(uid).replace(/[<>&"]/g, '')}</p></body></html>`,
        headers: { 'content-type': 'text/html; charset=utf-8' },
      };
    }
    if (s === '/v2/plan') {
      return {
        status: 200,
        body: { parsedInput: { basicExpression: body.q || '', largeExpression: '' }, preprocessingOutput: { triggers: [] }, pipeline, ...debug },
      };
    }
    if (s === '/v2/values') {
      return {
        status: 200,
        body: { values: facetValuesFor(visibleCatalog(pipeline), body.field).map(([v, n]) => ({ value: v, lookupValue: v, numberOfResults: n })) },
      };
    }
    if (s === '/v2/values/batch') {
      const reqs = Array.isArray(body.batch) ? body.batch : [];
      return {
        status: 200,
        body: {
          batch: reqs.map((r) => ({
            values: facetValuesFor(visibleCatalog(pipeline), r.field).map(([v, n]) => ({ value: v, lookupValue: v, numberOfResults: n })),
          })),
        },
      };
    }
    if (s === '/v2/fields') {
      return {
        status: 200,
        body: {
          fields: [
            { name: '@source', description: 'Source', type: 'String', groupByField: true, splitGroupByField: false },
            { name: '@filetype', description: 'File type', type: 'String', groupByField: true, splitGroupByField: false },
          ],
        },
      };
    }
    if (s === '/v2/token') {
      const token = await mintSearchToken({ searchHub: body.searchHub, pipeline: body.pipeline });
      return { status: 200, body: { token } };
    }
    return { status: 200, body: {} };
  }

  const org = /\/rest\/organizations\/([^/]+)\/(.*)$/.exec(path);
  if (org) {
    const rest = org[2] || '';
    if (rest === 'sources') {
      return { status: 200, body: [{ id: `${org[1]}-catalog`, name: 'Catalog', sourceType: 'WEB' }] };
    }
    if (rest.startsWith('insight/') && rest.endsWith('/interface')) {
      return { status: 200, body: { searchHub: 'AgentPanel', interfaceId: 'test-insight' } };
    }
    if (rest.startsWith('insight/') || rest.startsWith('commerce/')) {
      return { status: 200, body: { ...searchResponse(body, pipeline), products: [], responseId: randomUUID(), ...debug } };
    }
    return { status: 200, body: {} };
  }
  return { status: 404, body: { statusCode: 404, message: `No route for ${path}`, type: 'NotFound' } };
}

// ---------------------------------------------------------------------------------------------
// Static files and the shop

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

/** Serves `rel` from `baseDir`, refusing anything that escapes it. */
function serveFile(res, baseDir, rel) {
  const full = normalize(join(baseDir, rel));
  if (full !== baseDir && !full.startsWith(baseDir + sep)) return send(res, 403, 'forbidden');
  if (!existsSync(full) || !statSync(full).isFile()) return send(res, 404, 'not found', { 'content-type': 'text/plain' });
  res.writeHead(200, {
    'content-type': MIME[extname(full)] || 'application/octet-stream',
    'cache-control': 'no-store',
  });
  createReadStream(full).pipe(res);
}

const STATIC_ROUTES = [
  ['/vendor/search-ui/', join(NODE_MODULES, 'coveo-search-ui', 'bin')],
  ['/vendor/atomic/', join(BUILD_DIR, 'atomic-overlay'), join(NODE_MODULES, '@coveo', 'atomic', 'dist', 'atomic')],
  ['/build/', BUILD_DIR],
];

function indexPage(origin) {
  const link = (href, text) => `<li><a href="${href}">${text}</a></li>`;
  const items = [
    link('/headless/?scenario=token-hub', 'Headless, search token with hub claim (enforced)'),
    link('/headless/?scenario=token-nohub', 'Headless, search token without hub (unenforced)'),
    link('/headless/?scenario=token-pipeline', 'Headless, search token with pipeline claim only'),
    link('/headless/?scenario=token-mismatch', 'Headless, token hub ACMEPublic, page asks for AgentPanel'),
    link('/headless/?scenario=token-expired', 'Headless, expired token then renewal'),
    link('/headless/?scenario=api-key', 'Headless, API key in the page'),
    link('/headless/?scenario=proxy', 'Headless through the shop proxy (no credential in the browser)'),
    link('/headless/?scenario=proxy-long-history', 'Headless through the proxy, 20 history entries and 60 fields before the hub'),
    link('/headless/?scenario=token-hub-pipeline', 'Headless, token with hub claim, page code names a pipeline'),
    link('/headless/?scenario=api-key-scoped', 'Headless, API key limited to the hub ACMEPublic'),
    link('/headless/?scenario=token-hub&analytics=next', 'Headless, token with hub, Event Protocol analytics'),
    link('/search-ui/?scenario=api-key', 'JS Search Framework (search-ui), API key'),
    link('/search-ui/?scenario=token-hub', 'JS Search Framework (search-ui), token with hub'),
    link('/atomic/?scenario=token-hub', 'Atomic, token with hub'),
  ].join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Coveo Hub Inspector test shop</title></head>
<body><h1>Coveo Hub Inspector test shop</h1>
<p>Open DevTools, then the <b>Coveo Hub</b> tab, then pick a scenario. Coveo hosts are answered by a local stand-in (${origin}).</p>
<ul>
${items}
</ul></body></html>`;
}

async function handleShop(req, res, url, bodyText, routing) {
  const p = url.pathname;
  if (p === '/' || p === '/index.html') return send(res, 200, indexPage(url.origin), { 'content-type': MIME['.html'] });
  if (p === '/favicon.ico') return send(res, 204, undefined);
  if (p === '/api/credential') {
    const cfg = await scenarioConfig(url.searchParams.get('scenario') || 'token-hub', {
      renew: url.searchParams.get('renew') === '1',
    });
    if (!cfg) return send(res, 400, { message: `unknown scenario; use one of ${SCENARIOS.join(', ')}` });
    return send(res, 200, cfg, { 'cache-control': 'no-store' });
  }
  if (p === '/proxy-api/search' || p.startsWith('/proxy-api/search/')) {
    // The same relay at a path of the site's own choosing (Headless `search.proxyBaseUrl` can be anything).
    const inner = new URL(url.href);
    inner.pathname = `/rest/search/v2${p.slice('/proxy-api/search'.length)}`;
    const out = await coveoHandle({ req, url: inner, bodyText, injected: PROXY_API_KEY, routing });
    return send(res, out.status, out.body, out.headers);
  }
  if (p.startsWith('/proxy/')) {
    // A same-origin relay: the browser sends no credential, the server adds its own, like real proxies.
    const inner = new URL(url.href);
    inner.pathname = p.slice('/proxy'.length);
    const out = await coveoHandle({ req, url: inner, bodyText, injected: PROXY_API_KEY, routing });
    return send(res, out.status, out.body, out.headers);
  }
  for (const [prefix, ...dirs] of STATIC_ROUTES) {
    if (!p.startsWith(prefix)) continue;
    const rel = decodeURIComponent(p.slice(prefix.length));
    // The first directory holding the file wins (built overlays before published packages).
    const dir = dirs.find((d) => existsSync(join(d, rel))) || dirs[dirs.length - 1];
    return serveFile(res, dir, rel);
  }
  const m = /^\/(headless|search-ui|atomic)(\/.*)?$/.exec(p);
  if (m) {
    if (!m[2]) return send(res, 301, '', { location: `/${m[1]}/${url.search}` });
    const rel = m[2] === '/' ? 'index.html' : decodeURIComponent(m[2].slice(1));
    // A page generated by buildPages() (atomic's import map) wins over its source template.
    const built = join(BUILD_DIR, m[1]);
    if (existsSync(normalize(join(built, rel))) && normalize(join(built, rel)).startsWith(built + sep)) {
      return serveFile(res, built, rel);
    }
    return serveFile(res, join(PAGES_DIR, m[1]), rel);
  }
  return send(res, 404, 'not found', { 'content-type': 'text/plain' });
}

function isCoveoHost(host) {
  return host === 'coveo.com' || host.endsWith('.coveo.com');
}

/**
 * Starts the world: one HTTPS server answering every host it is mapped to.
 * @param {{ port?: number, host?: string, build?: boolean }} [opts]
 */
export async function startWorld({ port = 0, host = '127.0.0.1', build = false, routing: initialRouting } = {}) {
  if (build) await buildPages();
  let routing = makeRouting(initialRouting);
  const server = https.createServer(
    { key: readFileSync(join(HERE, 'certs', 'key.pem')), cert: readFileSync(join(HERE, 'certs', 'cert.pem')) },
    async (req, res) => {
      try {
        const hostHeader = String(req.headers.host || 'localhost').toLowerCase();
        const hostname = hostHeader.replace(/:\d+$/, '');
        const url = new URL(req.url || '/', `https://${hostHeader}`);
        if (/^static(dev)?\.cloud\.coveo\.com$/.test(hostname)) {
          // Coveo's static CDN: search-ui fetches its fonts from here. Serve them from the npm package.
          const asset = /^\/searchui\/v[^/]+\/\d+\/(.+)$/.exec(url.pathname);
          res.setHeader('access-control-allow-origin', '*');
          if (asset && asset[1]) return serveFile(res, join(NODE_MODULES, 'coveo-search-ui', 'bin'), decodeURIComponent(asset[1]));
          return send(res, 404, 'not found', { 'content-type': 'text/plain' });
        }
        if (isCoveoHost(hostname)) {
          if (req.method === 'OPTIONS') return preflight(req, res);
          const bodyText = await readBody(req);
          const out = await coveoHandle({ req, url, bodyText, routing });
          return send(res, out.status, out.body, { ...corsHeaders(req), ...(out.headers || {}) });
        }
        const bodyText = await readBody(req);
        return await handleShop(req, res, url, bodyText, routing);
      } catch (e) {
        if (!res.headersSent) send(res, 500, { statusCode: 500, message: String(e && e.message) });
        else res.destroy();
      }
    },
  );
  const sockets = new Set();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const addr = server.address();
  const actualPort = typeof addr === 'object' && addr ? addr.port : port;
  return {
    port: actualPort,
    /** The shop as a browser with `hostResolverRules` sees it (port 443 is mapped to this server). */
    origin: `https://${SHOP_HOST}`,
    /** The server reached directly (certificate is valid for 127.0.0.1 too). */
    localOrigin: `https://127.0.0.1:${actualPort}`,
    /** Chromium flag value mapping every world host to this server. */
    hostResolverRules: `MAP *.coveo.com 127.0.0.1:${actualPort}, MAP ${SHOP_HOST} 127.0.0.1:${actualPort}`,
    /** The routing configuration in effect (pipelines with conditions, API keys, scoped-key behaviour). */
    get routing() {
      return routing;
    },
    /** Replaces the routing configuration (a partial one is filled from DEFAULT_ROUTING); for the next requests. */
    setRouting(partial) {
      routing = makeRouting(partial);
    },
    close() {
      return new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      });
    },
  };
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === normalize(process.argv[1]);
if (isMain) {
  const port = Number(process.env.PORT || process.argv[2] || 8443);
  // WORLD_ROUTING='{"scopedKeyMismatch":"reject"}' (JSON, a partial routing configuration) changes the routing.
  const routingEnv = process.env.WORLD_ROUTING ? JSON.parse(process.env.WORLD_ROUTING) : undefined;
  const world = await startWorld({ port, build: true, routing: routingEnv });
  console.log(`test world listening on ${world.localOrigin}; browsers see it as ${world.origin}/`);
  console.log(`chromium --ignore-certificate-errors --host-resolver-rules="${world.hostResolverRules}"`);
}
