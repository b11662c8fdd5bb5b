import { SEVERITIES, VERDICTS, type CallReport, type Finding, type Report } from '../types';
import { scrubSecrets } from './sanitize';
import { RULES } from '../rules';
import { redactPersonalClaims } from '../redact';
import type { RenderOptions } from './common';

type Obj = Record<string, unknown>;

/**
 * One copy does everything: key order and the secret scrub (every string and key through `scrubSecrets`, the
 * last line of defence), so the report is walked once before `JSON.stringify`.
 */
// The shortest JWT-shaped span `redactSecrets` replaces is 13 characters (`eyJ` + 4, `.`, 4, `.`) and an API key
// is 38: a shorter string cannot carry one.
const clean = (v: string): string => (v.length < 13 ? v : scrubSecrets(v));

/**
 * The object with `keys` first, in that order, then any other key (a field added to the types later) sorted by
 * name: the output's key order never depends on how the report was built.
 */
function ordered(value: unknown, keys: readonly string[], nested: Record<string, (v: unknown) => unknown> = {}): Obj {
  const source = (value ?? {}) as Obj;
  const out: Obj = {};
  let known = 0;
  for (const key of keys) {
    const v = source[key];
    if (v === undefined) continue;
    if (Object.hasOwn(source, key)) known++;
    const fn = nested[key];
    out[key] = fn ? fn(v) : sortedDeep(v);
  }
  // Extra keys are rare: look for them only when the object has more own keys than the known ones it holds.
  let own = 0;
  for (const k in source) if (Object.hasOwn(source, k)) own++;
  if (own > known) {
    const isKnown = new Set(keys);
    for (const key of Object.keys(source)
      .filter((k) => !isKnown.has(k))
      .sort()) {
      if (source[key] === undefined) continue;
      out[clean(key)] = sortedDeep(source[key]);
    }
  }
  return out;
}

/** Free-form records (token claims, counts): keys sorted, recursively; strings and keys scrubbed. */
function sortedDeep(value: unknown): unknown {
  if (typeof value === 'string') return clean(value);
  if (Array.isArray(value)) return value.map(sortedDeep);
  if (value !== null && typeof value === 'object') {
    const out: Obj = {};
    for (const key of Object.keys(value as Obj).sort()) out[clean(key)] = sortedDeep((value as Obj)[key]);
    return out;
  }
  return value;
}

const list = (fn: (v: unknown) => unknown) => (v: unknown) => (Array.isArray(v) ? v.map(fn) : sortedDeep(v));

/** The registry's static texts per rule id: a finding carrying them needs no scrub of its why, fix and docs. */
const STATIC = new Map(RULES.map((r) => [r.id, r]));
const staticText = (rule: unknown, field: 'why' | 'fix' | 'docs') => (v: unknown) => {
  const info = typeof rule === 'string' ? STATIC.get(rule) : undefined;
  return info !== undefined && info[field] === v ? v : sortedDeep(v);
};
const findingWith = (extra: readonly string[]) => (f: unknown) => {
  const rule = (f as Finding | null)?.rule;
  return ordered(f, ['rule', 'severity', 'message', 'why', 'fix', 'docs', ...extra], {
    why: staticText(rule, 'why'),
    fix: staticText(rule, 'fix'),
    docs: staticText(rule, 'docs'),
  });
};
const finding = findingWith([]);
const pageFinding = findingWith(['callIds']);
const credential = (c: unknown) => ordered(c, ['type', 'location', 'fingerprint', 'scheme', 'note']);

function fixedOrder(keys: readonly string[]) {
  return (v: unknown) => ordered(v, keys);
}

/** Set per render: decoded claims with personal data redacted (the default) or as they are. */
let claimsOf: (v: unknown) => unknown = sortedDeep;
let tokenMemo = new WeakMap<object, unknown>();

const call = (c: unknown) =>
  ordered(
    c as CallReport,
    [
      'id',
      'index',
      'url',
      'method',
      'startedDateTime',
      'kind',
      'api',
      'routing',
      'host',
      'organizationId',
      'searchHub',
      'pipeline',
      'tab',
      'query',
      'credential',
      'credentials',
      'token',
      'verdict',
      'verdictReason',
      'findings',
      'response',
      'notes',
      'probe',
    ],
    {
      searchHub: fixedOrder(['request', 'requestSource', 'token', 'effective']),
      pipeline: fixedOrder(['request', 'token']),
      credential,
      credentials: list(credential),
      token: (t) => {
        if (t === null || typeof t !== 'object') return sortedDeep(t);
        // Calls of one credential share their decoded token: render it once per render.
        const hit = tokenMemo.get(t);
        if (hit !== undefined) return hit;
        const out = ordered(t, ['header', 'claims', 'issuedAt', 'expiresAt', 'lifetimeSeconds', 'secondsToExpiryAtRequest'], { claims: claimsOf });
        tokenMemo.set(t, out);
        return out;
      },
      findings: list(finding),
      response: fixedOrder(['status', 'bodyStatus', 'outcome', 'pipeline', 'splitTestRun', 'searchUid', 'totalCount', 'errors']),
      probe: (p) =>
        ordered(
          p,
          ['outcome', 'reason', 'advice', 'origin', 'endpoint', 'credential', 'probedCall', 'appliesTo', 'sentAt', 'requests', 'baselinePipeline', 'variants'],
          {
            variants: list(fixedOrder(['name', 'hub', 'pipeline', 'status', 'bodyStatus', 'result', 'responsePipeline', 'detail'])),
          },
        ),
    },
  );

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
    hubs: list(
      fixedOrder([
        'hub',
        'searchSeen',
        'searchEnforced',
        'querySuggestSeen',
        'querySuggestEnforced',
        'calls',
        'searchStatus',
        'querySuggestStatus',
        'pinnedPipelines',
      ]),
    ),
    counts,
  });

/**
 * The report as the documented JSON schema (`schemaVersion` 1): stable key order, 2-space indent. Decoded personal
 * claims (`userIds`, `userDisplayName`, `userGroups`, e-mail addresses) are redacted unless
 * `options.includePersonalData`.
 */
export function renderJson(report: Report, options: RenderOptions = {}): string {
  tokenMemo = new WeakMap();
  claimsOf = options.includePersonalData
    ? sortedDeep
    : (v) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? sortedDeep(redactPersonalClaims(v as Obj)) : sortedDeep(v));
  const doc = ordered(report, ['schemaVersion', 'tool', 'about', 'sources', 'calls', 'pageFindings', 'summary'], {
    tool: fixedOrder(['name', 'version']),
    about: fixedOrder(['via', 'extensionVersion', 'generatedAt']),
    sources: list(source),
    calls: list(call),
    pageFindings: list(pageFinding),
    summary,
  });
  return `${JSON.stringify(doc, null, 2)}\n`;
}
