/**
 * Reads a HAR from a Buffer without materialising the whole document: a byte scanner finds `log.entries`, each
 * entry is parsed and analysed on its own, then dropped. Peak memory stays near the size of the file.
 * Anything unusual (invalid JSON, duplicate keys, odd nesting) falls back to the core's `parseHar` on the whole
 * text, so errors and edge cases behave exactly like the core.
 */
import { analyzeAll, harContext, PageUrlHint, HarError, parseHar, type AnalyzedSource } from '../core/index';
import { prefilterEntry, rawMayHoldSearchBody } from '../core/prefilter';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** Index of the quote closing the string that opens at `start`, or -1 when the buffer ends first. */
function stringEnd(buf: Buffer, start: number): number {
  let j = start + 1;
  for (;;) {
    const q = buf.indexOf(QUOTE, j);
    if (q < 0) return -1;
    let k = q - 1;
    let slashes = 0;
    while (k > start && buf[k] === BACKSLASH) {
      slashes++;
      k--;
    }
    if (slashes % 2 === 0) return q;
    j = q + 1;
  }
}

export interface HarLayout {
  /** Byte offsets [start, end) of each entry of `log.entries`. */
  entries: [number, number][];
  /**
   * Per entry, where its `request.url` and `request.method` strings are (byte offsets of the quotes, [start, end]
   * inclusive; -1 when absent), read only when the entry is an object whose `request` is one object with one `url`
   * string and at most one `method` and `headers` (an array, object or null), none of those keys escaped. Anything
   * else (-2 in `url`) is left to JSON.parse and the core.
   */
  requests: { urlStart: Int32Array; urlEnd: Int32Array; methodStart: Int32Array; methodEnd: Int32Array };
  /** The `log.entries` array including its brackets. */
  arrayStart: number;
  arrayEnd: number;
}

