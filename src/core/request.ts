import type { HarEntryLike, HubSource } from './types';

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
  notes: string[];
}

function bodyText(entry: HarEntryLike): { text: string; params: { name: string; value?: string }[] | null } {
  const post = entry.request.postData;
  if (!post || typeof post !== 'object') return { text: '', params: null };
  const text = typeof post.text === 'string' ? post.text : '';
  const params = Array.isArray(post.params) && post.params.length > 0 ? post.params : null;
  return { text, params };
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
  let { text, params } = bodyText(entry);
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
  const mime = typeof rawMime === 'string' ? rawMime.toLowerCase() : '';
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
  return { url: query, form, json, text, truncated, unparsed, params: listed, notes };
}

/** Where a request names its query pipeline. */
export type PipelineSource = 'json' | 'searchContext' | 'form' | 'url';

/** A value that names a pipeline: a non-blank string, or any other non-empty value Coveo might coerce (a number...). */
function namesPipeline(value: unknown): boolean {
  if (typeof value === 'string') return value.trim() !== '';
  return value !== null && value !== undefined && value !== false;
}

function shownPipeline(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** `"pipeline": <value that is not null, false or a blank string>` anywhere in a JSON text, any letter case. */
const PIPELINE_KEY = /"pipeline"\s*:\s*/gi;
function rawJsonNamesPipeline(text: string): boolean {
  if (!/pipeline/i.test(text)) return false;
  PIPELINE_KEY.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = PIPELINE_KEY.exec(text)) !== null) {
    const rest = text.slice(m.index + m[0].length, m.index + m[0].length + 600);
    if (/^(null|false)\b/.test(rest)) continue;
    if (rest.startsWith('"')) {
      const str = /^"((?:[^"\\]|\\.)*)"/.exec(rest);
      // Blank (or only escaped white space) names nothing; anything else, even unterminated, does.
      if (str && /^(?:\s|\\[nrt]|\\u0020)*$/.test(str[1] ?? '')) continue;
    }
    return true;
  }
  return false;
}

/**
 * Whether the request names a pipeline anywhere Coveo may read one: JSON body and facet search's `searchContext`
 * (any letter case of the key, and every duplicate of it in the raw text), form body and HAR params (every
 * value of a repeated field, any case), URL query. A request pipeline routes the query ahead of hub conditions,
 * so a hidden one must never be missed: when in doubt it counts.
 */
export function requestPipeline(data: RequestData): { value: string | null; source: PipelineSource | null; named: boolean } {
  let value: string | null = null;
  let source: PipelineSource | null = null;
  let named = false;
  const seen = (v: unknown, where: PipelineSource) => {
    if (!namesPipeline(v)) return;
    named = true;
    if (value === null) {
      value = shownPipeline(v);
      source = where;
    }
  };
  const fromObject = (o: Record<string, unknown> | null, where: PipelineSource) => {
    if (!o) return;
    for (const key of Object.keys(o)) if (key.length === 8 && key.toLowerCase() === 'pipeline') seen(o[key], where);
  };
  const json = obj(data.json);
  fromObject(json, 'json');
  fromObject(json ? obj(json.searchContext) : null, 'searchContext');
  if (Array.isArray(data.json)) for (const item of data.json.slice(0, 100)) fromObject(obj(item), 'json');
  if (!named && data.json !== undefined && data.text !== '' && rawJsonNamesPipeline(data.text)) {
    named = true;
    source = 'json';
  }
  // A body read neither as JSON nor as a form (multipart, an unknown encoding) that mentions a pipeline at all:
  // what Coveo reads from it is unknown, so it counts.
  if (!named && data.json === undefined && data.form === null && data.text !== '' && /pipeline/i.test(data.text)) {
    named = true;
    source = 'form';
  }
  const isPipeline = (k: string): boolean => k.length === 8 && k.toLowerCase() === 'pipeline';
  if (data.form) for (const [k, v] of data.form) if (isPipeline(k)) seen(v, 'form');
  for (const p of data.params) if (isPipeline(p.name)) seen(p.value, 'form');
  for (const [k, v] of data.url) if (isPipeline(k)) seen(v, 'url');
  return { value, source, named };
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

function obj(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
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
  const other = hubEntry ? candidates.find((c) => c.value !== hubEntry.value) ?? null : null;

  const pick = (key: string): string | null =>
    str(json?.[key]) ?? str(ctx?.[key]) ?? str(data.form?.get(key)) ?? str(data.url.get(key));
  const requested = requestPipeline(data);
  const vac = json?.viewAllContent ?? ctx?.viewAllContent ?? data.form?.get('viewAllContent') ?? data.url.get('viewAllContent');
  return {
    hub: hubEntry?.value ?? null,
    hubSource: hubEntry?.source ?? null,
    otherHub: other,
    pipeline: requested.value,
    pipelineSource: requested.source,
    pipelineNamed: requested.named,
    tab: pick('tab') ?? (analytics ? str(json?.originLevel2) ?? str(jsonArrayFirst?.originLevel2) : null),
    query: pick('q') ?? str(json?.query) ?? (analytics ? str(json?.queryText) ?? str(jsonArrayFirst?.queryText) : null),
    organizationId: str(data.url.get('organizationId')) ?? str(data.url.get('organizationid')) ?? str(json?.organizationId),
    viewAllContent: vac === true || vac === 'true' || vac === 1 || vac === '1',
  };
}
