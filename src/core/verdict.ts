import type { CallKind, CallOutcome, CredentialInfo, Routing, Verdict } from './types';
import { HUB_KINDS } from './kinds';
import { names } from './values';

/** Kinds whose routing the search hub decides: derived from the kind table (kinds.ts), re-exported for the rules. */
export { HUB_KINDS };

export interface VerdictInput {
  kind: CallKind;
  routing: Routing;
  host: string;
  credential: CredentialInfo;
  claims: Record<string, unknown> | null;
  /** The request carries several different credentials. */
  conflicting: boolean;
  /** The search token is unsigned (`alg: none` or no signature). */
  unsigned?: boolean;
  /** The token's payload repeats a routing claim's key: which copy Coveo reads is unknown. */
  ambiguousClaims?: boolean;
  /** The response's HTTP status, when known. */
  status?: number | null;
  /** The request body was read only in part (a credential or hub beyond the limit would not be seen). */
  bodyTruncated?: boolean;
  /** The request body looks like JSON but does not parse: what Coveo read from it is unknown. */
  bodyUnparsed?: boolean;
  /** The request names a query pipeline (body, form or URL), shown as `requestPipeline` when it is a string. */
  pipelineNamed?: boolean;
  requestPipeline?: string | null;
  /** How the call ended (from the HTTP status and the body's `statusCode`). */
  outcome?: CallOutcome;
  /** The error status the body carries (errorsAsSuccess), when any. */
  bodyStatus?: number | null;
  /** A POST/PUT whose body is not (whole) in the record: why, or null. */
  bodyMissing?: string | null;
  /** The body is neither JSON nor a form (multipart, an unknown encoding): whether it names a pipeline is unknown. */
  bodyUnreadable?: boolean;
  /** The pipeline the response says Coveo routed to, and the A/B test that did, when the response names them. */
  responsePipeline?: string | null;
  splitTestRun?: string | null;
  /**
   * The call had a response body that was not read (too long, not JSON, not captured): why, or null. A pipeline
   * claim is then unchecked against the pipeline Coveo answered from.
   */
  responseUnread?: string | null;
}

/**
 * A token pipeline claim the response contradicts: Coveo answered from another pipeline, and no A/B test
 * (`splitTestRun`) explains it. Compared without letter case or surrounding blanks.
 */
export function contradictsPipelineClaim(claim: unknown, responsePipeline: string | null | undefined, splitTestRun: string | null | undefined): boolean {
  if (!names(claim) || !names(responsePipeline) || names(splitTestRun)) return false;
  return claim.trim().toLowerCase() !== responsePipeline.trim().toLowerCase();
}

/** Coveo refused the credential: the call was not routed at all. */
const REFUSED = new Set([401, 403, 419]);

/** Why a call that did not succeed proves nothing, or null when it succeeded (or its outcome is not recorded). */
function notAnswered(input: VerdictInput): string | null {
  const status = input.status ?? null;
  const outcome =
    input.outcome ??
    (typeof status === 'number'
      ? status >= 400
        ? REFUSED.has(status)
          ? 'refused'
          : 'failed'
        : status >= 300
          ? 'redirected'
          : status >= 200
            ? 'success'
            : 'unknown'
      : 'unknown');
  if (outcome === 'success') return null;
  if (outcome === 'unknown') {
    return status === null
      ? 'no answer is recorded (no response or no numeric status), so whether Coveo accepted it is unknown'
      : `the outcome is unknown (HTTP ${status}, and the response body that tells a refusal or Coveo's answer could not be read as JSON)`;
  }
  if (outcome === 'redirected') return `the call was redirected (HTTP ${status}): a redirect is not an answer, the search ran nowhere at that URL`;
  if (outcome === 'aborted') return 'the call got no answer (status 0: aborted or blocked)';
  const inBody = input.bodyStatus !== null && input.bodyStatus !== undefined && status !== input.bodyStatus;
  const code = inBody ? `status ${input.bodyStatus} in the body of an HTTP ${status ?? '?'} answer (errorsAsSuccess)` : `HTTP ${status}`;
  const expired = (inBody ? input.bodyStatus : status) === 419 ? ', expired token' : '';
  if (outcome === 'refused') return `Coveo refused the call (${code}${expired})`;
  return `the call failed (${code})`;
}

