import { decodeJwt, decodeProtectedHeader } from 'jose';
import { asEntry, getHeaders } from './har';
import { parseUrl, readRequest } from './request';
import { fingerprint, looksLikeApiKey, looksLikeJwt, shownText } from './redact';
import type { CredentialInfo, CredentialLocation, CredentialType, HarEntryLike, TokenInfo } from './types';
import type { RequestData } from './request';

/** A credential as it travelled: the only place in the core that holds a full secret. */
export interface RawCredential {
  location: CredentialLocation;
  value: string;
  scheme?: string;
}

/** Where the Search API looks first: the header, then the URL, then the body. */
const LOCATION_ORDER: CredentialLocation[] = [
  'authorization-header',
  'url-access_token',
  'url-accessToken',
  'form-access_token',
  'body-searchContext.accessToken',
  'body-accessToken',
];

export function collectCredentials(entry: HarEntryLike, data: RequestData): RawCredential[] {
  const found: RawCredential[] = [];
  // Every Authorization header: a request that sends two is ambiguous, which the verdict must see.
  for (const auth of getHeaders(entry.request.headers, 'authorization')) {
    const trimmed = auth.trim();
    const space = trimmed.search(/\s/);
    if (space > 0 && /^[A-Za-z][A-Za-z0-9_-]*$/.test(trimmed.slice(0, space))) {
      found.push({ location: 'authorization-header', scheme: trimmed.slice(0, space), value: trimmed.slice(space + 1).trim() });
    } else if (trimmed !== '' && !/^(bearer|basic)$/i.test(trimmed)) {
      // A bare scheme ("Bearer" with nothing after it) carries no credential.
      found.push({ location: 'authorization-header', value: trimmed });
    }
  }
  const push = (location: CredentialLocation, value: unknown) => {
    if (typeof value === 'string' && value.trim() !== '') found.push({ location, value: value.trim() });
  };
  // Every value of a repeated parameter: which one Coveo reads is not documented, so each counts.
  for (const value of data.url.getAll('access_token')) push('url-access_token', value);
  for (const value of data.url.getAll('accessToken')) push('url-accessToken', value);
  for (const value of data.form?.getAll('access_token') ?? []) push('form-access_token', value);
  const json = data.json;
  if (json && typeof json === 'object' && !Array.isArray(json)) {
    const ctx = (json as Record<string, unknown>).searchContext;
    if (ctx && typeof ctx === 'object') push('body-searchContext.accessToken', (ctx as Record<string, unknown>).accessToken);
    push('body-accessToken', (json as Record<string, unknown>).accessToken);
  }
  found.sort((a, b) => LOCATION_ORDER.indexOf(a.location) - LOCATION_ORDER.indexOf(b.location));
  return found;
}

export interface DecodedToken {
  /** For display: bounded and scrubbed copies (every key an own property, `__proto__` included). */
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  issuedAt: string | null;
  expiresAt: string | null;
  /**
   * The claims the verdict rests on, read from the decoded token itself as own properties (never inherited,
   * never cut short by the display bounds): absent ones are undefined.
   */
  enforcing: { searchHub: unknown; pipeline: unknown; organization: unknown };
  /** `alg: none` or an empty signature: Coveo could not have minted it, so its claims prove nothing. */
  unsigned: boolean;
  /**
   * The payload names `searchHub` or `pipeline` more than once (duplicate keys, possibly escaped): which copy
   * Coveo reads is unknown, so the claim proves nothing.
   */
  ambiguousClaims?: boolean;
}

/** Whether a JWT's payload text repeats a routing claim's key (`"searchHub"`, `"pip\u0065line"`...). */
function repeatsRoutingClaim(jwt: string): boolean {
  const part = jwt.split('.')[1] ?? '';
  let text: string;
  try {
    const b64 = part.replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    text = new TextDecoder().decode(bytes);
  } catch {
    return true;
  }
  const counts: Record<string, number> = { searchHub: 0, pipeline: 0 };
  const KEY = /"((?:[^"\\]|\\.)*)"\s*:/g;
  let m: RegExpExecArray | null;
  while ((m = KEY.exec(text)) !== null) {
    let key = m[1] ?? '';
    if (key.includes('\\')) {
      try {
        key = JSON.parse(`"${key}"`) as string;
      } catch {
        continue;
      }
    }
    if (key === 'searchHub' || key === 'pipeline') counts[key] = (counts[key] ?? 0) + 1;
  }
  return (counts.searchHub ?? 0) > 1 || (counts.pipeline ?? 0) > 1;
}

export interface ClassifiedCredential {
  info: CredentialInfo;
  /** Decoded claims and header for JWTs (search tokens and others). */
  token: DecodedToken | null;
  /** Identity of the secret for comparisons, without keeping it: its fingerprint. */
  key: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Claims are shown (they are not the secret) but bounded, and scrubbed of anything secret-shaped. */
function sanitizeClaims(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') {
    return shownText(value);
  }
  if (value === null || typeof value !== 'object') return value;
  if (depth > 6) return '…(nested too deep)';
  if (Array.isArray(value)) {
    const items = value.slice(0, 50).map((item) => sanitizeClaims(item, depth + 1));
    if (value.length > 50) items.push(`…(${value.length - 50} more)`);
    return items;
  }
  const out: Record<string, unknown> = {};
  // defineProperty: a claim named `__proto__` stays a plain own property instead of becoming the copy's prototype.
  const set = (key: string, item: unknown) => Object.defineProperty(out, key, { value: item, enumerable: true, writable: true, configurable: true });
  let count = 0;
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (++count > 100) {
      set('…', 'more claims truncated');
      break;
    }
    set(key.length > 200 ? `${key.slice(0, 200)}…` : key, sanitizeClaims(item, depth + 1));
  }
  return out;
}

