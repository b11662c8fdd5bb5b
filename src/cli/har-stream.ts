/**
 * Reads a HAR from a Buffer without materialising the whole document: a byte scanner finds `log.entries`, each
 * entry is parsed and analysed on its own, then dropped. Peak memory stays near the size of the file.
 * Anything unusual (invalid JSON, duplicate keys, odd nesting) falls back to the core's `parseHar` on the whole
 * text, so errors and edge cases behave exactly like the core.
 */
import { analyzeAll, harContext, PageUrlHint, HarError, parseHar, type AnalyzedSource } from '../core/index';
import { isLetterEscape, prefilterEntry, rawMayHoldSearchBody } from '../core/prefilter';
import { BACKSLASH, isSpace, scanHar, type HarLayout } from './har-scan';

export { scanHar, type HarLayout } from './har-scan';

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
  return !rawMayHoldSearchBody(
    url,
    (needle) => raw.indexOf(needle, 0, 'latin1') >= 0,
    () => {
      for (let i = raw.indexOf(0x25); i >= 0 && i + 2 < raw.length; i = raw.indexOf(0x25, i + 1)) {
        if (isLetterEscape(raw[i + 1] as number, raw[i + 2] as number)) return true;
      }
      return false;
    },
  );
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
