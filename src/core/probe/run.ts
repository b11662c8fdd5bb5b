/**
 * The routing probe: which calls can be probed, the requests it sends (at most 4, in order, each decided from the
 * answers so far), and the outcome rules. Pure: the network is the injected `send`.
 *
 * Outcomes (a false `enforced` is the worst bug this product can have):
 * - `routing-changed`: a variant a visitor could send was routed to another pipeline than the baseline.
 * - `rejected`: the baseline succeeded, the canary hub was refused twice (a 4xx other than 408, 419 or 429), and a
 *   later request with the same credential succeeded again (so the refusals were not an expiring credential).
 * - `held`: every variant reached the baseline's pipeline. Never `enforced`: a condition matching any hub would
 *   give the same answer.
 * - `inconclusive`: anything else (baseline refused or failed, expired credential, timeouts, no `pipeline`).
 */
import { extractRawCredentials } from '../credentials';
import { fingerprint, redactSecrets } from '../redact';
import type { CallReport, HarEntryLike, ProbeOutcome, ProbeReport, ProbeResult, ProbeVariantReport } from '../types';
import type { ProbeRequest, ProbeResponse, ProbeSend } from './seam';
import { buildVariant, captureRequest, capturedValue, type CapturedRequest, type VariantChange } from './variants';

export const MAX_PROBE_REQUESTS = 4;
export const DEFAULT_TIMEOUT_MS = 10_000;

export type Eligibility = { eligible: true; origin: string; endpoint: string } | { eligible: false; reason: string };

function originOf(url: string): { origin: string; path: string; search: string } | null {
  try {
    const u = new URL(url);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
    if (u.username !== '' || u.password !== '') return null;
    return { origin: u.origin, path: u.pathname, search: u.search };
  } catch {
    return null;
  }
}

/** Whether a call can be probed, and where the probe would send. */
export function probeEligibility(call: CallReport, entry: HarEntryLike | null): Eligibility {
  if (call.kind !== 'search' && call.kind !== 'querySuggest')
    return { eligible: false, reason: `only search and query-suggestion calls are probed (this is ${call.kind})` };
  if (call.api !== 'search') return { eligible: false, reason: 'only Search API calls are probed' };
  if (call.method !== 'POST') return { eligible: false, reason: `only POST calls are probed (this is ${call.method})` };
  if (call.verdict === 'enforced' && call.pipeline.request === null)
    return {
      eligible: false,
      reason:
        call.probe?.outcome === 'rejected'
          ? 'already enforced: a routing probe saw other hubs refused'
          : "already enforced by its token's claim, and the request names no pipeline",
    };
  if (call.routing === 'coveo-host' && call.credential.type === 'none')
    return { eligible: false, reason: 'no credential to re-send: Coveo would refuse every variant' };
  if (!entry) return { eligible: false, reason: 'the captured request is not available' };
  if (call.notes.some((n) => n.includes('truncated'))) return { eligible: false, reason: 'the captured body was read only in part' };
  const at = originOf(call.url.length > 0 && typeof entry.request.url === 'string' ? entry.request.url : call.url);
  if (!at) return { eligible: false, reason: 'the URL is not a plain http(s) URL' };
  if (!captureRequest(entry)) return { eligible: false, reason: 'the captured body is neither a JSON object nor form fields' };
  return { eligible: true, origin: at.origin, endpoint: at.path };
}

/**
 * Calls one probe's outcome applies to: same credential (by fingerprint here; `runProbe` also compares the values),
 * same URL (origin, path and query: `organizationId`, a proxy's `siteName` may pick another org or credential), same
 * kind, same request hub and request pipeline.
 */
export function probeGroupKey(call: CallReport): string {
  const at = originOf(call.url);
  return [
    call.credential.fingerprint ?? 'none',
    at ? `${at.origin}${at.path}${at.search}` : call.url,
    call.kind,
    call.searchHub.request ?? '',
    call.pipeline.request ?? '',
  ].join('\u0000');
}

