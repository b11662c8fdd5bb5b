// The routing probe: pure core (variants, outcomes), with the network behind one seam (`ProbeSend`).
export { applyProbe } from './apply';
export {
  classifyResponse,
  DEFAULT_TIMEOUT_MS,
  MAX_PROBE_REQUESTS,
  probeCredentialLabel,
  probeEligibility,
  probeGroupKey,
  randomCanary,
  routingFromExecutionReport,
  runProbe,
  type Eligibility,
  type ProbeOptions,
} from './run';
export type { ProbeRequest, ProbeResponse, ProbeSend } from './seam';
export { buildVariant, captureRequest, dropHeader, readProbeBody } from './variants';
