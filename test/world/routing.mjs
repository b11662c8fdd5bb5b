// Routing like Coveo (docs.coveo.com/en/1666, /en/3296; ../shared/domain/coveo.md "Routing precedence").
import { PAGE_API_KEY, PROXY_API_KEY, SCOPED_API_KEY } from './constants.mjs';

/** @typedef {import('./server.mjs').Routing} Routing */

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

/** A non-empty string, else undefined. */
export const nonEmpty = (v) => (typeof v === 'string' && v !== '' ? v : undefined);

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
