import type { RuleInfo } from '../../rules/types';
import type { OrgModel } from '../model';

export interface OrgSubject {
  type: 'pipeline' | 'api-key';
  id: string;
  name: string;
}

/** What every organization rule publishes: a rule's id, severity and explanation, about a pipeline or an API key. */
export type OrgRuleInfo = RuleInfo<'pipeline' | 'api-key'>;

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
