/**
 * Organizations for the Platform API stand-in, typed against @coveo/platform-client's own models: a change in
 * Coveo's client that breaks these shapes breaks the build.
 */
import {
  ApiKeyExposureReportReasonSource,
  ApiKeyExposureReportSeverity,
  ApiKeyPrivacyLevel,
  ApiKeyReportCreationType,
  ApiKeyStatus,
  StatementsFeature,
  type UserModel,
  type ApiKeyModel,
  type PipelineModel,
  type PrivilegeModel,
  type RestSearchHub,
  type StatementModel,
} from '@coveo/platform-client';
import type { StandInOrg } from './platform-stand-in';

export const NOW = Date.parse('2026-12-01T12:00:00Z');
const DAY = 86_400_000;

/** The key the recorded HARs' pages send (test world, org acmeprod). */
export const PAGE_KEY = 'xx7c3e9a51-2b4d-4f6e-8a1c-0d9e8f7a6b5c';

export const EXECUTE_QUERY: PrivilegeModel = { owner: 'SEARCH_API', targetDomain: 'EXECUTE_QUERY', targetId: '*' };
export const ANALYTICS_PUSH: PrivilegeModel = { owner: 'USAGE_ANALYTICS', targetDomain: 'ANALYTICS_DATA', targetId: '*', type: 'EDIT' };
export const IMPERSONATE: PrivilegeModel = { owner: 'SEARCH_API', targetDomain: 'IMPERSONATE', targetId: '*' };
export const VIEW_ALL: PrivilegeModel = { owner: 'SEARCH_API', targetDomain: 'VIEW_ALL_CONTENT', targetId: '*' };
export const EDIT_SOURCES: PrivilegeModel = { owner: 'PLATFORM', targetDomain: 'SOURCE', targetId: '*', type: 'EDIT' };
export const EDIT_API_KEYS: PrivilegeModel = { owner: 'PLATFORM', targetDomain: 'API_KEY', targetId: '*', type: 'EDIT' };

export function key(id: string, fields: Partial<ApiKeyModel> = {}): ApiKeyModel {
  return {
    id,
    organizationId: 'org',
    displayName: id,
    description: `Key ${id}, owned by the search team`,
    enabled: true,
    status: ApiKeyStatus.ENABLED,
    privacyLevel: ApiKeyPrivacyLevel.PRIVATE,
    createdDate: NOW - 500 * DAY,
    lastUsedDate: NOW - 2 * DAY,
    privileges: [EXECUTE_QUERY, ANALYTICS_PUSH],
    ...fields,
  } satisfies ApiKeyModel;
}

export function hubScope(searchHub: string): ApiKeyModel['additionalConfiguration'] {
  return { search: { enforcedQueryPipelineConfiguration: { searchHub } } };
}

export function pipeline(id: string, position: number, condition: string | null, fields: Partial<PipelineModel> = {}): PipelineModel {
  return {
    id,
    name: id,
    position,
    isDefault: false,
    ...(condition === null
      ? {}
      : { condition: { id: `cond-${id}`, description: '', definition: condition, detailed: {}, childrenCount: 0, feature: 'when', position: 0, ready: true } }),
    ...fields,
  } satisfies PipelineModel;
}

export function filterRule(id: string, definition: string): StatementModel {
  return { id, feature: StatementsFeature.Filter, definition, ready: true, detailed: {}, childrenCount: 0, position: 1 } satisfies StatementModel;
}

const defaultPipeline = pipeline('default', 0, null, { isDefault: true });

/** The test world's organization: the page's key scoped to ACMEPublic, routed to public-pipeline. */
export function acmeOrg(pageKey: Partial<ApiKeyModel> = {}, extra: Partial<StandInOrg> = {}): StandInOrg {
  return {
    id: 'acmeprod',
    token: 'platform-token-acme-0001',
    apiKeys: [
      key('page-key', {
        displayName: 'Public search page',
        value: PAGE_KEY,
        privacyLevel: ApiKeyPrivacyLevel.PUBLIC,
        additionalConfiguration: hubScope('ACMEPublic'),
        ...pageKey,
      }),
      key('push-key', { displayName: 'Content push', privileges: [EDIT_SOURCES], allowedIps: ['10.0.0.0/8'], value: 'xx11111111-2222-4333-8444-555555555555' }),
    ] satisfies ApiKeyModel[],
    pipelines: [
      defaultPipeline,
      pipeline('public-pipeline', 1, 'when $searchHub is "ACMEPublic"'),
      pipeline('agent-pipeline', 2, 'when $searchHub is "AgentPanel"'),
    ] satisfies PipelineModel[],
    statements: { 'public-pipeline': [filterRule('f-public', 'filter cq `@source==Public`')] },
    hubs: [{ name: 'ACMEPublic' }, { name: 'AgentPanel' }] satisfies RestSearchHub[],
    ...extra,
  };
}