/** The credentials an entry sends, as one comparable string (values included: fingerprints can collide). */
function credentialIdentity(entry: HarEntryLike): string {
  return extractRawCredentials(entry)
    .map((c) => `${c.location}\u0001${c.scheme ?? ''}\u0001${c.value}`)
    .sort()
    .join('\u0000');
}

interface Classified {
  result: ProbeResult;
  status: number | null;
  bodyStatus: number | null;
  pipeline: string | null;
  detail: string | null;
  /** The body is a JSON object (Coveo answers and refuses in JSON; a WAF, CDN or login page does not). */
  json: boolean;
  /** A success that is a Coveo answer: names a pipeline, or carries results, a count or completions. */
  answer: boolean;
}

/** The 4xx answers that can mean "this hub is not allowed" (others: wrong path, method, size, policy...). */
const REFUSALS = new Set([400, 401, 403]);

function bounded(text: string, max = 200): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f]+/g, ' ');
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

/** The routing lines of a debug `executionReport`: its ResolvePipeline and PerformAuthentication sections. */
export function routingFromExecutionReport(report: unknown): string | null {
  const found: string[] = [];
  const walk = (node: unknown, depth: number): void => {
    if (found.length >= 4 || depth > 12 || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const item of node.slice(0, 200)) walk(item, depth + 1);
      return;
    }
    const o = node as Record<string, unknown>;
    const name = typeof o.name === 'string' ? o.name : '';
    if (/^(ResolvePipeline|PerformAuthentication)$/i.test(name)) {
      const parts: string[] = [];
      for (const key of ['description', 'result', 'queryRestrictions', 'pipeline']) {
        if (o[key] !== undefined) parts.push(`${key}: ${typeof o[key] === 'string' ? o[key] : JSON.stringify(o[key])}`);
      }
      found.push(bounded(`${name} ${parts.join('; ')}`.trim(), 300));
    }
    for (const value of Object.values(o)) if (value !== null && typeof value === 'object') walk(value, depth + 1);
  };
  walk(report, 0);
  return found.length > 0 ? found.join(' | ') : null;
}

/** What one answer says: routed (with its pipeline), refused, expired credential, transient failure. */
export function classifyResponse(res: ProbeResponse): Classified {
  if ('error' in res) {
    return {
      result: res.error === 'timeout' ? 'timeout' : 'failed',
      status: null,
      bodyStatus: null,
      pipeline: null,
      detail: bounded(res.message),
      json: false,
      answer: false,
    };
  }
  let body: Record<string, unknown> | null = null;
  if (typeof res.body === 'string' && res.body.trimStart().startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(res.body);
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
    } catch {
      body = null;
    }
  }
  const bodyStatus = body && typeof body.statusCode === 'number' && Number.isInteger(body.statusCode) ? body.statusCode : null;
  // search-ui's errorsAsSuccess: HTTP 200 with the error in the body. The body's status is the one that counts.
  const effective = bodyStatus !== null && bodyStatus >= 400 ? bodyStatus : res.status;
  const message = body ? [body.type, body.message].filter((v) => typeof v === 'string' && v !== '').join(': ') : '';
  const base = { status: res.status, bodyStatus, json: body !== null, answer: false };
  if (effective >= 200 && effective < 300) {
    const pipeline = body && typeof body.pipeline === 'string' && body.pipeline.trim() !== '' ? body.pipeline : null;
    const debug = body ? routingFromExecutionReport(body.executionReport) : null;
    if (pipeline === null) {
      const answer = body !== null && (Array.isArray(body.results) || typeof body.totalCount === 'number' || Array.isArray(body.completions));
      return {
        ...base,
        answer,
        result: 'no-pipeline',
        pipeline: null,
        detail: !body ? 'the answer is not a JSON object' : answer ? 'the answer names no pipeline' : 'the answer names no pipeline and is not a search answer',
      };
    }
    return { ...base, answer: true, result: 'routed', pipeline, detail: debug };
  }
  const detail = message !== '' ? bounded(message) : `HTTP ${effective}`;
  if (effective === 419 || (effective === 401 && /expired/i.test(message))) return { ...base, result: 'expired', pipeline: null, detail };
  if (REFUSALS.has(effective)) return { ...base, result: 'refused', pipeline: null, detail };
  // 404, 405, 413, 415... name something else than the hub (and 408, 429 are transient): a failure, not a refusal.
  return {
    ...base,
    result: 'failed',
    pipeline: null,
    detail: effective >= 400 && effective < 500 && detail === `HTTP ${effective}` ? `HTTP ${effective}, not a refusal of the hub` : detail,
  };
}

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

