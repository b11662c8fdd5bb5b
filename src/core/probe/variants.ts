/**
 * Builds the probe's requests from a captured HAR entry: the same URL, credential, headers and body encoding as
 * the client sent, with `numberOfResults: 0` and the body's `analytics` section removed (no event logged), so that
 * the variants differ from the baseline only in their hub or pipeline.
 */
import { firstNonSpace } from '../request';
import type { HarEntryLike } from '../types';
import type { ProbeRequest } from './seam';

/** Headers a browser's fetch refuses to set, HTTP/2 pseudo-headers, and cookies (never re-sent by the probe). */
const DROPPED = new Set([
  'accept-charset',
  'accept-encoding',
  'access-control-request-headers',
  'access-control-request-method',
  'connection',
  'content-length',
  'cookie',
  'cookie2',
  'date',
  'dnt',
  'expect',
  'host',
  'keep-alive',
  'origin',
  'referer',
  'set-cookie',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'via',
  'priority',
]);

export function dropHeader(name: string): boolean {
  const n = name.toLowerCase();
  return n.startsWith(':') || n.startsWith('sec-') || n.startsWith('proxy-') || DROPPED.has(n);
}

export type BodyShape = { encoding: 'json'; json: Record<string, unknown> } | { encoding: 'form'; form: [string, string][] };