/** An organization where every rule fires at least once (and the rest of it is clean). */
export function everyRuleOrg(): StandInOrg {
  return {
    id: 'everyrule',
    token: 'platform-token-every-0002',
    apiKeys: [
      key('page', { displayName: 'Community page', additionalConfiguration: hubScope('Community') }),
      key('unscoped', { displayName: 'Unscoped search' }),
      key('impersonator', { displayName: 'Token minting server', privileges: [EXECUTE_QUERY, IMPERSONATE], allowedIps: ['203.0.113.7'] }),
      key('public-admin', {
        displayName: 'Public with sources',
        privacyLevel: ApiKeyPrivacyLevel.PUBLIC,
        privileges: [EXECUTE_QUERY, EDIT_SOURCES],
        additionalConfiguration: hubScope('Community'),
        allowedIps: ['203.0.113.8'],
      }),
      key('exposed', {
        displayName: 'Leaked key',
        additionalConfiguration: hubScope('Community'),
        exposureReport: {
          apiKeyLoggerId: 'log-1',
          severity: ApiKeyExposureReportSeverity.HIGH,
          reasons: [{ id: 'r1', source: ApiKeyExposureReportReasonSource.GITHUB, url: 'https://github.com/acme/site', createdDate: NOW - 3 * DAY }],
          deactivationDate: NOW + 7 * DAY,
          creationType: ApiKeyReportCreationType.AUTOMATED,
          createdBy: { displayName: 'Coveo exposure scanner' } as UserModel,
        },
      }),
      key('nodesc', { displayName: 'Mystery', description: '   ', additionalConfiguration: hubScope('Community') }),
      key('stale', { displayName: 'Old campaign', lastUsedDate: NOW - 200 * DAY, additionalConfiguration: hubScope('Community') }),
      key('never', { displayName: 'Never deployed', lastUsedDate: undefined, createdDate: NOW - 400 * DAY, additionalConfiguration: hubScope('Community') }),
      key('fresh', { displayName: 'Just created', lastUsedDate: undefined, createdDate: NOW - 3 * DAY, additionalConfiguration: hubScope('Community') }),
      key('disabled', { displayName: 'Retired', enabled: false, status: ApiKeyStatus.DISABLED, additionalConfiguration: hubScope('Community') }),
      key('admin-noip', { displayName: 'Key manager', privileges: [EDIT_API_KEYS] }),
      key('ghost-hub', { displayName: 'Unrouted hub', additionalConfiguration: hubScope('Public') }),
    ],
    pipelines: [
      pipeline('default', 0, null, { isDefault: true }),
      pipeline('community', 1, 'when $searchHub contains "Comm"'),
      pipeline('community-fr', 2, 'when $searchHub is "CommunityFR"'),
      pipeline('support', 3, 'when $searchHub is "Support"', {
        filter: '@audience==public',
        splitTestEnabled: true,
        splitTestTarget: 'support-b',
        splitTestRatio: 0.2,
        splitTestName: 'Support ranking',
      }),
      pipeline('partners', 4, 'when $searchHub is "Partners" or $tab is "Internal"'),
      pipeline('by-query', 5, 'when $query contains "internal"'),
      pipeline('orphan', 6, null),
      pipeline('support-b', 7, null),
      pipeline('agents', 8, 'when $searchHub is not "Public"'),
    ],
    statements: {
      community: [filterRule('f1', 'filter cq `@source==Community`')],
      support: [filterRule('f2', 'filter aq `@source==Support`')],
    },
    hubs: [{ name: 'Community' }, { name: 'CommunityFR' }, { name: 'Support' }, { name: 'Partners' }],
  };
}

/** More of everything than one page holds (the audit asks for 100 per page). */
export function bigOrg(): StandInOrg {
  const keys: ApiKeyModel[] = Array.from({ length: 250 }, (_, i) =>
    key(`k${String(i).padStart(3, '0')}`, { additionalConfiguration: hubScope(`Hub${i % 120}`) }),
  );
  // One key far down the listing without a hub: only a complete listing finds it.
  keys[237] = key('k237', { displayName: 'Deep unscoped' });
  const pipelines: PipelineModel[] = [
    pipeline('default', 0, null, { isDefault: true }),
    ...Array.from({ length: 130 }, (_, i) => pipeline(`p${i}`, i + 1, `when $searchHub is "Hub${i}"`)),
  ];
  const rules = Array.from({ length: 150 }, (_, i) => filterRule(`s${i}`, `filter cq \`@n==${i}\``));
  rules[149] = filterRule('s149', 'filter lq `@deep==1`');
  return {
    id: 'bigorg',
    token: 'platform-token-big-0003',
    apiKeys: keys,
    pipelines,
    statements: { p5: rules },
    hubs: Array.from({ length: 120 }, (_, i) => ({ name: `Hub${i}` })),
  };
}
