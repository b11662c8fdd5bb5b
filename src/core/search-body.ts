/**
 * Whether a POST to a site's own URL carries a Coveo search request (Headless `proxyBaseUrl` at any base): the
 * cheap test the analysis and the capture run before anything else.
 */
import { decodeBase64Text } from './base64';
import { isLetterEscape } from './prefilter';
import { firstNonSpace, MAX_BODY_CHARS } from './request';
import type { HarEntryLike } from './types';

/** A path ending in /querySuggest, before any query string or fragment. */
const SUGGEST_PATH = /\/querysuggest\/?(?:[?#]|$)/i;

/**
 * A `%XX` escape of an ASCII letter: how a form key hides a marker (`search%48ub`). Encoders never escape letters
 * (the `%` of ordinary forms escapes `:`, `/`, spaces, non-ASCII), so ordinary beacons are not parsed for it.
 */
function hasEscapedLetter(text: string): boolean {
  for (let i = text.indexOf('%'); i >= 0 && i + 2 < text.length; i = text.indexOf('%', i + 1)) {
    if (isLetterEscape(text.charCodeAt(i + 1), text.charCodeAt(i + 2))) return true;
  }
  return false;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * A POST to a site's own URL that carries a Coveo search request (Headless `proxyBaseUrl` at any base): a top-level
 * `searchHub` or `searchContext`, a search's paging fields, or a query under a `/querySuggest` path. Wherever they
 * sit: real Headless and search-ui bodies put kilobytes of `actionsHistory`, `context`, facets and fields first, so
 * the cheap text test looks at the whole body (native substring search), never a prefix. Then the body is parsed,
 * so that another API's body that merely mentions "searchHub" somewhere deeper is not taken for a Coveo call.
 */
export function bodyLooksLikeSearch(entry: HarEntryLike): boolean {
  const method = entry.request.method;
  if (typeof method !== 'string' || method.toUpperCase() !== 'POST') return false;
  // The path is looked at only when a body has a query and nothing else marks it (ordinary traffic never gets there).
  const url = entry.request.url as string;
  const post = entry.request.postData as (HarEntryLike['request']['postData'] & { encoding?: unknown }) | undefined;
  let text = post && typeof post === 'object' ? post.text : undefined;
  // A recorder that wrote the body base64 (`encoding: "base64"`, as readRequest reads it): its markers are in the
  // decoded text only.
  if (typeof text === 'string' && text !== '' && typeof post?.encoding === 'string' && post.encoding.toLowerCase() === 'base64') {
    text = decodeBase64Text(/\s/.test(text) ? text.replace(/\s+/g, '') : text) ?? text;
  }
  if (typeof text === 'string' && text !== '') {
    // A key can be spelled with escapes (`"\u0073earchHub"` in JSON, `search%48ub` in a form) that Coveo decodes:
    // such a body is parsed, never judged by its raw text.
    // (`%` escapes nothing in JSON: it counts for a body sent as a form only, as the CLI's raw prefilter reads it.)
    const escaped =
      text.includes('\\u') ||
      (typeof post?.mimeType === 'string' && hasEscapedLetter(text) && post.mimeType.toLowerCase().includes('urlencoded') && firstNonSpace(text) !== '{');
    // Each marker is looked for first by a short needle that starts with a capital letter: the substring search
    // skips ahead on the needle's first character, which is rare in ordinary bodies ("Hub" scans a 50 KB JSON
    // body in about 1 µs where "searchHub", starting with a common letter, takes about 100 times as long).
    const plain =
      (text.includes('Hub') && text.includes('searchHub')) ||
      (text.includes('Context') && text.includes('"searchContext"')) ||
      (text.includes('Result') && text.includes('firstResult') && text.includes('numberOfResults')) ||
      (text.includes('History') && text.includes('actionsHistory')) ||
      (SUGGEST_PATH.test(url) && (text.includes('"q"') || text.includes('q=')));
    if (!plain && !escaped) return false;
    // Too long to confirm here: analysed as a call (whose verdict cannot be enforced on a body read in part).
    if (plain && text.length > MAX_BODY_CHARS) return true;
    if (firstNonSpace(text) === '{') {
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return false;
      }
      if (!isObject(body)) return false;
      return (
        typeof body.searchHub === 'string' ||
        isObject(body.searchContext) ||
        ('numberOfResults' in body && 'firstResult' in body) ||
        (typeof body.q === 'string' && SUGGEST_PATH.test(url))
      );
    }
    // search-ui's form body (often relayed by the site, which adds the hub): recognised by its search fields.
    const form = new URLSearchParams(text);
    return formLooksLikeSearch((name) => form.has(name), url);
  }
  const params = post && typeof post === 'object' ? post.params : undefined;
  if (!Array.isArray(params)) return false;
  const listed = new Set(params.map((p) => (p && typeof p.name === 'string' ? p.name : '')));
  return formLooksLikeSearch((name) => listed.has(name), url);
}

/** A form (text or HAR params) with a search's fields: a hub, paging, or search-ui's history beside a query. */
function formLooksLikeSearch(has: (name: string) => boolean, url: string): boolean {
  return (
    has('searchHub') ||
    (has('numberOfResults') && has('firstResult')) ||
    (has('actionsHistory') && (has('q') || has('aq') || has('numberOfResults'))) ||
    (has('q') && SUGGEST_PATH.test(url))
  );
}
