/** The shape of a parsed query pipeline condition, and the operators a hub clause can use. */

export type HubOperator = 'is' | 'is not' | 'contains' | 'does not contain' | 'matches' | 'does not match' | 'is empty' | 'is not empty';

export type ConditionNode =
  | { kind: 'and' | 'or'; items: ConditionNode[] }
  | { kind: 'not'; item: ConditionNode }
  | { kind: 'cmp'; subject: string; op: HubOperator; value: string | null; regex: { source: string; flags: string } | null };

export type Parsed = { ok: true; node: ConditionNode } | { ok: false; error: string };

export type Tri = true | false | 'unknown';

/** Whether a clause is about the search hub (`$searchHub`, any case). */
export function isHubSubject(subject: string): boolean {
  return subject.toLowerCase() === '$searchhub';
}

/** The operators that hold when the hub is not something (after negation normal form, the negative clauses). */
export const NEGATIVE_OPS: ReadonlySet<HubOperator> = new Set(['is not', 'does not contain', 'does not match', 'is not empty']);
