/**
 * One page of `coveo-hub-inspector audit`, driven through playwright-core: a fresh browser context, the page
 * loaded, its Coveo traffic awaited, a query typed (suggestions) and submitted (a search), the traffic settled,
 * then the core's report. The context is closed before returning, so nothing of the page stays in memory but
 * the report (and the entries, only when the caller asked to save them).
 */
import type { Browser } from 'playwright-core';
import { redactUrl, type HarEntryLike, type PageVerdict, type Report } from '../core/index';
import { CoveoHub } from './hub';
import { DEFAULT_SEARCH_BOXES, findSearchBox } from './search';

export type PageStatus = 'audited' | 'load-failed' | 'timeout' | 'no-coveo-calls';
/** A page's verdict in an audit: the core's page verdict, or `error` when the page could not be audited. */
export type AuditPageVerdict = PageVerdict | 'error';

export interface PageAuditOptions {
  query: string;
  searchBox: string | null;
  ignoreHttpsErrors: boolean;
  timeoutMs: number;
  /** Keep the recorded entries (for --save-har). */
  keepEntries: boolean;
}

export interface PageAudit {
  url: string;
  status: PageStatus;
  verdict: AuditPageVerdict;
  /** One sentence: the core's reason, or what went wrong. */
  reason: string;
  /** The load error or timeout, one line; null when the page loaded. */
  error: string | null;
  /** HTTP status of the page's document, when it answered. */
  httpStatus: number | null;
  /** The search box typed in, or null when none was found. */
  searchBox: string | null;
  /** What the audit could not do on this page (no search box, no suggestions, traffic still busy...). */
  notes: string[];
  durationMs: number;
  report: Report;
  entries: HarEntryLike[] | null;
}

function oneLine(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300);
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || /Timeout \d+ms exceeded|timed out/i.test(error.message));
}

/** Playwright's multi-line error messages, down to their first line without the call log. */
function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return oneLine(message.split('\n')[0] ?? message);
}

export async function auditPage(browser: Browser, url: string, options: PageAuditOptions): Promise<PageAudit> {
  const started = Date.now();
  const deadline = started + options.timeoutMs;
  const left = (cap = Infinity): number => Math.max(1, Math.min(cap, deadline - Date.now()));
  const notes: string[] = [];
  let status: PageStatus = 'audited';
  let error: string | null = null;
  let httpStatus: number | null = null;
  let searchBox: string | null = null;

  const context = await browser.newContext({ ignoreHTTPSErrors: options.ignoreHttpsErrors });
  // The source name is shown in reports: the page URL redacted like call URLs (an access_token in it, say).
  const hub = new CoveoHub(context, { name: redactUrl(url) });
  try {
    const page = await context.newPage();
    try {
      const response = await page.goto(url, { waitUntil: 'load', timeout: left() });
      httpStatus = response?.status() ?? null;
      if (httpStatus !== null && httpStatus >= 400) {
        status = 'load-failed';
        error = `the page answered HTTP ${httpStatus}`;
      }
    } catch (e) {
      status = isTimeout(e) ? 'timeout' : 'load-failed';
      error = status === 'timeout' ? `the page did not finish loading within ${Math.round(options.timeoutMs / 1000)} s` : firstLine(e);
    }
    if (status === 'audited') {
      // Most search pages search on load; some wait for the visitor; a slow page may show its box before its first
      // search. Whichever comes first (a Coveo call or a visible search box) says the page is ready.
      const selectors = options.searchBox ? [options.searchBox] : DEFAULT_SEARCH_BOXES;
      let decided = false;
      const ready = await Promise.race([
        hub.recorder.waitForCall({ timeoutMs: left(20_000) }).then((ok) => (ok ? 'call' : 'none')),
        findSearchBox(page, selectors, left(20_000), () => decided).then((box) => (box ? 'box' : 'none')),
      ]);
      decided = true;
      if (ready === 'box') await hub.recorder.waitForCall({ timeoutMs: left(3_000) });
      if (hub.recorder.count() > 0) await hub.settle({ quietMs: 500, timeoutMs: left() });
      try {
        const outcome = await hub.search(page, {
          query: options.query,
          ...(options.searchBox ? { searchBox: options.searchBox } : {}),
          timeoutMs: left(ready === 'none' ? 2_000 : 10_000),
        });
        searchBox = outcome.searchBox;
        if (outcome.searchBox === null) notes.push('no search box found (tried the defaults; see --search-box): no query was typed');
        else {
          if (outcome.suggestionsSent === false) notes.push(`typing in ${outcome.searchBox} sent no query-suggestion request`);
          if (outcome.searchSent === false) notes.push(`submitting ${outcome.searchBox} sent no search request`);
        }
      } catch (e) {
        if (Date.now() >= deadline) {
          status = 'timeout';
          error = `the search did not complete within ${Math.round(options.timeoutMs / 1000)} s`;
        } else notes.push(`could not search: ${firstLine(e)}`);
      }
      if (!(await hub.settle({ quietMs: 750, timeoutMs: left() }))) notes.push('Coveo traffic was still in flight at the timeout: analysed what had finished');
    }
  } finally {
    await context.close().catch(() => undefined);
    hub.stop();
  }
  const report = hub.reportNow();
  if (status === 'audited' && report.calls.length === 0) status = 'no-coveo-calls';
  let verdict: AuditPageVerdict;
  let reason: string;
  if (status === 'load-failed' || status === 'timeout') {
    verdict = 'error';
    reason = `Not audited: ${error ?? status}.`;
  } else if (status === 'no-coveo-calls') {
    verdict = 'empty';
    reason = searchBox === null ? 'No Coveo call was observed, and no search box was found.' : 'No Coveo call was observed, even after searching.';
  } else {
    verdict = report.summary.verdict;
    reason = report.summary.reason;
  }
  return {
    url,
    status,
    verdict,
    reason,
    error,
    httpStatus,
    searchBox,
    notes,
    durationMs: Date.now() - started,
    report,
    entries: options.keepEntries ? hub.recorder.entries() : null,
  };
}
