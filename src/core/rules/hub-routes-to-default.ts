import { kindWord } from '../report/words';
import { DOCS } from './docs';
import type { CallRule } from './types';

export const hubRoutesToDefault: CallRule = {
  id: 'hub-routes-to-default',
  severity: 'info',
  scope: 'call',
  title: 'Hub claim routed to the default pipeline',
  why: "A token's searchHub claim beats a pipeline named by the request only when some pipeline has a condition on that hub; a hub that lands on the default pipeline hints that none does, so adding pipeline=... to the request would reroute it.",
  fix: 'Check in the Admin Console that a query pipeline has a condition "Search Hub is <hub>" for this hub (then a request pipeline can no longer reroute it), or pin the pipeline with a pipeline claim.',
  docs: DOCS.pipelineConditions,
  check({ call, hubApplies }) {
    if (!hubApplies || call.searchHub.token === null || call.pipeline.token !== null) return null;
    const answered = call.response.pipeline;
    if (answered === null || answered.trim().toLowerCase() !== 'default') return null;
    return `Coveo routed this ${kindWord(call.kind)} call of hub "${call.searchHub.token}" (token claim) to the "${answered}" pipeline: no pipeline condition seems to match this hub (a hint, not a proof), so a request naming another pipeline would likely be routed there.`;
  },
};
