import { clauseText, negativeHubClauses } from '../condition';
import { ORG_DOCS } from './docs';
import { cond, pipelineSubject, q } from './subject';
import type { OrgRule } from './types';

export const pipelineNegativeHubCondition: OrgRule = {
  id: 'pipeline-negative-hub-condition',
  severity: 'error',
  scope: 'pipeline',
  title: 'Pipeline routed by a negative or bypassable hub condition',
  why: 'A negative hub operator (is not, does not contain, does not match) matches every hub but one, and a hub clause OR-ed with a clause on something else can be met without the hub: either way a visitor reaches the pipeline with a hub, or a request value, of their choosing.',
  fix: "Route the pipeline with positive hub operators only (is, contains, matches), not OR-ed with clauses on other objects; put other tests on the pipeline's rules instead.",
  docs: ORG_DOCS.saferRouting,
  check({ model }) {
    const out = [];
    for (const v of model.ordered) {
      if (!v.condition || !v.mentionsHub) continue;
      const negative = negativeHubClauses(v.condition);
      if (negative.length > 0) {
        out.push({
          subject: pipelineSubject(v.pipeline),
          message: `Pipeline ${q(v.pipeline.name)} is routed by ${cond(v.definition ?? '')}: ${negative.map(clauseText).join(', ')} matches hubs nobody chose for it.`,
        });
      } else if (!v.hubRouted) {
        out.push({
          subject: pipelineSubject(v.pipeline),
          message: `Pipeline ${q(v.pipeline.name)} is routed by ${cond(v.definition ?? '')}: a clause on something other than the hub is OR-ed with the hub clause, so it is met without the hub.`,
        });
      }
    }
    return out;
  },
};
