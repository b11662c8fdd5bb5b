/**
 * A three-valued evaluation of a query pipeline condition for one search hub. Any clause on something other than
 * the hub (which the request decides) and any case or anchoring question Coveo's documentation leaves open
 * evaluates to `unknown`, never to a guess.
 */
import { type ConditionNode, type HubOperator, isHubSubject, NEGATIVE_OPS, type Tri } from './condition-types';

function agree(a: boolean, b: boolean): Tri {
  return a === b ? a : 'unknown';
}

function regexTest(source: string, flags: string, hub: string): Tri {
  let loose: RegExp;
  let anchored: RegExp;
  try {
    const safeFlags = flags.replace(/[^imsu]/g, '');
    loose = new RegExp(source, safeFlags);
    anchored = new RegExp(`^(?:${source})$`, safeFlags);
  } catch {
    return 'unknown';
  }
  // Whether Coveo anchors the expression is not documented: when it would change the answer, say unknown.
  return agree(loose.test(hub), anchored.test(hub));
}

function positive(op: HubOperator, value: string | null, regex: { source: string; flags: string } | null, hub: string | null): Tri {
  const h = hub ?? '';
  switch (op) {
    case 'is':
    case 'is not':
      // Case sensitivity of `is` is not documented either: both readings must agree.
      return agree(h === (value ?? ''), h.toLowerCase() === (value ?? '').toLowerCase());
    case 'contains':
    case 'does not contain':
      return agree(h.includes(value ?? ''), h.toLowerCase().includes((value ?? '').toLowerCase()));
    case 'matches':
    case 'does not match':
      return regex ? regexTest(regex.source, regex.flags, h) : 'unknown';
    case 'is empty':
    case 'is not empty':
      return h === '';
  }
}

function not(v: Tri): Tri {
  return v === 'unknown' ? v : !v;
}

/** `and` (decisive: false) or `or` (decisive: true): the decisive value wins, else an unknown item leaves it unknown. */
function combine(items: ConditionNode[], decisive: boolean, hub: string | null, others: 'unknown' | false): Tri {
  let unknown = false;
  for (const item of items) {
    const v = evaluateForHub(item, hub, others);
    if (v === decisive) return decisive;
    if (v === 'unknown') unknown = true;
  }
  return unknown ? 'unknown' : !decisive;
}

/**
 * Whether the condition holds for a request whose effective hub is `hub` (null: no hub). Clauses on anything else
 * are `unknown` (the request decides them), or `false` with `others: false` (a request that sends nothing else).
 */
export function evaluateForHub(node: ConditionNode, hub: string | null, others: 'unknown' | false = 'unknown'): Tri {
  switch (node.kind) {
    case 'cmp': {
      if (!isHubSubject(node.subject) && others === 'unknown') return 'unknown';
      // With `others: false`, any other object is absent (empty).
      const v = positive(node.op, node.value, node.regex, isHubSubject(node.subject) ? hub : '');
      return NEGATIVE_OPS.has(node.op) ? not(v) : v;
    }
    case 'not':
      return not(evaluateForHub(node.item, hub, others));
    case 'and':
      return combine(node.items, false, hub, others);
    case 'or':
      return combine(node.items, true, hub, others);
  }
}
