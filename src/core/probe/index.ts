// The routing probe: pure core (variants, outcomes), with the network behind one seam (`ProbeSend`).
export { applyProbe } from './apply';
export { classifyResponse, routingFromExecutionReport } from './classify';
export { type Eligibility, probeCredentialLabel, probeEligibility } from './eligibility';
export { probeGroupKey } from './group';
export { randomCanary } from './plan';
export { DEFAULT_TIMEOUT_MS, MAX_PROBE_REQUESTS, type ProbeOptions, runProbe } from './run';
export type { ProbeRequest, ProbeResponse, ProbeSend } from './seam';
export { buildVariant, captureRequest, dropHeader, readProbeBody } from './variants';
