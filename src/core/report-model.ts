import { analyzeEntries } from './analyze';
import { parseHar } from './har';
import { redactSecrets } from './redact';
import { PAGE_RULES } from './rules';
import { HUB_KINDS } from './verdict';
import { TOOL_VERSION } from './version';
import {
  SEVERITIES,
  VERDICTS,
  type CallReport,
  type CoverageStatus,
  type HubCoverage,
  type PageFinding,
  type PageVerdict,
  type Report,
  type Severity,
  type SourceInfo,
  type Summary,
  type Verdict,
} from './types';

function pageFindings(calls: readonly CallReport[]): PageFinding[] {
  const out: PageFinding[] = [];
  for (const rule of PAGE_RULES) {
    for (const hit of rule.check(calls)) {
      out.push({ rule: rule.id, severity: rule.severity, message: redactSecrets(hit.message), why: rule.why, fix: rule.fix, docs: rule.docs, callIds: hit.callIds });
    }
  }
  return out;
}

/** Weakest first: one unenforced call makes a kind unenforced, one unverifiable call keeps it from enforced. */
const STATUS_RANK: Record<CoverageStatus, number> = { 'not-seen': 0, enforced: 1, unverifiable: 2, unenforced: 3 };

function weaker(status: CoverageStatus, verdict: Verdict): CoverageStatus {
  // Hub-routed kinds only get enforced, unenforced or unverifiable.
  const next: CoverageStatus = verdict === 'enforced' || verdict === 'unenforced' ? verdict : 'unverifiable';
  return STATUS_RANK[next] > STATUS_RANK[status] ? next : status;
}

function coverage(calls: readonly CallReport[]): HubCoverage[] {
  const hubs = new Map<string, HubCoverage>();
  // Hubs whose enforced calls owe it to a token pipeline claim alone: routing is pinned, the hub is the request's.
  const pinned = new Map<string, Set<string>>();
  const hubEnforced = new Set<string>();
  for (const call of calls) {
    const hub = call.searchHub.effective;
    if (hub === null || !HUB_KINDS.has(call.kind)) continue;
    let row = hubs.get(hub);
    if (!row) {
      row = { hub, searchSeen: false, searchEnforced: false, querySuggestSeen: false, querySuggestEnforced: false, calls: 0, searchStatus: 'not-seen', querySuggestStatus: 'not-seen' };
      hubs.set(hub, row);
    }
    row.calls++;
    if (call.kind === 'search') row.searchStatus = weaker(row.searchStatus, call.verdict);
    else if (call.kind === 'querySuggest') row.querySuggestStatus = weaker(row.querySuggestStatus, call.verdict);
    if (call.verdict === 'enforced' && (call.kind === 'search' || call.kind === 'querySuggest')) {
      if (call.searchHub.token === null && call.pipeline.token !== null) pinned.set(hub, (pinned.get(hub) ?? new Set<string>()).add(call.pipeline.token));
      else hubEnforced.add(hub);
    }
  }
  // "Enforced" means seen and every call enforced: an unseen kind proves nothing.
  for (const row of hubs.values()) {
    row.searchSeen = row.searchStatus !== 'not-seen';
    row.searchEnforced = row.searchStatus === 'enforced';
    row.querySuggestSeen = row.querySuggestStatus !== 'not-seen';
    row.querySuggestEnforced = row.querySuggestStatus === 'enforced';
    const pins = pinned.get(row.hub);
    row.pinnedPipelines = pins && !hubEnforced.has(row.hub) ? [...pins] : [];
  }
  return [...hubs.values()];
}

