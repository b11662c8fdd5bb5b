import { ORG_DOCS } from './docs';
import { cond, pipelineSubject, q } from './subject';
import type { OrgRule } from './types';

/** `filter cq \`...\`` (any case, any spacing): the constant part of the query, the one Coveo caches and keeps. */
export function filterTargetsCq(definition: string): boolean {
  return /^\s*filter\s+cq\b/i.test(definition);
}

export const pipelineFilterNotOnCq: OrgRule = {
  id: 'pipeline-filter-not-on-cq',
  severity: 'warning',
  scope: 'pipeline',
  title: 'Filter rule on a hub-routed pipeline not based on cq',
  why: 'A filter rule on aq, lq or dq is applied to a part of the query the request also shapes, and a filter rule is no security boundary anyway: it only narrows what a pipeline returns to those routed to it.',
  fix: "Write the pipeline's filter rules on cq (filter cq `@source==Public`); protect private content with item permissions and per-user search tokens, not with filters.",
  docs: ORG_DOCS.pipelineRouting,
  check({ model }) {
    const out = [];
    for (const v of model.ordered) {
      if (!v.hubRouted) continue;
      for (const rule of v.pipeline.filterRules) {
        if (typeof rule.definition !== 'string' || filterTargetsCq(rule.definition)) continue;
        out.push({
          subject: pipelineSubject(v.pipeline),
          message: `Pipeline ${q(v.pipeline.name)} has filter rule ${cond(rule.definition)} (${rule.id}), not on cq.`,
        });
      }
    }
    return out;
  },
};
