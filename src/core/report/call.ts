/**
 * One call, or one finding, as Markdown for a ticket: the panel's "Copy as Markdown" and "Copy finding", and any
 * caller that wants a single call (the CLI could). Pure: the text depends on the call alone.
 *
 * Redacted like every export: credentials by their fingerprint only (the analysis never keeps more), no query
 * string, no search query, and of the decoded token only the routing claims (`searchHub`, `pipeline`) and its times;
 * the other claims are named without their values (`userIds`, `userDisplayName`, groups and e-mail addresses are
 * personal data). A `filter` claim is said to be there, not shown (it may name a user).
 */
import { RULES } from '../rules';
import type { CallReport, Finding, Verdict } from '../types';
import { duration } from '../values';
import { CALL_VERDICT_ICON, SEVERITY_ICON, statusText } from './common';
import { clockTime, mdInline, mdLink } from './sanitize';

const VERDICT_WORDS: Record<Verdict, string> = {
  enforced: 'enforced',
  unenforced: 'not enforced',
  unverifiable: 'unverifiable',
  'not-applicable': 'not applicable',
};

/** Where a credential travelled, in words. */
const LOCATION_WORDS: Record<string, string> = {
  'authorization-header': 'the Authorization header',
  'url-access_token': 'the URL (access_token)',
  'url-accessToken': 'the URL (accessToken)',
  'form-access_token': 'the form body (access_token)',
  'body-searchContext.accessToken': 'the body (searchContext.accessToken)',
  'body-accessToken': 'the body (accessToken)',
};

/** Token claims shown with their value: they are what routes the query. */
const ROUTING_CLAIMS = ['searchHub', 'pipeline'] as const;
/** Token claims shown as dates. */
const TIME_CLAIMS = ['iat', 'nbf', 'exp'] as const;
const TIME_WORDS: Record<(typeof TIME_CLAIMS)[number], string> = { iat: 'issued', nbf: 'not before', exp: 'expires' };

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** `2026-12-02 03:15:07 UTC` for seconds since the epoch; null when it is no representable date. */
export function utcSeconds(seconds: number): string | null {
  if (!Number.isFinite(seconds)) return null;
  const date = new Date(seconds * 1000);
  const year = date.getUTCFullYear();
  if (Number.isNaN(date.getTime()) || year < 0 || year > 9999) return null;
  return `${pad(year, 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} UTC`;
}

function quoted(value: string | null): string {
  return value === null ? 'none' : `"${mdInline(value)}"`;
}

