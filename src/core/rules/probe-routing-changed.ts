import { DOCS } from './docs';
import type { CallRule } from './types';

export const probeRoutingChanged: CallRule = {
  id: 'probe-routing-changed',
  severity: 'error',
  scope: 'call',
  title: 'The routing probe reached another pipeline',
  why: "A request a visitor could send (another hub, no hub, or another pipeline) was routed to a different query pipeline, so nothing the credential carries pins this interface's routing.",
  fix: "Use a search token with a searchHub claim (and a pipeline condition on that hub), or limit the API key's scope to this hub; never rely on the hub or pipeline in the request body.",
  docs: DOCS.routingAlgorithm,
  check({ call }) {
    const probe = call.probe;
    if (probe?.outcome !== 'routing-changed') return null;
    const changed = probe.variants.find((v) => v.result === 'routed' && v.responsePipeline !== probe.baselinePipeline);
    const how = !changed
      ? 'a variant'
      : changed.name === 'no-hub'
        ? 'the request without a hub'
        : changed.name === 'pipeline'
          ? changed.pipeline === null
            ? 'the request without its pipeline'
            : `the request with pipeline "${changed.pipeline}"`
          : `the request with hub "${changed.hub}"`;
    return `Routing probe of ${probe.origin}${probe.endpoint}: ${how} reached pipeline "${changed?.responsePipeline ?? '?'}" instead of "${probe.baselinePipeline ?? '?'}".`;
  },
};
