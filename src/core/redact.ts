/**
 * Redaction: a credential never leaves the core whole. Fingerprints keep enough to tell credentials apart
 * (`xx56…4457`, `eyJhbGci…(JWT, 3 parts, #1f2e3d4c)`) and nothing that could be replayed.
 */

const API_KEY = /^xx[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** 32-bit FNV-1a of a string, as 8 hex digits: a label to tell two secrets apart, not a secret itself. */
export function shortHash(value: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

export function looksLikeJwt(value: string): boolean {
  return value.startsWith('eyJ') && JWT_SHAPE.test(value);
}

export function looksLikeApiKey(value: string): boolean {
  return API_KEY.test(value);
}

/** The one safe way to show a secret. */
export function fingerprint(secret: string): string {
  const value = secret.trim();
  if (value === '') return '(empty)';
  if (looksLikeApiKey(value)) return `${value.slice(0, 4)}…${value.slice(-4)}`;
  if (looksLikeJwt(value)) {
    const parts = value.split('.').length;
    return `${value.slice(0, 8)}…(JWT, ${parts} parts, #${shortHash(value)})`;
  }
  if (value.length >= 20) return `${value.slice(0, 4)}…(${value.length} chars, #${shortHash(value)})`;
  return `…(${value.length} chars, #${shortHash(value)})`;
}

const SECRET_PARAM = /^(access_?token|accesstoken|api_?key|apikey|token)$/i;
const API_KEY_ANYWHERE = /xx[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
/** Maximal runs of base64url characters and dots: a JWT never crosses one. Linear (no backtracking). */
const RUN = /[A-Za-z0-9_.-]+/g;
/** A necessary condition for the wide alternative (16 characters, a dot, 16 characters): bounded, linear. */
const WIDE_QUICK = /[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{16}/;
/** Implied by WIDE_QUICK and far cheaper to refute: it starts with a literal dot, which the engine skips to. */
const DOT_THEN_16 = /\.[A-Za-z0-9_-]{16}/;

/**
 * The JWT-shaped spans of one run (`eyJ` + ≥4 chars, `.`, ≥4 chars, `.`, any; or three parts of ≥16 chars each),
 * found leftmost first like the equivalent regular expression
 * `eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*|[\w-]{16,}\.[\w-]{16,}\.[\w-]{16,}`, but in linear time: that expression
 * backtracks quadratically on a long run without dots (40 KB took 18 s).
 */
function jwtSpans(run: string): [number, number][] {
  const parts = run.split('.');
  if (parts.length < 3) return [];
  const starts: number[] = [];
  let at = 0;
  for (const part of parts) {
    starts.push(at);
    at += part.length + 1;
  }
  const spans: [number, number][] = [];
  let k = 0;
  while (k + 2 < parts.length) {
    const a = parts[k] as string;
    const b = (parts[k + 1] as string).length;
    const c = (parts[k + 2] as string).length;
    const end = (starts[k + 2] as number) + c;
    const wide = a.length >= 16 && b >= 16 && c >= 16;
    const e = a.indexOf('eyJ');
    if (wide || (e === 0 && a.length >= 7 && b >= 4)) {
      spans.push([starts[k] as number, end]);
      k += 3;
    } else if (e > 0 && a.length - e >= 7 && b >= 4) {
      spans.push([(starts[k] as number) + e, end]);
      k += 3;
    } else {
      k++;
    }
  }
  return spans;
}

const API_KEY_START = /xx[0-9a-f]{8}-/i;
const hasTwoDots = (text: string): boolean => {
  const dot = text.indexOf('.');
  return dot >= 0 && text.indexOf('.', dot + 1) >= 0;
};

/**
 * False when `redactSecrets` is sure to return `text` unchanged (a JWT needs two dots, an API key starts `xx` + 8
 * hex digits + `-`): the cheap test a renderer makes before scrubbing a string.
 */
export function mayHoldSecret(text: string): boolean {
  return hasTwoDots(text) || API_KEY_START.test(text);
}

/**
 * The one secret-scrubbing pattern of the product (analysis, panel, every report and export): anything shaped like
 * a JWT (`eyJ…` or any three long base64url parts) or a Coveo API key inside free text becomes its fingerprint.
 */
export function redactSecrets(text: string): string {
  const twoDots = hasTwoDots(text);
  let out = text;
  if (twoDots && (text.includes('eyJ') || (DOT_THEN_16.test(text) && WIDE_QUICK.test(text)))) {
    RUN.lastIndex = 0;
    out = text.replace(RUN, (run) => {
      const spans = jwtSpans(run);
      if (spans.length === 0) return run;
      let result = '';
      let last = 0;
      for (const [from, to] of spans) {
        result += run.slice(last, from) + fingerprint(run.slice(from, to));
        last = to;
      }
      return result + run.slice(last);
    });
  }
  if (!API_KEY_START.test(out)) return out;
  return out.replace(API_KEY_ANYWHERE, (m) => fingerprint(m));
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

/**
 * The URL with credentials replaced by fingerprints: credential-named query parameters, user info, and any
 * JWT- or key-shaped value. Works on malformed URLs too (plain string work, no URL parser needed).
 */
const MAYBE_SECRET_IN_URL = /@|token|api_?key|eyJ|xx[0-9a-f]{8}-/i;

/** Longest page-controlled string (a claim, a hub) a report repeats in full. */
export const MAX_SHOWN_CHARS = 2000;

/** A page-controlled string as reports show it: secrets scrubbed, cut at MAX_SHOWN_CHARS with the length said. */
export function shownText(value: string): string {
  const clean = redactSecrets(value);
  return clean.length > MAX_SHOWN_CHARS ? `${clean.slice(0, MAX_SHOWN_CHARS)}…(${clean.length} chars, truncated)` : clean;
}

export function redactUrl(url: string): string {
  if (!MAYBE_SECRET_IN_URL.test(url)) return url;
  let out = url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#@]*@/i, '$1');
  const q = out.indexOf('?');
  if (q >= 0) {
    const hashAt = out.indexOf('#', q);
    const query = out.slice(q + 1, hashAt >= 0 ? hashAt : undefined);
    const rest = hashAt >= 0 ? out.slice(hashAt) : '';
    const redacted = query
      .split('&')
      .map((pair) => {
        const eq = pair.indexOf('=');
        if (eq < 0) return pair;
        const name = safeDecode(pair.slice(0, eq));
        const value = safeDecode(pair.slice(eq + 1));
        if (value !== '' && SECRET_PARAM.test(name)) return `${pair.slice(0, eq)}=${encodeURIComponent(fingerprint(value))}`;
        return pair;
      })
      .join('&');
    out = `${out.slice(0, q + 1)}${redacted}${rest}`;
  }
  return redactSecrets(out);
}

/** What a redacted personal value reads as in exports. */
export const PERSONAL_REDACTED = '(personal data redacted)';
/** Token claims that name or group a person (Coveo search tokens: userIds, userGroups, userDisplayName). */
const PERSONAL_CLAIM =
  /^(userids|usergroups|userdisplayname|user|username|users|email|emails|e-mail|mail|name|given_?name|family_?name|preferred_?username|upn|sub|salesforceuser|impersonate)$/i;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+/g;

/** Every string in a claim value replaced by the marker; objects keep their keys, `provider`/`type` their values. */
function redactValue(value: unknown, key = ''): unknown {
  if (typeof value === 'string') return /^(provider|type)$/i.test(key) ? value : PERSONAL_REDACTED;
  if (Array.isArray(value)) return value.map((v) => redactValue(v));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = redactValue(v, k);
    return out;
  }
  return value;
}

/** E-mail addresses anywhere in a value replaced by the marker (strings, arrays, nested objects, keys kept). */
function redactEmails(value: unknown): unknown {
  if (typeof value === 'string') {
    if (!value.includes('@')) return value;
    EMAIL.lastIndex = 0;
    return value.replace(EMAIL, PERSONAL_REDACTED);
  }
  if (Array.isArray(value)) return value.map(redactEmails);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = redactEmails(v);
    return out;
  }
  return value;
}

/**
 * Decoded token claims as exports show them by default: the claims that name a person (`userIds`,
 * `userDisplayName`, `userGroups`, `sub`, ...) and any e-mail address elsewhere become "(personal data redacted)".
 * The claims routing rests on (`searchHub`, `pipeline`, `organization`, `exp`...) stay as they are.
 */
export function redactPersonalClaims(claims: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(claims)) out[k] = PERSONAL_CLAIM.test(k) ? redactValue(v) : redactEmails(v);
  return out;
}