/** `host/path`, without the query string (the analysis already replaced any credential in it). */
function endpoint(call: CallReport): string {
  const noQuery = call.url.split(/[?#]/)[0] ?? '';
  const path = noQuery.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
  return `${call.host}${path}`;
}

function hubLine(call: CallReport): string {
  const { request, requestSource, token } = call.searchHub;
  if (token !== null && request !== null && request !== token) {
    return `token claim ${quoted(token)}; the request names ${quoted(request)} (${mdInline(requestSource ?? 'request')}), which the claim overrides`;
  }
  if (token !== null)
    return `token claim ${quoted(token)}${request !== null ? ` (the request names the same${requestSource ? `, ${mdInline(requestSource)}` : ''})` : ''}`;
  if (request !== null) return `request only ${quoted(request)} (${mdInline(requestSource ?? 'request')}; editable, no token claim)`;
  return 'none (neither the request nor a token claim names one)';
}

function tokenLines(call: CallReport): string[] {
  const token = call.token;
  if (!token) return [];
  const claims = token.claims;
  const parts: string[] = [];
  for (const name of ROUTING_CLAIMS) {
    if (name in claims) {
      const v = claims[name];
      parts.push(`${name} ${typeof v === 'string' ? quoted(v) : mdInline(JSON.stringify(v) ?? String(v))}`);
    } else if (name === 'searchHub') parts.push('no searchHub claim');
  }
  if ('filter' in claims) parts.push('a filter claim (value left out)');
  const times: string[] = [];
  for (const name of TIME_CLAIMS) {
    const v = claims[name];
    if (typeof v !== 'number') continue;
    const date = utcSeconds(v);
    times.push(`${TIME_WORDS[name]} ${date ?? mdInline(String(v))}`);
  }
  const expiry = token.secondsToExpiryAtRequest;
  if (expiry !== null && Number.isFinite(expiry)) {
    times.push(expiry < 0 ? `expired ${duration(expiry)} before this request` : `expires ${duration(expiry)} after this request`);
  }
  const others = Object.keys(claims).filter(
    (k) => !(ROUTING_CLAIMS as readonly string[]).includes(k) && !(TIME_CLAIMS as readonly string[]).includes(k) && k !== 'filter',
  );
  const lines = [`- **Search token:** ${parts.join(', ')}`];
  if (times.length > 0) lines.push(`- **Token times:** ${times.join('; ')}`);
  if (others.length > 0) lines.push(`- **Other claims (values left out):** ${others.map(mdInline).join(', ')}`);
  return lines;
}

function credentialLine(call: CallReport): string {
  const list = call.credentials.length > 0 ? call.credentials : call.credential.type === 'none' ? [] : [call.credential];
  if (list.length === 0) return '- **Credential:** none in the request';
  const text = list
    .map(
      (c) =>
        `${mdInline(c.type)}${c.location ? ` in ${mdInline(LOCATION_WORDS[c.location] ?? c.location)}` : ''}${c.fingerprint ? `: ${mdInline(c.fingerprint)}` : ''}`,
    )
    .join('; ');
  return `- **Credential:** ${text}`;
}

function findingBody(f: Finding): string[] {
  const out = [`   - Why it matters: ${mdInline(f.why)}`, `   - What to do: ${mdInline(f.fix)}`];
  if (f.docs) out.push(`   - Docs: ${mdLink(f.docs)}`);
  return out;
}

/** One call with its findings, as a Markdown section a QA engineer pastes into a ticket. */
export function renderCallMarkdown(call: CallReport): string {
  const out: string[] = [];
  out.push(
    `### ${CALL_VERDICT_ICON[call.verdict] ?? ''} Coveo call ${mdInline(call.id)}: ${mdInline(call.kind)}, ${VERDICT_WORDS[call.verdict] ?? mdInline(call.verdict)}`,
    '',
  );
  out.push(mdInline(call.verdictReason), '');
  const started = call.startedDateTime ? Date.parse(call.startedDateTime) : NaN;
  out.push(
    `- **Request:** ${mdInline(call.method)} ${mdInline(endpoint(call))} (${call.routing === 'proxy' ? 'through a proxy' : 'Coveo host'})`,
    `- **Started:** ${Number.isNaN(started) ? mdInline(clockTime(call.startedDateTime)) : new Date(started).toISOString().replace('T', ' ').replace('Z', ' UTC')}`,
    `- **HTTP status:** ${mdInline(statusText(call))}${call.response.outcome && call.response.outcome !== 'success' ? ` (${mdInline(call.response.outcome)})` : ''}`,
    `- **Organization:** ${call.organizationId === null ? 'none' : mdInline(call.organizationId)}`,
    `- **Search hub:** ${hubLine(call)}`,
    `- **Pipeline:** request ${quoted(call.pipeline.request)}, token claim ${quoted(call.pipeline.token)}, served ${quoted(call.response.pipeline)}${call.response.splitTestRun ? ` (A/B test ${quoted(call.response.splitTestRun)})` : ''}`,
    credentialLine(call),
    ...tokenLines(call),
  );
  if (call.probe) out.push(`- **Routing probe:** ${mdInline(call.probe.outcome)}: ${mdInline(call.probe.reason)}`);
  for (const note of call.notes) out.push(`- **Note:** ${mdInline(note)}`);
  out.push('');
  if (call.findings.length === 0) {
    out.push('No findings for this call.');
  } else {
    out.push(`#### Findings (${call.findings.length})`, '');
    call.findings.forEach((f, i) => {
      out.push(`${i + 1}. ${SEVERITY_ICON[f.severity] ?? ''} **${mdInline(f.severity)}: ${mdInline(f.rule)}**: ${mdInline(f.message)}`, ...findingBody(f));
    });
  }
  return `${out.join('\n')}\n`;
}

/** One finding: rule id and title, severity, the message, why, what to do and its docs link. */
export function renderFindingMarkdown(finding: Finding, call?: Pick<CallReport, 'id' | 'kind'>): string {
  const title = RULES.find((r) => r.id === finding.rule)?.title;
  const out: string[] = [];
  out.push(
    `**${SEVERITY_ICON[finding.severity] ?? ''} ${mdInline(finding.severity)}: ${mdInline(finding.rule)}**${title ? ` (${mdInline(title)})` : ''}${call ? `, Coveo call ${mdInline(call.id)} (${mdInline(call.kind)})` : ''}`,
    '',
    mdInline(finding.message),
    '',
    `**Why it matters:** ${mdInline(finding.why)}`,
    '',
    `**What to do:** ${mdInline(finding.fix)}`,
  );
  if (finding.docs) out.push('', `**Docs:** ${mdLink(finding.docs)}`);
  return `${out.join('\n')}\n`;
}
