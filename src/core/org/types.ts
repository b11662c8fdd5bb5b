/**
 * What the organization audit reads from Coveo's Platform API, as plain data. The shapes are structural subsets of
 * `@coveo/platform-client`'s models (ApiKeyModel, PipelineModel, StatementModel), so the edge passes the client's
 * answers straight in (src/org/platform.ts checks that at compile time) and the core stays free of any client code.
 */

export interface OrgPrivilege {
  owner: string;
  targetDomain: string;
  targetId?: string;
  type?: string;
  level?: string;
}

export interface OrgApiKey {
  id: string;
  displayName?: string;
  description?: string;
  enabled?: boolean;
  /** The key's value as the listing exposes it: whole, masked, or absent. Never printed. */
  value?: string;
  createdDate?: number;
  lastUsedDate?: number;
  status?: string;
  privacyLevel?: string;
  allowedIps?: string[];
  privileges?: OrgPrivilege[];
  additionalConfiguration?: {
    search?: {
      enforcedQueryPipelineConfiguration?: { searchHub?: string };
      impersonationRestriction?: { allowedUserIds?: unknown[] };
    };
  };
  exposureReport?: { severity?: string; reasons?: { source?: string; url?: string; createdDate?: number }[] } | null;
}

export interface OrgStatement {
  id: string;
  feature: string;
  definition: string;
  condition?: { id?: string; definition?: string } | null;
}

export interface OrgPipeline {
  id: string;
  name: string;
  isDefault?: boolean;
  position?: number;
  condition?: { id?: string; definition?: string } | null;
  /** The pipeline's own constant filter (added to cq). */
  filter?: string;
  splitTestEnabled?: boolean;
  splitTestName?: string;
  splitTestRatio?: number;
  splitTestTarget?: string;
  /** The pipeline's filter rules (statements of feature `filter`). */
  filterRules: OrgStatement[];
}

export interface OrgSnapshot {
  organizationId: string;
  apiKeys: OrgApiKey[];
  pipelines: OrgPipeline[];
  /** Search hub names the organization lists, or null when they could not be read. */
  searchHubs: string[] | null;
  /** What could not be read and why (one sentence each). */
  notes: string[];
}
