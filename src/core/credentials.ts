import { decodeJwt } from 'jose';
import { decodeBase64Text } from './base64';
import { asEntry, getHeaders } from './har';
import { parseUrl, readRequest } from './request';
import { fingerprint, looksLikeApiKey, looksLikeJwt, shortHash, shownText } from './redact';
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
      for (const [key, value] of Object.entries(ctx as Record<string, unknown>)) if (credentialKey(key) !== null) push('body-searchContext.accessToken', value);
    }
    for (const [key, value] of Object.entries(json as Record<string, unknown>)) if (credentialKey(key) !== null) push('body-accessToken', value);
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

const hasOwn = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);

/** The payload part of a JWT as text (base64url, the platform's decoder); null when it does not decode. */
function payloadText(jwt: string): string | null {
  const part = jwt.split('.')[1] ?? '';
  return decodeBase64Text(part.replace(/-/g, '+').replace(/_/g, '/'));
}

/** Every `"key":` of a JSON text, key still escaped: the slow general scan, for texts with a backslash. */
const KEY = /"((?:[^"\\]|\\.)*)"\s*:/g;

/** How often `"needle"` followed by a colon occurs in a JSON text without a backslash: there, it is a key every time. */
function countPlainKey(text: string, needle: string): number {
  let n = 0;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) {
    let i = at + needle.length;
    while (i < text.length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9 || text.charCodeAt(i) === 10 || text.charCodeAt(i) === 13)) i++;
    if (text.charCodeAt(i) === 58) n++;
  }
  return n;
}

/**
 * Whether a JWT's payload names `searchHub` or `pipeline` more than once (`"searchHub"`, `"pip\u0065line"`...).
 * `claims` is the payload as parsed: a key that occurs even once is an own property of it (a duplicate leaves the
 * last copy), so a payload without either key needs no second look at its text.
 */
function repeatsRoutingClaim(jwt: string, claims: Record<string, unknown>): boolean {
  if (!hasOwn(claims, 'searchHub') && !hasOwn(claims, 'pipeline')) return false;
  const text = payloadText(jwt);
  if (text === null) return true;
  // Without a backslash every quote of valid JSON opens or closes a string, so `"searchHub"` before a colon is a key.
  if (!text.includes('\\')) return countPlainKey(text, '"searchHub"') > 1 || countPlainKey(text, '"pipeline"') > 1;
  const counts: Record<string, number> = { searchHub: 0, pipeline: 0 };
  KEY.lastIndex = 0;
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
  /**
   * Identity of the secret for comparisons: the full value, in memory inside the core only (never exported).
   * Fingerprints are for display: two different tokens can share one.
   */
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
  const source = value as Record<string, unknown>;
  const keys = Object.keys(source);
  const count = Math.min(keys.length, 100);
  for (let i = 0; i < count; i++) {
    const key = keys[i] as string;
    const shown = key.length > 200 ? `${key.slice(0, 200)}…` : key;
    const item = sanitizeClaims(source[key], depth + 1);
    // A claim named `__proto__` stays a plain own property instead of becoming the copy's prototype (the only key
    // a plain assignment would not store as an own property); every other key is a plain, fast assignment.
    if (shown === '__proto__') Object.defineProperty(out, shown, { value: item, enumerable: true, writable: true, configurable: true });
    else out[shown] = item;
  }
  if (keys.length > 100) out['…'] = 'more claims truncated';
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

let strictUtf8: TextDecoder | null = null;

/**
 * A JWT's protected header as jose's `decodeProtectedHeader` reads it (base64url without `+` or `/`, strict UTF-8,
 * JSON, a plain object), for a value that `looksLikeJwt`; throws like jose when it does not decode.
 */
function protectedHeader(jwt: string): Record<string, unknown> {
  const part = jwt.slice(0, jwt.indexOf('.'));
  if (part === '' || part.includes('+') || part.includes('/')) throw new TypeError('Invalid Token or Protected Header formatting');
  const binary = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
  let text = binary;
  if (/[\x80-\xff]/.test(binary)) {
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    text = (strictUtf8 ??= new TextDecoder('utf-8', { fatal: true })).decode(bytes);
  }
  const parsed: unknown = JSON.parse(text);
  if (parsed === null || typeof parsed !== 'object' || Object.prototype.toString.call(parsed) !== '[object Object]')
    throw new TypeError('Invalid Token or Protected Header formatting');
  return parsed as Record<string, unknown>;
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
      // jose decodes the claims (once); the header, a few bytes, is read here by jose's rules.
      const claims = decodeJwt(value) as Record<string, unknown>;
      const header = protectedHeader(value);
      const type: CredentialType = isSearchTokenClaims(claims) ? 'search-token' : 'jwt';
      const own = (key: string): unknown => (Object.prototype.hasOwnProperty.call(claims, key) ? claims[key] : undefined);
      const token: DecodedToken = {
        header: sanitizeClaims(header) as Record<string, unknown>,
        claims: sanitizeClaims(claims) as Record<string, unknown>,
        issuedAt: isoFromSeconds(own('iat')),
        expiresAt: isoFromSeconds(own('exp')),
        enforcing: { searchHub: own('searchHub'), pipeline: own('pipeline'), organization: own('organization') },
        unsigned: String(Object.prototype.hasOwnProperty.call(header, 'alg') ? header.alg : '').toLowerCase() === 'none' || value.endsWith('.'),
        ambiguousClaims: type === 'search-token' && repeatsRoutingClaim(value, claims),
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

const two = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

/**
 * `new Date(value * 1000).toISOString()` (null for what is not a valid date), by arithmetic for the years 1970 to
 * 9999: `toISOString` costs several microseconds here, a noticeable share of reading a new token.
 */
export function isoFromSeconds(value: unknown): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  const ms = Math.trunc(value * 1000);
  if (ms < 0 || ms >= 253402300800000) {
    const date = new Date(value * 1000);
    return Number.isNaN(date.getTime()) ? null : date.toISOString();
  }
  // Civil date from days since 1970-01-01 (H. Hinnant's algorithm), then the time of day.
  const days = Math.floor(ms / 86400000);
  let rem = ms - days * 86400000;
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const h = Math.floor(rem / 3600000);
  rem -= h * 3600000;
  const mi = Math.floor(rem / 60000);
  rem -= mi * 60000;
  const sec = Math.floor(rem / 1000);
  const milli = rem - sec * 1000;
  return `${year}-${two(month)}-${two(day)}T${two(h)}:${two(mi)}:${two(sec)}.${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`;
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
