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

/** Fewest visible characters (beyond the `xx` prefix and the dashes) a masked value must show to be compared at all. */
const MIN_VISIBLE = 6;
/** Masking: `*` or `•` hide one character each; `…` or `...` hide any number. */
const MASK_CHARS = /[*•]|…|\.{3,}/;

type Exposed = { kind: 'full'; value: string } | { kind: 'masked'; pattern: RegExp; shown: string } | { kind: 'none' };

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

export function exposedValue(key: OrgApiKey): Exposed {
  const raw = typeof key.value === 'string' ? key.value.trim().toLowerCase() : '';
  if (raw === '') return { kind: 'none' };
  if (looksLikeApiKey(raw)) return { kind: 'full', value: raw };
  if (!MASK_CHARS.test(raw) || raw.length > 200) return { kind: 'none' };
  const parts = raw.split(/([*•]+|…|\.{3,})/);
  let source = '';
  let visible = 0;
  for (const part of parts) {
    if (part === '') continue;
    if (/^[*•]+$/.test(part)) source += `.{${part.length}}`;
    else if (part === '…' || /^\.{3,}$/.test(part)) source += '.*';
    else {
      source += escapeRegExp(part);
      visible += part.replace(/^xx/, '').replace(/-/g, '').length;
    }
  }
  if (visible < MIN_VISIBLE) return { kind: 'none' };
  const visibleStart = parts[0] ?? '';
  const visibleEnd = parts[parts.length - 1] ?? '';
  return { kind: 'masked', pattern: new RegExp(`^${source}$`), shown: `${visibleStart.slice(0, 4)}…${visibleEnd.slice(-4)}` };
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
    } else if (exposed.pattern.test(value)) {
      partial.push(key);
    }
  }
  if (partial.length === 1) {
    const key = partial[0] as OrgApiKey;
    return {
      match: 'partial',
      key,
      reason: `Only key ${key.id} shows a masked value consistent with ${shown}; a masked value cannot prove it is the same key.`,
    };
  }
  if (partial.length > 1) {
    return {
      match: 'ambiguous',
      key: null,
      candidates: partial,
      reason: `${partial.length} keys show masked values consistent with ${shown} (${partial.map((k) => k.id).join(', ')}).`,
    };
  }
  if (comparable === 0) {
    return {
      match: 'not-comparable',
      key: null,
      reason:
        keys.length === 0
          ? 'The organization lists no API key.'
          : `The listing exposes no usable part of any key's value (${keys.length} keys), so ${shown} cannot be matched to a record.`,
    };
  }
  return {
    match: 'none',
    key: null,
    reason: `No listed key has the value ${shown}: it was deleted, belongs to another organization, or is not visible to this token.`,
  };
}
