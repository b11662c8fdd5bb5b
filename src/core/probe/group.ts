/** The calls one probe's outcome applies to: the probed call and those that would be sent the same way. */
import { extractRawCredentials } from '../credentials';
import type { CallReport, HarEntryLike } from '../types';
import { originOf } from './eligibility';

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
export function credentialIdentity(entry: HarEntryLike): string {
  return extractRawCredentials(entry)
    .map((c) => `${c.location}\u0001${c.scheme ?? ''}\u0001${c.value}`)
    .sort()
    .join('\u0000');
}

/**
 * The ids of the calls a probe of `call` covers: `call` itself, first if it is not in `calls`, and every other call
 * of its group whose captured entry (`entryOf`) sends the same credential values and was read in full. Without
 * `entryOf`, the probed call only.
 */
export function coveredCalls(
  call: CallReport,
  entry: HarEntryLike,
  calls: readonly CallReport[] | undefined,
  entryOf: ((call: CallReport) => HarEntryLike | null) | undefined,
): string[] {
  const key = probeGroupKey(call);
  const identity = credentialIdentity(entry);
  const appliesTo = (calls ?? [call])
    .filter((c) => {
      if (c.id === call.id) return true;
      if (probeGroupKey(c) !== key || c.notes.some((n) => n.includes('truncated'))) return false;
      const other = entryOf?.(c) ?? null;
      return other !== null && credentialIdentity(other) === identity;
    })
    .map((c) => c.id);
  if (!appliesTo.includes(call.id)) appliesTo.unshift(call.id);
  return appliesTo;
}
