import type { CallReport, PageVerdict, Verdict } from '../core/index';
import { markHidden } from '../core/report/sanitize';
import { duration } from '../core/values';

export const VERDICT_LABEL: Record<Verdict, string> = {
  enforced: 'enforced',
  unenforced: 'not enforced',
  unverifiable: 'unverifiable',
  'not-applicable': 'n/a',
};

export const PAGE_VERDICT_LABEL: Record<PageVerdict, string> = {
  pass: 'Pass: every search hub is enforced by its credential',
  review: 'Review: some calls cannot be proven enforced',
  fail: 'Fail: a search hub is only set by the editable request',
  empty: 'No Coveo calls yet',
};

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** `14:03:07.123` in local time, or an empty string. */
export function clockTime(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

/** The core's one duration formatter (rules and reports use the same). */
export { duration };

/** "expired 3 h before this request" / "expires 2 h after this request". */
export function expiryAtRequest(seconds: number | null): string | null {
  if (seconds === null || !Number.isFinite(seconds)) return null;
  if (seconds < 0) return `expired ${duration(seconds)} before this request`;
  return `expires ${duration(seconds)} after this request`;
}

/** A page-controlled string as the panel shows it: hidden characters as ⟨U+XXXX⟩ markers; tab and line breaks kept. */
export function visible(text: string): string {
  return markHidden(text, '\t\n\r');
}

/** Where a call's hub comes from: the credential's claim, the editable request only, or nowhere. */
export type HubOriginKind = 'token' | 'request' | 'none';

export interface HubOrigin {
  kind: HubOriginKind;
  /** The request names a hub and the token claims another one: the token's wins, the request's is ignored. */
  conflict: boolean;
  /**
   * A glyph for the eye: text glyphs every system font has and draws in the text colour (no emoji, which some
   * systems lack and which ignore the theme): ◆ held by the credential, ✎ editable, ≠ conflict, — none.
   */
  glyph: string;
  /** The same in words, short enough for the column: `token`, `body`, `URL`, `none`. */
  word: string;
  /** The hub as the column shows it (hidden characters marked): `ACMEPublic`, `Spoof → ACMEPublic`, `—`. */
  text: string;
  /** One sentence for the tooltip and the detail. */
  sentence: string;
}

/** Where the request's hub was read, in words. */
const REQUEST_SOURCE_WORD: Record<string, string> = {
  json: 'body',
  form: 'body',
  searchContext: 'body',
  url: 'URL',
  originLevel1: 'body',
  'analytics-json': 'body',
};

/**
 * The hub column of a call, from the core's analysis alone (`searchHub.request`, `requestSource`, `token`): a
 * token claim is `◆ token`, a hub only the request names is `✎ body` (or `✎ URL`), no hub is `— none`.
 * Where the hub came from says nothing by itself about enforcement: the verdict column says that.
 */
export function hubOrigin(call: CallReport): HubOrigin {
  const { request, requestSource, token } = call.searchHub;
  if (token !== null) {
    const conflict = request !== null && request !== token;
    return {
      kind: 'token',
      conflict,
      glyph: conflict ? '≠' : '◆',
      word: conflict ? 'conflict' : 'token',
      text: visible(conflict ? `${request} → ${token}` : token),
      sentence: conflict
        ? visible(`The request names "${request}" but the token's searchHub claim is "${token}": Coveo uses the claim.`)
        : visible(`From the token's searchHub claim "${token}" (the request cannot change it).`),
    };
  }
  if (request !== null) {
    const word = (requestSource && REQUEST_SOURCE_WORD[requestSource]) ?? 'request';
    return {
      kind: 'request',
      conflict: false,
      glyph: '✎',
      word,
      text: visible(request),
      sentence: visible(
        `Only the request ${word === 'URL' ? 'URL' : 'body'} names "${request}" (${requestSource ?? 'request'}); anyone can edit it. No token claim.`,
      ),
    };
  }
  return { kind: 'none', conflict: false, glyph: '—', word: 'none', text: '—', sentence: 'No hub: neither the request nor a token claim names one.' };
}

/** `host/path` of a call (no query string): what tells proxied calls apart. */
export function endpointText(call: CallReport): string {
  let path = '';
  try {
    path = new URL(call.url).pathname;
  } catch {
    path = call.url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '').split(/[?#]/)[0] ?? '';
  }
  return visible(`${call.host}${path}`);
}

const CREDENTIAL_SHORT: Record<string, string> = {
  'search-token': 'token',
  'api-key': 'key',
  jwt: 'JWT',
  basic: 'basic',
  opaque: 'opaque',
  none: 'none',
};

/**
 * The credential column, narrow: the type in one word and the part of the fingerprint that tells two apart
 * (`token #1f2e3d4c`, `key xx56…4457`); `credentialTitle` gives the whole fingerprint.
 */
export function credentialShort(call: CallReport): string {
  const { type, fingerprint } = call.credential;
  const word = CREDENTIAL_SHORT[type] ?? type;
  if (!fingerprint) return word;
  const hash = /#([0-9a-f]{8})\)?$/.exec(fingerprint);
  return visible(`${word} ${hash ? `#${hash[1]}` : fingerprint}`);
}

export function credentialTitle(call: CallReport): string {
  const { type, fingerprint, location } = call.credential;
  if (type === 'none') return 'No credential in the request.';
  return visible(`${type}${fingerprint ? ` ${fingerprint}` : ''}${location ? ` in ${location}` : ''}`);
}

/** `2026-12-02 03:15 UTC` for a time in ms since the epoch; null when it is not a representable date. */
export function utcMinute(ms: number): string | null {
  if (!Number.isFinite(ms)) return null;
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return null;
  const year = date.getUTCFullYear();
  if (year < 0 || year > 9999) return null;
  return `${pad(year, 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())} UTC`;
}

/** `in 23 h`, `3 d ago`, `now` (within a second): `at` relative to `now`, both in ms. */
export function relativeTime(at: number, now: number): string {
  const seconds = (at - now) / 1000;
  if (!Number.isFinite(seconds)) return 'unknown';
  if (Math.abs(seconds) < 1) return 'now';
  return seconds > 0 ? `in ${duration(seconds)}` : `${duration(seconds)} ago`;
}

/** The JWT time claims (RFC 7519 NumericDate: seconds since the epoch). */
export const TIME_CLAIMS: ReadonlySet<string> = new Set(['iat', 'exp', 'nbf', 'auth_time']);

/**
 * A token time as a person reads it: `2026-12-02 03:15 UTC, in 23 h` / `2026-11-29 03:15 UTC, 3 d ago`, relative to
 * an injected `now` (ms). Accepts the claim's number of seconds or an ISO date; null when it is neither a number nor
 * a date (the caller then shows the value as it is).
 */
export function tokenTime(value: unknown, now: number): string | null {
  let ms: number;
  if (typeof value === 'number') ms = value * 1000;
  else if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Date.parse(value))) ms = Date.parse(value);
  else return null;
  const date = utcMinute(ms);
  if (date === null) return null;
  return `${date}, ${relativeTime(ms, now)}`;
}

export function claimText(value: unknown): string {
  if (typeof value === 'string') return visible(value);
  try {
    return visible(JSON.stringify(value) ?? String(value));
  } catch {
    return visible(String(value));
  }
}

export function isSafeDocsLink(url: string): boolean {
  return /^https:\/\//i.test(url);
}
