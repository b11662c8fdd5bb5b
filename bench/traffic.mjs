// Realistic page traffic for the benchmarks: Coveo calls as Headless and search-ui send them, and ordinary
// page traffic around them. Deterministic (seeded), generated at run time, never committed.

const b64url = (value) => Buffer.from(value).toString('base64url');

export function makeToken(claims) {
  const payload = b64url(JSON.stringify(claims));
  return `${b64url('{"alg":"HS256"}')}.${payload}.${b64url(`sig-${payload.length}-${JSON.stringify(claims).length}`)
    .padEnd(43, 'x')
    .slice(0, 43)}`;
}

export function rng(seed = 42) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s / 2 ** 32;
  };
}

const ORG = 'acmeprod';
const BASE = `https://${ORG}.org.coveo.com/rest/search/v2`;
const now = Math.floor(Date.parse('2026-11-24T10:00:00Z') / 1000);
export const TOKENS = [
  makeToken({
    v8: true,
    organization: ORG,
    userIds: [{ name: 'jane@example.com', provider: 'Email Security Provider', type: 'User' }],
    roles: ['queryExecutor'],
    searchHub: 'ACMEPublic',
    iat: now,
    exp: now + 86400,
  }),
  makeToken({
    v8: true,
    organization: ORG,
    userIds: [{ name: 'anonymous', provider: 'Email Security Provider', type: 'User' }],
    roles: ['queryExecutor'],
    iat: now,
    exp: now + 86400,
  }),
];
export const API_KEY = 'xx564559b1-0045-48e1-953c-3addd1ee4457';

function searchBody(q, hub) {
  return {
    q,
    searchHub: hub,
    tab: 'All',
    locale: 'en',
    timezone: 'America/New_York',
    numberOfResults: 10,
    firstResult: 0,
    aq: '',
    cq: '',
    enableQuerySyntax: false,
    sortCriteria: 'relevancy',
    queryCorrection: { enabled: true, options: { automaticallyCorrect: 'whenNoResults' } },
    enableDidYouMean: false,
    debug: false,
    context: { site: 'acme' },
    facets: ['source', 'filetype', 'author', 'language', 'date'].map((field) => ({
      facetId: field,
      field,
      type: 'specific',
      sortCriteria: 'automatic',
      resultsMustMatch: 'atLeastOneValue',
      numberOfValues: 8,
      currentValues: [],
      freezeCurrentValues: false,
      isFieldExpanded: false,
      preventAutoSelect: false,
      injectionDepth: 1000,
      filterFacetCount: true,
    })),
    fieldsToInclude: [
      'author',
      'language',
      'urihash',
      'objecttype',
      'collection',
      'source',
      'permanentid',
      'date',
      'filetype',
      'parents',
      'ec_price',
      'ec_name',
    ],
    analytics: {
      clientId: '3b2a4f7e-1c1d-4b7e-9e1a-0f4e5d6c7b8a',
      clientTimestamp: '2026-11-24T10:00:00.000Z',
      documentReferrer: '',
      documentLocation: 'https://www.example.com/search',
      originContext: 'Search',
      actionCause: 'searchboxSubmit',
      capture: true,
      source: ['@coveo/headless@4.0.0'],
    },
  };
}

function searchResponse(hub) {
  return {
    totalCount: 1234,
    totalCountFiltered: 1234,
    duration: 87,
    searchUid: 'b1f4f5d2-1a2b-4c3d-8e9f-0a1b2c3d4e5f',
    pipeline: `${hub}-pipeline`,
    splitTestRun: '',
    results: Array.from({ length: 10 }, (_, i) => ({
      title: `Result ${i}`,
      uri: `https://www.example.com/doc/${i}`,
      clickUri: `https://www.example.com/doc/${i}`,
      uniqueId: `42.${i}$https://www.example.com/doc/${i}`,
      excerpt: 'Lorem ipsum dolor sit amet, consectetur adipiscing elit.'.repeat(2),
      raw: { source: 'Web', filetype: 'html', author: 'ACME', date: 1790000000000 + i },
    })),
    facets: [],
    warnings: [],
    errors: [],
  };
}

