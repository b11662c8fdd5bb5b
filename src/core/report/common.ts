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
}

/** Call and page findings grouped by rule and severity: errors first, then by first appearance. */
export function groupFindings(report: Report): FindingGroup[] {
  const groups = new Map<string, FindingGroup>();
  const add = (f: Finding, callIds: string[]) => {
    const key = `${f.rule}\u0000${f.severity}`;
    let group = groups.get(key);
    if (!group) {
      const info = RULES.find((r) => r.id === f.rule);
      group = { rule: f.rule, title: info?.title ?? null, severity: f.severity, why: f.why, fix: f.fix, docs: f.docs, items: [] };
      groups.set(key, group);
    }
    group.items.push({ message: f.message, callIds });
  };
  for (const call of report.calls) for (const f of call.findings) add(f, [call.id]);
  for (const f of report.pageFindings) add(f, f.callIds);
  return [...groups.values()]
    .map((g, i) => ({ g, i }))
    .sort((a, b) => (SEVERITY_ORDER[a.g.severity] ?? 9) - (SEVERITY_ORDER[b.g.severity] ?? 9) || a.i - b.i)
    .map(({ g }) => g);
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
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