/** Finds the entries of `log.entries` in a HAR's bytes, or null when the layout is not the plain expected one. */
export function scanHar(buf: Buffer, from = 0): HarLayout | null {
  const stack: number[] = []; // 0 object, 1 array
  const keys: (string | null)[] = [];
  let expectKey = false;
  let arrayStart = -1;
  let arrayEnd = -1;
  let inEntries = false;
  let elemStart = -1;
  const entries: [number, number][] = [];
  let rootClosed = false;
  const n = buf.length;
  // Per-entry request fields (see HarLayout.requests), grown as entries are found.
  let cap = 1024;
  let urlStart = new Int32Array(cap);
  let urlEnd = new Int32Array(cap);
  let methodStart = new Int32Array(cap);
  let methodEnd = new Int32Array(cap);
  // The current entry: -2 unsure (leave it to JSON.parse), else what was found so far.
  let eUrl = -1;
  let eUrlEnd = -1;
  let eMethod = -1;
  let eMethodEnd = -1;
  let eRequests = 0;
  let eHeaders = 0;
  let inRequest = false;
  // A key of interest whose value comes next: 1 request (depth 4), 2 url, 3 method, 4 headers (depth 5).
  let pending = 0;
  const startEntry = (c: number) => {
    eUrl = c === 0x7b ? -1 : -2;
    eUrlEnd = eMethod = eMethodEnd = -1;
    eRequests = eHeaders = 0;
    inRequest = false;
    pending = 0;
  };
  const endEntry = () => {
    const k = entries.length - 1;
    if (k >= cap) {
      cap *= 2;
      const grow = (a: Int32Array) => {
        const b = new Int32Array(cap);
        b.set(a);
        return b;
      };
      urlStart = grow(urlStart);
      urlEnd = grow(urlEnd);
      methodStart = grow(methodStart);
      methodEnd = grow(methodEnd);
    }
    const sure = eUrl >= 0 && eRequests === 1;
    urlStart[k] = sure ? eUrl : -2;
    urlEnd[k] = eUrlEnd;
    methodStart[k] = eMethod;
    methodEnd[k] = eMethodEnd;
  };
  /** The key at [i, end] (quotes included) at entry depth 4 or request depth 5: what it means to the prefilter. */
  const keyCode = (i: number, end: number, depth: number): number => {
    const len = end - i - 1;
    for (let k = i + 1; k < end; k++) if (buf[k] === BACKSLASH) return -1; // an escaped key: could spell anything
    if (depth === 4) return len === 7 && buf.toString('latin1', i + 1, end) === 'request' ? 1 : 0;
    if (len === 3 && buf.toString('latin1', i + 1, end) === 'url') return 2;
    if (len === 6 && buf.toString('latin1', i + 1, end) === 'method') return 3;
    if (len === 7 && buf.toString('latin1', i + 1, end) === 'headers') return 4;
    return 0;
  };
  /** The value of a pending key starts at `i` with byte `c` (its string ends at `end`). */
  const takeValue = (c: number, i: number, end: number) => {
    const key = pending;
    pending = 0;
    if (eUrl === -2) return;
    if (key === 1) {
      if (c !== 0x7b) eUrl = -2;
      else inRequest = true;
    } else if (key === 2) {
      if (c !== QUOTE || eUrl !== -1 || end - i < 2) eUrl = -2;
      else {
        eUrl = i;
        eUrlEnd = end;
      }
    } else if (key === 3) {
      if (eMethod !== -1) eUrl = -2;
      else if (c === QUOTE) {
        eMethod = i;
        eMethodEnd = end;
      } else eMethod = -3; // not a string: the analysis reads it as GET
    } else if (key === 4) {
      if (++eHeaders > 1 || (c !== 0x5b && c !== 0x7b && c !== 0x6e)) eUrl = -2; // [ { n(ull)
    }
  };
  for (let i = from; i < n; i++) {
    const c = buf[i] as number;
    if (isSpace(c)) continue;
    if (rootClosed) return null; // something after the root value
    const depth = stack.length;
    if (inEntries && depth === 3 && elemStart < 0 && c !== 0x2c && c !== 0x5d) {
      elemStart = i;
      startEntry(c);
    }
    if (pending !== 0 && c !== 0x3a && inEntries) {
      // The first byte of the value (":" skipped); a string value is taken below with its end.
      if (c !== QUOTE) takeValue(c, i, i);
    }
    if (c === QUOTE) {
      const end = stringEnd(buf, i);
      if (end < 0) return null;
      if (pending !== 0 && inEntries && !expectKey) takeValue(c, i, end);
      else if (inEntries && expectKey && eUrl !== -2 && ((depth === 4 && stack[3] === 0) || (depth === 5 && inRequest && stack[4] === 0))) {
        const code = keyCode(i, end, depth);
        if (code < 0) eUrl = -2;
        else if (code === 1) eRequests++;
        pending = code;
      }
      if (expectKey && stack[depth - 1] === 0) {
        if (depth <= 2) {
          try {
            keys[depth - 1] = JSON.parse(buf.toString('utf8', i, end + 1)) as string;
          } catch {
            return null;
          }
        }
        expectKey = false;
      }
      i = end;
      continue;
    }
    if (depth === 0 && c !== 0x7b) return null; // the root must be an object
    switch (c) {
      case 0x7b: // {
      case 0x5b: // [
        if (c === 0x5b && depth === 2 && stack[0] === 0 && stack[1] === 0 && keys[0] === 'log' && keys[1] === 'entries') {
          if (arrayStart >= 0) return null; // a second log.entries: let JSON.parse decide
          arrayStart = i;
          inEntries = true;
          elemStart = -1;
        }
        stack.push(c === 0x7b ? 0 : 1);
        keys[stack.length - 1] = null;
        expectKey = c === 0x7b;
        break;
      case 0x7d: // }
      case 0x5d: // ]
        if (stack.pop() !== (c === 0x7d ? 0 : 1)) return null;
        if (inEntries && depth === 5 && inRequest) inRequest = false;
        if (inEntries && depth === 3) {
          if (elemStart >= 0) {
            entries.push([elemStart, i]);
            endEntry();
          } else if (entries.length > 0) return null; // trailing comma
          inEntries = false;
          arrayEnd = i + 1;
        }
        if (stack.length === 0) rootClosed = true;
        expectKey = false;
        break;
      case 0x2c: // ,
        if (inEntries && depth === 3) {
          if (elemStart < 0) return null;
          entries.push([elemStart, i]);
          endEntry();
          elemStart = -1;
        }
        expectKey = stack[depth - 1] === 0;
        break;
      default:
        break;
    }
  }
  if (!rootClosed || arrayStart < 0 || arrayEnd < 0) return null;
  // Trim trailing whitespace inside each entry's range.
  for (const range of entries) {
    while (range[1] > range[0] && isSpace(buf[range[1] - 1] as number)) range[1]--;
  }
  return { entries, arrayStart, arrayEnd, requests: { urlStart, urlEnd, methodStart, methodEnd } };
}

