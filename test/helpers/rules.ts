import { analyzeEntry } from '../../src/core/analyze';
import { summarize } from '../../src/core/report-model';
import type { CallReport, Finding, HarEntryLike } from '../../src/core/types';

/** The findings of one rule on one entry. */
export function findings(rule: string, e: HarEntryLike): Finding[] {
  const call = analyzeEntry(e);
  if (!call) throw new Error('entry was not recognised as a Coveo call');
  return call.findings.filter((f) => f.rule === rule);
}

/** The page findings of one rule over several entries. */
export function pageFindings(rule: string, entries: HarEntryLike[]) {
  const calls = entries.map((e, i) => analyzeEntry(e, { index: i })).filter((c): c is CallReport => c !== null);
  return summarize(calls).pageFindings.filter((f) => f.rule === rule);
}