export function randomCanary(): string {
  const bytes = new Uint8Array(4);
  const c = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } }).crypto;
  if (c?.getRandomValues) c.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  return `chi-canary-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

const EXPIRED_ADVICE =
  'Record a fresh HAR (reload the page with DevTools open) and probe at once, or probe from the panel while the page is open: search tokens live 15 minutes to 24 hours.';

function isDefault(pipeline: string | null): boolean {
  return pipeline !== null && pipeline.trim().toLowerCase() === 'default';
}

/** Sends the variants one after the other and decides the outcome. Never throws for a transport failure. */
export async function runProbe(options: ProbeOptions): Promise<ProbeReport> {
  const { entry, call, send } = options;
  const now = options.now ?? Date.now;
  const canary = options.canary ?? randomCanary;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const eligibility = probeEligibility(call, entry);
  const key = probeGroupKey(call);
  const identity = credentialIdentity(entry);
  const appliesTo = (options.calls ?? [call])
    .filter((c) => {
      if (c.id === call.id) return true;
      if (probeGroupKey(c) !== key || c.notes.some((n) => n.includes('truncated'))) return false;
      const other = options.entryOf?.(c) ?? null;
      return other !== null && credentialIdentity(other) === identity;
    })
    .map((c) => c.id);
  if (!appliesTo.includes(call.id)) appliesTo.unshift(call.id);
  // The credential's own values: never in the report, even when an answer or an error message echoes them.
  const secrets = [
    ...new Set(
      extractRawCredentials(entry)
        .map((c) => c.value)
        .filter((v) => v.length >= 6),
    ),
  ];
  const scrub = (text: string): string => {
    let out = text;
    for (const secret of secrets) {
      const label = fingerprint(secret);
      out = out.split(secret).join(label);
      const encoded = encodeURIComponent(secret);
      if (encoded !== secret) out = out.split(encoded).join(label);
    }
    return redactSecrets(out);
  };
  const variants: ProbeVariantReport[] = [];
  const seen = new Map<ProbeVariantReport, Classified>();
  const report = (outcome: ProbeOutcome, reason: string, advice: string | null, baselinePipeline: string | null, sentAt: string | null): ProbeReport => ({
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
  if (!eligibility.eligible || !captured) {
    return report(
      'inconclusive',
      `Not probed: ${eligibility.eligible ? 'the captured request cannot be re-sent' : eligibility.reason}.`,
      'Probe a search call sent with the credential in question.',
      null,
      null,
    );
  }
  const expiresAt = call.token?.expiresAt ? Date.parse(call.token.expiresAt) : NaN;
  if (!Number.isNaN(expiresAt) && expiresAt <= now()) {
    return report(
      'inconclusive',
      `Not probed: the search token ${call.credential.fingerprint ?? ''} expired at ${call.token?.expiresAt}, so Coveo would refuse every variant.`,
      EXPIRED_ADVICE,
      null,
      null,
    );
  }

  const capturedHub = capturedValue(captured, 'searchHub');
  const capturedPipeline = capturedValue(captured, 'pipeline');
  let sentAt: string | null = null;
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
  const bp = baseline.responsePipeline;
  const capturedAnswer = call.response.pipeline;
  if (baseline.result === 'expired') {
    return report('inconclusive', `Coveo refused the captured request itself as expired (${baseline.detail}).`, EXPIRED_ADVICE, null, sentAt);
  }
  if (baseline.result !== 'routed' && baseline.result !== 'no-pipeline') {
    const what =
      baseline.result === 'timeout' ? 'timed out' : baseline.result === 'refused' ? `was refused (${baseline.detail})` : `failed (${baseline.detail})`;
    return report(
      'inconclusive',
      `The captured request, re-sent unchanged but for the probe's own changes, ${what}: there is nothing to compare with.`,
      baseline.result === 'refused'
        ? 'The credential may no longer be valid, or the endpoint needs something the probe does not re-send (cookies): record a fresh HAR and probe at once.'
        : 'Check that the origin is reachable from here (for a stand-in or staging host, --resolve and NODE_EXTRA_CA_CERTS), then probe again.',
      null,
      sentAt,
    );
  }

  // The pipeline variant: what a visitor who edits `pipeline` gets. "default" when the baseline went elsewhere;
  // without the request's own pipeline when the baseline went to the default one; none when neither applies.
  let pipelineChange: VariantChange | null = null;
  if (bp !== null && !isDefault(bp)) pipelineChange = { pipeline: 'default' };
  else if (capturedPipeline !== null) pipelineChange = { pipeline: null };

  // A canary is never the captured hub (then a refusal would not be about the hub).
  const pickCanary = (): string => {
    const hub = canary();
    return capturedHub !== null && hub.trim().toLowerCase() === capturedHub.trim().toLowerCase() ? randomCanary() : hub;
  };
  const canaryHub = pickCanary();
  const first = await sendVariant('canary', { hub: canaryHub, debug: options.debug === true });
  let canaryRefusedTwice = false;
  if (first.result === 'refused') {
    const again = await sendVariant('canary-again', { hub: pickCanary() });
    canaryRefusedTwice = again.result === 'refused';
    // The fourth request proves the credential still works: the pipeline variant when there is one, else the baseline.
    if (canaryRefusedTwice) {
      if (pipelineChange) await sendVariant('pipeline', pipelineChange);
      else await sendVariant('baseline-again', {});
    }
  } else if (capturedHub !== null || capturedValue(captured, 'searchHub') !== null) {
    await sendVariant('no-hub', { hub: null });
    if (pipelineChange) await sendVariant('pipeline', pipelineChange);
  } else if (pipelineChange) {
    await sendVariant('pipeline', pipelineChange);
  }

  const others = variants.slice(1);
  const again = others.find((v) => v.name === 'baseline-again');
  if (again && bp !== null && again.result === 'routed' && again.responsePipeline !== bp) {
    return report(
      'inconclusive',
      `The captured request, sent twice, reached pipeline "${bp}" and then "${again.responsePipeline}": routing is not stable (an A/B test, or the configuration changed), so the variants cannot be compared.`,
      'Probe again; if the pipeline keeps changing, check the A/B tests and conditions in the Admin Console.',
      bp,
      sentAt,
    );
  }
  const changed = bp === null ? undefined : others.find((v) => v.name !== 'baseline-again' && v.result === 'routed' && v.responsePipeline !== bp);
  if (changed && bp !== null) {
    return report(
      'routing-changed',
      `${describe(changed)} reached pipeline "${changed.responsePipeline}", the captured request "${bp}": a visitor can choose the pipeline by editing the request.`,
      null,
      bp,
      sentAt,
    );
  }
  if (canaryRefusedTwice) {
    const last = variants[variants.length - 1] as ProbeVariantReport;
    // The request after the refusals is a Coveo answer from the baseline's pipeline (or, like it, names none).
    const lastOk = seen.get(last)?.answer === true && (last.result === 'routed' ? last.responsePipeline === bp : bp === null);
    const refusals = variants.filter((v) => v.name.startsWith('canary'));
    const statuses = refusals.map((v) =>
      v.bodyStatus !== null && v.bodyStatus >= 400 && v.bodyStatus !== v.status ? `${v.bodyStatus} in the body` : `HTTP ${v.status}`,
    );
    const effective = (v: ProbeVariantReport) => (v.bodyStatus !== null && v.bodyStatus >= 400 ? v.bodyStatus : v.status);
    // Each doubt that the refusals are about the hub, and not about something else the request carries.
    const doubts: string[] = [];
    if (seen.get(baseline)?.answer !== true)
      doubts.push(`the answer to the captured request is not a Coveo search answer (${baseline.detail ?? 'no pipeline, results or count'})`);
    if (refusals.some((v) => seen.get(v)?.json !== true))
      doubts.push("a refusal is not a JSON answer, as Coveo's are (a firewall, CDN or login page answers so)");
    if (refusals.length === 2 && effective(refusals[0] as ProbeVariantReport) !== effective(refusals[1] as ProbeVariantReport))
      doubts.push('the two refusals have different statuses');
    if (options.debug === true) doubts.push('the first refused request also carried debug: true, so it differed from the captured one in more than its hub');
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
      return report(
        'inconclusive',
        `Coveo refused two other hubs (${statuses.join(', ')}), but ${doubts.join('; ')}.`,
        options.debug === true && doubts.length === 1
          ? 'Probe again without debug.'
          : "The org audit or the Admin Console (the API key's scope, the pipeline conditions) can settle the routing.",
        bp,
        sentAt,
      );
    }
    if (lastOk) {
      return report(
        'rejected',
        `Coveo answered the captured request${bp ? ` (pipeline "${bp}")` : ''} but refused two other hubs (${statuses.join(', ')}), and then answered the same credential again: the credential enforces its hub.`,
        null,
        bp,
        sentAt,
      );
    }
    return report(
      'inconclusive',
      `Coveo refused two other hubs (${statuses.join(', ')}), but the request sent after them ${last.result === 'refused' || last.result === 'expired' ? 'was refused too' : 'did not succeed'}, so the refusals may be the credential's, not the hub's.`,
      'Probe again with a fresh credential.',
      bp,
      sentAt,
    );
  }
  if (bp === null) {
    return report(
      'inconclusive',
      "Coveo's answer to the captured request names no pipeline, so where each variant was routed cannot be compared.",
      call.kind === 'querySuggest'
        ? 'Probe a search call with the same credential: search answers name their pipeline.'
        : 'Probe a search call whose answer names its pipeline.',
      null,
      sentAt,
    );
  }
  const notHeld = others.filter((v) => v.result !== 'routed');
  if (notHeld.length > 0) {
    return report(
      'inconclusive',
      `No variant reached another pipeline, but ${notHeld.map((v) => `${v.name} ${v.result === 'no-pipeline' ? 'named no pipeline' : v.result}${v.detail && v.result !== 'no-pipeline' ? ` (${v.detail})` : ''}`).join(', ')}.`,
      'Probe again; if a variant keeps failing, the org audit or the Admin Console can settle the routing.',
      bp,
      sentAt,
    );
  }
  return report(
    'held',
    `Every variant (${others.map(describe).join('; ')}) reached the captured request's pipeline "${bp}".`,
    "This is consistent with a hub the credential enforces, but also with a pipeline condition that matches any hub: run the org audit or check the API key's scope and the pipeline conditions in the Admin Console.",
    bp,
    sentAt,
  );
}

function describe(v: ProbeVariantReport): string {
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

/** The credential a probe would send, as shown in the consent step (never the value). */
export function probeCredentialLabel(call: CallReport): string {
  if (call.credential.type === 'none') return "none in the request (the site's server adds its own)";
  return `${call.credential.type} ${call.credential.fingerprint ?? fingerprint('')}`;
}