export type { AnalyzedSource };

/** A JSON string's bytes [start, end] (quotes included) as its value. */
function jsonString(buf: Buffer, start: number, end: number): string {
  for (let k = start + 1; k < end; k++)
    if (buf[k] === BACKSLASH || (buf[k] as number) >= 0x80) return JSON.parse(buf.toString('utf8', start, end + 1)) as string;
  return buf.toString('latin1', start + 1, end);
}

/**
 * Whether entry `i` is certainly not a Coveo call, from its URL and method (and, for a POST elsewhere, from its raw
 * bytes holding none of a search body's markers): `analyzeEntry` would return null, so it need not be parsed.
 */
function skippable(buf: Buffer, layout: HarLayout, i: number): boolean {
  const { urlStart, urlEnd, methodStart, methodEnd } = layout.requests;
  const us = urlStart[i] as number;
  if (us < 0) return false;
  let url: string;
  let method: unknown;
  try {
    url = jsonString(buf, us, urlEnd[i] as number);
    const ms = methodStart[i] as number;
    method = ms >= 0 ? jsonString(buf, ms, methodEnd[i] as number) : undefined;
  } catch {
    return false; // not valid JSON: JSON.parse says so
  }
  if (url === '') return false;
  const decision = prefilterEntry(url, method);
  if (decision !== 'body') return decision === 'reject';
  const [s, e] = layout.entries[i] as [number, number];
  const raw = buf.subarray(s, e);
  return !rawMayHoldSearchBody(url, (needle) => raw.indexOf(needle, 0, 'latin1') >= 0);
}

function fullParse(buf: Buffer, start: number, name: string, idPrefix: string): AnalyzedSource {
  const text = buf.toString('utf8', start);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    parseHar(text); // throws the core's worded HarError
  }
  const { entries } = parseHar(doc !== null && typeof doc === 'object' ? doc : text);
  const part = analyzeAll(entries.length, (i) => entries[i], name, { idPrefix });
  return { calls: part.calls, source: { ...part.source, ...harContext(doc, entries) } };
}

/** Parses and analyses one HAR file's bytes. Throws `HarError` (one-line message) for unusable input. */
export function analyzeHarBuffer(buf: Buffer, name: string, idPrefix = ''): AnalyzedSource {
  if (buf.length === 0) throw new HarError('empty file');
  const start = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  let onlySpace = true;
  for (let i = start; i < buf.length; i++) {
    if (!isSpace(buf[i] as number)) {
      onlySpace = false;
      break;
    }
  }
  if (onlySpace) throw new HarError('empty file');

  const layout = scanHar(buf, start);
  if (!layout) return fullParse(buf, start, name, idPrefix);
  // Everything but the entries, parsed for real: validates the document and its HAR shape like the core does.
  const skeleton = `${buf.toString('utf8', start, layout.arrayStart)}[]${buf.toString('utf8', layout.arrayEnd)}`;
  parseHar(skeleton);
  try {
    const skeletonDoc = JSON.parse(skeleton) as unknown;
    // Entries the analysis would reject are skipped unparsed, once nothing more is to be learnt from them about the
    // page: its URL comes from the HAR's page title when that is a URL (Chrome), else from its document entry.
    const hint = new PageUrlHint(harContext(skeletonDoc).page?.url != null);
    // The same result as `analyzeEntries(parseHar(text).entries, name, idPrefix)`, one entry parsed at a time.
    const part = analyzeAll(
      layout.entries.length,
      (i) => {
        const [s, e] = layout.entries[i] as [number, number];
        const entry = JSON.parse(buf.toString('utf8', s, e)) as unknown;
        hint.see(entry);
        return entry;
      },
      name,
      { idPrefix, skip: (i) => hint.settled && skippable(buf, layout, i) },
    );
    // The skeleton (everything but the entries) is small: reading the page and tools it names costs nothing.
    return { calls: part.calls, source: { ...part.source, ...harContext(skeletonDoc, hint) } };
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    // An entry is not valid JSON, so neither is the file: let the core word the error.
    return fullParse(buf, start, name, idPrefix);
  }
}
