/**
 * The audit's report: one section per page (the core's own renderers, so redaction and escaping are theirs) and an
 * overall verdict. Each page's section is rendered as soon as the page is done, so only text is kept per page.
 *
 * JSON (`kind: "coveo-hub-audit"`, `schemaVersion` 1; fields may be added, never renamed): `{schemaVersion, kind,
 * tool, options, pages: [{url, status, verdict, reason, error, httpStatus, searchBox, notes, durationMs,
 * report}], summary: {verdict, reason, pages, counts}}`, where `report` is the `check` JSON report of that page.
 */
import { redactUrl, renderJson, renderMarkdown, renderText, TOOL_VERSION } from '../core/index';
import { mdInline, safeLine, scrubDeep } from '../core/report/sanitize';
import type { AuditPageVerdict, PageAudit, PageStatus } from '../playwright/page-audit';
import type { Format } from './options';

export type OverallVerdict = 'pass' | 'review' | 'fail';
export const AUDIT_VERDICTS: readonly AuditPageVerdict[] = ['pass', 'review', 'fail', 'empty', 'error'];

/** What is kept of a page once it is done: its verdict and its rendered section. */
export interface PageResult {
  index: number;
  url: string;
  status: PageStatus;
  verdict: AuditPageVerdict;
  reason: string;
  calls: number;
  durationMs: number;
  section: string;
}

export interface AuditSummary {
  verdict: OverallVerdict;
  reason: string;
  pages: number;
  counts: Record<AuditPageVerdict, number>;
}

/**
 * `fail` when any page fails, could not be audited (`error`) or showed no Coveo call (`empty`: the audit opened
 * and searched the page itself, so no call means the page's search did not run); `review` when any page is
 * `review`; `pass` when every page passes.
 */
export function summarizeAudit(pages: readonly { verdict: AuditPageVerdict }[]): AuditSummary {
  const counts = Object.fromEntries(AUDIT_VERDICTS.map((v) => [v, 0])) as Record<AuditPageVerdict, number>;
  for (const p of pages) counts[p.verdict]++;
  const parts: string[] = [];
  if (counts.fail) parts.push(`${counts.fail} failed`);
  if (counts.error) parts.push(`${counts.error} could not be audited`);
  if (counts.empty) parts.push(`${counts.empty} showed no Coveo call`);
  if (counts.review) parts.push(`${counts.review} to review`);
  let verdict: OverallVerdict;
  let reason: string;
  if (counts.fail || counts.error || counts.empty) {
    verdict = 'fail';
    reason = `${parts.join(', ')} (of ${pages.length} page(s)).`;
  } else if (counts.review) {
    verdict = 'review';
    reason = `${parts.join(', ')} (of ${pages.length} page(s)); no page failed.`;
  } else {
    verdict = 'pass';
    reason = `All ${pages.length} page(s) pass.`;
  }
  return { verdict, reason, pages: pages.length, counts };
}

const ICON: Record<AuditPageVerdict | OverallVerdict, string> = { pass: '✅', review: '⚠️', fail: '❌', empty: '∅', error: '⛔' };

/** A page URL as every report shows it: credentials in it replaced by fingerprints, like call URLs. */
export function shownUrl(url: string): string {
  return redactUrl(url);
}

function indent(text: string, by: string): string {
  return text
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => (l === '' ? l : by + l))
    .join('\n');
}

