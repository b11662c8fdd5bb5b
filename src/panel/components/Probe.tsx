import { useState } from 'preact/hooks';
import { MAX_PROBE_REQUESTS, probeCredentialLabel, probeEligibility, runProbe } from '../../core/index';
import type { CallReport, HarEntryLike, ProbeReport } from '../../core/index';
import type { ProbeBridge } from '../../devtools/platform';
import { visible } from '../format';

type Step = { at: 'idle' } | { at: 'consent' } | { at: 'permission' } | { at: 'sending' } | { at: 'denied' } | { at: 'failed'; message: string };

const OUTCOME_LABEL: Record<ProbeReport['outcome'], string> = {
  'routing-changed': 'Routing changed: a visitor can choose the pipeline',
  rejected: 'Rejected: the credential enforces its hub',
  held: 'Held: consistent with an enforced hub, not a proof',
  inconclusive: 'Inconclusive',
};

function ProbeResult({ probe }: { probe: ProbeReport }) {
  return (
    <div class={`probe-result probe-${probe.outcome}`} data-testid="probe-result" data-outcome={probe.outcome}>
      <p>
        <strong>{OUTCOME_LABEL[probe.outcome]}</strong> — {visible(probe.reason)}
      </p>
      {probe.variants.length > 0 && (
        <ul class="probe-variants">
          {probe.variants.map((v, i) => (
            <li key={i} data-testid="probe-variant" data-variant={v.name} data-result={v.result}>
              {v.name}: {v.hub === null ? 'no hub' : `hub ${visible(v.hub)}`}
              {v.pipeline === null ? '' : `, pipeline ${visible(v.pipeline)}`} → {v.status ?? '—'} {v.result}
              {v.responsePipeline ? `, pipeline ${visible(v.responsePipeline)}` : ''}
              {v.detail ? ` (${visible(v.detail)})` : ''}
            </li>
          ))}
        </ul>
      )}
      {probe.advice && (
        <p>
          <em>What to do:</em> {visible(probe.advice)}
        </p>
      )}
      <p class="muted">
        {probe.requests} request(s) sent to {visible(probe.origin)}
        {probe.probedCall ? `; applies to ${probe.appliesTo.length} call(s) with the same credential and endpoint` : ''}.
      </p>
    </div>
  );
}

/**
 * The routing probe of one call: nothing is sent until the user has read what will be sent, to which origin, with
 * which credential, and confirmed; the browser then asks for that one origin, and only then the probe goes out
 * from the background script.
 */
export function Probe({
  call,
  entry,
  calls,
  entryOf,
  bridge,
  onResult,
}: {
  call: CallReport;
  entry: HarEntryLike | null;
  calls: readonly CallReport[];
  entryOf?: (call: CallReport) => HarEntryLike | null;
  bridge: ProbeBridge | undefined;
  onResult: (probe: ProbeReport) => void;
}) {
  const [step, setStep] = useState<Step>({ at: 'idle' });
  if (!bridge || (call.kind !== 'search' && call.kind !== 'querySuggest')) return call.probe ? <ProbeResult probe={call.probe} /> : null;
  const eligibility = entry
    ? probeEligibility(call, entry)
    : { eligible: false as const, reason: 'its request was not kept (only search and query-suggestion POST requests can be probed)' };
  const origin = eligibility.eligible ? eligibility.origin : '';

  const confirm = (): void => {
    if (!entry || !eligibility.eligible) return;
    setStep({ at: 'permission' });
    // Called in the click itself: the browser asks for this one origin only.
    const granted = bridge.requestOrigin(origin);
    void (async () => {
      try {
        if (!(await granted)) {
          setStep({ at: 'denied' });
          return;
        }
        setStep({ at: 'sending' });
        const probe = await runProbe({ entry, call, calls, entryOf, send: bridge.send });
        onResult(probe);
        setStep({ at: 'idle' });
      } catch (error) {
        setStep({ at: 'failed', message: error instanceof Error ? error.message : String(error) });
      }
    })();
  };

  return (
    <section class="probe" aria-label="Routing probe" data-testid="probe">
      <h3>Routing probe</h3>
      {call.probe && <ProbeResult probe={call.probe} />}
      {!eligibility.eligible && (
        <p class="muted" data-testid="probe-unavailable">
          Not available for this call: {visible(eligibility.reason)}.
        </p>
      )}
      {eligibility.eligible && step.at === 'idle' && (
        <button type="button" data-testid="probe-button" onClick={() => setStep({ at: 'consent' })}>
          {call.probe ? 'Probe again…' : 'Probe routing…'}
        </button>
      )}
      {eligibility.eligible && step.at === 'consent' && (
        <div class="probe-consent" role="dialog" aria-label="Send the routing probe?" data-testid="probe-consent" data-origin={origin}>
          <p>
            <strong>This sends requests from your browser.</strong> Up to {MAX_PROBE_REQUESTS} POST requests to{' '}
            <code data-testid="probe-origin">{visible(origin)}</code>
            {visible(eligibility.endpoint)}, with credential <code data-testid="probe-credential">{visible(probeCredentialLabel(call))}</code>:
          </p>
          <ul>
            <li>the captured request as it was, then the same with a random canary hub, without a hub, and where it applies with another pipeline;</li>
            <li>each counts as a query for the organization; no result is shown (numberOfResults 0) and the analytics section is removed;</li>
            <li>cookies are not sent; the credential stays in this panel's memory only.</li>
          </ul>
          <p>
            {bridge.asksIn === 'panel'
              ? `The browser will ask you to allow this extension to reach ${origin} (and nothing else).`
              : `A small Coveo Hub Inspector window will open: its button asks the browser to allow ${origin} (and nothing else).`}
          </p>
          <button type="button" data-testid="probe-confirm" onClick={confirm}>
            Allow {visible(origin)} and send
          </button>{' '}
          <button type="button" data-testid="probe-cancel" onClick={() => setStep({ at: 'idle' })}>
            Cancel
          </button>
        </div>
      )}
      {step.at === 'permission' && (
        <p data-testid="probe-status" data-step="permission">
          {bridge.asksIn === 'panel'
            ? `Waiting for the browser's permission for ${visible(origin)}…`
            : `Waiting for you to allow ${visible(origin)} in the Coveo Hub Inspector window…`}
        </p>
      )}
      {step.at === 'sending' && (
        <p data-testid="probe-status" data-step="sending">
          Sending the probe to {visible(origin)}…
        </p>
      )}
      {step.at === 'denied' && (
        <p data-testid="probe-status" data-step="denied">
          The permission for {visible(origin)} was not granted: nothing was sent.{' '}
          <button type="button" onClick={() => setStep({ at: 'idle' })}>
            OK
          </button>
        </p>
      )}
      {step.at === 'failed' && (
        <p data-testid="probe-status" data-step="failed" class="bad">
          The probe failed: {visible(step.message)}{' '}
          <button type="button" onClick={() => setStep({ at: 'idle' })}>
            OK
          </button>
        </p>
      )}
    </section>
  );
}
