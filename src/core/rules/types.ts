import { redactSecrets } from '../redact';
import type { CallReport, Finding, Severity, SourceInfo } from '../types';
import type { RequestFields } from '../request';

/**
 * What every rule publishes: id (stable), severity, and the explanation shown beside each finding. Call and page
 * rules by default; organization rules (core/org) name their own scopes.
 */
export interface RuleInfo<Scope extends string = 'call' | 'page'> {
  id: string;
  severity: Severity;
  title: string;
  /** Why it matters, one plain sentence. */
  why: string;
  /** What to do. */
  fix: string;
  /** Coveo documentation link. */
  docs: string;
  scope: Scope;
}

/** The finding a rule reports: its published explanation beside the hit's message, scrubbed of credentials. */
export function findingOf(rule: RuleInfo<string>, message: string): Finding {
  return { rule: rule.id, severity: rule.severity, message: redactSecrets(message), why: rule.why, fix: rule.fix, docs: rule.docs };
}

/** Everything known about one call when its rules run (the verdict is already decided). */
export interface CallContext {
  call: Omit<CallReport, 'findings'>;
  request: RequestFields;
  /** Milliseconds since the epoch of the entry's `startedDateTime`, or null when absent or invalid. */
  startedMs: number | null;
  /** Whether the search hub decides routing for this kind of call. */
  hubApplies: boolean;
  /** The request carries more than one distinct credential. */
  distinctCredentials: number;
  /** The request body was read only up to the size limit: what lies beyond it is unknown. */
  bodyTruncated: boolean;
}

export interface CallRule extends RuleInfo {
  scope: 'call';
  /** The finding's message naming the values involved, or null when the rule does not apply. */
  check(ctx: CallContext): string | null;
}

/** What a page rule may know beyond the calls: the sources they came from (skipped entries...), when known. */
export interface PageContext {
  sources: readonly SourceInfo[];
}

export interface PageRule extends RuleInfo {
  scope: 'page';
  check(calls: readonly CallReport[], context?: PageContext): { message: string; callIds: string[] }[];
}

export type Rule = CallRule | PageRule;
