import { type KindApi, ORG_PATHS_OTHER, ORG_PREFIXES, PROXY_SEGMENTS, SEARCH_SEGMENTS, SEARCH_SEGMENTS_OTHER } from './kinds';
import type { CoveoApi, CallKind, Routing } from './types';

/** A recognised Coveo call: which API, which kind, and how it got there. */
export interface Endpoint {
  kind: CallKind;
  api: CoveoApi;
  routing: Routing;
  /** Organization named by the host (`{org}.org.coveo.com`) or the path (`/rest/organizations/{org}`). */
  organizationId: string | null;
}

const SEARCH: KindApi = { kind: 'search', api: 'search' };
const OTHER_SEARCH: KindApi = { kind: 'other', api: 'search' };
const OTHER_PLATFORM: KindApi = { kind: 'other', api: 'platform' };

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
function searchSubKind(rest: string): KindApi {
  const r = rest.replace(/\/+$/, '').toLowerCase();
  if (r === '') return SEARCH;
  const first = r.split('/')[1] ?? '';
  return SEARCH_SEGMENTS.get(first) ?? SEARCH_SEGMENTS_OTHER.get(first) ?? OTHER_SEARCH;
}

/** Kinds under `/rest/organizations/{org}/...`. Anything not listed is an administrative API. */
function organizationSubKind(rest: string): KindApi {
  const r = rest.toLowerCase();
  for (const [pattern, k] of ORG_PATHS_OTHER) if (pattern.test(r)) return k;
  for (const [prefix, k] of ORG_PREFIXES) if (r.startsWith(prefix)) return k;
  return OTHER_PLATFORM;
}

function analyticsSubKind(rest: string): KindApi {
  const r = rest.toLowerCase();
  // /rest/ua/v15/analytics/{search|searches|click|custom|view|collect|visit}: what a page sends.
  if (/^\/v1[0-9]\/analytics(\/|$)/.test(r) || /^\/analytics(\/|$)/.test(r)) return { kind: 'analytics', api: 'analytics' };
  // Reporting, exports, dimensions and the like read analytics data: administrative.
  return { kind: 'other', api: 'platform' };
}

const ORG_PATH = /\/rest\/organizations\/([^/?#]+)(\/[^?#]*)?/i;

/**
 * The path as a server reads it before routing: matrix parameters (`;jsessionid=...`) dropped, each segment
 * percent-decoded (`query%53uggest`), repeated slashes collapsed. Letter case is left (matching ignores it).
 */
export function normalizePath(path: string): string {
  if (!path.includes(';') && !path.includes('%') && !path.includes('//')) return path;
  let out = path.replace(/;[^/]*/g, '');
  if (out.includes('%')) {
    out = out
      .split('/')
      .map((segment) => {
        try {
          // A decoded slash stays inside its segment (`%2F` is not a separator to most servers).
          return decodeURIComponent(segment).replace(/\//g, '%2F');
        } catch {
          return segment;
        }
      })
      .join('/');
  }
  return out.replace(/\/{2,}/g, '/');
}

/**
 * Recognises a Coveo call from its URL (and, for Headless proxies at any path, from its body).
 * Returns null for everything else, including Coveo's static assets.
 */
export function recognizeEndpoint(host: string, rawPath: string, bodyLooksLikeSearch: () => boolean): Endpoint | null {
  const path = normalizePath(rawPath);
  const coveoHost = isCoveoHost(host);
  const routing: Routing = coveoHost ? 'coveo-host' : 'proxy';
  const { org: hostOrg, flavour } = coveoHost ? orgFromHost(host) : { org: null, flavour: null };
  const lower = path.toLowerCase();
  const make = (k: KindApi, org: string | null = hostOrg): Endpoint => ({ kind: k.kind, api: k.api, routing, organizationId: org });

  // Search API v2 (also behind Salesforce Apex relays: /services/apexrest/.../rest/search/v2).
  const searchAt = lower.indexOf('/rest/search');
  if (searchAt >= 0) {
    const rest = path.slice(searchAt + '/rest/search'.length);
    const version = /^\/v\d+(?=\/|$)/i.exec(rest);
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
    if (/^\/v\d+(?=\/|$)/i.test(rest)) return make(searchSubKind(rest.replace(/^\/v\d+/i, '')));
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
    const sub = searchSubKind(PROXY_SEGMENTS.has(last) ? `/${last}` : '');
    return make(sub, null);
  }
  return null;
}

/** The cheapest possible first look: false means the entry is certainly not a Coveo call by URL. */
export function urlMayBeCoveo(url: string): boolean {
  return MAYBE_COVEO.test(url);
}