/** The captured body as JSON (an object) or form fields; null when it is neither (nothing safe to re-send). */
export function readProbeBody(entry: HarEntryLike): BodyShape | null {
  const post = entry.request.postData;
  if (!post || typeof post !== 'object') return null;
  const text = typeof post.text === 'string' ? post.text : '';
  const mime = typeof post.mimeType === 'string' ? post.mimeType.toLowerCase() : '';
  if (text !== '') {
    const first = firstNonSpace(text);
    if (first === '{' || mime.includes('json')) {
      try {
        const json: unknown = JSON.parse(text);
        if (json !== null && typeof json === 'object' && !Array.isArray(json)) return { encoding: 'json', json: json as Record<string, unknown> };
      } catch {
        // fall through
      }
      return null;
    }
    if (mime.includes('form-urlencoded') || /^[^\s=&{[]+=/.test(text)) {
      return { encoding: 'form', form: [...new URLSearchParams(text)] };
    }
    return null;
  }
  if (Array.isArray(post.params) && post.params.length > 0) {
    const form: [string, string][] = [];
    for (const p of post.params) if (p && typeof p.name === 'string') form.push([p.name, typeof p.value === 'string' ? p.value : '']);
    return form.length > 0 ? { encoding: 'form', form } : null;
  }
  return null;
}

/** How one variant differs from the captured request. `undefined` keeps the captured value, `null` removes it. */
export interface VariantChange {
  hub?: string | null;
  pipeline?: string | null;
  debug?: boolean;
}

export interface CapturedRequest {
  url: string;
  method: string;
  headers: [string, string][];
  body: BodyShape;
}

/** The parts of a captured entry the probe re-sends. Null when the body cannot be re-sent as it was. */
export function captureRequest(entry: HarEntryLike): CapturedRequest | null {
  const body = readProbeBody(entry);
  if (!body || typeof entry.request.url !== 'string') return null;
  const headers: [string, string][] = [];
  let hasType = false;
  for (const h of Array.isArray(entry.request.headers) ? entry.request.headers : []) {
    if (!h || typeof h.name !== 'string' || typeof h.value !== 'string' || dropHeader(h.name)) continue;
    if (h.name.toLowerCase() === 'content-type') hasType = true;
    headers.push([h.name, h.value]);
  }
  const mime = entry.request.postData?.mimeType;
  if (!hasType) {
    headers.push([
      'Content-Type',
      typeof mime === 'string' && mime !== '' ? mime : body.encoding === 'json' ? 'application/json' : 'application/x-www-form-urlencoded; charset=UTF-8',
    ]);
  }
  return { url: entry.request.url, method: (entry.request.method ?? 'POST').toUpperCase(), headers, body };
}

const HUB = 'searchHub';
const PIPELINE = 'pipeline';

/** Where the captured request names a field: JSON body, form body, URL query. */
export function namedIn(req: CapturedRequest, field: string): { body: boolean; url: boolean } {
  const body = req.body.encoding === 'json' ? Object.hasOwn(req.body.json, field) : req.body.form.some(([k]) => k === field);
  return { body, url: urlParams(req.url).params.has(field) };
}

function urlParams(url: string): { base: string; params: URLSearchParams; hash: string } {
  const hashAt = url.indexOf('#');
  const noHash = hashAt >= 0 ? url.slice(0, hashAt) : url;
  const q = noHash.indexOf('?');
  return {
    base: q >= 0 ? noHash.slice(0, q) : noHash,
    params: new URLSearchParams(q >= 0 ? noHash.slice(q + 1) : ''),
    hash: hashAt >= 0 ? url.slice(hashAt) : '',
  };
}

/** Sets (string) or removes (null) a field everywhere the request names it; a value named nowhere goes in the body. */
function setField(req: CapturedRequest, body: BodyShape, url: string, field: string, value: string | null): { body: BodyShape; url: string } {
  const where = namedIn(req, field);
  let outUrl = url;
  if (where.url) {
    const { base, params, hash } = urlParams(url);
    if (value === null) params.delete(field);
    else params.set(field, value);
    const qs = params.toString();
    outUrl = `${base}${qs ? `?${qs}` : ''}${hash}`;
  }
  const inBody = where.body || (value !== null && !where.url);
  if (!inBody) return { body, url: outUrl };
  if (body.encoding === 'json') {
    const json = { ...body.json };
    if (value === null) delete json[field];
    else json[field] = value;
    return { body: { encoding: 'json', json }, url: outUrl };
  }
  const form = body.form.filter(([k]) => k !== field);
  if (value !== null) {
    const at = body.form.findIndex(([k]) => k === field);
    if (at >= 0) form.splice(Math.min(at, form.length), 0, [field, value]);
    else form.push([field, value]);
  }
  return { body: { encoding: 'form', form }, url: outUrl };
}

/** The probe's own changes, on every variant: no results returned, no analytics event logged. */
function probeChanges(body: BodyShape): BodyShape {
  if (body.encoding === 'json') {
    const json = { ...body.json };
    delete json.analytics;
    json.numberOfResults = 0;
    return { encoding: 'json', json };
  }
  const form = body.form.filter(([k]) => k !== 'analytics' && k !== 'numberOfResults');
  form.push(['numberOfResults', '0']);
  return { encoding: 'form', form };
}

function encode(body: BodyShape): string {
  if (body.encoding === 'json') return JSON.stringify(body.json);
  const params = new URLSearchParams();
  for (const [k, v] of body.form) params.append(k, v);
  return params.toString();
}

/** One variant's request: the captured one with the probe's changes and this variant's hub, pipeline and debug. */
export function buildVariant(req: CapturedRequest, name: string, change: VariantChange, timeoutMs: number): ProbeRequest {
  let body = probeChanges(req.body);
  let url = req.url;
  if (change.hub !== undefined) ({ body, url } = setField(req, body, url, HUB, change.hub));
  if (change.pipeline !== undefined) ({ body, url } = setField(req, body, url, PIPELINE, change.pipeline));
  if (change.debug) {
    if (body.encoding === 'json') body = { encoding: 'json', json: { ...body.json, debug: true } };
    else body = { encoding: 'form', form: [...body.form.filter(([k]) => k !== 'debug'), ['debug', 'true']] };
  }
  return { variant: name, url, method: req.method, headers: req.headers.map(([n, v]) => [n, v]), body: encode(body), timeoutMs };
}

/** The value a field has in the captured request (body first, then URL), or null. */
export function capturedValue(req: CapturedRequest, field: string): string | null {
  if (req.body.encoding === 'json') {
    const v = Object.hasOwn(req.body.json, field) ? req.body.json[field] : undefined;
    if (typeof v === 'string' && v !== '') return v;
  } else {
    const v = req.body.form.find(([k]) => k === field)?.[1];
    if (v !== undefined && v !== '') return v;
  }
  const u = urlParams(req.url).params.get(field);
  return u !== null && u !== '' ? u : null;
}
