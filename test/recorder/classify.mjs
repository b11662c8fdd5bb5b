// A deliberately small classifier for the recorder's README (independent of src/core, so the fixtures' description
// does not depend on the code they are meant to test).

/** The Coveo call kind of a URL, or null when it is not Coveo traffic. */
export function coveoKind(rawUrl) {
  let url;
  try {
    url = new URL(rawUrl);
  } catch {
    return null;
  }
  const host = url.hostname;
  // Coveo's static CDN (fonts, scripts) is not an API call.
  if (/^static(dev)?\.cloud\.coveo\.com$/.test(host)) return null;
  const path = url.pathname.replace(/\/+$/, '');
  const coveoHost = host === 'coveo.com' || host.endsWith('.coveo.com');
  const search = /\/rest\/search\/v2(\/.*)?$/.exec(path);
  if (search) {
    const sub = search[1] || '';
    if (sub === '') return 'search';
    if (sub === '/querySuggest') return 'querySuggest';
    if (sub === '/facet') return 'facetSearch';
    if (sub === '/html') return 'html';
    if (sub === '/plan') return 'plan';
    if (sub.startsWith('/values')) return 'values';
    if (sub === '/fields') return 'fields';
    if (sub === '/token') return 'token';
    return 'other';
  }
  if (/\/v15\/analytics\//.test(path) || /\/rest\/ua(\/|$)/.test(path)) return 'analytics';
  if (/\/rest\/organizations\/[^/]+\/events\/v1/.test(path)) return 'events';
  if (/\/rest\/organizations\/[^/]+\/commerce\//.test(path)) return 'commerce';
  if (/\/rest\/organizations\/[^/]+\/insight\//.test(path)) return 'insight';
  return coveoHost ? 'other' : null;
}

/** Counts Coveo calls per kind (preflights excluded) and lists non-2xx answers. */
export function summarizeHar(har) {
  const counts = {};
  const statuses = [];
  for (const e of har.log.entries) {
    if (e.request.method === 'OPTIONS') continue;
    const kind = coveoKind(e.request.url);
    if (!kind) continue;
    counts[kind] = (counts[kind] || 0) + 1;
    const status = e.response.status;
    if (!(status >= 200 && status < 300)) statuses.push(`${kind} ${status}${e._error ? ` (${e._error})` : ''}`);
  }
  return { counts, statuses };
}

/** The verdict each Coveo call of a scenario SHOULD get, judged from its credential alone. */
export function expectationsFor(scenario) {
  const notApplicable = 'not-applicable';
  switch (scenario) {
    case 'token-hub':
      return { search: 'enforced (token claim searchHub ACMEPublic)', other: notApplicable };
    case 'token-nohub':
      return { search: 'unenforced (token has no searchHub/pipeline claim)', other: notApplicable };
    case 'token-pipeline':
      return { search: 'enforced (token claim pipeline public-pipeline pins routing)', other: notApplicable };
    case 'token-expired':
      return {
        search: 'enforced (both tokens carry claim searchHub ACMEPublic; a call answered 419 was refused for the expired token)',
        other: notApplicable,
      };
    case 'token-mismatch':
      return { search: 'enforced (claim ACMEPublic wins over any body hub)', other: notApplicable };
    case 'api-key':
      return { search: 'unverifiable (API key: hub scope is server-side)', other: notApplicable };
    case 'proxy':
      return { search: 'unverifiable (no credential in the browser; proxy adds one)', other: notApplicable };
    default:
      return { search: 'unknown', other: notApplicable };
  }
}