/** A page's section in `format`, rendered once the page is done. */
export function renderPageSection(page: PageAudit, n: number, total: number, format: Format, color: boolean): string {
  if (format === 'json') {
    const doc = {
      url: shownUrl(page.url),
      status: page.status,
      verdict: page.verdict,
      reason: page.reason,
      error: page.error,
      httpStatus: page.httpStatus,
      searchBox: page.searchBox,
      notes: page.notes,
      durationMs: page.durationMs,
      report: JSON.parse(renderJson(page.report)) as unknown,
    };
    // The report is scrubbed by renderJson; the page's own strings (URL, browser messages) get the same scrub.
    return JSON.stringify(scrubDeep(doc), null, 2);
  }
  if (format === 'markdown') {
    const lines = [`## ${n}. ${ICON[page.verdict]} ${mdInline(page.verdict)}: ${mdInline(shownUrl(page.url))}`, '', mdInline(page.reason), ''];
    if (page.error) lines.push(`**Error:** ${mdInline(page.error)}`, '');
    for (const note of page.notes) lines.push(`- Note: ${mdInline(note)}`);
    if (page.notes.length) lines.push('');
    // The page's own report, its headings one level down under this page's heading.
    const body = renderMarkdown(page.report).replace(/^(#{1,4}) /gm, '$1## ');
    lines.push(body);
    return lines.join('\n');
  }
  const head = `[${n}/${total}] ${safeLine(page.verdict).toUpperCase()} ${safeLine(shownUrl(page.url))} (${page.report.calls.length} Coveo call(s), ${(page.durationMs / 1000).toFixed(1)} s)`;
  const lines = [color ? `\u001b[1m${head}\u001b[0m` : head, `  ${safeLine(page.reason)}`];
  if (page.error) lines.push(`  error: ${safeLine(page.error)}`);
  for (const note of page.notes) lines.push(`  note: ${safeLine(note)}`);
  if (page.status === 'audited') lines.push('', indent(renderText(page.report, { color }), '  '));
  return `${lines.join('\n')}\n`;
}

export interface AuditMeta {
  query: string;
  concurrency: number;
  timeoutSeconds: number;
  browser: string;
}

export function renderAudit(format: Format, meta: AuditMeta, pages: readonly PageResult[], summary: AuditSummary, color: boolean): string {
  if (format === 'json') {
    const head = {
      schemaVersion: 1,
      kind: 'coveo-hub-audit',
      tool: { name: 'coveo-hub-inspector', version: TOOL_VERSION },
      options: { query: safeLine(meta.query), concurrency: meta.concurrency, timeoutSeconds: meta.timeoutSeconds, browser: safeLine(meta.browser) },
    };
    const headText = JSON.stringify(head, null, 2).replace(/\n}$/, '');
    const pagesText = pages.length === 0 ? '[]' : `[\n${pages.map((p) => indent(p.section, '    ')).join(',\n')}\n  ]`;
    const summaryText = indent(JSON.stringify(summary, null, 2), '  ').trimStart();
    return `${headText},\n  "pages": ${pagesText},\n  "summary": ${summaryText}\n}\n`;
  }
  if (format === 'markdown') {
    const out = [`# ${ICON[summary.verdict]} Coveo Hub audit: ${summary.verdict}`, '', mdInline(summary.reason), ''];
    out.push('| # | Page | Verdict | Coveo calls | Reason |', '| ---: | --- | --- | ---: | --- |');
    for (const p of pages)
      out.push(`| ${p.index + 1} | ${mdInline(shownUrl(p.url))} | ${ICON[p.verdict]} ${mdInline(p.verdict)} | ${p.calls} | ${mdInline(p.reason)} |`);
    out.push('', `*${mdInline(`Query typed: "${meta.query}"; ${meta.browser}; concurrency ${meta.concurrency}, ${meta.timeoutSeconds} s per page.`)}*`, '');
    for (const p of pages) out.push(p.section, '');
    return `${out.join('\n').replace(/\n+$/, '')}\n`;
  }
  const paint = (code: string, text: string): string => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const COLOR: Record<AuditPageVerdict, string> = { pass: '32;1', review: '33;1', fail: '31;1', empty: '33', error: '31' };
  const out: string[] = [];
  for (const p of pages) out.push(p.section);
  out.push(paint('1', 'Pages'));
  for (const p of pages) out.push(`  ${paint(COLOR[p.verdict], p.verdict.toUpperCase().padEnd(7))} ${safeLine(shownUrl(p.url))}  ${safeLine(p.reason)}`);
  const c = summary.counts;
  out.push(
    '',
    `${paint(COLOR[summary.verdict], `Overall verdict: ${summary.verdict.toUpperCase()}`)} - ${safeLine(summary.reason)} (${summary.pages} page(s): ${c.pass} pass, ${c.review} review, ${c.fail} fail, ${c.empty} empty, ${c.error} error)`,
  );
  return `${out.join('\n')}\n`;
}
