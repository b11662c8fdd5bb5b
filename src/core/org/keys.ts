/**
 * Matching an API key seen in a HAR to the organization's key records. Only the value can match them, and the
 * listing may expose it whole, masked (`xx12…89ab`, `xx12****89ab`) or not at all: each case says what it proves.
 */
import { fingerprint, looksLikeApiKey } from '../redact';
import type { OrgApiKey } from './types';

export type KeyMatch =
  | { match: 'exact'; key: OrgApiKey; reason: string }
  | { match: 'partial'; key: OrgApiKey; reason: string }
  | { match: 'ambiguous'; key: null; candidates: OrgApiKey[]; reason: string }
  | { match: 'none'; key: null; reason: string }
  | { match: 'not-comparable'; key: null; reason: string };

/** Fewest visible characters (beyond the `xx` prefix) a masked value must show to be compared at all. */
const MIN_VISIBLE = 6;
const MASK = /[*•…]+|\.{3,}/;

type Exposed = { kind: 'full'; value: string } | { kind: 'masked'; prefix: string; suffix: string } | { kind: 'none' };

export function exposedValue(key: OrgApiKey): Exposed {
  const raw = typeof key.value === 'string' ? key.value.trim().toLowerCase() : '';
  if (raw === '') return { kind: 'none' };
  if (looksLikeApiKey(raw)) return { kind: 'full', value: raw };
  const m = MASK.exec(raw);
  if (!m) return { kind: 'none' };
  const prefix = raw.slice(0, m.index);
  const suffix = raw.slice(m.index + m[0].length);
  if (MASK.test(suffix)) return { kind: 'none' };
  const visible = prefix.replace(/^xx/, '').length + suffix.length;
  return visible >= MIN_VISIBLE ? { kind: 'masked', prefix, suffix } : { kind: 'none' };
}

export function matchKey(rawValue: string, keys: readonly OrgApiKey[]): KeyMatch {
  const value = rawValue.trim().toLowerCase();
  const shown = fingerprint(rawValue);
  let comparable = 0;
  const partial: OrgApiKey[] = [];
  for (const key of keys) {
    const exposed = exposedValue(key);
    if (exposed.kind === 'none') continue;
    comparable++;
    if (exposed.kind === 'full') {
      if (exposed.value === value) return { match: 'exact', key, reason: `The listing's value of key ${key.id} equals ${shown}.` };
    } else if (value.startsWith(exposed.prefix) && value.endsWith(exposed.suffix) && value.length >= exposed.prefix.length + exposed.suffix.length) {
      partial.push(key);
    }
  }
  if (partial.length === 1) {
    const key = partial[0] as OrgApiKey;
    return { match: 'partial', key, reason: `Only key ${key.id} shows a masked value consistent with ${shown}; a masked value cannot prove it is the same key.` };
  }
  if (partial.length > 1) {
    return { match: 'ambiguous', key: null, candidates: partial, reason: `${partial.length} keys show masked values consistent with ${shown} (${partial.map((k) => k.id).join(', ')}).` };
  }
  if (comparable === 0) {
    return {
      match: 'not-comparable',
      key: null,
      reason: keys.length === 0 ? 'The organization lists no API key.' : `The listing exposes no usable part of any key's value (${keys.length} keys), so ${shown} cannot be matched to a record.`,
    };
  }
  return { match: 'none', key: null, reason: `No listed key has the value ${shown}: it was deleted, belongs to another organization, or is not visible to this token.` };
}
