/**
 * Last line of defence for every renderer: the report is already redacted by the core, but a renderer must never
 * print something that looks like a whole credential, nor let a page-controlled string steer a terminal or a
 * Markdown document.
 */
import { fingerprint } from '../redact';

/** A JWT Coveo-style (`eyJ…`), or any long three-part base64url string. */
const JWT_LIKE = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*|[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/g;
/** A Coveo API key: `xx` and a GUID. */
const API_KEY_LIKE = /xx[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Replaces anything shaped like a full JWT or a Coveo API key with its fingerprint. */
export function scrubSecrets(text: string): string {
  return text.replace(JWT_LIKE, (m) => fingerprint(m)).replace(API_KEY_LIKE, (m) => fingerprint(m));
}

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

// C0 and C1 controls, DEL, and the Unicode bidirectional overrides/isolates (which can disguise text).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * One safe line for a terminal: secrets scrubbed, line breaks and tabs become spaces, every other control
 * character (ESC, BEL, C1, bidi overrides) is removed.
 */
export function safeLine(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return scrubSecrets(value)
    .replace(/\r\n|[\r\n\t\u2028\u2029]/g, ' ')
    .replace(CONTROL, '');
}

/**
 * Inline Markdown text: safe in a table cell and in a paragraph. Escapes Markdown syntax and HTML, turns line
 * breaks into spaces, removes control characters.
 */
export function mdInline(value: string | null | undefined): string {
  return safeLine(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([#+=-])/, '$1\\$2')
    .replace(/^(\s*)(\d+)([.)])/, '$1$2\\$3');
}

/** Only plain https links are rendered as links; anything else is shown as escaped text. */
export function mdLink(url: string, label?: string): string {
  if (/^https:\/\/[A-Za-z0-9.-]+(\/[A-Za-z0-9\-._~%!$&'()*+,;=:@/]*)?(\?[A-Za-z0-9\-._~%!$&'*+,;=:@/?]*)?(#[A-Za-z0-9\-._~%!$&'*+,;=:@/?]*)?$/.test(url) && !url.includes(')')) {
    return `[${mdInline(label ?? url)}](${url})`;
  }
  return mdInline(url);
}

/** `HH:MM:SS.mmm` (UTC) for a HAR start time, the raw text (made safe) when it does not parse, `—` when absent. */
export function clockTime(started: string | null): string {
  if (started === null || started === '') return '—';
  const ms = Date.parse(started);
  if (Number.isNaN(ms)) return safeLine(started).slice(0, 40);
  return new Date(ms).toISOString().slice(11, 23);
}

export const SEVERITY_ORDER: Record<string, number> = { error: 0, warning: 1, info: 2 };
