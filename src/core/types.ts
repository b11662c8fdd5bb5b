/**
 * The published shapes of the analysis. The JSON report (`schemaVersion` 1) is built from these types:
 * fields may be added, never renamed or removed.
 */
import type { CallKind } from './kinds';

/** A HAR 1.2 entry as Chrome, Firefox and Playwright export it; everything is optional but `request`. */
export interface HarHeader {
  name: string;
  value: string;
}
export interface HarEntryLike {
  startedDateTime?: string;
  time?: number;
  request: {
    method?: string;
    url?: string;
    headers?: HarHeader[];
    queryString?: HarHeader[];
    postData?: {
      mimeType?: string;
      text?: string;
      params?: { name: string; value?: string }[];
    };
  };
  response?: {
    status?: number;
    headers?: HarHeader[];
    content?: { size?: number; mimeType?: string; text?: string; encoding?: string };
  };
  /** Chrome's resource type (`fetch`, `xhr`, `script`, ...). */
  _resourceType?: string;
}

/** The kinds of Coveo call, derived from the descriptor table in kinds.ts (a new kind is one entry there). */
export type { CallKind } from './kinds';
export { CALL_KINDS } from './kinds';

/** Which Coveo API family a call belongs to. `platform` is everything administrative (sources, keys, pipelines...). */
export type CoveoApi = 'search' | 'commerce' | 'insight' | 'caseAssist' | 'answer' | 'analytics' | 'events' | 'platform';

/** How the call reached Coveo: straight to a Coveo host, or through the site's own host (a proxy). */
export type Routing = 'coveo-host' | 'proxy';

export type CredentialType = 'search-token' | 'api-key' | 'jwt' | 'basic' | 'opaque' | 'none';

export type CredentialLocation =
  | 'authorization-header'
  | 'url-access_token'
  | 'url-accessToken'
  | 'form-access_token'
  | 'body-searchContext.accessToken'
  | 'body-accessToken';

export interface CredentialInfo {
  type: CredentialType;
  /** Where the credential travelled; `null` when there is none. */
  location: CredentialLocation | null;
  /** Redacted form, safe to show and store: `xx56…4457`, `eyJhbGci…(JWT, 3 parts)`. */
  fingerprint: string | null;
  /** `Bearer` or `Basic` for the Authorization header. */
  scheme?: string;
  /** A short note about the shape (for example "looks like a Cloud V1 OAuth token"). */
  note?: string;
}

/** Decoded search token: header and claims, never the signature. */
export interface TokenInfo {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  /** ISO dates from `iat` / `exp` when present and numeric. */
  issuedAt: string | null;
  expiresAt: string | null;
  /** `exp - iat` in seconds. */
  lifetimeSeconds: number | null;
  /** Seconds from the request's start to `exp` (negative when expired at request time); null when unknown. */
  secondsToExpiryAtRequest: number | null;
}

export type Verdict = 'enforced' | 'unenforced' | 'unverifiable' | 'not-applicable';
export const VERDICTS: readonly Verdict[] = ['enforced', 'unenforced', 'unverifiable', 'not-applicable'];

export type Severity = 'error' | 'warning' | 'info';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

export type HubSource = 'json' | 'form' | 'url' | 'searchContext' | 'originLevel1' | 'analytics-json';

export interface SearchHubInfo {
  /** The hub the request itself names (body or URL); editable by anyone. */
  request: string | null;
  /** Where the request's hub was read. */
  requestSource: HubSource | null;
  /** The hub the search token's claim enforces. */
  token: string | null;
  /** The token's claim when there is one, else the request's. */
  effective: string | null;
}

export interface Finding {
  /** Stable rule id, e.g. `token-missing-search-hub`. */
  rule: string;
  severity: Severity;
  /** One line naming the values involved. */
  message: string;
  /** Why it matters, one plain sentence. */
  why: string;
  /** What to do. */
  fix: string;
  /** Coveo documentation link. */
  docs: string;
}

