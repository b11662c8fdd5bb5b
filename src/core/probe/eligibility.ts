/** Which calls the routing probe can re-send, and where it would send them. */
import { fingerprint } from '../redact';
import type { CallReport, HarEntryLike } from '../types';
import { captureRequest } from './variants';

export type Eligibility = { eligible: true; origin: string; endpoint: string } | { eligible: false; reason: string };

/** A plain http(s) URL without user info, in parts; null for anything else. */
export function originOf(url: string): { origin: string; path: string; search: string } | null {
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

/** The credential a probe would send, as shown in the consent step (never the value). */
export function probeCredentialLabel(call: CallReport): string {
  if (call.credential.type === 'none') return "none in the request (the site's server adds its own)";
  return `${call.credential.type} ${call.credential.fingerprint ?? fingerprint('')}`;
}
