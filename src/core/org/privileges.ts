/** Reading API-key privileges: what each one lets a holder do, in the Admin Console's words. */
import type { OrgApiKey, OrgPrivilege } from './types';

export type Purpose = 'query' | 'analytics-push' | 'analytics-read' | 'content' | 'administration';

const up = (s: string | undefined) => (s ?? '').toUpperCase();

export const isExecuteQuery = (p: OrgPrivilege) => up(p.owner) === 'SEARCH_API' && up(p.targetDomain) === 'EXECUTE_QUERY';
export const isImpersonate = (p: OrgPrivilege) => up(p.owner) === 'SEARCH_API' && up(p.targetDomain) === 'IMPERSONATE';
export const isViewAllContent = (p: OrgPrivilege) => up(p.owner) === 'SEARCH_API' && up(p.targetDomain) === 'VIEW_ALL_CONTENT';
export const isAnalyticsPush = (p: OrgPrivilege) => up(p.owner) === 'USAGE_ANALYTICS' && up(p.targetDomain) === 'ANALYTICS_DATA' && up(p.type) === 'EDIT';

/** The two privileges Coveo allows in client code. */
export function isClientSafe(p: OrgPrivilege): boolean {
  return isExecuteQuery(p) || isAnalyticsPush(p);
}

const CONTENT_DOMAINS = new Set(['SOURCE', 'FIELD', 'EXTENSION', 'SECURITY_PROVIDER', 'SECURITY_CACHE', 'CRAWLING_MODULE', 'PUSH_API', 'CATALOG', 'INDEX']);
const WRITE_TYPES = new Set(['EDIT', 'CREATE', 'DELETE', 'ALL', 'ADMIN']);

export function purposeOf(p: OrgPrivilege): Purpose {
  if (isExecuteQuery(p) || isImpersonate(p) || isViewAllContent(p)) return 'query';
  if (isAnalyticsPush(p)) return 'analytics-push';
  if (up(p.owner) === 'USAGE_ANALYTICS' && !WRITE_TYPES.has(up(p.type))) return 'analytics-read';
  if (CONTENT_DOMAINS.has(up(p.targetDomain))) return 'content';
  return 'administration';
}

/** Administrative: anything but searching, pushing analytics and reading analytics. */
export function isAdministrative(p: OrgPrivilege): boolean {
  const purpose = purposeOf(p);
  return purpose === 'content' || purpose === 'administration' || isImpersonate(p) || isViewAllContent(p);
}

const NAMES: Record<string, string> = {
  'SEARCH_API/EXECUTE_QUERY': 'Search - Execute queries',
  'SEARCH_API/IMPERSONATE': 'Search - Impersonation',
  'SEARCH_API/VIEW_ALL_CONTENT': 'Search - View all content',
  'SEARCH_API/QUERY_PIPELINE': 'Search - Query pipelines',
  'USAGE_ANALYTICS/ANALYTICS_DATA': 'Analytics - Analytics data',
  'PLATFORM/API_KEY': 'Organization - API keys',
  'PLATFORM/SOURCE': 'Content - Sources',
};

function title(s: string): string {
  return s
    .toLowerCase()
    .replace(/_/g, ' ')
    .replace(/^\w/, (c) => c.toUpperCase());
}

/** `Search - Execute queries`, `Analytics - Analytics data (Push)`, `PLATFORM SOURCE (Edit, my-source)`. */
export function privilegeLabel(p: OrgPrivilege): string {
  if (isAnalyticsPush(p)) return 'Analytics - Push';
  const key = `${up(p.owner)}/${up(p.targetDomain)}`;
  const base = NAMES[key] ?? `${title(p.owner ?? '?')} - ${title(p.targetDomain ?? '?')}`;
  const parts: string[] = [];
  if (p.type) parts.push(title(p.type));
  if (p.targetId && p.targetId !== '*') parts.push(p.targetId);
  return parts.length > 0 ? `${base} (${parts.join(', ')})` : base;
}

export function privilegesOf(key: OrgApiKey): OrgPrivilege[] {
  return Array.isArray(key.privileges) ? key.privileges.filter((p): p is OrgPrivilege => p !== null && typeof p === 'object') : [];
}

const INACTIVE = new Set(['DISABLED', 'DISABLED_FOR_INACTIVITY', 'EXPIRED', 'DISABLED_EXPOSED']);

/** Enabled and not disabled, expired or revoked by Coveo. */
export function isActive(key: OrgApiKey): boolean {
  return key.enabled !== false && !INACTIVE.has(up(key.status));
}

export function keyName(key: OrgApiKey): string {
  return typeof key.displayName === 'string' && key.displayName.trim() !== '' ? key.displayName : key.id;
}
