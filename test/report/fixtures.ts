// Hand-built reports for the renderer tests: hostile page-controlled strings and smuggled secrets.
import type { CallReport, Finding, PageFinding, Report, SourceInfo } from '../../src/core/types';

/** A full search token and a full API key: neither may ever appear in a rendered report. */
export const FULL_JWT =
  'eyJhbGciOiJIUzI1NiJ9.eyJ2OCI6dHJ1ZSwib3JnYW5pemF0aW9uIjoiYWNtZSIsInJvbGVzIjpbInF1ZXJ5RXhlY3V0b3IiXX0.c2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJlc2ln';
export const FULL_KEY = 'xx564559b1-0045-48e1-953c-3addd1ee4457';
/** A three-part base64url string that does not start with eyJ (for example a JWT with an unusual header). */
export const OTHER_JWT = 'ZXlKaGJHY2lPaUpJVXpJMU5pSjk.ZXlKMk9DSTZkSEoxWlN3aWIzSm4.c2lnbmF0dXJlc2lnbmF0dXJlc2ln';

export const HOSTILE_HUB = 'Pub|lic`hub`<script>alert(1)</script>\n| injected | row |\u001b[31mRED\u001b]0;pwned\u0007';
export const HOSTILE_URL = `https://acme.org.coveo.com/rest/search/v2?q=<img src=x onerror=alert(1)>|x\`y\u001b[2J`;

export function finding(rule: string, severity: Finding['severity'], message: string): Finding {
  return { rule, severity, message, why: `why ${rule}`, fix: `fix ${rule}`, docs: `https://docs.coveo.com/en/${rule.length}/x` };
}

export function call(id: string, over: Partial<CallReport> = {}): CallReport {
  return {
    id,
    index: Number(id.replace(/\D/g, '')) || 0,
    url: 'https://acme.org.coveo.com/rest/search/v2?organizationId=acme',
    method: 'POST',
    startedDateTime: '2026-11-24T10:00:01.250Z',
    kind: 'search',
    api: 'search',
    routing: 'coveo-host',
    host: 'acme.org.coveo.com',
    organizationId: 'acme',
    searchHub: { request: 'Public', requestSource: 'json', token: 'Public', effective: 'Public' },
    pipeline: { request: null, token: null },
    tab: null,
    query: 'hello',
    credential: { type: 'search-token', location: 'authorization-header', fingerprint: 'eyJhbGci…(JWT, 3 parts, #0badc0de)' },
    credentials: [{ type: 'search-token', location: 'authorization-header', fingerprint: 'eyJhbGci…(JWT, 3 parts, #0badc0de)' }],
    token: {
      header: { alg: 'HS256' },
      claims: { v8: true, organization: 'acme', searchHub: 'Public', roles: ['queryExecutor'] },
      issuedAt: '2026-11-24T09:59:00.000Z',
      expiresAt: '2026-11-25T09:59:00.000Z',
      lifetimeSeconds: 86400,
      secondsToExpiryAtRequest: 86339,
    },
    verdict: 'enforced',
    verdictReason: 'The search token carries searchHub "Public".',
    findings: [],
    response: { status: 200, pipeline: 'default', searchUid: 'uid-1', totalCount: 3, errors: [] },
    notes: [],
    ...over,
  };
}

export function source(over: Partial<SourceInfo> = {}): SourceInfo {
  return { name: 'page.har', entries: 10, coveoCalls: 2, malformed: [], ...over };
}

export function report(calls: CallReport[], over: Partial<Report> = {}, summaryOver: Partial<Report['summary']> = {}): Report {
  const verdicts = { enforced: 0, unenforced: 0, unverifiable: 0, 'not-applicable': 0 };
  const severities = { error: 0, warning: 0, info: 0 };
  const rules: Record<string, number> = {};
  for (const c of calls) {
    verdicts[c.verdict]++;
    for (const f of c.findings) {
      severities[f.severity]++;
      rules[f.rule] = (rules[f.rule] ?? 0) + 1;
    }
  }
  const pageFindings: PageFinding[] = over.pageFindings ?? [];
  return {
    schemaVersion: 1,
    tool: { name: 'coveo-hub-inspector', version: '9.9.9' },
    sources: [source({ coveoCalls: calls.length })],
    calls,
    pageFindings,
    summary: {
      verdict: severities.error > 0 ? 'fail' : calls.length === 0 ? 'empty' : 'pass',
      reason: 'Because.',
      calls: calls.length,
      hubs: [
        {
          hub: 'Public',
          searchSeen: true,
          searchEnforced: true,
          querySuggestSeen: false,
          querySuggestEnforced: false,
          calls: 1,
          searchStatus: 'enforced',
          querySuggestStatus: 'not-seen',
        },
      ],
      counts: { verdicts, severities, rules, kinds: { search: calls.length } },
      ...summaryOver,
    },
    ...over,
  };
}

/** A failing page whose every page-controlled string is hostile and whose messages smuggle full secrets. */
export function hostileReport(): Report {
  const c0 = call('c0', {
    url: HOSTILE_URL,
    searchHub: { request: HOSTILE_HUB, requestSource: 'json', token: null, effective: HOSTILE_HUB },
    organizationId: 'org|`<b>',
    startedDateTime: '<i>not a date</i>\u001b[1m',
    credential: { type: 'search-token', location: 'authorization-header', fingerprint: FULL_JWT },
    verdict: 'unenforced',
    verdictReason: `Token ${FULL_JWT} has no hub.`,
    token: null,
    findings: [
      finding('token-missing-search-hub', 'error', `Search token ${FULL_JWT} has no searchHub claim (body hub "${HOSTILE_HUB}").`),
      finding('api-key-in-client', 'warning', `API key ${FULL_KEY} and ${OTHER_JWT} seen.`),
    ],
  });
  const c1 = call('c1', {
    kind: 'querySuggest',
    searchHub: { request: 'Public', requestSource: 'json', token: null, effective: 'Public' },
    credential: { type: 'api-key', location: 'authorization-header', fingerprint: 'xx56…4457' },
    verdict: 'unverifiable',
    token: null,
    findings: [finding('token-missing-search-hub', 'error', 'Second occurrence.')],
  });
  const page: PageFinding = { ...finding('suggestions-not-observed', 'info', `Hub "${HOSTILE_HUB}" has no suggestions.`), callIds: ['c0'] };
  return report(
    [c0, c1],
    {
      pageFindings: [page],
      sources: [
        source({
          name: 'evil|`<b>.har\u001b[31m',
          coveoCalls: 2,
          malformed: [
            { index: 4, reason: 'no request' },
            { index: 7, reason: 'request has no url' },
          ],
        }),
      ],
    },
    {
      hubs: [
        {
          hub: HOSTILE_HUB,
          searchSeen: true,
          searchEnforced: false,
          querySuggestSeen: false,
          querySuggestEnforced: false,
          calls: 1,
          searchStatus: 'unenforced',
          querySuggestStatus: 'not-seen',
        },
      ],
      reason: `2 errors, key ${FULL_KEY}.`,
    },
  );
}

/** Asserts no full secret survived. */
export const SECRETS = [FULL_JWT, FULL_KEY, OTHER_JWT];
