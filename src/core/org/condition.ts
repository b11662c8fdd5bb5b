/**
 * Query pipeline conditions (`when $searchHub is "Community" and $tab is "All"`): a small parser
 * (condition-parse.ts), a three-valued evaluation for one search hub (condition-eval.ts) and what the condition's
 * shape says about the hub (condition-shape.ts). Anything the parser does not know, any clause on something other
 * than the hub (which the request decides) and any case or anchoring question Coveo's documentation leaves open
 * evaluates to `unknown`, never to a guess.
 */
export { evaluateForHub } from './condition-eval';
export { parseCondition } from './condition-parse';
export { clauseText, comparisons, mentionsHub, negationNormalForm, negativeHubClauses, requiresPositiveHub, targetedHubs } from './condition-shape';
export { type ConditionNode, type HubOperator, isHubSubject, type Parsed, type Tri } from './condition-types';
