import { evaluateForHub } from '../condition';
import { ORG_DOCS } from './docs';
import { cond, pipelineSubject, q } from './subject';
import type { OrgRule } from './types';

export const pipelineConditionShadowed: OrgRule = {
  id: 'pipeline-condition-shadowed',
  severity: 'warning',
  scope: 'pipeline',
  title: 'Hub condition shadowed by an earlier pipeline',
  why: 'Pipelines are evaluated in order and the first matching condition wins: a hub that a later pipeline targets is routed to the earlier one instead, with its rules and filters.',
  fix: 'Reorder the pipelines or narrow the earlier condition (prefer is over contains or matches) so that each hub reaches the pipeline meant for it.',
  docs: ORG_DOCS.pipelineRouting,
  check({ model }) {
    const out = [];
    const ordered = model.ordered.filter((v) => v.condition !== null);
    const named = new Set(ordered.flatMap((v) => v.targets));
    for (let i = 0; i < ordered.length; i++) {
      const later = ordered[i]!;
      // Only pipelines routed by positive hub clauses target hubs; negative ones are an error of their own.
      if (!later.hubRouted) continue;
      // The hubs this pipeline targets: its own `is` values, and any known hub its condition plainly matches that no
      // other pipeline names with `is` (a hub named by another pipeline is that pipeline's, caught here on purpose).
      const hubs = new Set(later.targets);
      for (const h of model.candidateHubs) if (!named.has(h) && evaluateForHub(later.condition!, h) === true) hubs.add(h);
      for (const hub of hubs) {
        for (let j = 0; j < i; j++) {
          const earlier = ordered[j]!;
          const hit = evaluateForHub(earlier.condition!, hub);
          if (hit === false) continue;
          const how = hit === true ? 'matches it first' : 'may match it first (its condition cannot be decided for this hub)';
          out.push({
            subject: pipelineSubject(later.pipeline),
            message: `Hub ${q(hub)} targeted by pipeline ${q(later.pipeline.name)} (${cond(later.definition ?? '')}): the earlier pipeline ${q(earlier.pipeline.name)} (${cond(earlier.definition ?? '')}) ${how}.`,
          });
          if (hit === true) break;
        }
      }
    }
    return out;
  },
};
