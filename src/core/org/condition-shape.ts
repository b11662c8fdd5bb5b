/**
 * What a query pipeline condition says about the hub, read from its shape (negation normal form): which hubs it
 * targets, whether it needs a positive hub clause, its negative hub clauses, and a clause as text.
 */
import { type ConditionNode, type HubOperator, isHubSubject, NEGATIVE_OPS } from './condition-types';

const FLIP: Record<HubOperator, HubOperator> = {
  is: 'is not',
  'is not': 'is',
  contains: 'does not contain',
  'does not contain': 'contains',
  matches: 'does not match',
  'does not match': 'matches',
  'is empty': 'is not empty',
  'is not empty': 'is empty',
};

/** The same condition with every `not` pushed down to the comparisons (operators flipped). */
export function negationNormalForm(node: ConditionNode, negate = false): ConditionNode {
  switch (node.kind) {
    case 'cmp':
      return negate ? { ...node, op: FLIP[node.op] } : node;
    case 'not':
      return negationNormalForm(node.item, !negate);
    case 'and':
    case 'or': {
      const kind = negate ? (node.kind === 'and' ? 'or' : 'and') : node.kind;
      return { kind, items: node.items.map((i) => negationNormalForm(i, negate)) };
    }
  }
}

/** Every comparison, in the condition's negation normal form. */
export function comparisons(node: ConditionNode): Extract<ConditionNode, { kind: 'cmp' }>[] {
  const nnf = negationNormalForm(node);
  const out: Extract<ConditionNode, { kind: 'cmp' }>[] = [];
  const walk = (n: ConditionNode) => {
    if (n.kind === 'cmp') out.push(n);
    else if (n.kind === 'not') walk(n.item);
    else n.items.forEach(walk);
  };
  walk(nnf);
  return out;
}

const POSITIVE_OPS: ReadonlySet<HubOperator> = new Set(['is', 'contains', 'matches']);

export function mentionsHub(node: ConditionNode): boolean {
  return comparisons(node).some((c) => isHubSubject(c.subject));
}

/**
 * True when every way to satisfy the condition goes through a positive hub clause (is, contains, matches): a
 * visitor who cannot choose the hub cannot reach the pipeline by changing something else.
 */
export function requiresPositiveHub(node: ConditionNode): boolean {
  const walk = (n: ConditionNode): boolean => {
    switch (n.kind) {
      case 'cmp':
        return isHubSubject(n.subject) && POSITIVE_OPS.has(n.op);
      case 'not':
        return false; // not reached after negationNormalForm
      case 'and':
        return n.items.some(walk);
      case 'or':
        return n.items.every(walk);
    }
  };
  return walk(negationNormalForm(node));
}

/** The hub clauses with a negative operator (is not, does not contain, does not match, is not empty), after NNF. */
export function negativeHubClauses(node: ConditionNode): Extract<ConditionNode, { kind: 'cmp' }>[] {
  return comparisons(node).filter((c) => isHubSubject(c.subject) && NEGATIVE_OPS.has(c.op));
}

/** Hub values named by `is` clauses (positive): the hubs a pipeline plainly targets. */
export function targetedHubs(node: ConditionNode): string[] {
  return [
    ...new Set(
      comparisons(node)
        .filter((c) => isHubSubject(c.subject) && c.op === 'is' && c.value !== null)
        .map((c) => c.value as string),
    ),
  ];
}

/** A clause as text, for messages. */
export function clauseText(c: Extract<ConditionNode, { kind: 'cmp' }>): string {
  const value = c.regex ? `/${c.regex.source}/${c.regex.flags}` : c.value === null ? '' : JSON.stringify(c.value);
  return `${c.subject} ${c.op}${value ? ` ${value}` : ''}`;
}
