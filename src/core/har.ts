import type { HarEntryLike, HarHeader } from './types';

/** Unusable input: the message is one line, fit to print as is. */
export class HarError extends Error {
  override name = 'HarError';
}

function describeJsonError(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/Unexpected end|Unterminated|end of (JSON )?input/i.test(message)) return 'truncated JSON (the file ends early)';
  const firstChar = text.trimStart()[0];
  if (firstChar !== '{' && firstChar !== '[') return 'not JSON';
  return `not valid JSON (${message.split('\n')[0]})`;
}

/**
 * Parses a HAR document (text or already-parsed object) and returns its entries unchecked: each entry is
 * validated later by `entryProblem`, so one bad entry never makes the whole file unusable.
 */
export function parseHar(input: string | object): { entries: unknown[] } {
  let doc: unknown = input;
  if (typeof input === 'string') {
    const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
    if (text.trim() === '') throw new HarError('empty input');
    try {
      doc = JSON.parse(text);
    } catch (error) {
      throw new HarError(describeJsonError(error, text));
    }
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new HarError('not a HAR file (expected a JSON object with log.entries)');
  const log = (doc as { log?: unknown }).log;
  if (log === null || typeof log !== 'object') throw new HarError('not a HAR file (no "log" object)');
  const entries = (log as { entries?: unknown }).entries;
  if (!Array.isArray(entries)) throw new HarError('not a HAR file (no log.entries array)');
  return { entries };
}

/** Why an entry cannot be analysed, or null when it has the shape the analysis needs. */
export function entryProblem(entry: unknown): string | null {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return 'not an object';
  const request = (entry as { request?: unknown }).request;
  if (request === null || typeof request !== 'object') return 'no request';
  const url = (request as { url?: unknown }).url;
  if (typeof url !== 'string' || url === '') return 'request has no url';
  const headers = (request as { headers?: unknown }).headers;
  // Some converters write headers as an object (name → value): read as the list it stands for (see asEntry).
  if (headers !== undefined && headers !== null && !Array.isArray(headers) && !isHeaderObject(headers)) return 'request.headers is not an array';
  return null;
}

function isHeaderObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Headers given as an object (name → value, or name → list of values) as the HAR list of name/value pairs. */
function headerList(headers: Record<string, unknown>): HarHeader[] {
  const list: HarHeader[] = [];
  for (const [name, value] of Object.entries(headers)) {
    for (const v of Array.isArray(value) ? value : [value]) if (typeof v === 'string') list.push({ name, value: v });
  }
  return list;
}

/** Case-insensitive header lookup (HAR keeps the case the browser sent). First match wins. */
export function getHeader(headers: readonly HarHeader[] | undefined, name: string): string | null {
  if (!headers) return null;
  const wanted = name.toLowerCase();
  // Only a name of the wanted length can lower-case to it (see getHeaders).
  for (const header of headers) {
    if (header && typeof header.name === 'string' && header.name.length === wanted.length && header.name.toLowerCase() === wanted) {
      return typeof header.value === 'string' ? header.value : null;
    }
  }
  return null;
}

/** Every value of a header (HAR lists a header sent twice as two entries), in order. */
export function getHeaders(headers: readonly HarHeader[] | undefined, name: string): string[] {
  if (!headers) return [];
  const wanted = name.toLowerCase();
  const values: string[] = [];
  // Lower-casing keeps a name's length (U+0130 alone grows, into a U+0307 no header name we look for holds): a
  // name of another length is not the one wanted, and is not lower-cased (a copy per header per call).
  for (const header of headers) {
    if (
      header &&
      typeof header.name === 'string' &&
      header.name.length === wanted.length &&
      header.name.toLowerCase() === wanted &&
      typeof header.value === 'string'
    )
      values.push(header.value);
  }
  return values;
}

export function asEntry(entry: unknown): HarEntryLike | null {
  if (entryProblem(entry) !== null) return null;
  const e = entry as HarEntryLike;
  const headers: unknown = e.request.headers;
  if (headers === null) return { ...e, request: { ...e.request, headers: [] } };
  if (isHeaderObject(headers)) return { ...e, request: { ...e.request, headers: headerList(headers) } };
  return e;
}
