import { decodeBase64Text } from './base64';
import { getHeader } from './har';
import { redactSecrets } from './redact';
import { firstNonSpace } from './request';
import type { CallOutcome, HarEntryLike, ResponseInfo } from './types';
import { names } from './values';

/** Response bodies longer than this are not read (the analysis needs a few top-level fields only); capture too. */
export const MAX_RESPONSE_CHARS = 2_000_000;

/** Decodes a base64 body as UTF-8; null when it is not base64. */
export function decodeBase64(text: string): string | null {
  // The platform's decoder where there is one (Buffer, Uint8Array.fromBase64, atob), the same answer everywhere.
  return decodeBase64Text(text);
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? redactSecrets(value) : null;
}

/** Coveo refused the credential: 401, 403, 419 (expired token). */
const REFUSED = new Set([401, 403, 419]);

function outcomeOf(rawStatus: unknown, status: number | null, bodyStatus: number | null): CallOutcome {
  const errorStatus = bodyStatus !== null && bodyStatus >= 400 ? bodyStatus : status !== null && status >= 400 ? status : null;
  if (errorStatus !== null) return REFUSED.has(errorStatus) ? 'refused' : 'failed';
  // A redirect is not an answer: the search ran nowhere at that URL.
  if (status !== null && status >= 300 && status < 400) return 'redirected';
  // Only a 2xx is an answer with success (1xx and odd numbers say nothing).
  if (status !== null) return status >= 200 && status < 300 ? 'success' : 'unknown';
  // Status 0 (or a negative one): the browser recorded the call but it never got an answer.
  if (typeof rawStatus === 'number' && rawStatus <= 0) return 'aborted';
  return 'unknown';
}

/** A body `statusCode` that is an HTTP error status (a number, or digits in a string). */
function errorStatusCode(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d{3}\s*$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(n) && n >= 400 && n <= 599 ? n : null;
}

export interface ResponseOptions {
  /**
   * The request asked `errorsAsSuccess` (URL or body flag): HTTP 200 then says nothing, only the body's
   * `statusCode` tells a refusal, so a success whose body cannot be read as JSON has an unknown outcome.
   */
  errorsAsSuccess?: boolean;
  /** The call is to a JSON API: a success answered with an HTML page (a sign-in or proxy page) is not Coveo's. */
  expectJson?: boolean;
  /**
   * Why the response body is missing from the entry though the call had one (capture could not read it), or
   * null/absent. The analysis then treats the body as present and unread, not as absent.
   */
  unread?: string | null;
}

/** The response as read, and why its body (present in the call) was not read, or null when it was or had none. */
export interface ResponseRead {
  info: ResponseInfo;
  unread: string | null;
}

/** How the body was read: JSON (an object), HTML, absent, or something else the tool cannot read. */
type BodyRead = 'json' | 'html' | 'none' | 'unreadable';

export function readResponse(entry: HarEntryLike, notes: string[], options: ResponseOptions = {}): ResponseInfo {
  return readResponseFull(entry, notes, options).info;
}

/**
 * The size of a response body the record says the call had though it holds no text (a HAR exported without
 * content, a recorder that dropped it): Content-Length, `content.size` or `bodySize` above 0; null when none does.
 */
function declaredBodySize(entry: HarEntryLike): number | null {
  const res = entry.response as (HarEntryLike['response'] & { bodySize?: unknown }) | undefined;
  if (!res || typeof res !== 'object') return null;
  const header = getHeader(Array.isArray(res.headers) ? res.headers : undefined, 'content-length');
  const sizes = [header !== null && /^\s*\d+\s*$/.test(header) ? Number(header) : 0, res.content?.size, res.bodySize];
  let max = 0;
  for (const n of sizes) if (typeof n === 'number' && Number.isFinite(n) && n > max) max = n;
  return max > 0 ? max : null;
}

/** Why a body that is in the call was not read, by how it was read (absent and read bodies: null). */
function unreadReason(read: BodyRead, text: string, captured: string | null | undefined, entry: HarEntryLike, pipelineField: string | null): string | null {
  if (read === 'none') {
    if (captured) return `its body was not captured (${captured})`;
    const size = declaredBodySize(entry);
    return size === null ? null : `its body of ${size} bytes is not in the record (a HAR exported without content)`;
  }
  if (read === 'json') return pipelineField;
  if (read === 'html') return 'its body is an HTML page, not a Coveo JSON answer';
  if (text.length > MAX_RESPONSE_CHARS) return `its body of ${text.length} characters was too long to read (over ${MAX_RESPONSE_CHARS})`;
  return 'its body does not read as a Coveo JSON answer';
}

