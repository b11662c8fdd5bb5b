// The organization rule registry: adding a rule is one module plus one line in the list below.
import { apiKeyClientOverprivileged } from './api-key-client-overprivileged';
import { apiKeyDisabled } from './api-key-disabled';
import { apiKeyExposed } from './api-key-exposed';
import { apiKeyHubNotEnforced } from './api-key-hub-not-enforced';
import { apiKeyImpersonationUnscoped } from './api-key-impersonation-unscoped';
import { apiKeyMultiPurpose } from './api-key-multi-purpose';
import { apiKeyNoDescription } from './api-key-no-description';
import { apiKeyNoIpRestriction } from './api-key-no-ip-restriction';
import { apiKeyUnused } from './api-key-unused';
import { enforcedHubNotRouted } from './enforced-hub-not-routed';
import { pipelineConditionShadowed } from './pipeline-condition-shadowed';
import { pipelineFilterNotOnCq } from './pipeline-filter-not-on-cq';
import { pipelineNegativeHubCondition } from './pipeline-negative-hub-condition';
import { pipelineWithoutHubCondition } from './pipeline-without-hub-condition';
import { splitTestFilterDiffers } from './split-test-filter-differs';
import type { OrgRule, OrgRuleInfo } from './types';

export const ORG_RULES: readonly OrgRule[] = [
  pipelineWithoutHubCondition,
  pipelineNegativeHubCondition,
  pipelineConditionShadowed,
  pipelineFilterNotOnCq,
  splitTestFilterDiffers,
  apiKeyHubNotEnforced,
  apiKeyImpersonationUnscoped,
  apiKeyClientOverprivileged,
  apiKeyExposed,
  apiKeyMultiPurpose,
  apiKeyNoDescription,
  apiKeyUnused,
  apiKeyDisabled,
  apiKeyNoIpRestriction,
  enforcedHubNotRouted,
];

/** Published metadata (no code). */
export const ORG_RULE_INFO: readonly OrgRuleInfo[] = ORG_RULES.map(({ id, severity, title, why, fix, docs, scope }) => ({
  id,
  severity,
  title,
  why,
  fix,
  docs,
  scope,
}));

export type { OrgRule, OrgRuleInfo, OrgRuleContext, OrgSubject } from './types';