export interface PageFinding extends Finding {
  /** Ids of the calls the finding is about. */
  callIds: string[];
}

/**
 * How the call ended: `success` (a 2xx status and no error in the body), `refused` (401, 403 or 419, in the
 * HTTP status or the body), `failed` (any other 4xx or 5xx, in the status or the body), `aborted` (status 0: the
 * call never got an answer), `redirected` (a 3xx: the search ran nowhere at that URL), `unknown` (no response or
 * no numeric status recorded, or a success whose body the outcome depends on could not be read: an errorsAsSuccess
 * answer that is not readable JSON, an HTML page answering a JSON API).
 */
export type CallOutcome = 'success' | 'refused' | 'failed' | 'aborted' | 'redirected' | 'unknown';

export interface ResponseInfo {
  status: number | null;
  /**
   * The error status a JSON body carries (`{"statusCode": 419, ...}`), as Coveo answers with HTTP 200 when the
   * client asks `errorsAsSuccess=1` (search-ui); null when the body carries none.
   */
  bodyStatus?: number | null;
  /** How the call ended (see CallOutcome). */
  outcome?: CallOutcome;
  /** The pipeline Coveo routed the query to, from a search response. */
  pipeline: string | null;
  /**
   * The A/B test (`splitTestRun`) that routed the query, when the response names one: its pipeline may then differ
   * from a token's pipeline claim without contradicting it. Absent when the response names none.
   */
  splitTestRun?: string;
  searchUid: string | null;
  totalCount: number | null;
  /** Error or warning messages the response carried. */
  errors: string[];
}

export interface CallReport {
  /** Stable within one analysis: `c<index>` by default, or the id the caller gave. */
  id: string;
  /** Position of the entry in its source. */
  index: number;
  /** The URL with any credential in it replaced by its fingerprint. */
  url: string;
  method: string;
  startedDateTime: string | null;
  kind: CallKind;
  api: CoveoApi;
  routing: Routing;
  host: string;
  organizationId: string | null;
  searchHub: SearchHubInfo;
  pipeline: { request: string | null; token: string | null };
  tab: string | null;
  query: string | null;
  /** The credential Coveo uses for this call (the Authorization header first). */
  credential: CredentialInfo;
  /** Every credential found in the request, redacted. */
  credentials: CredentialInfo[];
  token: TokenInfo | null;
  verdict: Verdict;
  /** One sentence saying why the verdict is what it is. */
  verdictReason: string;
  findings: Finding[];
  response: ResponseInfo;
  /** Notes about partial analysis (truncated body, unparsable body...). */
  notes: string[];
  /** The routing probe's evidence, on calls a user-started probe applies to (absent otherwise). */
  probe?: ProbeReport;
}

export type PageVerdict = 'pass' | 'review' | 'fail' | 'empty';

export interface HubCoverage {
  hub: string;
  searchSeen: boolean;
  searchEnforced: boolean;
  querySuggestSeen: boolean;
  querySuggestEnforced: boolean;
  /** Calls of any hub-applicable kind counted under this hub. */
  calls: number;
  /** The weakest verdict among this hub's search calls (unenforced before unverifiable), or `not-seen`. */
  searchStatus: CoverageStatus;
  /** The same for its query-suggestion calls. */
  querySuggestStatus: CoverageStatus;
  /**
   * When this hub's enforced calls owe it to a token `pipeline` claim alone (the token has no hub claim), the
   * pipeline(s) pinned: routing is enforced, the hub itself is only the request's. Empty otherwise.
   */
  pinnedPipelines?: string[];
}

export type CoverageStatus = 'enforced' | 'unenforced' | 'unverifiable' | 'not-seen';

export interface Summary {
  verdict: PageVerdict;
  /** One sentence explaining the verdict. */
  reason: string;
  calls: number;
  hubs: HubCoverage[];
  counts: {
    verdicts: Record<Verdict, number>;
    severities: Record<Severity, number>;
    rules: Record<string, number>;
    kinds: Partial<Record<CallKind, number>>;
  };
}