/** `readResponse`, also saying why a response body the call had was not read (the verdict needs it). */
export function readResponseFull(entry: HarEntryLike, notes: string[], options: ResponseOptions = {}): ResponseRead {
  const { info, read, pipelineField } = readResponseBody(entry, notes);
  const raw = entry.response?.content?.text;
  const unread = unreadReason(read, typeof raw === 'string' ? raw : '', options.unread, entry, pipelineField ?? null);
  if (read === 'none' && options.unread) notes.push(`response body not read: ${options.unread}. The response's pipeline, searchUid and errors are unknown.`);
  let outcome = outcomeOf(entry.response?.status, info.status, info.bodyStatus ?? null);
  if (outcome === 'success') {
    if (options.errorsAsSuccess && read !== 'json') {
      outcome = 'unknown';
      notes.push(
        read === 'none'
          ? 'the request asked errorsAsSuccess and its response body is not in the record: only that body tells a refusal, so the outcome is unknown'
          : 'the request asked errorsAsSuccess and its response body does not read as JSON: only that body tells a refusal, so the outcome is unknown',
      );
    } else if (options.expectJson && read === 'html') {
      outcome = 'unknown';
      notes.push('the response is an HTML page, not a Coveo JSON answer (a sign-in or proxy page may have answered): the outcome is unknown');
    }
  }
  if (entry.response === undefined || entry.response === null) notes.push('no response recorded: the outcome is unknown');
  else if (typeof entry.response.status !== 'number') notes.push('the response has no numeric status: the outcome is unknown');
  info.outcome = outcome;
  return { info, unread };
}

/** `callback({...})` or `/**\/ cb({...});` (JSONP): the JSON inside, or null. */
function insideJsonp(text: string): string | null {
  const m = /^\s*(?:\/\*\*\/\s*)?[A-Za-z_$][\w$.]*\s*\(([\s\S]*)\)\s*;?\s*$/.exec(text);
  return m && m[1] !== undefined ? m[1] : null;
}

/**
 * The body read, how, and, for a JSON body whose `pipeline` field is there but names no pipeline (not a string, or
 * blank), why the pipeline Coveo answered from is unknown.
 */
function readResponseBody(entry: HarEntryLike, notes: string[]): { info: ResponseInfo; read: BodyRead; pipelineField?: string | null } {
  const res = entry.response;
  const status = typeof res?.status === 'number' && Number.isFinite(res.status) && res.status > 0 ? res.status : null;
  const info: ResponseInfo = { status, bodyStatus: null, pipeline: null, searchUid: null, totalCount: null, errors: [] };
  const content = res?.content;
  let text = typeof content?.text === 'string' ? content.text : '';
  if (text === '') return { info, read: 'none' };
  if (text.length > MAX_RESPONSE_CHARS) {
    notes.push(`response body of ${text.length} characters was not read (over ${MAX_RESPONSE_CHARS})`);
    return { info, read: 'unreadable' };
  }
  if (content?.encoding === 'base64') {
    const decoded = decodeBase64(text);
    if (decoded === null) return { info, read: 'unreadable' };
    text = decoded;
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let first = firstNonSpace(text);
  if (first === '<') return { info, read: 'html' };
  if (first !== '{') {
    const inner = insideJsonp(text);
    if (inner === null) return { info, read: 'unreadable' };
    text = inner;
    first = firstNonSpace(text);
    if (first !== '{') return { info, read: 'unreadable' };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { info, read: 'unreadable' };
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return { info, read: 'unreadable' };
  const body = json as Record<string, unknown>;
  info.pipeline = str(body.pipeline);
  const pipelineField =
    body.pipeline === undefined || names(body.pipeline)
      ? null
      : `its pipeline field names no pipeline (${body.pipeline === null ? 'null' : typeof body.pipeline === 'string' ? 'blank' : typeof body.pipeline})`;
  info.searchUid = str(body.searchUid);
  info.totalCount = typeof body.totalCount === 'number' ? body.totalCount : null;
  const split = str(body.splitTestRun);
  if (split !== null) info.splitTestRun = split;
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
  return { info, read: 'json', pipelineField };
}
