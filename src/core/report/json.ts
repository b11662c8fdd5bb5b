import { SEVERITIES, VERDICTS, type CallReport, type Finding, type PageFinding, type Report } from '../types';
import { scrubDeep } from './sanitize';
import { redactPersonalClaims } from '../redact';
import type { RenderOptions } from './common';

type Obj = Record<string, unknown>;

/**
 * The object with `keys` first, in that order, then any other key (a field added to the types later) sorted by
 * name: the output's key order never depends on how the report was built.
 */
function ordered(value: unknown, keys: readonly string[], nested: Record<string, (v: unknown) => unknown> = {}): Obj {
  const source = (value ?? {}) as Obj;
  const out: Obj = {};
  const known = new Set(keys);
  const rest = Object.keys(source).filter((k) => !known.has(k)).sort();
  for (const key of [...keys, ...rest]) {
    if (!(key in source) || source[key] === undefined) continue;
    const fn = nested[key];
    out[key] = fn ? fn(source[key]) : sortedDeep(source[key]);
  }
  return out;
}

/** Free-form records (token claims, counts): keys sorted, recursively. */
function sortedDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedDeep);
  if (value !== null && typeof value === 'object') {
    const out: Obj = {};
    for (const key of Object.keys(value as Obj).sort()) out[key] = sortedDeep((value as Obj)[key]);
    return out;
  }
  return value;
}

const list = (fn: (v: unknown) => unknown) => (v: unknown) => (Array.isArray(v) ? v.map(fn) : v);

const finding = (f: unknown) => ordered(f as Finding, ['rule', 'severity', 'message', 'why', 'fix', 'docs']);
const pageFinding = (f: unknown) => ordered(f as PageFinding, ['rule', 'severity', 'message', 'why', 'fix', 'docs', 'callIds']);
const credential = (c: unknown) => ordered(c, ['type', 'location', 'fingerprint', 'scheme', 'note']);

function fixedOrder(keys: readonly string[]) {
  return (v: unknown) => ordered(v, keys);
}

/** Set per render: decoded claims with personal data redacted (the default) or as they are. */
let claimsOf: (v: unknown) => unknown = sortedDeep;

const call = (c: unknown) =>
  ordered(c as CallReport, [
    'id', 'index', 'url', 'method', 'startedDateTime', 'kind', 'api', 'routing', 'host', 'organizationId',
    'searchHub', 'pipeline', 'tab', 'query', 'credential', 'credentials', 'token', 'verdict', 'verdictReason',
    'findings', 'response', 'notes', 'probe',
  ], {
    searchHub: fixedOrder(['request', 'requestSource', 'token', 'effective']),
    pipeline: fixedOrder(['request', 'token']),
    credential,
    credentials: list(credential),
    token: (t) => (t === null ? null : ordered(t, ['header', 'claims', 'issuedAt', 'expiresAt', 'lifetimeSeconds', 'secondsToExpiryAtRequest'], { claims: claimsOf })),
    findings: list(finding),
    response: fixedOrder(['status', 'bodyStatus', 'outcome', 'pipeline', 'splitTestRun', 'searchUid', 'totalCount', 'errors']),
    probe: (p) =>
      ordered(p, ['outcome', 'reason', 'advice', 'origin', 'endpoint', 'credential', 'probedCall', 'appliesTo', 'sentAt', 'requests', 'baselinePipeline', 'variants'], {
        variants: list(fixedOrder(['name', 'hub', 'pipeline', 'status', 'bodyStatus', 'result', 'responsePipeline', 'detail'])),
      }),
  });

const source = (s: unknown) =>
  ordered(s, ['name', 'entries', 'coveoCalls', 'malformed', 'page', 'capturedFrom', 'capturedTo', 'creator', 'browser'], {
    malformed: list(fixedOrder(['index', 'reason', 'looksLikeCoveo'])),
    page: fixedOrder(['url', 'title']),
    creator: (v) => (v === null ? null : ordered(v, ['name', 'version'])),
    browser: (v) => (v === null ? null : ordered(v, ['name', 'version'])),
  });

const counts = (c: unknown) =>
  ordered(c, ['verdicts', 'severities', 'rules', 'kinds'], {
    verdicts: fixedOrder(VERDICTS),
    severities: fixedOrder(SEVERITIES),
  });

const summary = (s: unknown) =>
  ordered(s, ['verdict', 'reason', 'calls', 'hubs', 'counts'], {
    hubs: list(fixedOrder(['hub', 'searchSeen', 'searchEnforced', 'querySuggestSeen', 'querySuggestEnforced', 'calls', 'searchStatus', 'querySuggestStatus', 'pinnedPipelines'])),
    counts,
  });

/**
 * The report as the documented JSON schema (`schemaVersion` 1): stable key order, 2-space indent. Decoded personal
 * claims (`userIds`, `userDisplayName`, `userGroups`, e-mail addresses) are redacted unless
 * `options.includePersonalData`.
 */
export function renderJson(report: Report, options: RenderOptions = {}): string {
  claimsOf = options.includePersonalData ? sortedDeep : (v) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? sortedDeep(redactPersonalClaims(v as Obj)) : sortedDeep(v));
  const doc = ordered(report, ['schemaVersion', 'tool', 'about', 'sources', 'calls', 'pageFindings', 'summary'], {
    tool: fixedOrder(['name', 'version']),
    about: fixedOrder(['via', 'extensionVersion', 'generatedAt']),
    sources: list(source),
    calls: list(call),
    pageFindings: list(pageFinding),
    summary,
  });
  return `${JSON.stringify(scrubDeep(doc), null, 2)}\n`;
}
