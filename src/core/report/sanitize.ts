/**
 * Last line of defence for every renderer: the report is already redacted by the core, but a renderer must never
 * print something that looks like a whole credential, nor let a page-controlled string steer a terminal or a
 * Markdown document.
 */
import { redactSecrets } from '../redact';

/**
 * Reports repeat the same strings on every call (locations, fingerprints, reasons, hosts, dates, kinds): `fn` (a
 * pure function of its string) runs once per distinct short string. Bounded (cleared when full) and for short
 * strings only: V8 hashes a long string by its length alone, so long strings would share one bucket.
 */
function memoized(fn: (text: string) => string): (text: string) => string {
  const memo = new Map<string, string>();
  MEMOS.push(memo);
  return (text) => {
    if (text.length > MEMO_MAX_CHARS) return fn(text);
    let out = memo.get(text);
    if (out === undefined) {
      if (memo.size >= MEMO_MAX_ENTRIES) memo.clear();
      out = fn(text);
      memo.set(text, out);
    }
    return out;
  };
}
const MEMO_MAX_CHARS = 512;
const MEMO_MAX_ENTRIES = 1 << 16;
const MEMOS: Map<string, string>[] = [];

/** Forgets every memo: each whole-report renderer calls it before and after, so no page text outlives its render. */
export function forgetScrubbed(): void {
  for (const m of MEMOS) m.clear();
}

/**
 * Replaces anything shaped like a full JWT or a Coveo API key with its fingerprint: the core's one pattern
 * (`redactSecrets`), the same the analysis and the panel use.
 */
export const scrubSecrets = memoized(redactSecrets);

/** Every string inside a JSON-like value (keys too) passed through `scrubSecrets`. */
export function scrubDeep(value: unknown): unknown {
  if (typeof value === 'string') return scrubSecrets(value);
  if (Array.isArray(value)) return value.map(scrubDeep);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[scrubSecrets(k)] = scrubDeep(v);
    return out;
  }
  return value;
}

/**
 * Invisible and reordering characters a page can hide in a string: C0 and C1 controls, DEL, soft hyphen, zero-width
 * characters, bidirectional marks, overrides and isolates, and lone surrogates. "Pub\u200Blic" or
 * "Shop\u202Egnp.exe" could otherwise pass for another hub, and ESC or BEL could steer a terminal.
 */
const HIDDEN =
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Shows each hidden character (see HIDDEN) as a visible marker such as ⟨U+202E⟩; `keep` lists characters left as they are. */
export function markHidden(text: string, keep = ''): string {
  HIDDEN.lastIndex = 0;
  if (!HIDDEN.test(text)) return text;
  return text.replace(HIDDEN, (c) => (keep.includes(c) ? c : `⟨U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟩`));
}

/**
 * One safe line for a terminal: secrets scrubbed, line breaks and tabs become spaces, every other hidden character
 * (ESC, BEL, C1, zero-width, bidi overrides) is shown as a marker, never sent raw.
 */
export function safeLine(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return safeLineOf(value);
}
const safeLineOf = memoized((value) => markHidden(scrubSecrets(value).replace(/\r\n|[\r\n\t\u2028\u2029]/g, ' ')));

/**
 * Inline Markdown text: safe in a table cell and in a paragraph. Escapes Markdown syntax and HTML, turns line
 * breaks into spaces, removes control characters.
 */
export function mdInline(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return mdInlineOf(value);
}
const mdInlineOf = memoized((value) =>
  safeLine(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([#+=-])/, '$1\\$2')
    .replace(/^(\s*)(\d+)([.)])/, '$1$2\\$3'),
);

/** Only plain https links are rendered as links; anything else is shown as escaped text. */
export function mdLink(url: string, label?: string): string {
  if (
    /^https:\/\/[A-Za-z0-9.-]+(\/[A-Za-z0-9\-._~%!$&'()*+,;=:@/]*)?(\?[A-Za-z0-9\-._~%!$&'*+,;=:@/?]*)?(#[A-Za-z0-9\-._~%!$&'*+,;=:@/?]*)?$/.test(url) &&
    !url.includes(')')
  ) {
    return `[${mdInline(label ?? url)}](${url})`;
  }
  return mdInline(url);
}

const UTC_MS = /^\d{4}-\d\d-\d\dT(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

/** `HH:MM:SS.mmm` (UTC) for a HAR start time, the raw text (made safe) when it does not parse, `—` when absent. */
export function clockTime(started: string | null): string {
  if (started === null || started === '') return '—';
  const ms = Date.parse(started);
  if (Number.isNaN(ms)) return safeLine(started).slice(0, 40);
  // A valid UTC time with milliseconds already reads as `toISOString` would write it (hour 24 excepted).
  if (UTC_MS.test(started)) return started.slice(11, 23);
  return new Date(ms).toISOString().slice(11, 23);
}

export const SEVERITY_ORDER: Record<string, number> = { error: 0, warning: 1, info: 2 };
