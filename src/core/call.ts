/** One HAR entry analysed into one call report (or none: not a Coveo call). The pipeline over many is analyze.ts. */
import { classifyCredential, collectCredentials, NO_CREDENTIAL, tokenInfo, type ClassifiedCredential } from './credentials';
import { recognizeEndpoint, urlMayBeCoveo } from './endpoints';
import { asEntry } from './har';
import { RESPONSE_KINDS, type CallKind } from './kinds';
import { parseUrl, readFields, readRequest, type RequestData } from './request';
import { bodyLooksLikeSearch, isObject } from './search-body';
import { readResponseFull } from './response';
import { redactSecrets, redactUrl, shownText } from './redact';
import { CALL_RULES, type CallContext } from './rules';
import { findingOf } from './rules/types';
import { decideVerdict, HUB_KINDS } from './verdict';
import type { CallReport, Finding, HarEntryLike } from './types';
import { names } from './values';

export interface AnalyzeOptions {
  /** The call's id in the report (default `c<index>`). */
  id?: string;
  /** Position of the entry in its source (default 0). */
  index?: number;
  /** Why capture could not read the call's response body (it had one), when it could not. */
  responseUnread?: string | null;
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** A flag value that is set: anything but absent, empty, `false` or `0`. */
function flagSet(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === 0) return false;
  if (typeof value === 'string') return !/^\s*(?:|false|0)\s*$/i.test(value);
  return true;
}

/** The request asks `errorsAsSuccess` (URL, form or JSON body, any letter case of the name). */
function asksErrorsAsSuccess(data: RequestData): boolean {
  const isFlag = (k: string) => k.length === 15 && k.toLowerCase() === 'errorsassuccess';
  for (const [k, v] of data.url) if (isFlag(k) && flagSet(v)) return true;
  if (data.form) for (const [k, v] of data.form) if (isFlag(k) && flagSet(v)) return true;
  for (const p of data.params) if (isFlag(p.name) && flagSet(p.value)) return true;
  if (isObject(data.json)) for (const k of Object.keys(data.json)) if (isFlag(k) && flagSet(data.json[k])) return true;
  return false;
}

/** A claim that names something (the one meaning: `names`): a blank `searchHub` or `pipeline` claim names nothing. */
function claimStr(value: unknown): string | null {
  return names(value) ? value : null;
}

