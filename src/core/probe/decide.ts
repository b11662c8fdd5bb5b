/**
 * The probe's outcome, from the answers it got (a false `enforced` is the worst bug this product can have):
 * - `routing-changed`: a variant a visitor could send was routed to another pipeline than the baseline.
 * - `rejected`: the baseline succeeded, the canary hub was refused twice (a 4xx other than 408, 419 or 429), and a
 *   later request with the same credential succeeded again (so the refusals were not an expiring credential); see
 *   refusals.ts.
 * - `held`: every variant reached the baseline's pipeline. Never `enforced`: a condition matching any hub would
 *   give the same answer.
 * - `inconclusive`: anything else (baseline refused or failed, expired credential, timeouts, no `pipeline`).
 */
import type { CallReport, ProbeOutcome, ProbeVariantReport } from '../types';
import type { Classified } from './classify';
import type { Eligibility } from './eligibility';
import { afterRefusals } from './refusals';

/** An outcome with its one-sentence reason and what to do (the report adds where and when). */
export interface Decision {
  outcome: ProbeOutcome;
  reason: string;
  advice: string | null;
  baselinePipeline: string | null;
}

/** What the probe saw: the variants in the order sent (the baseline first) and how each answer was read. */
export interface Evidence {
  call: CallReport;
  variants: readonly ProbeVariantReport[];
  classified: ReadonlyMap<ProbeVariantReport, Classified>;
  /** The pipeline the captured request names (body or URL), or null. */
  capturedPipeline: string | null;
  /** The first canary carried `debug: true`. */
  debug: boolean;
  canaryRefusedTwice: boolean;
}

const EXPIRED_ADVICE =
  'Record a fresh HAR (reload the page with DevTools open) and probe at once, or probe from the panel while the page is open: search tokens live 15 minutes to 24 hours.';

function inconclusive(reason: string, advice: string | null, baselinePipeline: string | null): Decision {
  return { outcome: 'inconclusive', reason, advice, baselinePipeline };
}

/** Nothing sent: the call cannot be probed, or its request cannot be re-sent. */
export function notProbed(eligibility: Eligibility): Decision {
  return inconclusive(
    `Not probed: ${eligibility.eligible ? 'the captured request cannot be re-sent' : eligibility.reason}.`,
    'Probe a search call sent with the credential in question.',
    null,
  );
}

/** Nothing sent: the call's search token has expired (Coveo would refuse every variant). Null when it has not. */
export function tokenExpired(call: CallReport, now: () => number): Decision | null {
  const expiresAt = call.token?.expiresAt ? Date.parse(call.token.expiresAt) : NaN;
  if (Number.isNaN(expiresAt) || expiresAt > now()) return null;
  return inconclusive(
    `Not probed: the search token ${call.credential.fingerprint ?? ''} expired at ${call.token?.expiresAt}, so Coveo would refuse every variant.`,
    EXPIRED_ADVICE,
    null,
  );
}

/** The baseline (the captured request re-sent) did not get an answer to compare with. Null when it did. */
export function baselineFailure(baseline: ProbeVariantReport): Decision | null {
  if (baseline.result === 'expired') {
    return inconclusive(`Coveo refused the captured request itself as expired (${baseline.detail}).`, EXPIRED_ADVICE, null);
  }
  if (baseline.result === 'routed' || baseline.result === 'no-pipeline') return null;
  const what = baseline.result === 'timeout' ? 'timed out' : baseline.result === 'refused' ? `was refused (${baseline.detail})` : `failed (${baseline.detail})`;
  return inconclusive(
    `The captured request, re-sent unchanged but for the probe's own changes, ${what}: there is nothing to compare with.`,
    baseline.result === 'refused'
      ? 'The credential may no longer be valid, or the endpoint needs something the probe does not re-send (cookies): record a fresh HAR and probe at once.'
      : 'Check that the origin is reachable from here (for a stand-in or staging host, --resolve and NODE_EXTRA_CA_CERTS), then probe again.',
    null,
  );
}

/** The outcome once every variant was sent. */
export function decideOutcome(e: Evidence): Decision {
  const { call, variants } = e;
  const baseline = variants[0] as ProbeVariantReport;
  const bp = baseline.responsePipeline;
  const others = variants.slice(1);
  const again = others.find((v) => v.name === 'baseline-again');
  if (again && bp !== null && again.result === 'routed' && again.responsePipeline !== bp) {
    return inconclusive(
      `The captured request, sent twice, reached pipeline "${bp}" and then "${again.responsePipeline}": routing is not stable (an A/B test, or the configuration changed), so the variants cannot be compared.`,
      'Probe again; if the pipeline keeps changing, check the A/B tests and conditions in the Admin Console.',
      bp,
    );
  }
  const changed = bp === null ? undefined : others.find((v) => v.name !== 'baseline-again' && v.result === 'routed' && v.responsePipeline !== bp);
  if (changed && bp !== null) {
    return {
      outcome: 'routing-changed',
      reason: `${describeVariant(changed)} reached pipeline "${changed.responsePipeline}", the captured request "${bp}": a visitor can choose the pipeline by editing the request.`,
      advice: null,
      baselinePipeline: bp,
    };
  }
  if (e.canaryRefusedTwice) return afterRefusals(e);
  if (bp === null) {
    return inconclusive(
      "Coveo's answer to the captured request names no pipeline, so where each variant was routed cannot be compared.",
      call.kind === 'querySuggest'
        ? 'Probe a search call with the same credential: search answers name their pipeline.'
        : 'Probe a search call whose answer names its pipeline.',
      null,
    );
  }
  const notHeld = others.filter((v) => v.result !== 'routed');
  if (notHeld.length > 0) {
    return inconclusive(
      `No variant reached another pipeline, but ${notHeld.map((v) => `${v.name} ${v.result === 'no-pipeline' ? 'named no pipeline' : v.result}${v.detail && v.result !== 'no-pipeline' ? ` (${v.detail})` : ''}`).join(', ')}.`,
      'Probe again; if a variant keeps failing, the org audit or the Admin Console can settle the routing.',
      bp,
    );
  }
  return {
    outcome: 'held',
    reason: `Every variant (${others.map(describeVariant).join('; ')}) reached the captured request's pipeline "${bp}".`,
    advice:
      "This is consistent with a hub the credential enforces, but also with a pipeline condition that matches any hub: run the org audit or check the API key's scope and the pipeline conditions in the Admin Console.",
    baselinePipeline: bp,
  };
}

function describeVariant(v: ProbeVariantReport): string {
  switch (v.name) {
    case 'canary':
    case 'canary-again':
      return `the same request with hub "${v.hub}"`;
    case 'no-hub':
      return 'the same request without a hub';
    case 'pipeline':
      return v.pipeline === null ? 'the same request without its pipeline' : `the same request with pipeline "${v.pipeline}"`;
    default:
      return 'the captured request';
  }
}