const header = (name, value) => ({ name, value });
const commonHeaders = [
  header('Accept', '*/*'),
  header('User-Agent', 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/156.0 Safari/537.36'),
  header('Origin', 'https://www.example.com'),
];

/**
 * @param {string} url
 * @param {{ method?: string; bearer?: string; body?: unknown; form?: Record<string, string>; response?: unknown; started: number }} options
 */
function entry(url, { method = 'POST', bearer, body, form, response, started }) {
  const headers = [...commonHeaders];
  if (bearer) headers.push(header('Authorization', `Bearer ${bearer}`));
  let postData;
  if (body !== undefined) {
    headers.push(header('Content-Type', 'application/json'));
    postData = { mimeType: 'application/json', text: JSON.stringify(body) };
  } else if (form) {
    headers.push(header('Content-Type', 'application/x-www-form-urlencoded; charset=UTF-8'));
    postData = { mimeType: 'application/x-www-form-urlencoded; charset=UTF-8', text: new URLSearchParams(form).toString() };
  }
  return {
    startedDateTime: new Date(started).toISOString(),
    time: 80,
    request: {
      method,
      url,
      httpVersion: 'h2',
      headers,
      queryString: [],
      cookies: [],
      headersSize: -1,
      bodySize: postData ? postData.text.length : 0,
      ...(postData ? { postData } : {}),
    },
    response: {
      status: 200,
      statusText: '',
      httpVersion: 'h2',
      headers: [header('Content-Type', 'application/json')],
      cookies: [],
      content: /** @type {{ size: number; mimeType: string; text?: string; encoding?: string }} */ ({
        size: 0,
        mimeType: 'application/json',
        ...(response ? { text: JSON.stringify(response) } : {}),
      }),
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
    },
    cache: {},
    timings: { send: 0, wait: 70, receive: 10 },
    _resourceType: 'fetch',
  };
}

/** A search token of its own for call `i` (many users, or merged HARs): a different user, hub and dates each. */
export function distinctToken(i) {
  const iat = now - (i % 3600);
  const claims = {
    v8: true,
    organization: ORG,
    userIds: [{ name: `user${i}@example.com`, provider: 'Email Security Provider', type: 'User' }],
    roles: ['queryExecutor'],
    iat,
    exp: iat + 86400,
  };
  if (i % 3 !== 2) claims.searchHub = ['ACMEPublic', 'ACMESupport'][i % 2];
  return makeToken(claims);
}

/**
 * The Coveo calls of a working page: search, query suggestions, facet search, analytics; tokens and keys.
 * `distinct`: every call with a search token of its own (no two calls share one), instead of three credentials.
 */
export function coveoEntry(i, random = rng(i + 1), { distinct = false } = {}) {
  const t = Date.parse('2026-11-24T10:00:00Z') + i * 250;
  const credential = distinct ? distinctToken(i) : i % 5 === 4 ? API_KEY : TOKENS[i % 2];
  const hub = 'ACMEPublic';
  const q = ['laptop', 'printer', 'warranty', 'return policy', 'battery'][Math.floor(random() * 5)];
  switch (i % 4) {
    case 0:
      return entry(`${BASE}?organizationId=${ORG}`, { bearer: credential, body: searchBody(q, hub), response: searchResponse(hub), started: t });
    case 1:
      return entry(`${BASE}/querySuggest?organizationId=${ORG}`, {
        bearer: credential,
        body: { q: q.slice(0, 3), count: 5, searchHub: hub, locale: 'en', timezone: 'UTC', context: {}, analytics: searchBody(q, hub).analytics },
        response: { completions: [{ expression: q, score: 10, highlighted: q, executableConfidence: 1 }], responseId: 'r' },
        started: t,
      });
    case 2:
      return entry(`${BASE}/facet?organizationId=${ORG}`, {
        bearer: credential,
        body: {
          field: 'author',
          query: `*${q.slice(0, 2)}*`,
          numberOfValues: 10,
          ignoreValues: [],
          captions: {},
          searchContext: { ...searchBody(q, hub), accessToken: credential },
        },
        response: { values: [{ displayValue: 'ACME', rawValue: 'ACME', count: 12 }], moreValuesAvailable: false },
        started: t,
      });
    default:
      return entry(`https://${ORG}.analytics.org.coveo.com/rest/ua/v15/analytics/search?visitor=3b2a4f7e`, {
        bearer: credential,
        body: {
          language: 'en',
          userAgent: 'Mozilla/5.0',
          originLevel1: hub,
          originLevel2: 'All',
          originLevel3: '',
          actionCause: 'searchboxSubmit',
          actionType: 'search box',
          queryText: q,
          numberOfResults: 1234,
          responseTime: 87,
          searchQueryUid: 'b1f4',
          anonymous: false,
          customData: { context_site: 'acme' },
        },
        started: t,
      });
  }
}

/** Ordinary page traffic with large bodies: scripts, JSON APIs, images, third-party beacons. */
export function otherEntry(i, bodyBytes = 4000, random = rng(i + 7)) {
  const t = Date.parse('2026-11-24T10:00:00Z') + i * 50;
  const kind = i % 4;
  const filler = 'x'.repeat(Math.max(0, Math.floor(bodyBytes * (0.5 + random()))));
  if (kind === 0) {
    const e = entry(`https://cdn.example.com/static/js/chunk.${i}.js`, { method: 'GET', started: t });
    e.response.content = { size: filler.length, mimeType: 'application/javascript', text: `/* ${filler} */` };
    e._resourceType = 'script';
    return e;
  }
  if (kind === 1) {
    const e = entry(`https://api.example.com/v1/cart/items?page=${i}`, {
      method: 'POST',
      bearer: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjMiLCJhdWQiOiJjYXJ0In0.c2lnbmF0dXJl',
      body: { items: [{ sku: `SKU-${i}`, qty: 1, note: filler.slice(0, 500) }] },
      started: t,
    });
    e.response.content = { size: filler.length, mimeType: 'application/json', text: JSON.stringify({ ok: true, blob: filler }) };
    return e;
  }
  if (kind === 2) {
    const e = entry(`https://images.example.com/products/${i}.webp`, { method: 'GET', started: t });
    e.response.content = { size: filler.length, mimeType: 'image/webp', encoding: 'base64', text: Buffer.from(filler).toString('base64') };
    e._resourceType = 'image';
    return e;
  }
  return entry(`https://www.google-analytics.com/g/collect?v=2&tid=G-XXXX&cid=${i}`, {
    method: 'POST',
    form: { en: 'page_view', dl: 'https://www.example.com/', payload: filler.slice(0, 800) },
    started: t,
  });
}
