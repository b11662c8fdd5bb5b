import { decodeBase64Text } from './base64';
import { getHeader } from './har';
import type { HarEntryLike, HubSource } from './types';
import { obj, type PipelineSource, requestPipeline } from './request-pipeline';

export type { PipelineSource } from './request-pipeline';

/** Bodies longer than this are read up to the limit only (the analysis says so in the call's notes). */
export const MAX_BODY_CHARS = 1_000_000;

/** The first character that is not white space, without copying the string. */
export function firstNonSpace(text: string): string | undefined {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 0xfeff) return text[i];
  }
  return undefined;
}

export interface ParsedUrl {
  host: string;
  path: string;
  query: URLSearchParams;
}

const URL_PARTS = /^(?:[a-z][a-z0-9+.-]*:)?\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?/i;

/** Plain string parsing: no URL object needed, and malformed URLs still give their parts. */
export function parseUrl(input: string): ParsedUrl {
  // Browsers read a backslash as a slash in http(s) URLs (`https://evil.example\@x.coveo.com/` goes to evil.example):
  // read them the same way, before the query.
  let url = input;
  if (/^https?:/i.test(url) && url.includes('\\')) {
    const cut = url.search(/[?#]/);
    url = cut < 0 ? url.replace(/\\/g, '/') : url.slice(0, cut).replace(/\\/g, '/') + url.slice(cut);
  }
  const match = URL_PARTS.exec(url);
  if (!match) {
    const q = url.indexOf('?');
    return { host: '', path: q >= 0 ? url.slice(0, q) : url, query: safeParams(q >= 0 ? url.slice(q + 1) : '') };
  }
  let host = (match[1] ?? '').toLowerCase();
  const at = host.lastIndexOf('@');
  if (at >= 0) host = host.slice(at + 1);
  host = host.replace(/:\d*$/, '');
  return { host, path: match[2] || '/', query: safeParams(match[3] ?? '') };
}

function safeParams(text: string): URLSearchParams {
  try {
    return new URLSearchParams(text);
  } catch {
    return new URLSearchParams();
  }
}

export interface RequestData {
  url: URLSearchParams;
  /** Form-encoded body, when the body is one. */
  form: URLSearchParams | null;
  /** Parsed JSON body, when the body is JSON. */
  json: unknown;
  /** The raw body text (bounded), for fallbacks. */
  text: string;
  /** The body was longer than MAX_BODY_CHARS and was read only in part: what lies beyond is unknown. */
  truncated: boolean;
  /** The body looks like JSON (or says it is) but does not parse: what Coveo read from it is unknown. */
  unparsed: boolean;
  /** HAR `postData.params`, when the export lists them (read as well as the text for what routes the call). */
  params: { name: string; value: string }[];
  /**
   * A POST or PUT whose body the record does not hold (no postData, an empty text with a Content-Length or
   * bodySize saying there was one, Playwright's `_file` attach or omit) or holds only in part: a pipeline or a
   * credential in it would be missed.
   */
  missing: boolean;
  /** Why the body is missing, in words (null when it is not). */
  missingReason: string | null;
  /** A body that is neither JSON nor a form (multipart, an unknown encoding): whether it names a pipeline is unknown. */
  unreadable: boolean;
  notes: string[];
}

/** Bytes a recorded body may fall short of its declared size without counting as recorded in part. */
const BODY_SIZE_SLACK = 8;

/** UTF-8 length of a string, without allocating. */
function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Decodes a base64 body as UTF-8; null when it is not base64. */
function fromBase64(text: string): string | null {
  return decodeBase64Text(/\s/.test(text) ? text.replace(/\s+/g, '') : text);
}

/** Why a POST/PUT's body is not (whole) in the record, or null when it is (or the method carries none). */
function bodyMissing(entry: HarEntryLike, method: string, text: string, hasParams: boolean, base64: boolean): string | null {
  if (method !== 'POST' && method !== 'PUT' && method !== 'PATCH') return null;
  const req = entry.request as HarEntryLike['request'] & { bodySize?: unknown };
  const post = req.postData as (Record<string, unknown> & { _file?: unknown }) | undefined;
  const lengthHeader = getHeader(req.headers, 'content-length');
  const declared = lengthHeader !== null && /^\s*\d+\s*$/.test(lengthHeader) ? Number(lengthHeader) : null;
  const bodySize = typeof req.bodySize === 'number' && Number.isFinite(req.bodySize) ? req.bodySize : null;
  if (text === '' && !hasParams) {
    if (post && typeof post === 'object' && typeof post._file === 'string')
      return 'the request body is stored outside the HAR (Playwright "attach": a separate resource file)';
    // Said to be empty: Content-Length 0, or a bodySize of 0 with no length header saying otherwise.
    if (declared === 0 || (declared === null && bodySize === 0)) return null;
    return post && typeof post === 'object'
      ? 'the request body is not in the record (empty postData text: Playwright "omit" or an exporter that dropped it)'
      : 'the request body is not in the record (no postData)';
  }
  if (base64 || text === '') return null;
  const expected = Math.max(declared ?? -1, bodySize ?? -1);
  // Cheap first: a text at least as long as the size in bytes is whole (UTF-8 takes a byte or more per character).
  // A few bytes of slack (line-ending or exporter rounding) are smaller than any field that could route or
  // authenticate the call (`&pipeline=x` alone is 11 bytes).
  if (expected > text.length + BODY_SIZE_SLACK && expected > utf8Length(text) + BODY_SIZE_SLACK)
    return `the request body is recorded in part (${utf8Length(text)} of ${expected} bytes)`;
  return null;
}

function bodyText(entry: HarEntryLike): { text: string; params: { name: string; value?: string }[] | null; base64: boolean; badBase64: boolean } {
  const post = entry.request.postData as (HarEntryLike['request']['postData'] & { encoding?: unknown }) | undefined;
  if (!post || typeof post !== 'object') return { text: '', params: null, base64: false, badBase64: false };
  let text = typeof post.text === 'string' ? post.text : '';
  const params = Array.isArray(post.params) && post.params.length > 0 ? post.params : null;
  // Some recorders (Reqable, proxies) write the body base64 with `encoding: "base64"`, as HAR does for responses.
  const base64 = typeof post.encoding === 'string' && post.encoding.toLowerCase() === 'base64' && text !== '';
  let badBase64 = false;
  if (base64) {
    const decoded = fromBase64(text);
    if (decoded === null) badBase64 = true;
    else text = decoded;
  }
  return { text, params, base64, badBase64 };
}

/** Pulls `"key":"value"` out of a JSON prefix (used when a body was too long to parse whole). */
function scanJsonString(text: string, key: string): string | null {
  const re = new RegExp(`"${key}"\\s*:\\s*"((?:[^"\\\\]|\\\\.){0,500})"`);
  const match = re.exec(text);
  if (!match || match[1] === undefined) return null;
  try {
    return JSON.parse(`"${match[1]}"`) as string;
  } catch {
    return match[1];
  }
}

export function readRequest(entry: HarEntryLike, query: URLSearchParams): RequestData {
  const notes: string[] = [];
  const body = bodyText(entry);
  let { text } = body;
  const { params } = body;
  const method = typeof entry.request.method === 'string' ? entry.request.method.toUpperCase() : 'GET';
  const missingWhy = bodyMissing(entry, method, text, params !== null, body.base64);
  if (missingWhy !== null) notes.push(`${missingWhy}: a pipeline or a credential in it would not be seen`);
  if (body.badBase64) notes.push('the request body says it is base64 but does not decode');
  let json: unknown;
  let form: URLSearchParams | null = null;
  let truncated = false;
  let unparsed = false;
  if (text.length > MAX_BODY_CHARS) {
    notes.push(`request body of ${text.length} characters was read up to ${MAX_BODY_CHARS} (truncated)`);
    text = text.slice(0, MAX_BODY_CHARS);
    truncated = true;
  }
  const rawMime = entry.request.postData?.mimeType;
  // With no mimeType recorded, the Content-Type header the server read decides.
  const mime = (typeof rawMime === 'string' && rawMime.trim() !== '' ? rawMime : (getHeader(entry.request.headers, 'content-type') ?? '')).toLowerCase();
  const first = firstNonSpace(text);
  if (text !== '' && (first === '{' || first === '[' || mime.includes('json'))) {
    if (!truncated) {
      try {
        json = JSON.parse(text);
      } catch {
        notes.push('request body looks like JSON but does not parse');
        unparsed = true;
      }
    }
    if (json === undefined) {
      // Fall back to reading the few fields that matter from the text itself.
      const fallback: Record<string, unknown> = {};
      for (const key of ['searchHub', 'pipeline', 'tab', 'q', 'organizationId', 'originLevel1']) {
        const value = scanJsonString(text, key);
        if (value !== null) fallback[key] = value;
      }
      if (/"viewAllContent"\s*:\s*true/.test(text)) fallback.viewAllContent = true;
      json = fallback;
    }
  } else if (text !== '' && (mime.includes('form-urlencoded') || (mime === '' && /^[^\s=&]+=/.test(text)))) {
    form = safeParams(text);
  } else if (params) {
    form = new URLSearchParams();
    for (const p of params) if (p && typeof p.name === 'string') form.append(p.name, typeof p.value === 'string' ? p.value : '');
  } else if (text !== '' && /^[^\s=&{[]+=/.test(text)) {
    form = safeParams(text);
  }
  const listed: { name: string; value: string }[] = [];
  for (const p of params ?? []) if (p && typeof p.name === 'string') listed.push({ name: p.name, value: typeof p.value === 'string' ? p.value : '' });
  const unreadable = body.badBase64 || (text !== '' && json === undefined && form === null && listed.length === 0);
  if (unreadable && !body.badBase64)
    notes.push(`request body${mime ? ` (${mime.split(';')[0]})` : ''} is neither JSON nor a form: what Coveo reads from it is unknown`);
  return { url: query, form, json, text, truncated, unparsed, params: listed, missing: missingWhy !== null, missingReason: missingWhy, unreadable, notes };
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

const BEACON_EVENT_FIELDS = ['clickEvent', 'searchEvent', 'customEvent', 'viewEvent'];

function parseJson(text: string | null | undefined): unknown {
  if (typeof text !== 'string' || firstNonSpace(text) !== '{') return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export interface RequestFields {
  hub: string | null;
  hubSource: HubSource | null;
  /** A different hub named elsewhere in the same request (URL vs body), if any. */
  otherHub: { value: string; source: HubSource } | null;
  pipeline: string | null;
  /** Where the request named its pipeline (`pipeline` is its first value), null when it names none. */
  pipelineSource: PipelineSource | null;
  /** The request names a pipeline somewhere (even one `pipeline` could not show: a number, a duplicate key...). */
  pipelineNamed: boolean;
  tab: string | null;
  query: string | null;
  organizationId: string | null;
  viewAllContent: boolean;
}

/** What the request says, wherever each client puts it. */
export function readFields(data: RequestData, analytics: boolean): RequestFields {
  const json = obj(data.json);
  const jsonArrayFirst = Array.isArray(data.json) ? obj(data.json[0]) : null;
  const ctx = json ? obj(json.searchContext) : null;
  const candidates: { value: string; source: HubSource }[] = [];
  const add = (value: unknown, source: HubSource) => {
    const s = str(value);
    if (s !== null) candidates.push({ value: s, source });
  };
  if (analytics) {
    const event = json ?? jsonArrayFirst;
    if (event) {
      add(event.originLevel1, 'originLevel1');
      add(event.searchHub, 'analytics-json');
    }
    add(data.form?.get('originLevel1'), 'form');
    // Beacons send `access_token=…&clickEvent={…}`: the event is JSON inside a form field.
    for (const field of BEACON_EVENT_FIELDS) {
      const event = obj(parseJson(data.form?.get(field)));
      if (event) add(event.originLevel1, 'originLevel1');
    }
    add(data.url.get('originLevel1'), 'url');
  }
  if (json) add(json.searchHub, 'json');
  if (ctx) add(ctx.searchHub, 'searchContext');
  for (const value of data.form?.getAll('searchHub') ?? []) add(value, 'form');
  for (const value of data.url.getAll('searchHub')) add(value, 'url');

  const hubEntry = candidates[0] ?? null;
  const other = hubEntry ? (candidates.find((c) => c.value !== hubEntry.value) ?? null) : null;

  const pick = (key: string): string | null => str(json?.[key]) ?? str(ctx?.[key]) ?? str(data.form?.get(key)) ?? str(data.url.get(key));
  const requested = requestPipeline(data);
  const vac = json?.viewAllContent ?? ctx?.viewAllContent ?? data.form?.get('viewAllContent') ?? data.url.get('viewAllContent');
  return {
    hub: hubEntry?.value ?? null,
    hubSource: hubEntry?.source ?? null,
    otherHub: other,
    pipeline: requested.value,
    pipelineSource: requested.source,
    pipelineNamed: requested.named,
    tab: pick('tab') ?? (analytics ? (str(json?.originLevel2) ?? str(jsonArrayFirst?.originLevel2)) : null),
    query: pick('q') ?? str(json?.query) ?? (analytics ? (str(json?.queryText) ?? str(jsonArrayFirst?.queryText)) : null),
    organizationId: str(data.url.get('organizationId')) ?? str(data.url.get('organizationid')) ?? str(json?.organizationId),
    viewAllContent: vac === true || vac === 'true' || vac === 1 || vac === '1',
  };
}
