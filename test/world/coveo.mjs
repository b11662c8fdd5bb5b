// The Coveo stand-in's request handler: finds and checks the credential, routes the query like Coveo, then answers
// as the Search API (search-api.mjs), the analytics endpoints or the platform's organization endpoints would.
import { randomUUID } from 'node:crypto';
import { checkCredential, findCredential, MISSING_CREDENTIAL } from './credentials.mjs';
import { parseBody } from './http.mjs';
import { DEFAULT_ROUTING, nonEmpty, routeQuery } from './routing.mjs';
import { searchApiAnswer, searchResponse } from './search-api.mjs';

/** @typedef {import('./server.mjs').Routing} Routing */

/** A request field: the body's (JSON or form), else facet search's `searchContext`, else the URL query. */
function requestField(body, url, name) {
  if (body && nonEmpty(body[name])) return body[name];
  const ctx = body?.searchContext;
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
  return truthy(url.searchParams.get('errorsAsSuccess')) || truthy(body?.errorsAsSuccess);
}

/** `debug: true` (body or URL query) adds an executionReport to the response. */
function wantsDebug(body, url) {
  return truthy(body?.debug) || truthy(url.searchParams.get('debug'));
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

/** The answer of an analytics endpoint (Usage Analytics v15, UA, Event Protocol). */
function analyticsAnswer(path, data) {
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

/** The answer of a platform endpoint under `/rest/organizations/{org}/`, or null for another path. */
function organizationAnswer(path, body, pipeline, debug) {
  const org = /\/rest\/organizations\/([^/]+)\/(.*)$/.exec(path);
  if (!org) return null;
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

/**
 * The Coveo stand-in's request handler. `injected` is a credential a proxy adds server-side.
 * Returns `{ status, body, headers? }`.
 * @param {{ req: import('node:http').IncomingMessage, url: URL, bodyText: string, injected?: string, routing?: Routing }} args
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

  if (isAnalytics) return analyticsAnswer(path, data);
  if (path.includes('/rest/search/v2')) return searchApiAnswer(path.replace(/^.*\/rest\/search\/v2/, '/v2'), body, url, pipeline, debug);
  return organizationAnswer(path, body, pipeline, debug) ?? { status: 404, body: { statusCode: 404, message: `No route for ${path}`, type: 'NotFound' } };
}
