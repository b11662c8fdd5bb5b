import { ORG_DOCS } from './docs';
import { cond, pipelineSubject, q } from './subject';
import type { OrgRule } from './types';

export const pipelineWithoutHubCondition: OrgRule = {
  id: 'pipeline-without-hub-condition',
  severity: 'warning',
  scope: 'pipeline',
  title: 'Non-default pipeline without a $searchHub condition',
  why: 'A pipeline that is not routed by a search hub is reached by whatever else its condition tests (which the request decides) or by a request naming it, so no credential can keep an audience in or out of it.',
  fix: 'Give the pipeline a condition on the search hub with a positive operator (for example $searchHub is "AgentPanel") and enforce that hub in the search token or the API key of the interface that uses it.',
  docs: ORG_DOCS.saferRouting,
  check({ model }) {
    const out = [];
    for (const v of model.ordered) {
      // An A/B test's target gets its traffic from the original pipeline's routing.
      if (v.splitTestTargetOf !== null || v.mentionsHub) continue;
      const message =
        v.definition === null
          ? `Pipeline ${q(v.pipeline.name)} has no condition: routing never picks it, only a request naming it (pipeline=${q(v.pipeline.name)}) reaches it.`
          : `Pipeline ${q(v.pipeline.name)} is routed by ${cond(v.definition)}, which does not test $searchHub.`;
      out.push({ subject: pipelineSubject(v.pipeline), message });
    }
    return out;
  },
};
