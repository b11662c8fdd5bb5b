/**
 * What can be decided about an entry before it is parsed: from its URL and method, and, for a POST to a URL that
 * names nothing of Coveo's, from whether its raw JSON text could hold a search body at all. A reader that has the
 * entry as raw JSON (the CLI's HAR reader) skips parsing what `analyzeEntry` would reject anyway. Kept exactly in
 * step with `analyzeEntry` (and the proxy recognition of `analyze.ts`, which reads bodies): a test checks that every
 * entry the analysis takes for a Coveo call passes here.
 */
import { urlMayBeCoveo } from './endpoints';

/**
 * `reject`: `analyzeEntry` returns null whatever the rest of the entry holds. `body`: a POST to a URL that is not
 * Coveo's, which the analysis takes for a call only when its body looks like a search (Headless `proxyBaseUrl`):
 * decide with `rawMayHoldSearchBody`. `analyze`: parse it and analyse it.
 */
export type Prefilter = 'reject' | 'body' | 'analyze';

/**
 * `url` is the entry's `request.url` (a non-empty string), `method` its `request.method` as JSON gives it (a
 * string, or anything else when the entry has none or an odd one).
 */
export function prefilterEntry(url: string, method: unknown): Prefilter {
  const upper = typeof method === 'string' ? method.toUpperCase() : 'GET';
  if (upper === 'OPTIONS') return 'reject';
  if (urlMayBeCoveo(url)) return 'analyze';
  // bodyLooksLikeSearch (analyze.ts) reads a body only on a POST whose method is a string.
  return typeof method === 'string' && upper === 'POST' ? 'body' : 'reject';
}

/**
 * Each of `bodyLooksLikeSearch`'s body tests needs one of `searchHub`, `searchContext`, `firstResult` or
 * `actionsHistory` in the body text or the HAR params' names (a search's hub, its context, its paging, search-ui's
 * history), except a query under a `/querySuggest` path. Looked for by the capitalised part each contains (as
 * analyze.ts does): a rare first letter lets the byte search skip ahead, and a text without it has none of them.
 */
export const SEARCH_BODY_NEEDLES = ['Hub', 'Context', 'Result', 'History'] as const;

/** A path ending in /querySuggest, as `analyze.ts` tests it. */
const SUGGEST_PATH = /\/querysuggest\/?(?:[?#]|$)/i;

/** A hex digit's value (its character code), or -1. */
function hex(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const l = c | 32;
  return l >= 97 && l <= 102 ? l - 87 : -1;
}

/** Whether the two characters (codes) after a `%` spell an ASCII letter's code (`%48` is `H`, `%6e` is `n`). */
export function isLetterEscape(first: number, second: number): boolean {
  const hi = hex(first);
  const lo = hex(second);
  if (hi < 0 || lo < 0) return false;
  const lower = (hi << 4) | lo | 32;
  return lower >= 97 && lower <= 122;
}

/**
 * Whether an entry's raw JSON text (the whole entry, or any part of it that contains the request's `postData`)
 * could hold a body `bodyLooksLikeSearch` accepts. In JSON text a letter is spelled either as itself or as a `\u`
 * escape, and in a form as itself or as a `%XX` escape, so a text with no needle, no `\u` and no letter escape
 * cannot decode to a body with a needle. `includes` is the search (a Buffer's or a string's); `escapesLetter`,
 * whether the text has a `%XX` escape of a letter (by default: whether it has a `%` at all).
 */
export function rawMayHoldSearchBody(url: string, includes: (needle: string) => boolean, escapesLetter: () => boolean = () => includes('%')): boolean {
  if (SUGGEST_PATH.test(url)) return true;
  for (const needle of SEARCH_BODY_NEEDLES) if (includes(needle)) return true;
  // A body key spelled with escapes (JSON `\u`, form `%XX`) or a base64 body (`"encoding"`): only parsing tells.
  return includes('\\u') || includes('"encoding"') || escapesLetter();
}
