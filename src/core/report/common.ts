import { RULES } from '../rules';
import type { Finding, PageVerdict, Report, Severity, Verdict } from '../types';
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
