/**
 * A probe's outcome applied to the calls it covers (same credential, endpoint and request pipeline): the `probe`
 * object, the verdict the evidence supports, and the probe rules' findings. Pure: returns new call objects.
 */
import { redactSecrets } from '../redact';
import { probeHeld } from '../rules/probe-held';
import { probeRoutingChanged } from '../rules/probe-routing-changed';
import { findingOf, type CallContext, type CallRule } from '../rules/types';
import type { CallReport, Finding, ProbeReport } from '../types';

const PROBE_RULES: readonly CallRule[] = [probeRoutingChanged, probeHeld];
const NO_FIELDS: CallContext['request'] = {
  hub: null,
  hubSource: null,
  otherHub: null,
  pipeline: null,
  pipelineSource: null,
  pipelineNamed: false,
  tab: null,
  query: null,
  organizationId: null,
  viewAllContent: false,
};

function applyOne(call: CallReport, probe: ProbeReport): CallReport {
  const next: CallReport = { ...call, probe, findings: call.findings.filter((f) => !PROBE_RULES.some((r) => r.id === f.rule)) };
  const earlier = call.probe?.outcome;
  if (probe.outcome === 'routing-changed') {
    next.verdict = 'unenforced';
    next.verdictReason = redactSecrets(`Routing probe: ${probe.reason}`);
  } else if (probe.outcome === 'rejected') {
    // Only an unverifiable call becomes enforced: an unenforced one (a hub-less token, an earlier probe that saw
    // routing change) keeps that evidence.
    if (call.verdict === 'unverifiable' || call.verdict === 'enforced') {
      next.verdict = 'enforced';
      next.verdictReason = redactSecrets(`Routing probe: ${probe.reason}`);
    }
  } else if (earlier === 'rejected' && probe.requests > 0 && call.verdict === 'enforced') {
    // A later probe that sent requests and did not see the refusals again: the earlier enforced no longer stands.
    next.verdict = 'unverifiable';
    next.verdictReason = redactSecrets(`Routing probe: ${probe.reason} (an earlier probe saw other hubs refused; this one did not)`);
  }
  // `held` and `inconclusive` otherwise leave the verdict as it was: never enforced without a refusal to show for it.
  const ctx: CallContext = { call: next, request: NO_FIELDS, startedMs: null, hubApplies: true, distinctCredentials: 1, bodyTruncated: false };
  const added: Finding[] = [];
  for (const rule of PROBE_RULES) {
    const message = rule.check(ctx);
    if (message !== null) added.push(findingOf(rule, message));
  }
  next.findings = [...added, ...next.findings];
  return next;
}

/** The calls with the probe applied to every call its `appliesTo` names; the others unchanged. */
export function applyProbe(calls: readonly CallReport[], probe: ProbeReport): CallReport[] {
  const ids = new Set(probe.appliesTo);
  return calls.map((c) => (ids.has(c.id) ? applyOne(c, probe) : c));
}
