/** What was tested, read from a HAR document: page title and URL, the HAR's creator and browser. */
import { redactUrl, shownText } from '../redact';
import type { CallReport, SourceInfo } from '../types';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown, max = 300): string | null => (typeof v === 'string' && v.trim() !== '' ? shownText(v).slice(0, max) : null);

function named(v: unknown): { name: string; version: string | null } | null {
  if (!isObj(v)) return null;
  const name = str(v.name, 100);
  return name === null ? null : { name, version: str(v.version, 100) };
}

/**
 * Which page a HAR recorded, from its entries as they stream by: the first top-level document entry
 * (`_resourceType: document`, or an HTML answer to a GET), else the first `Referer` a call sent (often only the
 * origin, by referrer policy). Stops looking once a document is found.
 */
export class PageUrlHint {
  private document: string | null = null;
  private referer: string | null = null;

  /** `known`: the page URL is already known elsewhere (a HAR page title that is a URL), so no entry can change it. */
  constructor(private readonly known = false) {}

  /** True once no further entry can change the answer (the document entry was seen, or the URL is known). */
  get settled(): boolean {
    return this.known || this.document !== null;
  }

  see(entry: unknown): void {
    if (this.document !== null || !isObj(entry) || !isObj(entry.request)) return;
    const request = entry.request;
    const url = typeof request.url === 'string' ? request.url : '';
    const response = isObj(entry.response) ? entry.response : null;
    const mime = response && isObj(response.content) && typeof response.content.mimeType === 'string' ? response.content.mimeType : '';
    if (/^https?:/i.test(url) && (entry._resourceType === 'document' || (request.method === 'GET' && /^text\/html/i.test(mime)))) {
      this.document = url;
      return;
    }
    if (this.referer === null && Array.isArray(request.headers)) {
      for (const h of request.headers) {
        if (isObj(h) && typeof h.name === 'string' && h.name.toLowerCase() === 'referer' && typeof h.value === 'string' && /^https?:/i.test(h.value)) {
          this.referer = h.value;
          break;
        }
      }
    }
  }

  get url(): string | null {
    return this.document ?? this.referer;
  }
}

/**
 * The page and tools a HAR names: `log.pages[0].title`, the page's URL (the title when it is a URL, as Chrome
 * writes it, else the hint from the entries; credentials redacted), `log.creator` and `log.browser`. Fields a HAR
 * leaves out are null; never throws.
 */
export function harContext(doc: unknown, hint?: PageUrlHint | readonly unknown[]): Pick<SourceInfo, 'page' | 'creator' | 'browser'> {
  const log = isObj(doc) && isObj(doc.log) ? doc.log : {};
  const pages = Array.isArray(log.pages) ? log.pages : [];
  const first = pages.find(isObj);
  const title = first ? str(first.title) : null;
  let seen: PageUrlHint | undefined;
  if (Array.isArray(hint)) {
    seen = new PageUrlHint();
    for (const e of hint) seen.see(e);
  } else seen = hint as PageUrlHint | undefined;
  const raw = title !== null && /^https?:\/\//i.test(title) ? title : (seen?.url ?? null);
  const url = raw === null ? null : shownText(redactUrl(raw)).slice(0, 2000);
  return { page: { url, title }, creator: named(log.creator), browser: named(log.browser) };
}

/** The first and last start time of these calls (ISO), null when none has a valid time. */
export function captureSpan(calls: readonly CallReport[]): { capturedFrom: string | null; capturedTo: string | null } {
  let min = Infinity;
  let max = -Infinity;
  for (const c of calls) {
    const ms = c.startedDateTime ? Date.parse(c.startedDateTime) : NaN;
    if (Number.isNaN(ms)) continue;
    if (ms < min) min = ms;
    if (ms > max) max = ms;
  }
  if (min === Infinity) return { capturedFrom: null, capturedTo: null };
  return { capturedFrom: new Date(min).toISOString(), capturedTo: new Date(max).toISOString() };
}
