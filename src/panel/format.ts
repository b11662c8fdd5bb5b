import type { CallReport, PageVerdict, Verdict } from '../core/index';
import { markHidden } from '../core/report/sanitize';
import { duration } from '../core/values';

export const VERDICT_LABEL: Record<Verdict, string> = {
  enforced: 'enforced',
  unenforced: 'not enforced',
  unverifiable: 'unverifiable',
  'not-applicable': 'n/a',
};

export const PAGE_VERDICT_LABEL: Record<PageVerdict, string> = {
  pass: 'Pass: every search hub is enforced by its credential',
  review: 'Review: some calls cannot be proven enforced',
  fail: 'Fail: a search hub is only set by the editable request',
  empty: 'No Coveo calls yet',
};

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** `14:03:07.123` in local time, or an empty string. */
export function clockTime(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

/** A readable local date and time. */
export function dateTime(iso: string | null): string {
  if (!iso) return 'unknown';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return 'unknown';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** The core's one duration formatter (rules and reports use the same). */
export { duration };

/** "expired 3 h before this request" / "expires 2 h after this request". */
export function expiryAtRequest(seconds: number | null): string | null {
  if (seconds === null || !Number.isFinite(seconds)) return null;
  if (seconds < 0) return `expired ${duration(seconds)} before this request`;
  return `expires ${duration(seconds)} after this request`;
}

/** A page-controlled string as the panel shows it: hidden characters as ⟨U+XXXX⟩ markers; tab and line breaks kept. */
export function visible(text: string): string {
  return markHidden(text, '\t\n\r');
}

export function hubCell(call: CallReport): string {
  const request = call.searchHub.request ?? '—';
  const effective = call.searchHub.effective ?? '—';
  return visible(request === effective ? request : `${request} → ${effective}`);
}

export function claimText(value: unknown): string {
  if (typeof value === 'string') return visible(value);
  try {
    return visible(JSON.stringify(value) ?? String(value));
  } catch {
    return visible(String(value));
  }
}

export function isSafeDocsLink(url: string): boolean {
  return /^https:\/\//i.test(url);
}
