/**
 * The byte scanner behind the CLI's HAR reader: finds `log.entries` in a Buffer and each entry's byte range (and
 * its request's URL and method) without parsing the document. `null` whenever the layout is anything but plain.
 */
const QUOTE = 0x22;
export const BACKSLASH = 0x5c;

export function isSpace(c: number): boolean {
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
