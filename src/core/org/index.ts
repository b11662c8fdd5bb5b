// The organization audit: pure logic over what the Platform API answered (no network here; see src/org/).
export * from './types';
export { parseCondition, evaluateForHub, requiresPositiveHub, negativeHubClauses, targetedHubs, type ConditionNode, type Tri } from './condition';
export { buildModel, routeHub, enforcedHubOf, type OrgModel, type RouteResult } from './model';
export { matchKey, type KeyMatch } from './keys';
export { joinHar, type HarCall, type HarJoin } from './join';
export { auditOrg, type OrgReport, type OrgFinding, type AuditOptions } from './audit';
export { renderOrgJson, renderOrgText, renderOrgMarkdown } from './render';
export { ORG_RULES, ORG_RULE_INFO, type OrgRule, type OrgRuleInfo } from './rules';
