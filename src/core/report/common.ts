import { RULES } from '../rules';
import type { CallReport, Finding, PageFinding, PageVerdict, Report, Severity, Verdict } from '../types';
import { SEVERITY_ORDER } from './sanitize';

export const PAGE_VERDICT_ICON: Record<PageVerdict, string> = { pass: '✅', review: '⚠️', fail: '❌', empty: '∅' };
export const CALL_VERDICT_ICON: Record<Verdict, string> = { enforced: '✅', unenforced: '❌', unverifiable: '⚠️', 'not-applicable': '➖' };
export const SEVERITY_ICON: Record<Severity, string> = { error: '❌', warning: '⚠️', info: 'ℹ️' };

export interface FindingGroup {
  rule: string;
  title: string | null;
  severity: Severity;
  why: string;
  fix: string;
  docs: string;
  /** Each occurrence: its message and the calls it is about (one for a call finding; page findings name several). */
  items: { message: string; callIds: string[] }[];
  /** Every call the rule covers, each once, in order of appearance. */
  callIds: string[];
  /** The distinct messages, each with the calls that gave it (a rule repeated on 12 calls usually says one thing). */
  messages: { message: string; callIds: string[] }[];
}

/** Call and page findings grouped by rule and severity: errors first, then by first appearance. */
export function groupFindings(report: Report): FindingGroup[] {
  const groups = new Map<string, FindingGroup>();
  const seenIds = new Map<FindingGroup, Set<string>>();
  const byMessage = new Map<FindingGroup, Map<string, { message: string; callIds: string[] }>>();
  // The calls each message already names (a rule repeated on thousands of calls: no linear search per call).
  const messageIds = new Map<{ message: string; callIds: string[] }, Set<string>>();
  const add = (f: Finding, callIds: string[]) => {
    const key = `${f.rule}\u0000${f.severity}`;
    let group = groups.get(key);
    if (!group) {
      const info = RULES.find((r) => r.id === f.rule);
      group = { rule: f.rule, title: info?.title ?? null, severity: f.severity, why: f.why, fix: f.fix, docs: f.docs, items: [], callIds: [], messages: [] };
      groups.set(key, group);
      seenIds.set(group, new Set());
      byMessage.set(group, new Map());
    }
    group.items.push({ message: f.message, callIds });
    const ids = seenIds.get(group) as Set<string>;
    for (const id of callIds) {
      if (ids.has(id)) continue;
      ids.add(id);
      group.callIds.push(id);
    }
    const messages = byMessage.get(group) as Map<string, { message: string; callIds: string[] }>;
    const same = messages.get(f.message);
    if (same) {
      const named = messageIds.get(same) as Set<string>;
      const fresh = callIds.filter((id) => !named.has(id));
      for (const id of fresh) {
        named.add(id);
        same.callIds.push(id);
      }
    } else {
      const entry = { message: f.message, callIds: [...callIds] };
      messages.set(f.message, entry);
      messageIds.set(entry, new Set(callIds));
      group.messages.push(entry);
    }
  };
  for (const call of report.calls) for (const f of call.findings) add(f, [call.id]);
  for (const f of report.pageFindings) add(f, f.callIds);
  return [...groups.values()]
    .map((g, i) => ({ g, i }))
    .sort((a, b) => (SEVERITY_ORDER[a.g.severity] ?? 9) - (SEVERITY_ORDER[b.g.severity] ?? 9) || a.i - b.i)
    .map(({ g }) => g);
}

export { plural, callList } from './words';

/** Rendering options every renderer takes. */
export interface RenderOptions {
  /**
   * Show decoded personal claims (`userIds`, `userDisplayName`, `userGroups`, e-mail addresses) as they are.
   * Off by default: exports end up in tickets (CLI `--include-personal-data`, the panel's setting).
   */
  includePersonalData?: boolean;
}

/** What was tested, as label/value pairs: page, capture time, browser, HAR creator, files, tool and extension. */
export function testedFacts(report: Report): [string, string][] {
  const out: [string, string][] = [];
  const several = report.sources.length > 1;
  for (const s of report.sources) {
    const pre = several ? `${s.name}: ` : '';
    if (s.page?.title) out.push([`${pre}Page title`, s.page.title]);
    if (s.page?.url) out.push([`${pre}Page URL`, s.page.url]);
    if (s.capturedFrom) out.push([`${pre}Captured`, s.capturedTo && s.capturedTo !== s.capturedFrom ? `${s.capturedFrom} to ${s.capturedTo}` : s.capturedFrom]);
    if (s.browser) out.push([`${pre}Browser`, `${s.browser.name}${s.browser.version ? ` ${s.browser.version}` : ''}`]);
    if (s.creator && (!s.browser || s.creator.name !== s.browser.name))
      out.push([`${pre}HAR written by`, `${s.creator.name}${s.creator.version ? ` ${s.creator.version}` : ''}`]);
  }
  out.push([report.sources.length === 1 ? 'Input' : 'Inputs', report.sources.map((s) => s.name).join(', ') || 'none']);
  const a = report.about;
  if (a?.extensionVersion) out.push(['Extension', `Coveo Hub Inspector ${a.extensionVersion}`]);
  out.push(['Tool', `${report.tool.name} ${report.tool.version}${a?.via ? ` (${a.via})` : ''}`]);
  if (a?.generatedAt) out.push(['Report made', a.generatedAt]);
  return out;
}

/** `Fail`, `Pass`, `Review`, `Error`: a verdict or severity word capitalised, as a headline starts. */
export function verdictLabel(verdict: PageVerdict | Severity | string): string {
  return verdict.charAt(0).toUpperCase() + verdict.slice(1);
}

/** Page findings every report shows first, above everything else (the evidence itself is missing). */
export const TOP_NOTICE_RULES: ReadonlySet<string> = new Set(['har-without-credentials']);

export function topNotices(report: Report): PageFinding[] {
  return report.pageFindings.filter((f) => TOP_NOTICE_RULES.has(f.rule));
}

/**
 * The call's status as report lines show it: `200`, `200 (body 419)` for an errorsAsSuccess refusal, `0 aborted`,
 * `—` when no response was recorded.
 */
export function statusText(call: CallReport): string {
  const { status, bodyStatus, outcome } = call.response;
  if (outcome === 'aborted') return '0 aborted';
  if (status === null) return '—';
  return bodyStatus !== null && bodyStatus !== undefined && bodyStatus !== status ? `${status} (body ${bodyStatus})` : String(status);
}

/** Coverage wording for a hub whose enforced calls owe it to a token pipeline claim: the hub is not enforced. */
export function pinnedText(pipelines: readonly string[] | undefined): string | null {
  if (!pipelines || pipelines.length === 0) return null;
  return `routing pinned by token pipeline ${pipelines.map((p) => `"${p}"`).join(', ')}; the hub itself is only the request's`;
}
