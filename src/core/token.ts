// Reading a JWT the core has classified: its header as jose reads it, its claims bounded and scrubbed for display,
// the routing claims it repeats, and its dates.
import { base64url } from 'jose';
import { shownText } from './redact';
import type { TokenInfo } from './types';

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

const hasOwn = (o: object, key: string): boolean => Object.hasOwn(o, key);

let strictUtf8: TextDecoder | null = null;
const strict = (): TextDecoder => {
  strictUtf8 ??= new TextDecoder('utf-8', { fatal: true });
  return strictUtf8;
};

/**
 * A JWT's claims exactly as jose's `decodeJwt` reads them (three parts, jose's base64url decoder, strict UTF-8,
 * JSON, a plain object; throws where it throws), with the payload's text kept: the duplicate-claim scan reads that
 * same text instead of decoding the payload a second time.
 */
export function decodePayload(jwt: string): { claims: Record<string, unknown>; text: string } {
  const parts = jwt.split('.');
  if (parts.length !== 3 || !parts[1]) throw new TypeError('Invalid JWT');
  const text = strict().decode(base64url.decode(parts[1]));
  const claims: unknown = JSON.parse(text);
  if (!isPlainObject(claims)) throw new TypeError('Invalid JWT Claims Set');
  return { claims, text };
}

/** jose's `isObject`: an `[object Object]` whose prototype is null or has none above it. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Object.prototype.toString.call(value) !== '[object Object]') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
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
 * Whether a JWT's payload (`text`, as `decodePayload` decoded it) names `searchHub` or `pipeline` more than once (`"searchHub"`, `"pip\u0065line"`...).
 * `claims` is the payload as parsed: a key that occurs even once is an own property of it (a duplicate leaves the
 * last copy), so a payload without either key needs no second look at its text.
 */
export function repeatsRoutingClaim(text: string, claims: Record<string, unknown>): boolean {
  if (!hasOwn(claims, 'searchHub') && !hasOwn(claims, 'pipeline')) return false;
  // Without a backslash every quote of valid JSON opens or closes a string, so `"searchHub"` before a colon is a key.
  if (!text.includes('\\')) return countPlainKey(text, '"searchHub"') > 1 || countPlainKey(text, '"pipeline"') > 1;
  const counts: Record<string, number> = { searchHub: 0, pipeline: 0 };
  KEY.lastIndex = 0;
  for (let m = KEY.exec(text); m !== null; m = KEY.exec(text)) {
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

/** Claims are shown (they are not the secret) but bounded, and scrubbed of anything secret-shaped. */
export function sanitizeClaims(value: unknown, depth = 0): unknown {
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

/**
 * A JWT's protected header as jose's `decodeProtectedHeader` reads it (base64url without `+` or `/`, strict UTF-8,
 * JSON, a plain object), for a value that `looksLikeJwt`; throws like jose when it does not decode.
 */
export function protectedHeader(jwt: string): Record<string, unknown> {
  const part = jwt.slice(0, jwt.indexOf('.'));
  if (part === '' || part.includes('+') || part.includes('/')) throw new TypeError('Invalid Token or Protected Header formatting');
  const binary = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
  let text = binary;
  if (/[\x80-\xff]/.test(binary)) {
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    text = strict().decode(bytes);
  }
  const parsed: unknown = JSON.parse(text);
  if (parsed === null || typeof parsed !== 'object' || Object.prototype.toString.call(parsed) !== '[object Object]')
    throw new TypeError('Invalid Token or Protected Header formatting');
  return parsed as Record<string, unknown>;
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