/** A claim quoted in a reason: bounded (a hostile token may carry a megabyte). */
function quote(value: unknown): string {
  const text = String(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

const nonEmpty = names;

/**
 * The call's verdict. `enforced` only on positive evidence: a search token's non-empty `searchHub` (or `pipeline`)
 * claim, sent straight to Coveo, with no other credential beside it. Everything uncertain is `unverifiable`.
 */
export function decideVerdict(input: VerdictInput): { verdict: Verdict; reason: string } {
  const { kind, credential, claims } = input;
  if (!HUB_KINDS.has(kind)) {
    return { verdict: 'not-applicable', reason: `The search hub does not route ${kind} calls; credential checks still apply.` };
  }
  if (input.conflicting) {
    return { verdict: 'unverifiable', reason: 'The request carries several different credentials and which one Coveo uses is not documented.' };
  }
  switch (credential.type) {
    case 'none':
      if (input.routing === 'proxy') {
        return {
          verdict: 'unverifiable',
          reason: `No credential in the request to ${input.host || 'the site'}: a server-side proxy probably adds one, and what it enforces cannot be seen from the browser.`,
        };
      }
      // Straight to Coveo: Coveo answers a call without a credential with 401, so either it was refused or the
      // record lost the credential (a sanitized HAR export strips Authorization). Never "a proxy adds one".
      return {
        verdict: 'unverifiable',
        reason:
          typeof input.status === 'number' && REFUSED.has(input.status)
            ? `No credential in this call to ${input.host || 'Coveo'}, and Coveo refused it (HTTP ${input.status}): nothing was routed.`
            : `No credential in this call to ${input.host || 'Coveo'} as recorded, though Coveo requires one: the record most likely lost it (a sanitized HAR export strips Authorization), so what it enforced cannot be seen.`,
      };
    case 'api-key':
      return {
        verdict: 'unverifiable',
        reason: 'An API key\'s hub scope is set on the server ("Limit the API key scope") and cannot be seen from the browser.',
      };
    case 'basic':
      return { verdict: 'unverifiable', reason: 'Basic (user name and password) credentials carry no hub the browser can see.' };
    case 'jwt':
      return {
        verdict: 'unverifiable',
        reason: 'The bearer JWT does not look like a Coveo search token (no v8, roles or SearchApi issuer), so its claims prove nothing about routing.',
      };
    case 'opaque':
      return {
        verdict: 'unverifiable',
        reason: `The credential is not a search token or an API key${credential.note ? ` (${credential.note})` : ''}, so what it enforces is unknown.`,
      };
    case 'search-token': {
      const hub = claims?.searchHub;
      const pipeline = claims?.pipeline;
      if (hub !== undefined && hub !== null && typeof hub !== 'string') {
        return { verdict: 'unverifiable', reason: `The token's searchHub claim is not a string (${typeof hub}); how Coveo reads it is unknown.` };
      }
      if (!nonEmpty(hub) && !nonEmpty(pipeline)) {
        return {
          verdict: 'unenforced',
          reason: 'The search token has no searchHub or pipeline claim, so the hub comes from the request body, which anyone can edit.',
        };
      }
      // A claim is evidence only for a token sent straight to Coveo, accepted by it, in a request seen whole.
      const what = nonEmpty(hub) ? `hub "${quote(hub)}"` : `pipeline "${quote(pipeline)}"`;
      if (input.routing === 'proxy') {
        return {
          verdict: 'unverifiable',
          reason: `The token carries ${what}, but the call goes through ${input.host || 'the site'}'s own server, which may forward it or use its own credential.`,
        };
      }
      if (input.unsigned) {
        return {
          verdict: 'unverifiable',
          reason: `The token carries ${what} but is unsigned (alg "none" or no signature): Coveo could not have minted it, so its claims prove nothing.`,
        };
      }
      if (input.ambiguousClaims) {
        return {
          verdict: 'unverifiable',
          reason: `The token carries ${what}, but its payload names the searchHub or pipeline claim more than once: which copy Coveo reads is unknown.`,
        };
      }
      const failed = notAnswered(input);
      if (failed !== null) {
        return { verdict: 'unverifiable', reason: `The token carries ${what}, but ${failed}, so nothing is proven routed by it.` };
      }
      if (input.bodyMissing) {
        return {
          verdict: 'unverifiable',
          reason: `The token carries ${what}, but ${input.bodyMissing}: a pipeline or another credential in it would change what Coveo uses.`,
        };
      }
      if (input.bodyUnreadable) {
        return {
          verdict: 'unverifiable',
          reason: `The token carries ${what}, but the request body is neither JSON nor a form (multipart or an unknown encoding): whether it names a pipeline Coveo reads is unknown.`,
        };
      }
      if (input.bodyTruncated) {
        return {
          verdict: 'unverifiable',
          reason: `The token carries ${what}, but the request body was too long to read whole: another credential or a pipeline further in it could change what Coveo uses.`,
        };
      }
      if (input.bodyUnparsed) {
        return {
          verdict: 'unverifiable',
          reason: `The token carries ${what}, but the request body looks like JSON and does not parse: what Coveo read from it (a pipeline, another credential) is unknown.`,
        };
      }
      // A token pipeline claim wins over everything; a hub claim beats a request pipeline only when some pipeline
      // has a condition on that hub, which the browser cannot see.
      if (!nonEmpty(pipeline) && input.pipelineNamed) {
        const named = input.requestPipeline ? ` "${quote(input.requestPipeline)}"` : '';
        return {
          verdict: 'unverifiable',
          reason: `The token carries ${what}, but the request names a pipeline${named}: Coveo routes by the request's pipeline unless some pipeline has a condition on the token's hub, which the browser cannot see.`,
        };
      }
      if (nonEmpty(pipeline) && input.responseUnread) {
        return {
          verdict: 'unverifiable',
          reason: `The token carries a pipeline claim "${quote(pipeline)}", but the response was not read (${input.responseUnread}): whether Coveo answered from that pipeline, which the response names, is unknown.`,
        };
      }
      if (contradictsPipelineClaim(pipeline, input.responsePipeline, input.splitTestRun)) {
        return {
          verdict: 'unverifiable',
          reason: `The token's pipeline claim "${quote(pipeline)}" did not pin routing: Coveo answered from pipeline "${quote(input.responsePipeline)}" (no A/B test named), so the claim is not what routed this call.`,
        };
      }
      if (nonEmpty(hub)) return { verdict: 'enforced', reason: `The search token's searchHub claim "${quote(hub)}" overrides any hub in the request.` };
      return { verdict: 'enforced', reason: `The search token's pipeline claim "${quote(pipeline)}" pins routing, whatever the request's hub.` };
    }
  }
}