export function isSearchTokenClaims(claims: Record<string, unknown>): boolean {
  const roles = claims.roles;
  return (
    claims.v8 === true ||
    (Array.isArray(roles) && roles.includes('queryExecutor')) ||
    claims.iss === 'SearchApi' ||
    (typeof claims.organization === 'string' && Array.isArray(claims.userIds))
  );
}

// Pages send the same credential on every call: classify each distinct one once. Bounded, memory only.
const CACHE_LIMIT = 64;
const cache = new Map<string, ClassifiedCredential>();

export function classifyCredential(raw: RawCredential): ClassifiedCredential {
  const cacheKey = `${raw.scheme ?? ''} ${raw.value}`;
  const hit = cache.get(cacheKey);
  if (hit) return hit.info.location === raw.location ? hit : { ...hit, info: { ...hit.info, location: raw.location } };
  const classified = classifyUncached(raw);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(cacheKey, classified);
  return classified;
}

function classifyUncached(raw: RawCredential): ClassifiedCredential {
  const { value, location } = raw;
  const fp = fingerprint(value);
  const base = { location, fingerprint: fp, ...(raw.scheme ? { scheme: raw.scheme } : {}) };
  const scheme = raw.scheme?.toLowerCase();
  if (scheme === 'basic') return { info: { type: 'basic', ...base }, token: null, key: fp };
  if (scheme !== undefined && scheme !== 'bearer') {
    return { info: { type: 'opaque', ...base, note: `unusual Authorization scheme "${raw.scheme}"` }, token: null, key: fp };
  }
  if (looksLikeApiKey(value)) return { info: { type: 'api-key', ...base }, token: null, key: fp };
  if (looksLikeJwt(value)) {
    try {
      const header = decodeProtectedHeader(value) as Record<string, unknown>;
      const claims = decodeJwt(value) as Record<string, unknown>;
      const type: CredentialType = isSearchTokenClaims(claims) ? 'search-token' : 'jwt';
      const own = (key: string): unknown => (Object.prototype.hasOwnProperty.call(claims, key) ? claims[key] : undefined);
      const token: DecodedToken = {
        header: sanitizeClaims(header) as Record<string, unknown>,
        claims: sanitizeClaims(claims) as Record<string, unknown>,
        issuedAt: isoFromSeconds(own('iat')),
        expiresAt: isoFromSeconds(own('exp')),
        enforcing: { searchHub: own('searchHub'), pipeline: own('pipeline'), organization: own('organization') },
        unsigned: String(Object.prototype.hasOwnProperty.call(header, 'alg') ? header.alg : '').toLowerCase() === 'none' || value.endsWith('.'),
        ambiguousClaims: type === 'search-token' && repeatsRoutingClaim(value),
      };
      return { info: { type, ...base }, token, key: fp };
    } catch {
      return { info: { type: 'opaque', ...base, note: 'JWT-shaped but its header or claims do not decode' }, token: null, key: fp };
    }
  }
  if (value === 'undefined' || value === 'null') {
    return { info: { type: 'opaque', ...base, note: `the literal "${value}": the page sent no real credential (a client bug)` }, token: null, key: fp };
  }
  if (GUID.test(value)) {
    return { info: { type: 'opaque', ...base, note: 'a bare GUID: looks like an old Cloud V1 OAuth token' }, token: null, key: fp };
  }
  return { info: { type: 'opaque', ...base }, token: null, key: fp };
}

function isoFromSeconds(value: unknown): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  const date = new Date(value * 1000);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export function tokenInfo(token: DecodedToken, startedMs: number | null): TokenInfo {
  const { iat, exp } = token.claims;
  const numIat = typeof iat === 'number' && Number.isFinite(iat) ? iat : null;
  const numExp = typeof exp === 'number' && Number.isFinite(exp) ? exp : null;
  return {
    header: token.header,
    claims: token.claims,
    issuedAt: token.issuedAt,
    expiresAt: token.expiresAt,
    lifetimeSeconds: numIat !== null && numExp !== null ? numExp - numIat : null,
    secondsToExpiryAtRequest: numExp !== null && startedMs !== null ? Math.round(numExp - startedMs / 1000) : null,
  };
}

export const NO_CREDENTIAL: CredentialInfo = { type: 'none', location: null, fingerprint: null };

/**
 * Every credential of an entry, in full. Only for an explicit user action ("Reveal" in the panel): nothing
 * that is stored, exported or printed may come from here.
 */
export function extractRawCredentials(input: unknown): RawCredential[] {
  const entry = asEntry(input);
  if (!entry) return [];
  const data = readRequest(entry, parseUrl(entry.request.url as string).query);
  return collectCredentials(entry, data);
}
