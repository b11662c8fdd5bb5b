/**
 * Reads a HAR from a Buffer without materialising the whole document: a byte scanner finds `log.entries`, each
 * entry is parsed and analysed on its own, then dropped. Peak memory stays near the size of the file.
 * Anything unusual (invalid JSON, duplicate keys, odd nesting) falls back to the core's `parseHar` on the whole
 * text, so errors and edge cases behave exactly like the core.
 */
import { analyzeEntry, entryProblem, harContext, PageUrlHint, malformedEntry, HarError, parseHar, type CallReport, type MalformedEntry, type SourceInfo } from '../core/index';

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
  for (let i = from; i < n; i++) {
    const c = buf[i] as number;
    if (isSpace(c)) continue;
    if (rootClosed) return null; // something after the root value
    const depth = stack.length;
    if (inEntries && depth === 3 && elemStart < 0 && c !== 0x2c && c !== 0x5d) elemStart = i;
    if (c === QUOTE) {
      const end = stringEnd(buf, i);
      if (end < 0) return null;
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
        if (inEntries && depth === 3) {
          if (elemStart >= 0) entries.push([elemStart, i]);
          else if (entries.length > 0) return null; // trailing comma
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
  return { entries, arrayStart, arrayEnd };
}

export interface AnalyzedSource {
  calls: CallReport[];
  source: SourceInfo;
}

/** The same result as `analyzeEntries(parseHar(text).entries, name, idPrefix)`, one entry at a time. */
function analyzeOneByOne(count: number, get: (i: number) => unknown, name: string, idPrefix: string): AnalyzedSource {
  const calls: CallReport[] = [];
  const malformed: MalformedEntry[] = [];
  for (let i = 0; i < count; i++) {
    const entry = get(i);
    const problem = entryProblem(entry);
    if (problem !== null) {
      malformed.push(malformedEntry(i, entry, problem));
      continue;
    }
    const call = analyzeEntry(entry, { index: i, id: `${idPrefix}c${i}` });
    if (call) calls.push(call);
  }
  return { calls, source: { name, entries: count, coveoCalls: calls.length, malformed } };
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
  const part = analyzeOneByOne(entries.length, (i) => entries[i], name, idPrefix);
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
  const skeleton = buf.toString('utf8', start, layout.arrayStart) + '[]' + buf.toString('utf8', layout.arrayEnd);
  parseHar(skeleton);
  try {
    const hint = new PageUrlHint();
    const part = analyzeOneByOne(layout.entries.length, (i) => {
      const [s, e] = layout.entries[i] as [number, number];
      const entry = JSON.parse(buf.toString('utf8', s, e)) as unknown;
      hint.see(entry);
      return entry;
    }, name, idPrefix);
    // The skeleton (everything but the entries) is small: reading the page and tools it names costs nothing.
    return { calls: part.calls, source: { ...part.source, ...harContext(JSON.parse(skeleton), hint) } };
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    // An entry is not valid JSON, so neither is the file: let the core word the error.
    return fullParse(buf, start, name, idPrefix);
  }
}