export interface MalformedEntry {
  index: number;
  reason: string;
  /** The skipped entry's URL names a Coveo host or a Coveo path: a Coveo call the analysis could not read. */
  looksLikeCoveo?: boolean;
}

export interface SourceInfo {
  name: string;
  entries: number;
  coveoCalls: number;
  malformed: MalformedEntry[];
  /**
   * The page tested, when known (added in 0.2): the HAR's `pages[0].title` and its first entry's URL (credentials
   * redacted), or what the panel knows of the inspected page.
   */
  page?: { url: string | null; title: string | null };
  /** When the capture ran (added in 0.2): the first and last start time of the source's Coveo calls (ISO). */
  capturedFrom?: string | null;
  capturedTo?: string | null;
  /** The tool that wrote the HAR (`log.creator`) and the browser it came from (`log.browser`), when named. */
  creator?: { name: string; version: string | null } | null;
  browser?: { name: string; version: string | null } | null;
  /**
   * Coveo calls the source no longer holds (added in 0.3): live capture drops its oldest calls over the panel's cap
   * (or before the panel opened). Absent when none were dropped.
   */
  droppedCalls?: number;
}

/** What produced the report beyond `tool` (added in 0.2): the front end and, for the panel, the extension version. */
export interface ReportAbout {
  /** `cli`, `panel`, `playwright`... */
  via?: string;
  /** The browser extension's version (panel exports). */
  extensionVersion?: string | null;
  /** When the report was made (ISO). */
  generatedAt?: string | null;
}

export interface Report {
  schemaVersion: 1;
  tool: { name: 'coveo-hub-inspector'; version: string };
  /** What produced the report (absent when nothing beyond `tool` is known). */
  about?: ReportAbout;
  sources: SourceInfo[];
  calls: CallReport[];
  pageFindings: PageFinding[];
  summary: Summary;
}

export type ProbeOutcome = 'routing-changed' | 'rejected' | 'held' | 'inconclusive';

/** What one probe request gave. */
export type ProbeResult = 'routed' | 'no-pipeline' | 'refused' | 'expired' | 'failed' | 'timeout' | 'not-sent';

export interface ProbeVariantReport {
  /** `baseline`, `canary`, `canary-again`, `no-hub`, `pipeline`, `baseline-again`. */
  name: string;
  /** The hub this variant sent (null: none). */
  hub: string | null;
  /** The request pipeline this variant sent (null: none). */
  pipeline: string | null;
  /** HTTP status, or null when no answer came. */
  status: number | null;
  /** A `statusCode` in the JSON body (errorsAsSuccess answers), or null. */
  bodyStatus: number | null;
  result: ProbeResult;
  /** The pipeline Coveo's answer names, or null. */
  responsePipeline: string | null;
  /** What went wrong, or the routing lines of a debug `executionReport`. */
  detail: string | null;
}

/** The routing probe of one credential on one endpoint (JSON report: `calls[].probe`, added in 0.1). */
export interface ProbeReport {
  outcome: ProbeOutcome;
  /** One sentence with the evidence. */
  reason: string;
  /** What to do next (always for `inconclusive` and `held`), or null. */
  advice: string | null;
  /** The exact origin the probe sent to. */
  origin: string;
  /** The path probed (no query string). */
  endpoint: string;
  /** The credential's fingerprint (null: the site's proxy adds its own). */
  credential: string | null;
  /** The id of the call whose captured request was re-sent. */
  probedCall: string;
  /** Every call this outcome applies to: same credential, endpoint and request pipeline. */
  appliesTo: string[];
  /** When the first request was sent (ISO), or null when nothing was sent. */
  sentAt: string | null;
  /** Requests sent (at most 4); each counts as a query for the organization. */
  requests: number;
  baselinePipeline: string | null;
  variants: ProbeVariantReport[];
}
