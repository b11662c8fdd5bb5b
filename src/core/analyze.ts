import { classifyCredential, collectCredentials, NO_CREDENTIAL, tokenInfo, type ClassifiedCredential } from './credentials';
import { isCoveoHost, recognizeEndpoint, urlMayBeCoveo } from './endpoints';
import { asEntry, entryProblem } from './har';
import { firstNonSpace, MAX_BODY_CHARS, parseUrl, readFields, readRequest, type RequestData } from './request';
import { readResponse } from './response';
import { redactSecrets, redactUrl, shownText } from './redact';
import { CALL_RULES, type CallContext } from './rules';
import { decideVerdict, HUB_KINDS } from './verdict';
import type { CallReport, Finding, HarEntryLike, MalformedEntry, SourceInfo } from './types';
import { names } from './values';

export { entryProblem };

export interface AnalyzeOptions {
  /** The call's id in the report (default `c<index>`). */
  id?: string;
  /** Position of the entry in its source (default 0). */
  index?: number;
}

/** A path ending in /querySuggest, before any query string or fragment. */
const SUGGEST_PATH = /\/querysuggest\/?(?:[?#]|$)/i;

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * A POST to a site's own URL that carries a Coveo search request (Headless `proxyBaseUrl` at any base): a top-level
 * `searchHub` or `searchContext`, a search's paging fields, or a query under a `/querySuggest` path. Wherever they
 * sit: real Headless and search-ui bodies put kilobytes of `actionsHistory`, `context`, facets and fields first, so
 * the cheap text test looks at the whole body (native substring search), never a prefix. Then the body is parsed,
 * so that another API's body that merely mentions "searchHub" somewhere deeper is not taken for a Coveo call.
 */
function bodyLooksLikeSearch(entry: HarEntryLike): boolean {
  const method = entry.request.method;
  if (typeof method !== 'string' || method.toUpperCase() !== 'POST') return false;
  // The path is looked at only when a body has a query and nothing else marks it (ordinary traffic never gets there).
  const isSuggest = (): boolean => SUGGEST_PATH.test(entry.request.url as string);
  const post = entry.request.postData;
  const text = post && typeof post === 'object' ? post.text : undefined;
  if (typeof text === 'string' && text !== '') {
    // Each marker is looked for first by a short needle that starts with a capital letter: the substring search
    // skips ahead on the needle's first character, which is rare in ordinary bodies ("Hub" scans a 50 KB JSON
    // body in about 1 µs where "searchHub", starting with a common letter, takes about 100 times as long).
    const maybe =
      (text.includes('Hub') && text.includes('searchHub')) ||
      (text.includes('Context') && text.includes('"searchContext"')) ||
      (text.includes('Result') && text.includes('firstResult') && text.includes('numberOfResults')) ||
      (text.includes('History') && text.includes('actionsHistory')) ||
      (isSuggest() && (text.includes('"q"') || text.includes('q=')));
    if (!maybe) return false;
    // Too long to confirm here: analysed as a call (whose verdict cannot be enforced on a body read in part).
    if (text.length > MAX_BODY_CHARS) return true;
    if (firstNonSpace(text) === '{') {
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return false;
      }
      if (!isObject(body)) return false;
      return (
        typeof body.searchHub === 'string' ||
        isObject(body.searchContext) ||
        ('numberOfResults' in body && 'firstResult' in body) ||
        (typeof body.q === 'string' && isSuggest())
      );
    }
    // search-ui's form body (often relayed by the site, which adds the hub): recognised by its search fields.
    const form = new URLSearchParams(text);
    return formLooksLikeSearch((name) => form.has(name), isSuggest);
  }
  const params = post && typeof post === 'object' ? post.params : undefined;
  if (!Array.isArray(params)) return false;
  const listed = new Set(params.map((p) => (p && typeof p.name === 'string' ? p.name : '')));
  return formLooksLikeSearch((name) => listed.has(name), isSuggest);
}

/** A form (text or HAR params) with a search's fields: a hub, paging, or search-ui's history beside a query. */
function formLooksLikeSearch(has: (name: string) => boolean, isSuggest: () => boolean): boolean {
  return (
    has('searchHub') ||
    (has('numberOfResults') && has('firstResult')) ||
    (has('actionsHistory') && (has('q') || has('aq') || has('numberOfResults'))) ||
    (has('q') && isSuggest())
  );
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
  const response = readResponse(entry, notes, { errorsAsSuccess: asksErrorsAsSuccess(data), expectJson: HUB_KINDS.has(endpoint.kind) });
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
    if (message !== null) {
      findings.push({ rule: rule.id, severity: rule.severity, message: redactSecrets(message), why: rule.why, fix: rule.fix, docs: rule.docs });
    }
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

/** A skipped entry as the report lists it: index, reason, and whether it looks like a Coveo call. */
export function malformedEntry(index: number, entry: unknown, reason: string): MalformedEntry {
  return looksLikeCoveoEntry(entry) ? { index, reason, looksLikeCoveo: true } : { index, reason };
}

/** A skipped entry whose URL (wherever it can be found) names a Coveo host or path. */
function looksLikeCoveoEntry(entry: unknown): boolean {
  if (entry === null || typeof entry !== 'object') return false;
  const request = (entry as { request?: unknown }).request;
  const url = request && typeof request === 'object' ? (request as { url?: unknown }).url : (entry as { url?: unknown }).url;
  if (typeof url !== 'string' || !urlMayBeCoveo(url)) return false;
  const parsed = parseUrl(url);
  return isCoveoHost(parsed.host) || recognizeEndpoint(parsed.host, parsed.path, () => false) !== null;
}

/** Analyses a list of entries: the Coveo calls, and the malformed entries counted and named. */
export function analyzeEntries(entries: readonly unknown[], sourceName = 'input', idPrefix = ''): { calls: CallReport[]; source: SourceInfo } {
  const calls: CallReport[] = [];
  const malformed: MalformedEntry[] = [];
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    const problem = entryProblem(entry);
    if (problem !== null) {
      malformed.push(malformedEntry(i, entry, problem));
      continue;
    }
    const call = analyzeEntry(entry, { index: i, id: `${idPrefix}c${i}` });
    if (call) calls.push(call);
  }
  return { calls, source: { name: sourceName, entries: entries.length, coveoCalls: calls.length, malformed } };
}
