import type { CallKind, CoveoApi, Routing } from './types';

/** A recognised Coveo call: which API, which kind, and how it got there. */
export interface Endpoint {
  kind: CallKind;
  api: CoveoApi;
  routing: Routing;
  /** Organization named by the host (`{org}.org.coveo.com`) or the path (`/rest/organizations/{org}`). */
  organizationId: string | null;
}

// The cheap gate every entry passes through: most page traffic is rejected here without further parsing.
const MAYBE_COVEO = /coveo|\/rest\//i;

const ORG_HOST = /^([a-z0-9-]+)\.(analytics\.|admin\.)?org(?:dev|stg|hipaa)?\.coveo\.com$/;

export function isCoveoHost(host: string): boolean {
  return host === 'coveo.com' || host.endsWith('.coveo.com');
}

function orgFromHost(host: string): { org: string | null; flavour: 'search' | 'analytics' | 'admin' | null } {
  const match = ORG_HOST.exec(host);
  if (!match) return { org: null, flavour: null };
  const flavour = match[2] === 'analytics.' ? 'analytics' : match[2] === 'admin.' ? 'admin' : 'search';
  return { org: match[1] ?? null, flavour };
}

/** Kinds under the Search API v2 base (`/rest/search/v2`, `/coveo/rest/v2`, a Headless proxy base). */
function searchSubKind(rest: string): { kind: CallKind; api: CoveoApi } {
  const r = rest.replace(/\/+$/, '').toLowerCase();
  if (r === '') return { kind: 'search', api: 'search' };
  const first = r.split('/')[1] ?? '';
  switch (first) {
    case 'querysuggest':
      return { kind: 'querySuggest', api: 'search' };
    case 'facet':
      return { kind: 'facetSearch', api: 'search' };
    case 'html':
      return { kind: 'html', api: 'search' };
    case 'plan':
      return { kind: 'plan', api: 'search' };
    case 'values':
      return { kind: 'values', api: 'search' };
    case 'fields':
      return { kind: 'fields', api: 'search' };
    case 'token':
      return { kind: 'token', api: 'search' };
    case 'admin':
      return { kind: 'other', api: 'platform' };
    default:
      return { kind: 'other', api: 'search' };
  }
}

/** Kinds under `/rest/organizations/{org}/...`. Anything not listed is an administrative API. */
function organizationSubKind(rest: string): { kind: CallKind; api: CoveoApi } {
  const r = rest.toLowerCase();
  if (r.startsWith('/commerce/')) return { kind: 'commerce', api: 'commerce' };
  if (r.startsWith('/insight/')) return { kind: 'insight', api: 'insight' };
  if (r.startsWith('/caseassists/') || r.startsWith('/caseassist/')) return { kind: 'caseAssist', api: 'caseAssist' };
  if (r.startsWith('/answer/')) return { kind: 'answer', api: 'answer' };
  // The GET that streams a generated answer carries no hub: it streams the answer of a search already routed.
  if (r.startsWith('/machinelearning/streaming/')) return { kind: 'answerStream', api: 'answer' };
  if (r.startsWith('/machinelearning/user/actions')) return { kind: 'insight', api: 'insight' };
  if (r.startsWith('/events/v1')) return { kind: 'events', api: 'events' };
  if (r.startsWith('/searchinterfaces/') || r.startsWith('/searchpage')) return { kind: 'other', api: 'search' };
  return { kind: 'other', api: 'platform' };
}

function analyticsSubKind(rest: string): { kind: CallKind; api: CoveoApi } {
  const r = rest.toLowerCase();
  // /rest/ua/v15/analytics/{search|searches|click|custom|view|collect|visit}: what a page sends.
  if (/^\/v1[0-9]\/analytics(\/|$)/.test(r) || /^\/analytics(\/|$)/.test(r)) return { kind: 'analytics', api: 'analytics' };
  // Reporting, exports, dimensions and the like read analytics data: administrative.
  return { kind: 'other', api: 'platform' };
}

