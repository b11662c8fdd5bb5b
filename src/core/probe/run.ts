/**
 * The routing probe: the requests it sends (at most 4, in order, each decided from the answers so far) and the
 * report of its outcome. Pure: the network is the injected `send`. Which calls can be probed: eligibility.ts; the
 * variants after the baseline: plan.ts; how an answer is read: classify.ts; the outcome rules: decide.ts.
 */
import type { CallReport, HarEntryLike, ProbeReport, ProbeVariantReport } from '../types';
import { type Classified, classifyResponse } from './classify';
import { baselineFailure, type Decision, decideOutcome, notProbed, tokenExpired } from './decide';
import { probeEligibility } from './eligibility';
import { coveredCalls } from './group';
import { canaryPicker, pipelineVariant, randomCanary, sendVariants } from './plan';
import { secretScrubber } from './scrub';
import type { ProbeRequest, ProbeResponse, ProbeSend } from './seam';
import { buildVariant, captureRequest, capturedValue, type CapturedRequest, type VariantChange } from './variants';

export const MAX_PROBE_REQUESTS = 4;
export const DEFAULT_TIMEOUT_MS = 10_000;

export interface ProbeOptions {
  entry: HarEntryLike;
  call: CallReport;
  /** Every call of the report: the outcome names those it applies to. */
  calls?: readonly CallReport[];
  send: ProbeSend;
  /** A fresh canary hub each time it is called (default: `chi-canary-` and 8 random hex digits). */
  canary?: () => string;
  /** Now, in ms since the epoch (default Date.now()). */
  now?: () => number;
  timeoutMs?: number;
  /** Adds `debug: true` to the canary variant, to show what its executionReport says about routing. */
  debug?: boolean;
  /**
   * The captured entry of another call of `calls`, to compare its credential by value (fingerprints can collide).
   * Without it the outcome applies to the probed call only.
   */
  entryOf?: (call: CallReport) => HarEntryLike | null;
}

/** Sends the variants one after the other and decides the outcome. Never throws for a transport failure. */
export async function runProbe(options: ProbeOptions): Promise<ProbeReport> {
  const { entry, call, send } = options;
  const now = options.now ?? Date.now;
  const canary = options.canary ?? randomCanary;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const eligibility = probeEligibility(call, entry);
  const appliesTo = coveredCalls(call, entry, options.calls, options.entryOf);
  // The credential's own values: never in the report, even when an answer or an error message echoes them.
  const scrub = secretScrubber(entry);
  const variants: ProbeVariantReport[] = [];
  const seen = new Map<ProbeVariantReport, Classified>();
  let sentAt: string | null = null;
  const report = ({ outcome, reason, advice, baselinePipeline }: Decision): ProbeReport => ({
    outcome,
    reason: scrub(reason),
    advice,
    origin: eligibility.eligible ? eligibility.origin : '',
    endpoint: eligibility.eligible ? scrub(eligibility.endpoint) : '',
    credential: call.credential.fingerprint,
    probedCall: call.id,
    appliesTo,
    sentAt,
    requests: variants.filter((v) => v.result !== 'not-sent').length,
    baselinePipeline,
    variants,
  });
  const captured: CapturedRequest | null = eligibility.eligible ? captureRequest(entry) : null;
  if (!eligibility.eligible || !captured) return report(notProbed(eligibility));
  const expired = tokenExpired(call, now);
  if (expired) return report(expired);

  const capturedHub = capturedValue(captured, 'searchHub');
  const capturedPipeline = capturedValue(captured, 'pipeline');
  const sendVariant = async (name: string, change: VariantChange): Promise<ProbeVariantReport> => {
    const request: ProbeRequest = buildVariant(captured, name, change, timeoutMs);
    if (sentAt === null) sentAt = new Date(now()).toISOString();
    let res: ProbeResponse;
    try {
      res = await send(request);
    } catch (error) {
      res = { error: 'network', message: error instanceof Error ? error.message : String(error) };
    }
    const c = classifyResponse(res);
    const v: ProbeVariantReport = {
      name,
      hub: change.hub === undefined ? capturedHub : change.hub,
      pipeline: change.pipeline === undefined ? capturedPipeline : change.pipeline,
      status: c.status,
      bodyStatus: c.bodyStatus,
      result: c.result,
      responsePipeline: c.pipeline,
      detail: c.detail === null ? null : scrub(c.detail),
    };
    variants.push(v);
    seen.set(v, c);
    return v;
  };

  const baseline = await sendVariant('baseline', {});
  const failed = baselineFailure(baseline);
  if (failed) return report(failed);
  const { canaryRefusedTwice } = await sendVariants(sendVariant, {
    capturedHub,
    pipelineChange: pipelineVariant(baseline.responsePipeline, capturedPipeline),
    pickCanary: canaryPicker(canary, capturedHub),
    debug: options.debug === true,
  });
  return report(decideOutcome({ call, variants, classified: seen, capturedPipeline, debug: options.debug === true, canaryRefusedTwice }));
}