/** The page's verdict, hub coverage and counts, plus the findings that only a whole page can show. */
export function summarize(calls: readonly CallReport[]): { summary: Summary; pageFindings: PageFinding[] } {
  const page = pageFindings(calls);
  const verdicts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  const severities = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const rules: Record<string, number> = {};
  const kinds: Summary['counts']['kinds'] = {};
  // Rules with at least one error finding, gathered in the same pass (the reason lists them in `rules` order).
  const errorRules = new Set<string>();
  let hubCalls = 0;
  for (const call of calls) {
    verdicts[call.verdict]++;
    kinds[call.kind] = (kinds[call.kind] ?? 0) + 1;
    if (HUB_KINDS.has(call.kind)) hubCalls++;
    for (const f of call.findings) {
      severities[f.severity]++;
      rules[f.rule] = (rules[f.rule] ?? 0) + 1;
      if (f.severity === 'error') errorRules.add(f.rule);
    }
  }
  for (const f of page) {
    severities[f.severity]++;
    rules[f.rule] = (rules[f.rule] ?? 0) + 1;
    if (f.severity === 'error') errorRules.add(f.rule);
  }
  let verdict: PageVerdict;
  let reason: string;
  if (calls.length === 0) {
    verdict = 'empty';
    reason = 'No Coveo call was observed.';
  } else if (severities.error > 0) {
    verdict = 'fail';
    reason = `${severities.error} error finding(s): ${Object.keys(rules).filter((r) => errorRules.has(r)).join(', ')}.`;
  } else if (severities.warning > 0 || verdicts.unverifiable > 0) {
    verdict = 'review';
    const parts: string[] = [];
    if (severities.warning > 0) parts.push(`${severities.warning} warning(s)`);
    if (verdicts.unverifiable > 0) parts.push(`${verdicts.unverifiable} call(s) whose hub enforcement cannot be verified from the browser`);
    reason = `No error, but ${parts.join(' and ')}.`;
  } else if (hubCalls === 0) {
    verdict = 'review';
    reason = 'No search, suggestion or answer call was observed, so no hub enforcement was verified.';
  } else if (!kinds.search) {
    // Query suggestions (or facet searches) alone do not show how the page's searches are routed.
    verdict = 'review';
    const seen = Object.keys(kinds).filter((k) => HUB_KINDS.has(k as CallReport['kind'])).join(', ');
    reason = `No search call seen yet (only ${seen}): run a search, then check again.`;
  } else {
    verdict = 'pass';
    reason = `All ${verdicts.enforced} search call(s) are routed by a hub their search token enforces.`;
  }
  // Said in the one sentence every report starts with, not only among the findings.
  if (page.some((f) => f.rule === 'har-without-credentials')) {
    reason += ' The HAR carries no credentials (a sanitized export): ask for "Export HAR (with sensitive data)".';
  }
  return { summary: { verdict, reason, calls: calls.length, hubs: coverage(calls), counts: { verdicts, severities, rules, kinds } }, pageFindings: page };
}

function startedOrder(a: CallReport, b: CallReport): number {
  const ta = a.startedDateTime ? Date.parse(a.startedDateTime) : NaN;
  const tb = b.startedDateTime ? Date.parse(b.startedDateTime) : NaN;
  if (Number.isNaN(ta) || Number.isNaN(tb) || ta === tb) return 0;
  return ta - tb;
}

/** One report over one or more sources; calls in the order they started (stable for equal or missing times). */
export function buildReport(parts: readonly { source: SourceInfo; calls: readonly CallReport[] }[]): Report {
  const calls = parts.flatMap((p) => p.calls).slice().sort(startedOrder);
  const { summary, pageFindings: page } = summarize(calls);
  return {
    schemaVersion: 1,
    tool: { name: 'coveo-hub-inspector', version: TOOL_VERSION },
    sources: parts.map((p) => p.source),
    calls,
    pageFindings: page,
    summary,
  };
}

/** Parses and analyses a HAR document. Throws `HarError` (one-line message) for unusable input. */
export function analyzeHar(har: string | object, name = 'input'): Report {
  const { entries } = parseHar(har);
  return buildReport([analyzeEntries(entries, name)]);
}
