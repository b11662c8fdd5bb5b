// Small builders for the organization audit's unit tests (plain core shapes; the CLI tests use the client's models).
import { auditOrg } from '../../src/core/org/audit';
import { buildModel } from '../../src/core/org/model';
import { ORG_RULES } from '../../src/core/org/rules';
import type { OrgApiKey, OrgPipeline, OrgPrivilege, OrgSnapshot } from '../../src/core/org/types';

export const NOW = Date.parse('2026-12-01T12:00:00Z');
export const DAY = 86_400_000;
export const QUERY: OrgPrivilege = { owner: 'SEARCH_API', targetDomain: 'EXECUTE_QUERY', targetId: '*' };
export const PUSH: OrgPrivilege = { owner: 'USAGE_ANALYTICS', targetDomain: 'ANALYTICS_DATA', targetId: '*', type: 'EDIT' };
export const IMPERSONATE: OrgPrivilege = { owner: 'SEARCH_API', targetDomain: 'IMPERSONATE', targetId: '*' };
export const VIEW_ALL: OrgPrivilege = { owner: 'SEARCH_API', targetDomain: 'VIEW_ALL_CONTENT', targetId: '*' };
export const EDIT_SOURCES: OrgPrivilege = { owner: 'PLATFORM', targetDomain: 'SOURCE', targetId: '*', type: 'EDIT' };
export const VIEW_REPORTS: OrgPrivilege = { owner: 'USAGE_ANALYTICS', targetDomain: 'REPORTS', targetId: '*', type: 'VIEW' };

export function key(id: string, fields: Partial<OrgApiKey> = {}, hub: string | null = 'Public'): OrgApiKey {
  return {
    id,
    displayName: id,
    description: `Key ${id}`,
    enabled: true,
    status: 'ENABLED',
    privacyLevel: 'PRIVATE',
    createdDate: NOW - 400 * DAY,
    lastUsedDate: NOW - DAY,
    privileges: [QUERY, PUSH],
    allowedIps: ['10.0.0.1'],
    ...(hub === null ? {} : { additionalConfiguration: { search: { enforcedQueryPipelineConfiguration: { searchHub: hub } } } }),
    ...fields,
  };
}

export function pipe(name: string, position: number, condition: string | null, fields: Partial<OrgPipeline> = {}): OrgPipeline {
  return { id: name, name, position, isDefault: false, ...(condition === null ? {} : { condition: { definition: condition } }), filterRules: [], ...fields };
}

export const DEFAULT = pipe('default', 0, null, { isDefault: true });

export function org(fields: Partial<OrgSnapshot> = {}): OrgSnapshot {
  return {
    organizationId: 'acmeprod',
    apiKeys: [],
    pipelines: [DEFAULT, pipe('public', 1, 'when $searchHub is "Public"')],
    searchHubs: ['Public'],
    notes: [],
    ...fields,
  };
}

/** The hits of one rule over a snapshot. */
export function hits(ruleId: string, snapshot: OrgSnapshot, options: { staleDays?: number; seen?: string[] } = {}) {
  const rule = ORG_RULES.find((r) => r.id === ruleId);
  if (!rule) throw new Error(`no rule ${ruleId}`);
  return rule.check({ model: buildModel(snapshot), now: NOW, staleDays: options.staleDays ?? 90, seenKeyIds: new Set(options.seen ?? []) });
}

export function audit(snapshot: OrgSnapshot) {
  return auditOrg(snapshot, { now: NOW, staleDays: 90 });
}