const ORG_PATH = /\/rest\/organizations\/([^/?#]+)(\/[^?#]*)?/i;

/**
 * Recognises a Coveo call from its URL (and, for Headless proxies at any path, from its body).
 * Returns null for everything else, including Coveo's static assets.
 */
export function recognizeEndpoint(host: string, path: string, bodyLooksLikeSearch: () => boolean): Endpoint | null {
  const coveoHost = isCoveoHost(host);
  const routing: Routing = coveoHost ? 'coveo-host' : 'proxy';
  const { org: hostOrg, flavour } = coveoHost ? orgFromHost(host) : { org: null, flavour: null };
  const lower = path.toLowerCase();
  const make = (k: { kind: CallKind; api: CoveoApi }, org: string | null = hostOrg): Endpoint => ({ kind: k.kind, api: k.api, routing, organizationId: org });

  // Search API v2 (also behind Salesforce Apex relays: /services/apexrest/.../rest/search/v2).
  const searchAt = lower.indexOf('/rest/search');
  if (searchAt >= 0) {
    const rest = path.slice(searchAt + '/rest/search'.length);
    const version = /^\/v\d+(?=\/|$)/.exec(rest);
    if (version) return make(searchSubKind(rest.slice(version[0].length)));
    if (coveoHost) return make(searchSubKind(rest));
    if ((rest === '' || rest === '/') && bodyLooksLikeSearch()) return make({ kind: 'search', api: 'search' });
  }

  // Coveo for Sitecore and other relays: /coveo/rest/v2, /coveo/rest/ua/..., /coveo/rest/search/v2.
  const relay = /\/coveo\/rest(?=\/|$)/.exec(lower);
  const relayAt = relay ? relay.index : -1;
  if (relayAt >= 0) {
    const rest = path.slice(relayAt + '/coveo/rest'.length);
    const restLower = rest.toLowerCase();
    if (/^\/v\d+(?=\/|$)/.test(rest)) return make(searchSubKind(rest.replace(/^\/v\d+/, '')));
    if (restLower.startsWith('/ua')) return make(analyticsSubKind(rest.slice(3)));
    if (rest === '' || rest === '/') return make({ kind: 'search', api: 'search' });
    return make({ kind: 'other', api: 'search' });
  }

  const orgMatch = ORG_PATH.exec(path);
  if (orgMatch) {
    const sub = organizationSubKind(orgMatch[2] ?? '');
    // On a site's own host only Coveo's distinctive client APIs are recognised; other /rest/organizations paths
    // may belong to anything.
    if (coveoHost || sub.api !== 'platform') {
      let org: string | null = null;
      try {
        org = decodeURIComponent(orgMatch[1] ?? '');
      } catch {
        org = orgMatch[1] ?? null;
      }
      return make(sub, org || hostOrg);
    }
  }

  // Usage Analytics v15: /rest/ua/v15/analytics/..., /rest/v15/analytics/...
  const uaMatch = /\/rest(?:\/ua)?(\/v1[0-9]\/[^?#]*)$/i.exec(path);
  if (uaMatch && (coveoHost || /\/analytics(\/|$)/i.test(uaMatch[1] ?? ''))) return make(analyticsSubKind(uaMatch[1] ?? ''));

  if (coveoHost) {
    if (flavour === 'analytics' && lower.startsWith('/rest/')) return make({ kind: 'analytics', api: 'analytics' });
    if (lower.startsWith('/rest/') || lower.startsWith('/push/') || flavour === 'admin') return make({ kind: 'other', api: 'platform' });
    return null; // static assets and pages on Coveo hosts
  }

  // Headless `search.proxyBaseUrl`: any base, recognised by a search-shaped body.
  if (bodyLooksLikeSearch()) {
    const last = lower.replace(/\/+$/, '').split('/').pop() ?? '';
    const sub = searchSubKind(['querysuggest', 'facet', 'html', 'plan', 'values', 'fields'].includes(last) ? `/${last}` : '');
    return make(sub, null);
  }
  return null;
}

/** The cheapest possible first look: false means the entry is certainly not a Coveo call by URL. */
export function urlMayBeCoveo(url: string): boolean {
  return MAYBE_COVEO.test(url);
}
