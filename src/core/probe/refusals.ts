/**
 * The canary hub was refused twice: `rejected` (the credential enforces its hub) only when the request after the
 * refusals succeeded again like the baseline and nothing else could explain the refusals; each doubt makes the
 * outcome `inconclusive`, and says why.
 */
import type { ProbeVariantReport } from '../types';
import type { Decision, Evidence } from './decide';

/** The status that counts: the body's when it carries an error (search-ui's errorsAsSuccess), else the HTTP one. */
function effective(v: ProbeVariantReport): number | null {
  return v.bodyStatus !== null && v.bodyStatus >= 400 ? v.bodyStatus : v.status;
}

/** The outcome when the canary hub was refused twice. */
export function afterRefusals(e: Evidence): Decision {
  const { call, variants, classified: seen, capturedPipeline } = e;
  const baseline = variants[0] as ProbeVariantReport;
  const bp = baseline.responsePipeline;
  const capturedAnswer = call.response.pipeline;
  const last = variants[variants.length - 1] as ProbeVariantReport;
  // The request after the refusals is a Coveo answer from the baseline's pipeline (or, like it, names none).
  const lastOk = seen.get(last)?.answer === true && (last.result === 'routed' ? last.responsePipeline === bp : bp === null);
  const refusals = variants.filter((v) => v.name.startsWith('canary'));
  const statuses = refusals.map((v) =>
    v.bodyStatus !== null && v.bodyStatus >= 400 && v.bodyStatus !== v.status ? `${v.bodyStatus} in the body` : `HTTP ${v.status}`,
  );
  // Each doubt that the refusals are about the hub, and not about something else the request carries.
  const doubts: string[] = [];
  if (seen.get(baseline)?.answer !== true)
    doubts.push(`the answer to the captured request is not a Coveo search answer (${baseline.detail ?? 'no pipeline, results or count'})`);
  if (refusals.some((v) => seen.get(v)?.json !== true))
    doubts.push("a refusal is not a JSON answer, as Coveo's are (a firewall, CDN or login page answers so)");
  if (refusals.length === 2 && effective(refusals[0] as ProbeVariantReport) !== effective(refusals[1] as ProbeVariantReport))
    doubts.push('the two refusals have different statuses');
  if (e.debug) doubts.push('the first refused request also carried debug: true, so it differed from the captured one in more than its hub');
  if (capturedPipeline !== null)
    doubts.push(
      `the request names pipeline "${capturedPipeline}", and a pipeline a visitor names beats the hub unless some pipeline has a condition on that hub, which a refusal does not show`,
    );
  // The baseline must reproduce the page's call: another pipeline means another credential (a proxy that picks
  // one by cookie, which the probe does not send), a configuration changed since, or an A/B test.
  if (bp !== null && capturedAnswer !== null && bp.trim().toLowerCase() !== capturedAnswer.trim().toLowerCase()) {
    doubts.push(
      `the captured request, re-sent, reached pipeline "${bp}" where the page's own call was answered from "${capturedAnswer}", so the probe does not reproduce the page's call (a proxy may choose its credential by cookie, which the probe does not send, or the configuration changed)`,
    );
  }
  if (call.verdict === 'unenforced')
    doubts.push('the credential itself cannot enforce a hub (the call is unenforced without the probe), so the refusals come from something else');
  if (lastOk && doubts.length > 0) {
    return {
      outcome: 'inconclusive',
      reason: `Coveo refused two other hubs (${statuses.join(', ')}), but ${doubts.join('; ')}.`,
      advice:
        e.debug && doubts.length === 1
          ? 'Probe again without debug.'
          : "The org audit or the Admin Console (the API key's scope, the pipeline conditions) can settle the routing.",
      baselinePipeline: bp,
    };
  }
  if (lastOk) {
    return {
      outcome: 'rejected',
      reason: `Coveo answered the captured request${bp ? ` (pipeline "${bp}")` : ''} but refused two other hubs (${statuses.join(', ')}), and then answered the same credential again: the credential enforces its hub.`,
      advice: null,
      baselinePipeline: bp,
    };
  }
  return {
    outcome: 'inconclusive',
    reason: `Coveo refused two other hubs (${statuses.join(', ')}), but the request sent after them ${last.result === 'refused' || last.result === 'expired' ? 'was refused too' : 'did not succeed'}, so the refusals may be the credential's, not the hub's.`,
    advice: 'Probe again with a fresh credential.',
    baselinePipeline: bp,
  };
}
