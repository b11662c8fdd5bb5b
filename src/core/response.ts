import { redactSecrets } from './redact';
import { firstNonSpace } from './request';
import type { CallOutcome, HarEntryLike, ResponseInfo } from './types';

const MAX_RESPONSE_CHARS = 2_000_000;

/** Decodes a base64 body as UTF-8; null when it is not base64. */
export function decodeBase64(text: string): string | null {
  try {
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return new TextDecoder().decode(bytes);
  } catch {
    return null;
  }
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? redactSecrets(value) : null;
}

/** What a response tells about routing: the pipeline Coveo picked, the searchUid, errors. */
/** Coveo refused the credential: 401, 403, 419 (expired token). */
const REFUSED = new Set([401, 403, 419]);

function outcomeOf(rawStatus: unknown, status: number | null, bodyStatus: number | null): CallOutcome {
  const errorStatus = bodyStatus !== null && bodyStatus >= 400 ? bodyStatus : status !== null && status >= 400 ? status : null;
  if (errorStatus !== null) return REFUSED.has(errorStatus) ? 'refused' : 'failed';
  if (status !== null) return 'success';
  // Status 0 (or a negative one): the browser recorded the call but it never got an answer.
  if (typeof rawStatus === 'number' && rawStatus <= 0) return 'aborted';
  return 'unknown';
}

/** A body `statusCode` that is an HTTP error status (a number, or digits in a string). */
function errorStatusCode(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d{3}\s*$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(n) && n >= 400 && n <= 599 ? n : null;
}

export function readResponse(entry: HarEntryLike, notes: string[]): ResponseInfo {
  const info = readResponseBody(entry, notes);
  info.outcome = outcomeOf(entry.response?.status, info.status, info.bodyStatus ?? null);
  return info;
}

function readResponseBody(entry: HarEntryLike, notes: string[]): ResponseInfo {
  const res = entry.response;
  const status = typeof res?.status === 'number' && res.status > 0 ? res.status : null;
  const info: ResponseInfo = { status, bodyStatus: null, pipeline: null, searchUid: null, totalCount: null, errors: [] };
  const content = res?.content;
  let text = typeof content?.text === 'string' ? content.text : '';
  if (text === '') return info;
  if (text.length > MAX_RESPONSE_CHARS) {
    notes.push(`response body of ${text.length} characters was not read (over ${MAX_RESPONSE_CHARS})`);
    return info;
  }
  if (content?.encoding === 'base64') {
    const decoded = decodeBase64(text);
    if (decoded === null) return info;
    text = decoded;
  }
  const first = firstNonSpace(text);
  if (first !== '{') return info;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return info;
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return info;
  const body = json as Record<string, unknown>;
  info.pipeline = str(body.pipeline);
  info.searchUid = str(body.searchUid);
  info.totalCount = typeof body.totalCount === 'number' ? body.totalCount : null;
  const collect = (value: unknown) => {
    if (!Array.isArray(value)) return;
    for (const item of value.slice(0, 10)) {
      if (typeof item === 'string') info.errors.push(redactSecrets(item).slice(0, 300));
      else if (item && typeof item === 'object') {
        const m = str((item as Record<string, unknown>).message) ?? str((item as Record<string, unknown>).code);
        if (m) info.errors.push(m.slice(0, 300));
      }
    }
  };
  collect(body.errors);
  info.bodyStatus = errorStatusCode(body.statusCode);
  const message = str(body.message);
  if (((status !== null && status >= 400) || info.bodyStatus !== null) && message) info.errors.push(message.slice(0, 300));
  return info;
}
