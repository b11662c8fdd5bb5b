import { SEVERITIES, VERDICTS, type Finding, type Report } from '../types';
import { forgetScrubbed } from './sanitize';
import { list, ordered, shape, sortedDeep, type Obj } from './json-walk';
import { RULES } from '../rules';
import { redactPersonalClaims } from '../redact';
import type { RenderOptions } from './common';

/** Per render, one memo per kind of part: the same object always gives the same output within one render. */
const MEMOS: WeakMap<object, unknown>[] = [];
const sharedPart = (fn: (v: unknown) => unknown) => {
  const at = MEMOS.push(new WeakMap()) - 1;
  return (v: unknown): unknown => {
    if (v === null || typeof v !== 'object') return fn(v);
    const memo = MEMOS[at] as WeakMap<object, unknown>;
    let out = memo.get(v);
    if (out === undefined) {
      out = fn(v);
      memo.set(v, out);
    }
    return out;
  };
};
const forgetParts = () => {
  for (let i = 0; i < MEMOS.length; i++) MEMOS[i] = new WeakMap();
};

/** The registry's static texts per rule id: a finding carrying them needs no scrub of its why, fix and docs. */
const STATIC = new Map(RULES.map((r) => [r.id, r]));
/** The rule of the finding being copied (its texts are compared with the registry's). */
let ruleInfo: (typeof RULES)[number] | undefined;
const staticText = (field: 'why' | 'fix' | 'docs') => (v: unknown) => (ruleInfo !== undefined && ruleInfo[field] === v ? v : sortedDeep(v));
const findingWith = (extra: readonly string[]) => {
  const s = shape(['rule', 'severity', 'message', 'why', 'fix', 'docs', ...extra], {
    why: staticText('why'),
    fix: staticText('fix'),
    docs: staticText('docs'),
  });
  return (f: unknown) => {
    const rule = (f as Finding | null)?.rule;
    ruleInfo = typeof rule === 'string' ? STATIC.get(rule) : undefined;
    return ordered(f, s);
  };
};
const finding = findingWith([]);
const pageFinding = findingWith(['callIds']);
const CREDENTIAL = shape(['type', 'location', 'fingerprint', 'scheme', 'note']);
// The calls of one credential share its `CredentialInfo` (the core classifies each distinct one once).
const credential = sharedPart((c) => ordered(c, CREDENTIAL));

function fixedOrder(keys: readonly string[], nested?: Record<string, (v: unknown) => unknown>, build?: (source: Obj) => Obj) {
  const s = shape(keys, nested, build);
  return (v: unknown) => ordered(v, s);
}

/** Set per render: decoded claims with personal data redacted (the default) or as they are. */
let claimsOf: (v: unknown) => unknown = sortedDeep;
/** Each call has a `TokenInfo` of its own, but the calls of one token share its header and claims objects. */
const TOKEN = shape(['header', 'claims', 'issuedAt', 'expiresAt', 'lifetimeSeconds', 'secondsToExpiryAtRequest'], {
  header: sharedPart(sortedDeep),
  claims: sharedPart((v) => claimsOf(v)),
});

const searchHubOf = fixedOrder(['request', 'requestSource', 'token', 'effective']);
const pipelineOf = fixedOrder(['request', 'token']);
const credentials = list(credential);
const findings = list(finding);
// Calls that share a `TokenInfo` (a panel's calls of one token may) render it once per render.
const tokenOf = sharedPart((t) => ordered(t, TOKEN));
const token = (t: unknown): unknown => (t === null || typeof t !== 'object' ? sortedDeep(t) : tokenOf(t));
const response = fixedOrder(['status', 'bodyStatus', 'outcome', 'pipeline', 'splitTestRun', 'searchUid', 'totalCount', 'errors'], {}, (r) => ({
  status: sortedDeep(r.status),
  bodyStatus: sortedDeep(r.bodyStatus),
  outcome: sortedDeep(r.outcome),
  pipeline: sortedDeep(r.pipeline),
  splitTestRun: sortedDeep(r.splitTestRun),
  searchUid: sortedDeep(r.searchUid),
  totalCount: sortedDeep(r.totalCount),
  errors: sortedDeep(r.errors),
}));
const probe = fixedOrder(
  ['outcome', 'reason', 'advice', 'origin', 'endpoint', 'credential', 'probedCall', 'appliesTo', 'sentAt', 'requests', 'baselinePipeline', 'variants'],
  { variants: list(fixedOrder(['name', 'hub', 'pipeline', 'status', 'bodyStatus', 'result', 'responsePipeline', 'detail'])) },
);
/** `fn(v)`, or `undefined` (left out by `JSON.stringify`) when the key is absent. */
const opt = (v: unknown, fn: (v: unknown) => unknown) => (v === undefined ? undefined : fn(v));

