// Where a request names its query pipeline (JSON body, its searchContext, a form, the URL), read from the parsed
// body and, for duplicate or escaped keys, from its raw text.
import type { RequestData } from './request';

/** The value as a plain object (not an array), or null. */
export function obj(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
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

/** Every `"key":` in a JSON text; the key still escaped (`pip\u0065line`). */
const JSON_KEY = /"((?:[^"\\]|\\.)*)"\s*:\s*/g;

/** A key as JSON reads it: escapes decoded (`pip\u0065line` is `pipeline`); null when it does not decode. */
function decodedKey(raw: string): string | null {
  if (!raw.includes('\\')) return raw;
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return null;
  }
}

/**
 * `"pipeline": <value that is not null, false or a blank string>` anywhere in a JSON text, at any depth (so
 * `searchContext` too), any letter case, its key read with its escapes decoded (`"pip\u0065line"`), every
 * duplicate of it: whichever copy a parser keeps, one that names a pipeline counts.
 */
function rawJsonNamesPipeline(text: string): boolean {
  // Only an escape can spell "pipeline" without the plain letters.
  if (!/pipeline/i.test(text) && !text.includes('\\u')) return false;
  JSON_KEY.lastIndex = 0;
  for (let m = JSON_KEY.exec(text); m !== null; m = JSON_KEY.exec(text)) {
    const rawKey = m[1] ?? '';
    if (rawKey.length < 8) continue;
    const key = decodedKey(rawKey);
    if (key === null || key.length !== 8 || key.toLowerCase() !== 'pipeline') continue;
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
