/**
 * The checks behind the Playwright matchers, as pure functions of a core `Report`: whether it passes, and the
 * lines that explain it (the offending calls with their findings). Every page-controlled value goes through the
 * renderers' `safeLine`, so a message never carries a whole credential nor terminal control characters.
 */
import { safeLine } from '../core/report/sanitize';
import type { CallKind, CallReport, PageVerdict, Report, Severity } from '../core/index';

export interface CheckResult {
  pass: boolean;
  /** What was found, one line. */
  actual: string;
  /** The calls (and page findings) that make the check fail, one line each with findings under them. */
  details: string[];
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const MAX_LISTED = 25;

function credentialOf(call: CallReport): string {
  return call.credential.type === 'none' ? 'no credential' : `${call.credential.type} ${call.credential.fingerprint ?? ''}`.trim();
}

/** One call, as a failure message lists it: id, kind, verdict, hub, credential, URL, then its findings. */
export function describeCall(call: CallReport, minSeverity: Severity = 'info'): string[] {
  const hub =
    call.searchHub.effective === null
      ? '(no hub)'
      : call.searchHub.token !== null
        ? `${call.searchHub.token} [token claim]`
        : `${call.searchHub.effective} [request only]`;
  const lines = [
    `  ${safeLine(call.id)} ${safeLine(call.kind)} ${safeLine(call.verdict).toUpperCase()} hub=${safeLine(hub)} ${safeLine(credentialOf(call))} ${safeLine(call.method)} ${safeLine(call.url).slice(0, 160)}`,
    `      why: ${safeLine(call.verdictReason)}`,
  ];
  for (const f of call.findings) {
    if (SEVERITY_RANK[f.severity] > SEVERITY_RANK[minSeverity]) continue;
    lines.push(`      ${safeLine(f.severity)} ${safeLine(f.rule)}: ${safeLine(f.message)}`);
  }
  return lines;
}

function listCalls(calls: readonly CallReport[], minSeverity: Severity = 'info'): string[] {
  const lines = calls.slice(0, MAX_LISTED).flatMap((c) => describeCall(c, minSeverity));
  if (calls.length > MAX_LISTED) lines.push(`  … and ${calls.length - MAX_LISTED} more call(s)`);
  return lines;
}

function pageFindingLines(report: Report, minSeverity: Severity): string[] {
  return report.pageFindings
    .filter((f) => SEVERITY_RANK[f.severity] <= SEVERITY_RANK[minSeverity])
    .map(
      (f) =>
        `  page ${safeLine(f.severity)} ${safeLine(f.rule)}: ${safeLine(f.message)}${f.callIds.length ? ` [${f.callIds.slice(0, 10).map(safeLine).join(', ')}]` : ''}`,
    );
}

function hasFindingAtLeast(call: CallReport, severity: Severity): boolean {
  return call.findings.some((f) => SEVERITY_RANK[f.severity] <= SEVERITY_RANK[severity]);
}

function verdictLine(report: Report): string {
  const v = report.summary.counts.verdicts;
  return `${report.summary.verdict} (${safeLine(report.summary.reason)}; ${report.summary.calls} Coveo call(s): ${v.enforced} enforced, ${v.unenforced} unenforced, ${v.unverifiable} unverifiable, ${v['not-applicable']} not applicable)`;
}

/** The page verdict is `expected` (or one of them). Lists the calls with error or warning findings or a weak verdict. */
export function checkVerdict(report: Report, expected: PageVerdict | readonly PageVerdict[]): CheckResult {
  const wanted = typeof expected === 'string' ? [expected] : expected;
  const pass = wanted.includes(report.summary.verdict);
  const offending = report.calls.filter((c) => c.verdict === 'unenforced' || c.verdict === 'unverifiable' || hasFindingAtLeast(c, 'warning'));
  const details = [...listCalls(offending, 'warning'), ...pageFindingLines(report, 'warning')];
  if (report.calls.length === 0) details.push('  no Coveo call was recorded: did the page load its search, and was the fixture used for its context?');
  return { pass, actual: verdictLine(report), details };
}

/** No call is `unenforced` (a hub only in the editable request). Lists the unenforced calls. */
export function checkNoUnenforced(report: Report): CheckResult {
  const offending = report.calls.filter((c) => c.verdict === 'unenforced');
  return { pass: offending.length === 0, actual: `${offending.length} unenforced call(s) of ${report.calls.length}`, details: listCalls(offending) };
}

/**
 * Every hub-routed call is `enforced` (none unenforced nor unverifiable), and there is at least one: the strict
 * check for a page that must route by its token. Lists the other calls.
 */
export function checkAllEnforced(report: Report): CheckResult {
  const routed = report.calls.filter((c) => c.verdict !== 'not-applicable');
  const offending = routed.filter((c) => c.verdict !== 'enforced');
  const details = listCalls(offending);
  if (routed.length === 0) details.push('  no hub-routed call (search, query suggestions, ...) was recorded');
  return {
    pass: routed.length > 0 && offending.length === 0,
    actual: `${routed.length - offending.length} of ${routed.length} hub-routed call(s) enforced`,
    details,
  };
}

/** No finding at `severity` or above (default warning) on any call or on the page. Lists them. */
export function checkNoFindings(report: Report, severity: Severity = 'warning'): CheckResult {
  const offending = report.calls.filter((c) => hasFindingAtLeast(c, severity));
  const page = pageFindingLines(report, severity);
  const count = offending.reduce((n, c) => n + c.findings.filter((f) => SEVERITY_RANK[f.severity] <= SEVERITY_RANK[severity]).length, 0) + page.length;
  return { pass: count === 0, actual: `${count} finding(s) at ${severity} or above`, details: [...listCalls(offending, severity), ...page] };
}

/** At least one call of each kind was recorded (default: search and query suggestions). */
export function checkCallKinds(report: Report, kinds: readonly CallKind[] = ['search', 'querySuggest']): CheckResult {
  const seen = new Set(report.calls.map((c) => c.kind));
  const missing = kinds.filter((k) => !seen.has(k));
  const counts =
    Object.entries(report.summary.counts.kinds)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ') || 'none';
  return { pass: missing.length === 0, actual: `calls recorded: ${counts}${missing.length ? `; missing: ${missing.join(', ')}` : ''}`, details: [] };
}
