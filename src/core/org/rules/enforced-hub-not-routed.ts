import { evaluateForHub } from '../condition';
import { enforcedHubOf } from '../model';
import { isActive } from '../privileges';
import { ORG_DOCS } from './docs';
import { keySubject, q } from './subject';
import type { OrgRule } from './types';

export const enforcedHubNotRouted: OrgRule = {
  id: 'enforced-hub-not-routed',
  severity: 'warning',
  scope: 'api-key',
  title: 'Key enforces a hub that no pipeline condition routes',
  why: "Coveo lets an enforced hub override a request's pipeline only when some pipeline has a condition on that hub; otherwise queries land on the default pipeline and a request naming a pipeline is routed where it asks.",
  fix: 'Give the pipeline meant for this hub a condition $searchHub is "<hub>", or correct the key\'s enforced hub.',
  docs: ORG_DOCS.pipelineRouting,
  check({ model }) {
    const out = [];
    for (const k of model.snapshot.apiKeys) {
      const hub = enforcedHubOf(k);
      if (hub === null || !isActive(k)) continue;
      // Some condition met by the hub alone (whatever else the request sends or not) routes it.
      if (model.ordered.some((v) => v.condition !== null && evaluateForHub(v.condition, hub, false) === true)) continue;
      const fallback = model.defaultPipeline ? ` ${q(model.defaultPipeline.name)}` : '';
      out.push({
        subject: keySubject(k),
        message: `Key ${q(k.displayName ?? k.id)} (${k.id}) enforces hub ${q(hub)}, which no pipeline condition matches on the hub alone: its queries go to the default pipeline${fallback} unless something else in the request matches.`,
      });
    }
    return out;
  },
};
