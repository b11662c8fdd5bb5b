import { analyzeEntries } from './analyze';
import { parseHar } from './har';
import { ALL_RULES, PAGE_RULES } from './rules';
import { findingOf } from './rules/types';
import { kindWord, plural } from './report/words';
import { HUB_KINDS } from './verdict';
import { TOOL_VERSION } from './version';
import { captureSpan, harContext } from './report/context';
import {
  SEVERITIES,
  VERDICTS,
  type CallReport,
  type CoverageStatus,
  type HubCoverage,
  type PageFinding,
  type PageVerdict,
  type Report,
  type ReportAbout,
  type Severity,
  type SourceInfo,
  type Summary,
  type Verdict,
} from './types';

function pageFindings(calls: readonly CallReport[], sources: readonly SourceInfo[]): PageFinding[] {
  const out: PageFinding[] = [];
  for (const rule of PAGE_RULES) {
    for (const hit of rule.check(calls, { sources })) {
      out.push({ ...findingOf(rule, hit.message), callIds: hit.callIds });
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
      row = {
        hub,
        searchSeen: false,
        searchEnforced: false,
        querySuggestSeen: false,
        querySuggestEnforced: false,
        calls: 0,
        searchStatus: 'not-seen',
        querySuggestStatus: 'not-seen',
      };
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

const RULE_TITLES = new Map(ALL_RULES.map((r) => [r.id, r.title]));
const RULE_RANK = new Map(ALL_RULES.map((r, i) => [r.id, i]));

/** Rule ids in registry order: the registry lists the most telling rules first. */
function ruleOrder(ids: string[]): string[] {
  return ids.sort((a, b) => (RULE_RANK.get(a) ?? 999) - (RULE_RANK.get(b) ?? 999));
}

/** "12 search calls", "1 query-suggestion call", "3 calls" (mixed kinds), for the calls with these ids. */
function callsPhrase(calls: readonly CallReport[], ids: readonly string[]): string {
  const wanted = new Set(ids);
  const kinds = new Set<string>();
  for (const c of calls) if (wanted.has(c.id)) kinds.add(c.kind);
  const n = wanted.size;
  const kind = kinds.size === 1 ? `${kindWord([...kinds][0] as string)} ` : '';
  return plural(n, `${kind}call`);
}

/**
 * The headline of a failing page, for each error rule a person can act on: what the calls do and what it allows.
 * `{n}` is "12 search calls" or "1 call"; verbs agree with the count.
 */
const FAIL_HEADLINES: Record<string, (calls: string, one: boolean) => string> = {
  'token-missing-search-hub': (c, one) =>
    `${c} ${one ? 'sends' : 'send'} the hub only in the request body (the search token has no searchHub claim), so a visitor can change it.`,
  'no-search-hub': (c, one) => `${c} ${one ? 'names' : 'name'} no search hub at all, so ${one ? 'it goes' : 'they go'} to the default query pipeline.`,
  'token-minted-in-browser': (c, one) => `${c} ${one ? 'mints' : 'mint'} a search token from the page, so a visitor can mint one for any hub.`,
  'admin-call-from-browser': (c, one) => `${c} ${one ? 'reaches' : 'reach'} an administrative Coveo API from the page, so every visitor holds that credential.`,
  'basic-auth-in-client': (c, one) => `${c} ${one ? 'sends' : 'send'} a user name and password from the page, so every visitor can read them.`,
  'probe-routing-changed': (c) => `The routing probe reached another query pipeline by changing the request (${c}), so the hub is not enforced.`,
};

function failReason(calls: readonly CallReport[], page: readonly PageFinding[], errorRules: ReadonlySet<string>): string {
  const ids = new Map<string, Set<string>>();
  const add = (rule: string, callIds: readonly string[]) => {
    const set = ids.get(rule) ?? new Set<string>();
    for (const id of callIds) set.add(id);
    ids.set(rule, set);
  };
  for (const c of calls) for (const f of c.findings) if (f.severity === 'error') add(f.rule, [c.id]);
  for (const f of page) if (f.severity === 'error') add(f.rule, f.callIds);
  const [first, ...others] = ruleOrder([...errorRules]);
  const firstIds = [...(ids.get(first as string) ?? [])];
  const phrase = callsPhrase(calls, firstIds);
  const capital = phrase.charAt(0).toUpperCase() + phrase.slice(1);
  const headline = FAIL_HEADLINES[first as string];
  const title = (RULE_TITLES.get(first as string) ?? first) as string;
  let out =
    firstIds.length === 0
      ? `${title}.`
      : headline
        ? headline(capital, firstIds.length === 1)
        : `${capital}: ${title.charAt(0).toLowerCase()}${title.slice(1)}.`;
  if (others.length > 0) {
    const named = others.slice(0, 2).map((r) => `${(RULE_TITLES.get(r) ?? r).toLowerCase()} (${callsPhrase(calls, [...(ids.get(r) ?? [])])})`);
    const rest = others.length > 2 ? `, and ${plural(others.length - 2, 'other error')}` : '';
    out += ` Also: ${named.join('; ')}${rest}.`;
  }
  return out;
}

/** The page's verdict, hub coverage and counts, plus the findings that only a whole page can show. */
export function summarize(calls: readonly CallReport[], sources: readonly SourceInfo[] = []): { summary: Summary; pageFindings: PageFinding[] } {
  const page = pageFindings(calls, sources);
  const verdicts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  const severities = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const rules: Record<string, number> = {};
  const kinds: Summary['counts']['kinds'] = {};
  // Rules with at least one error finding, gathered in the same pass (the reason lists them in `rules` order).
  const errorRules = new Set<string>();
  const warningRules = new Set<string>();
  let hubCalls = 0;
  for (const call of calls) {
    verdicts[call.verdict]++;
    kinds[call.kind] = (kinds[call.kind] ?? 0) + 1;
    if (HUB_KINDS.has(call.kind)) hubCalls++;
    for (const f of call.findings) {
      severities[f.severity]++;
      rules[f.rule] = (rules[f.rule] ?? 0) + 1;
      if (f.severity === 'error') errorRules.add(f.rule);
      else if (f.severity === 'warning') warningRules.add(f.rule);
    }
  }
  for (const f of page) {
    severities[f.severity]++;
    rules[f.rule] = (rules[f.rule] ?? 0) + 1;
    if (f.severity === 'error') errorRules.add(f.rule);
    else if (f.severity === 'warning') warningRules.add(f.rule);
  }
  let verdict: PageVerdict;
  let reason: string;
  if (calls.length === 0) {
    verdict = 'empty';
    reason = 'No Coveo call was observed.';
  } else if (severities.error > 0) {
    verdict = 'fail';
    reason = failReason(calls, page, errorRules);
  } else if (severities.warning > 0 || verdicts.unverifiable > 0) {
    verdict = 'review';
    const parts: string[] = [];
    if (verdicts.unverifiable > 0) {
      const ids = calls.filter((c) => c.verdict === 'unverifiable').map((c) => c.id);
      parts.push(`${callsPhrase(calls, ids)} cannot be verified from the browser (an API key or a proxy hides whether the hub is enforced)`);
    }
    if (severities.warning > 0) {
      const titles = ruleOrder([...warningRules]).map((id) => RULE_TITLES.get(id) ?? id);
      const shown = titles
        .slice(0, 2)
        .map((t) => t.charAt(0).toLowerCase() + t.slice(1))
        .join('; ');
      parts.push(`${plural(severities.warning, 'warning')} to review (${shown}${titles.length > 2 ? `; ${plural(titles.length - 2, 'other rule')}` : ''})`);
    }
    reason = `No error, but ${parts.join('; and ')}.`;
  } else if (hubCalls === 0) {
    verdict = 'review';
    reason = 'No search, suggestion or answer call was observed, so no hub enforcement was verified.';
  } else if (!kinds.search) {
    // Query suggestions (or facet searches) alone do not show how the page's searches are routed.
    verdict = 'review';
    const seen = Object.keys(kinds)
      .filter((k) => HUB_KINDS.has(k as CallReport['kind']))
      .map(kindWord)
      .join(', ');
    reason = `No search call seen yet (only ${seen}): run a search, then check again.`;
  } else {
    verdict = 'pass';
    // A pipeline claim alone pins the pipeline; it does not make the request's hub enforced (one meaning).
    let pinned = 0;
    for (const call of calls) if (call.verdict === 'enforced' && call.searchHub.token === null && call.pipeline.token !== null) pinned++;
    const byHub = verdicts.enforced - pinned;
    const all = verdicts.enforced === 1 ? 'The 1 Search API call is' : `All ${verdicts.enforced} Search API calls are`;
    reason =
      pinned === 0
        ? `${all} routed by a hub their search token enforces.`
        : byHub === 0
          ? `${all} routed to a query pipeline their search token pins (the token's pipeline claim); their hub is only the request's.`
          : `${all} routed by their search token: ${byHub} by a hub it enforces, ${pinned} to a pipeline it pins (the hub of those is only the request's).`;
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

export interface BuildOptions {
  /** What produced the report: front end, extension version, time (the panel and the CLI pass theirs). */
  about?: ReportAbout;
}

/**
 * One report over one or more sources; calls in the order they started (stable for equal or missing times).
 * Each source gains its capture span (first and last call start) unless it names one.
 */
export function buildReport(parts: readonly { source: SourceInfo; calls: readonly CallReport[] }[], options: BuildOptions = {}): Report {
  const calls = parts
    .flatMap((p) => p.calls)
    .slice()
    .sort(startedOrder);
  const sources = parts.map((p) => (p.source.capturedFrom !== undefined ? p.source : { ...p.source, ...captureSpan(p.calls) }));
  const { summary, pageFindings: page } = summarize(calls, sources);
  const report: Report = {
    schemaVersion: 1,
    tool: { name: 'coveo-hub-inspector', version: TOOL_VERSION },
    sources,
    calls,
    pageFindings: page,
    summary,
  };
  if (options.about) report.about = options.about;
  return report;
}

/** Parses and analyses a HAR document. Throws `HarError` (one-line message) for unusable input. */
export function analyzeHar(har: string | object, name = 'input', options: BuildOptions = {}): Report {
  let doc: unknown = har;
  if (typeof har === 'string') {
    try {
      doc = JSON.parse(har.charCodeAt(0) === 0xfeff ? har.slice(1) : har);
    } catch {
      parseHar(har); // throws the worded HarError
    }
  }
  const { entries } = parseHar(doc !== null && typeof doc === 'object' ? doc : har);
  const part = analyzeEntries(entries, name);
  return buildReport([{ calls: part.calls, source: { ...part.source, ...harContext(doc, entries) } }], options);
}
