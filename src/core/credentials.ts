import { asEntry, getHeaders } from './har';
import { parseUrl, readRequest } from './request';
import { fingerprint, looksLikeApiKey, looksLikeJwt, shortHash } from './redact';
import { type DecodedToken, decodePayload, isoFromSeconds, isSearchTokenClaims, protectedHeader, repeatsRoutingClaim, sanitizeClaims } from './token';

export { type DecodedToken, isoFromSeconds, isSearchTokenClaims, tokenInfo } from './token';
import type { CredentialInfo, CredentialLocation, CredentialType, HarEntryLike } from './types';
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

/** `access_token` or `accesstoken` (any case) for a credential field's name, else null. */
function credentialKey(name: string): 'access_token' | 'accesstoken' | null {
  if (name.length !== 12 && name.length !== 11) return null;
  const k = name.toLowerCase();
  return k === 'access_token' || k === 'accesstoken' ? k : null;
}

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
  // Any letter case and either spelling (`access_token`, `accessToken`, `Access_Token`...): which one a server
  // reads is not documented, so each counts.
  for (const [key, value] of data.url) {
    const k = credentialKey(key);
    if (k !== null) push(k === 'access_token' ? 'url-access_token' : 'url-accessToken', value);
  }
  if (data.form) for (const [key, value] of data.form) if (credentialKey(key) !== null) push('form-access_token', value);
  for (const p of data.params) if (credentialKey(p.name) !== null && !data.form?.has(p.name)) push('form-access_token', p.value);
  const json = data.json;
  if (json && typeof json === 'object' && !Array.isArray(json)) {
    const ctx = (json as Record<string, unknown>).searchContext;
    if (ctx && typeof ctx === 'object' && !Array.isArray(ctx)) {
      const c = ctx as Record<string, unknown>;
      for (const key of Object.keys(c)) if (credentialKey(key) !== null) push('body-searchContext.accessToken', c[key]);
    }
    // Own keys as `Object.entries` lists them, without a [key, value] pair per key of a search body.
    const body = json as Record<string, unknown>;
    for (const key of Object.keys(body)) if (credentialKey(key) !== null) push('body-accessToken', body[key]);
  }
  found.sort((a, b) => LOCATION_ORDER.indexOf(a.location) - LOCATION_ORDER.indexOf(b.location));
  return found;
}

export interface ClassifiedCredential {
  info: CredentialInfo;
  /** Decoded claims and header for JWTs (search tokens and others). */
  token: DecodedToken | null;
  /**
   * Identity of the secret for comparisons: the full value, in memory inside the core only (never exported).
   * Fingerprints are for display: two different tokens can share one.
   */
  key: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Pages send the same credential on every call: classify each distinct one once. Bounded, memory only.
const CACHE_LIMIT = 64;
const cache = new Map<string, Map<string, ClassifiedCredential>>();

export function classifyCredential(raw: RawCredential): ClassifiedCredential {
  // Keyed by scheme, then value (no concatenated key to build and hash per call).
  const scheme = raw.scheme ?? '';
  let byValue = cache.get(scheme);
  const hit = byValue?.get(raw.value);
  if (hit) return hit.info.location === raw.location ? hit : { ...hit, info: { ...hit.info, location: raw.location } };
  const classified = classifyUncached(raw);
  if (!byValue) {
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    byValue = new Map();
    cache.set(scheme, byValue);
  }
  if (byValue.size >= CACHE_LIMIT) byValue.delete(byValue.keys().next().value as string);
  byValue.set(raw.value, classified);
  return classified;
}

/** `fingerprint(jwt)` for a trimmed value that `looksLikeJwt`: three parts (the shape allows no more, no fewer). */
export function jwtFingerprint(value: string): string {
  return `${value.slice(0, 8)}…(JWT, 3 parts, #${shortHash(value)})`;
}

function classifyUncached(raw: RawCredential): ClassifiedCredential {
  const { value, location } = raw;
  // A JWT's fingerprint without `fingerprint` re-testing its shape (looksLikeJwt below): the same text, which a
  // test checks against `fingerprint` itself.
  const jwtShaped = looksLikeJwt(value);
  const fp = jwtShaped && value.trim() === value ? jwtFingerprint(value) : fingerprint(value);
  const key = value;
  const base = { location, fingerprint: fp, ...(raw.scheme ? { scheme: raw.scheme } : {}) };
  const scheme = raw.scheme?.toLowerCase();
  if (scheme === 'basic') return { info: { type: 'basic', ...base }, token: null, key };
  if (scheme !== undefined && scheme !== 'bearer') {
    return { info: { type: 'opaque', ...base, note: `unusual Authorization scheme "${raw.scheme}"` }, token: null, key };
  }
  if (looksLikeApiKey(value)) return { info: { type: 'api-key', ...base }, token: null, key };
  if (jwtShaped) {
    try {
      // The claims decoded once, by jose's rules and base64url decoder (the duplicate scan reads the same text); the
      // header, a few bytes, is read here by jose's rules too.
      const { claims, text } = decodePayload(value);
      const header = protectedHeader(value);
      const type: CredentialType = isSearchTokenClaims(claims) ? 'search-token' : 'jwt';
      const own = (key: string): unknown => (Object.hasOwn(claims, key) ? claims[key] : undefined);
      const token: DecodedToken = {
        header: sanitizeClaims(header) as Record<string, unknown>,
        claims: sanitizeClaims(claims) as Record<string, unknown>,
        issuedAt: isoFromSeconds(own('iat')),
        expiresAt: isoFromSeconds(own('exp')),
        enforcing: { searchHub: own('searchHub'), pipeline: own('pipeline'), organization: own('organization') },
        unsigned: String(Object.hasOwn(header, 'alg') ? header.alg : '').toLowerCase() === 'none' || value.endsWith('.'),
        ambiguousClaims: type === 'search-token' && repeatsRoutingClaim(text, claims),
      };
      return { info: { type, ...base }, token, key };
    } catch {
      return { info: { type: 'opaque', ...base, note: 'JWT-shaped but its header or claims do not decode' }, token: null, key };
    }
  }
  if (value === 'undefined' || value === 'null') {
    return { info: { type: 'opaque', ...base, note: `the literal "${value}": the page sent no real credential (a client bug)` }, token: null, key };
  }
  if (GUID.test(value)) {
    return { info: { type: 'opaque', ...base, note: 'a bare GUID: looks like an old Cloud V1 OAuth token' }, token: null, key };
  }
  return { info: { type: 'opaque', ...base }, token: null, key };
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
