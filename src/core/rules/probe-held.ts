import { plural } from '../report/words';
import { DOCS } from './docs';
import type { CallRule } from './types';

export const probeHeld: CallRule = {
  id: 'probe-held',
  severity: 'info',
  scope: 'call',
  title: 'Routing held under the probe (not a proof)',
  why: 'Every variant reached the same pipeline, which an enforced hub would give, but so would a pipeline condition that matches any hub, so the call stays unverifiable.',
  fix: 'Settle it with the org audit or in the Admin Console: the API key\'s "Limit the API key scope" section and the query pipeline conditions.',
  docs: DOCS.manageApiKeys,
  check({ call }) {
    const probe = call.probe;
    if (probe?.outcome !== 'held') return null;
    return `Routing probe of ${probe.origin}${probe.endpoint}: ${plural(probe.variants.length - 1, 'variant')} all reached pipeline "${probe.baselinePipeline ?? '?'}".`;
  },
};