const CALL_KEYS = [
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
] as const;
const call = fixedOrder(CALL_KEYS, { searchHub: searchHubOf, pipeline: pipelineOf, credential, credentials, token, findings, response, probe }, (c) => ({
  id: sortedDeep(c.id),
  index: sortedDeep(c.index),
  url: sortedDeep(c.url),
  method: sortedDeep(c.method),
  startedDateTime: sortedDeep(c.startedDateTime),
  kind: sortedDeep(c.kind),
  api: sortedDeep(c.api),
  routing: sortedDeep(c.routing),
  host: sortedDeep(c.host),
  organizationId: sortedDeep(c.organizationId),
  searchHub: opt(c.searchHub, searchHubOf),
  pipeline: opt(c.pipeline, pipelineOf),
  tab: sortedDeep(c.tab),
  query: sortedDeep(c.query),
  credential: opt(c.credential, credential),
  credentials: opt(c.credentials, credentials),
  token: opt(c.token, token),
  verdict: sortedDeep(c.verdict),
  verdictReason: sortedDeep(c.verdictReason),
  findings: opt(c.findings, findings),
  response: opt(c.response, response),
  notes: sortedDeep(c.notes),
  probe: opt(c.probe, probe),
}));

const nameVersion = fixedOrder(['name', 'version']);
const source = fixedOrder(['name', 'entries', 'coveoCalls', 'malformed', 'page', 'capturedFrom', 'capturedTo', 'creator', 'browser'], {
  malformed: list(fixedOrder(['index', 'reason', 'looksLikeCoveo'])),
  page: fixedOrder(['url', 'title']),
  creator: (v) => (v === null ? null : nameVersion(v)),
  browser: (v) => (v === null ? null : nameVersion(v)),
});

const counts = fixedOrder(['verdicts', 'severities', 'rules', 'kinds'], {
  verdicts: fixedOrder(VERDICTS),
  severities: fixedOrder(SEVERITIES),
});

const summary = fixedOrder(['verdict', 'reason', 'calls', 'hubs', 'counts'], {
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

const document = fixedOrder(['schemaVersion', 'tool', 'about', 'sources', 'calls', 'pageFindings', 'summary'], {
  tool: fixedOrder(['name', 'version']),
  about: fixedOrder(['via', 'extensionVersion', 'generatedAt']),
  sources: list(source),
  calls: list(call),
  pageFindings: list(pageFinding),
  summary,
});

/**
 * The report as the documented JSON schema (`schemaVersion` 1): stable key order, 2-space indent. Decoded personal
 * claims (`userIds`, `userDisplayName`, `userGroups`, e-mail addresses) are redacted unless
 * `options.includePersonalData`. The ordered, scrubbed document is built once (sharing every part of the report
 * that needs no change) and written by one `JSON.stringify`.
 */
export function renderJson(report: Report, options: RenderOptions = {}): string {
  begin(options);
  try {
    return `${JSON.stringify(document(report), null, 2)}\n`;
  } finally {
    forgetScrubbed();
    forgetParts();
  }
}

/** Which render the module's state (claims policy, memos) was last set up for. */
let owner: object | null = null;

/** Sets the module's state up for one render: its claims policy, empty memos. Returns the render's handle. */
function begin(options: RenderOptions): object {
  claimsOf = options.includePersonalData
    ? sortedDeep
    : (v) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? sortedDeep(redactPersonalClaims(v as Obj)) : sortedDeep(v));
  forgetScrubbed();
  forgetParts();
  owner = {};
  return owner;
}

/** The top-level `calls` member of the 2-space document, empty: where the calls are spliced in. */
const EMPTY_CALLS = '\n  "calls": [],\n';

/**
 * `renderJson` in pieces, for a writer that does not want the whole report as one string (the CLI on a large HAR):
 * their concatenation is byte for byte `renderJson(report, options)`. The document without its calls is written
 * once, then each call is ordered, scrubbed and written alone (at the indent of its place in the array), so that
 * only one call's copy is alive at a time.
 */
export function* renderJsonParts(report: Report, options: RenderOptions = {}): Generator<string> {
  let mine = begin(options);
  // A generator pauses between pieces: another render in between resets the module's state (its claims policy, its
  // memos), so each piece takes it back first. Personal data must never follow another render's setting.
  const resume = () => {
    if (owner !== mine) mine = begin(options);
  };
  try {
    const calls = Array.isArray(report.calls) ? report.calls : null;
    const head = `${JSON.stringify(document(calls === null || calls.length === 0 ? report : { ...report, calls: [] }), null, 2)}\n`;
    const at = calls === null || calls.length === 0 ? -1 : head.indexOf(EMPTY_CALLS);
    if (at < 0) {
      yield head;
      return;
    }
    yield `${head.slice(0, at)}\n  "calls": [`;
    for (let i = 0; i < (calls as unknown[]).length; i++) {
      // Inside the array, two levels down: JSON text holds no raw line break but its own, so each gets 4 spaces.
      // (An element JSON cannot write is `null` in an array.)
      resume();
      const one = (JSON.stringify(call((calls as unknown[])[i]), null, 2) ?? 'null').replaceAll('\n', '\n    ');
      yield `${i === 0 ? '' : ','}\n    ${one}`;
    }
    yield `\n  ],\n${head.slice(at + EMPTY_CALLS.length)}`;
  } finally {
    if (owner === mine) {
      forgetScrubbed();
      forgetParts();
      owner = null;
    }
  }
}
