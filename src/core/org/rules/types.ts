import type { Severity } from '../../types';
import type { OrgModel } from '../model';

export interface OrgSubject {
  type: 'pipeline' | 'api-key';
  id: string;
  name: string;
}

/** What every organization rule publishes: stable id, severity and the explanation beside each finding. */
export interface OrgRuleInfo {
  id: string;
  severity: Severity;
  title: string;
  why: string;
  fix: string;
  docs: string;
  scope: 'pipeline' | 'api-key';
}

export interface OrgRuleContext {
  model: OrgModel;
  /** Milliseconds since the epoch: the audit's "now". */
  now: number;
  staleDays: number;
  /** Ids of the key records that API keys seen in the HAR were matched to (exactly or by their visible part). */
  seenKeyIds: ReadonlySet<string>;
}

export interface OrgRule extends OrgRuleInfo {
  check(ctx: OrgRuleContext): { subject: OrgSubject; message: string }[];
}
