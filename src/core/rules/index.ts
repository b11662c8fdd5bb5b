// The rule registry: adding a rule is one module plus one line in the list below.
import { adminCallFromBrowser } from './admin-call-from-browser';
import { apiKeyInClient } from './api-key-in-client';
import { basicAuthInClient } from './basic-auth-in-client';
import { callsDropped } from './calls-dropped';
import { conflictingCredentials } from './conflicting-credentials';
import { credentialInBeaconUrl } from './credential-in-beacon-url';
import { credentialInUrl } from './credential-in-url';
import { harWithoutCredentials } from './har-without-credentials';
import { hubRoutesToDefault } from './hub-routes-to-default';
import { hublessTokenReplayable } from './hubless-token-replayable';
import { noCredential } from './no-credential';
import { noSearchHub } from './no-search-hub';
import { organizationMismatch } from './organization-mismatch';
import { pipelineInRequest } from './pipeline-in-request';
import { routingContradictsToken } from './routing-contradicts-token';
import { probeHeld } from './probe-held';
import { probeRoutingChanged } from './probe-routing-changed';
import { searchHubConflict } from './search-hub-conflict';
import { searchHubMismatch } from './search-hub-mismatch';
import { skippedCoveoEntries } from './skipped-coveo-entries';
import { suggestionsNotEnforced } from './suggestions-not-enforced';
import { suggestionsNotObserved } from './suggestions-not-observed';
import { tokenExpired } from './token-expired';
import { tokenLongLived } from './token-long-lived';
import { tokenMintedInBrowser } from './token-minted-in-browser';
import { tokenMissingSearchHub } from './token-missing-search-hub';
import { tokenPipelineOnly } from './token-pipeline-only';
import { unknownCredential } from './unknown-credential';
import { viewAllContentRequested } from './view-all-content-requested';
import type { CallRule, PageRule, Rule, RuleInfo } from './types';

export const ALL_RULES: readonly Rule[] = [
  // First: page findings are listed in this order, and this one belongs at the top of every report.
  harWithoutCredentials,
  tokenMissingSearchHub,
  noSearchHub,
  tokenMintedInBrowser,
  adminCallFromBrowser,
  basicAuthInClient,
  apiKeyInClient,
  searchHubMismatch,
  searchHubConflict,
  tokenExpired,
  tokenLongLived,
  credentialInUrl,
  unknownCredential,
  conflictingCredentials,
  organizationMismatch,
  viewAllContentRequested,
  tokenPipelineOnly,
  noCredential,
  credentialInBeaconUrl,
  probeRoutingChanged,
  probeHeld,
  suggestionsNotEnforced,
  hublessTokenReplayable,
  suggestionsNotObserved,
  pipelineInRequest,
  hubRoutesToDefault,
  routingContradictsToken,
  skippedCoveoEntries,
  callsDropped,
];

export const CALL_RULES: readonly CallRule[] = ALL_RULES.filter((r): r is CallRule => r.scope === 'call');
export const PAGE_RULES: readonly PageRule[] = ALL_RULES.filter((r): r is PageRule => r.scope === 'page');

/** Published rule metadata (no code): ids, severities and explanations. */
export const RULES: readonly RuleInfo[] = ALL_RULES.map(({ id, severity, title, why, fix, docs, scope }) => ({ id, severity, title, why, fix, docs, scope }));

export type { RuleInfo, CallRule, PageRule, CallContext, PageContext } from './types';
