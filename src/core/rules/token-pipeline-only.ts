import { DOCS } from './docs';
import type { CallRule } from './types';

export const tokenPipelineOnly: CallRule = {
  id: 'token-pipeline-only',
  severity: 'info',
  scope: 'call',
  title: 'Routing pinned by a pipeline claim, not a hub',
  why: 'A pipeline claim overrides all routing, so the body cannot change the pipeline; Coveo recommends the searchHub claim, which keeps routing rules and analytics per hub.',
  fix: 'Consider minting the token with a searchHub claim instead of (or as well as) the pipeline claim.',
  docs: DOCS.pipelineRouting,
  check({ call, hubApplies }) {
    if (!hubApplies || call.credential.type !== 'search-token' || call.searchHub.token !== null || call.pipeline.token === null) return null;
    return `Token ${call.credential.fingerprint} pins pipeline "${call.pipeline.token}" and carries no searchHub claim.`;
  },
};