function startedMsOf(entry: HarEntryLike): number | null {
  if (typeof entry.startedDateTime !== 'string') return null;
  const ms = Date.parse(entry.startedDateTime);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * Analyses one HAR entry. Returns null for anything that is not a Coveo call (including CORS preflights and
 * entries without the shape of a request). Never throws on entry-shaped input.
 */
export function analyzeEntry(input: unknown, options: AnalyzeOptions = {}): CallReport | null {
  const entry = asEntry(input);
  if (!entry) return null;
  const url = entry.request.url as string;
  const method = typeof entry.request.method === 'string' ? entry.request.method.toUpperCase() : 'GET';
  if (method === 'OPTIONS') return null;
  try {
    if (!urlMayBeCoveo(url) && !bodyLooksLikeSearch(entry)) return null;
    return analyzeCoveoEntry(entry, url, method, options);
  } catch (error) {
    // A defect in one entry's analysis must not lose the others: report it as an unverifiable call.
    return failedCall(entry, url, method, options, error);
  }
}

/**
 * The kind of Coveo call an entry is, from its URL, method and request body only (no analysis, response unread), or
 * null exactly when `analyzeEntry` returns null. An entry whose recognition fails is a call (`other`), as
 * `analyzeEntry` then reports it.
 */
export function callKindOf(input: unknown): CallKind | null {
  const entry = asEntry(input);
  if (!entry) return null;
  const method = typeof entry.request.method === 'string' ? entry.request.method.toUpperCase() : 'GET';
  if (method === 'OPTIONS') return null;
  try {
    const url = entry.request.url as string;
    if (!urlMayBeCoveo(url) && !bodyLooksLikeSearch(entry)) return null;
    const parsed = parseUrl(url);
    return recognizeEndpoint(parsed.host, parsed.path, () => bodyLooksLikeSearch(entry))?.kind ?? null;
  } catch {
    return 'other';
  }
}

/**
 * Whether capture should read this entry's response body before analysing it: a Coveo call of a kind whose response
 * the analysis uses (`readsResponse` in kinds.ts), whose entry does not carry the body already. `kind`: its
 * `callKindOf`, when already known.
 */
export function needsResponseBody(input: unknown, kind: CallKind | null = callKindOf(input)): boolean {
  if (kind === null || !RESPONSE_KINDS.has(kind)) return false;
  const text = (input as HarEntryLike).response?.content?.text;
  return typeof text !== 'string' || text === '';
}

function analyzeCoveoEntry(entry: HarEntryLike, url: string, method: string, options: AnalyzeOptions): CallReport | null {
  const parsed = parseUrl(url);
  const endpoint = recognizeEndpoint(parsed.host, parsed.path, () => bodyLooksLikeSearch(entry));
  if (!endpoint) return null;
  const index = options.index ?? 0;
  const data = readRequest(entry, parsed.query);
  const fields = readFields(data, endpoint.kind === 'analytics');
  const startedMs = startedMsOf(entry);

  const classified: ClassifiedCredential[] = collectCredentials(entry, data).map(classifyCredential);
  const distinct = classified.length < 2 ? classified.length : new Set(classified.map((c) => c.key)).size;
  const primary = classified[0] ?? null;
  const credential = primary?.info ?? NO_CREDENTIAL;
  const token = primary?.token && (primary.info.type === 'search-token' || primary.info.type === 'jwt') ? tokenInfo(primary.token, startedMs) : null;
  const decoded = primary?.info.type === 'search-token' ? primary.token : null;
  const claims = decoded?.enforcing ?? null;

  const tokenHub = claimStr(claims?.searchHub);
  const tokenPipeline = claimStr(claims?.pipeline);
  const notes = data.notes;
  const { info: response, unread: responseUnread } = readResponseFull(entry, notes, {
    errorsAsSuccess: asksErrorsAsSuccess(data),
    expectJson: HUB_KINDS.has(endpoint.kind),
    unread: options.responseUnread ?? null,
  });
  const { verdict, reason } = decideVerdict({
    kind: endpoint.kind,
    routing: endpoint.routing,
    host: parsed.host,
    credential,
    claims,
    conflicting: distinct > 1,
    unsigned: decoded?.unsigned ?? false,
    ambiguousClaims: decoded?.ambiguousClaims ?? false,
    status: response.status,
    bodyTruncated: data.truncated,
    bodyUnparsed: data.unparsed,
    pipelineNamed: fields.pipelineNamed,
    requestPipeline: fields.pipeline,
    outcome: response.outcome,
    bodyStatus: response.bodyStatus ?? null,
    bodyMissing: data.missingReason,
    bodyUnreadable: data.unreadable,
    responsePipeline: response.pipeline,
    responseUnread,
    splitTestRun: response.splitTestRun ?? null,
  });
  const organizationId = fields.organizationId ?? endpoint.organizationId ?? str(claims?.organization);
  const requestHub = fields.hub === null ? null : shownText(fields.hub);
  const shownTokenHub = tokenHub === null ? null : shownText(tokenHub);

  // Built once with its (still empty) findings last, as before, instead of copied into a new object at the end.
  const findings: Finding[] = [];
  const call: CallReport = {
    id: options.id ?? `c${index}`,
    index,
    url: redactUrl(url),
    method,
    startedDateTime: typeof entry.startedDateTime === 'string' ? entry.startedDateTime : null,
    kind: endpoint.kind,
    api: endpoint.api,
    routing: endpoint.routing,
    host: parsed.host,
    organizationId: organizationId === null ? null : redactSecrets(organizationId),
    searchHub: {
      request: requestHub,
      requestSource: fields.hubSource,
      token: shownTokenHub,
      effective: shownTokenHub ?? requestHub,
    },
    pipeline: { request: fields.pipeline === null ? null : shownText(fields.pipeline), token: tokenPipeline === null ? null : shownText(tokenPipeline) },
    tab: fields.tab === null ? null : redactSecrets(fields.tab),
    query: fields.query === null ? null : redactSecrets(fields.query),
    credential,
    credentials: classified.map((c) => c.info),
    token,
    verdict,
    verdictReason: redactSecrets(reason),
    response,
    notes,
    findings,
  };
  const ctx: CallContext = {
    call,
    request: fields,
    startedMs,
    hubApplies: HUB_KINDS.has(endpoint.kind),
    distinctCredentials: distinct,
    bodyTruncated: data.truncated,
  };
  for (const rule of CALL_RULES) {
    const message = rule.check(ctx);
    if (message !== null) findings.push(findingOf(rule, message));
  }
  return call;
}

function failedCall(entry: HarEntryLike, url: string, method: string, options: AnalyzeOptions, error: unknown): CallReport {
  const parsed = parseUrl(url);
  const index = options.index ?? 0;
  return {
    id: options.id ?? `c${index}`,
    index,
    url: redactUrl(url),
    method,
    startedDateTime: typeof entry.startedDateTime === 'string' ? entry.startedDateTime : null,
    kind: 'other',
    api: 'search',
    routing: 'coveo-host',
    host: parsed.host,
    organizationId: null,
    searchHub: { request: null, requestSource: null, token: null, effective: null },
    pipeline: { request: null, token: null },
    tab: null,
    query: null,
    credential: NO_CREDENTIAL,
    credentials: [],
    token: null,
    verdict: 'unverifiable',
    verdictReason: 'The analysis of this entry failed, so nothing about it is proven.',
    findings: [],
    response: {
      status: typeof entry.response?.status === 'number' && entry.response.status > 0 ? entry.response.status : null,
      bodyStatus: null,
      outcome: 'unknown',
      pipeline: null,
      searchUid: null,
      totalCount: null,
      errors: [],
    },
    notes: [`analysis failed: ${redactSecrets(error instanceof Error ? error.message : String(error)).slice(0, 200)}`],
  };
}
