import type { CoverageStatus, PageVerdict, ProbeOutcome, ProbeReport, Report, Severity, Verdict } from '../types';
import { callList, groupFindings, pinnedText, plural, statusText, testedFacts, topNotices, verdictLabel, type RenderOptions } from './common';
import { clockTime, forgetScrubbed, safeLine } from './sanitize';

export interface TextOptions extends RenderOptions {
  /** ANSI colours (the CLI sets it only for a terminal, without NO_COLOR, and never for --output). */
  color: boolean;
  /**
   * Wrap lines to this many columns (the CLI passes the terminal's width, 100 when not a terminal): words move to
   * a continuation line indented under their line; a word longer than the line is cut. Unset: no wrapping.
   */
  width?: number;
}

type Paint = (code: string, text: string) => string;

const PROBE_COLOR: Record<ProbeOutcome, string> = { 'routing-changed': '31;1', rejected: '32', held: '33', inconclusive: '2' };

/** A probed call's evidence: the outcome, then one line per request sent. */
function probeLines(p: ProbeReport, paint: Paint, callId: string): string[] {
  if (p.probedCall !== callId)
    return [
      `      ${paint(PROBE_COLOR[p.outcome] ?? '0', pad('probe', 7))} ${safeLine(p.outcome)}: the probe of ${safeLine(p.probedCall)} (same credential and endpoint)`,
    ];
  const lines = [
    `      ${paint(PROBE_COLOR[p.outcome] ?? '0', pad('probe', 7))} ${safeLine(p.outcome)}: ${safeLine(p.reason)}${p.probedCall ? ` (${plural(p.requests, 'request')} to ${safeLine(p.origin)}, probed ${safeLine(p.probedCall)})` : ''}`,
  ];
  for (const v of p.variants) {
    const sent = [v.hub === null ? 'no hub' : `hub=${safeLine(v.hub)}`, ...(v.pipeline === null ? [] : [`pipeline=${safeLine(v.pipeline)}`])].join(' ');
    const got =
      v.status === null
        ? safeLine(v.result)
        : `${v.status}${v.bodyStatus !== null && v.bodyStatus !== v.status ? ` (body ${v.bodyStatus})` : ''} ${safeLine(v.result)}`;
    lines.push(
      `          ${pad(safeLine(v.name), 15)} ${sent} -> ${got}${v.responsePipeline !== null ? ` pipeline=${safeLine(v.responsePipeline)}` : ''}${v.detail ? ` [${safeLine(v.detail)}]` : ''}`,
    );
  }
  if (p.advice) lines.push(`          what to do: ${safeLine(p.advice)}`);
  return lines;
}

const VERDICT_COLOR: Record<Verdict, string> = { enforced: '32', unenforced: '31;1', unverifiable: '33', 'not-applicable': '2' };
const SEVERITY_COLOR: Record<Severity, string> = { error: '31;1', warning: '33', info: '36' };
const PAGE_COLOR: Record<PageVerdict, string> = { pass: '32;1', review: '33;1', fail: '31;1', empty: '33' };

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

const SGR = /\u001b\[[0-9;]*m/g;

function visibleLength(text: string): number {
  return text.includes('\u001b') ? text.replace(SGR, '').length : text.length;
}

/**
 * One line wrapped to `width` columns: breaks at spaces, continuation lines indented 4 more than the line (SGR
 * colour codes take no room). A word wider than the room left is cut where the line ends.
 */
export function wrapLine(line: string, width: number): string[] {
  if (!line.includes('\u001b')) return wrapPlain(line, width);
  if (visibleLength(line) <= width) return [line];
  const indent = line.length - line.trimStart().length;
  const hang = ' '.repeat(Math.min(indent + 4, Math.floor(width / 2)));
  const words = line.trimStart().split(' ');
  const lines: string[] = [];
  let current = ' '.repeat(indent);
  let currentLen = indent;
  let fresh = true;
  for (let word of words) {
    let len = visibleLength(word);
    if (!fresh && currentLen + 1 + len > width) {
      lines.push(current);
      current = hang;
      currentLen = hang.length;
      fresh = true;
    }
    while (currentLen + (fresh ? 0 : 1) + len > width && !word.includes('\u001b')) {
      const room = width - currentLen - (fresh ? 0 : 1);
      if (room <= 0) break;
      lines.push(current + (fresh ? '' : ' ') + word.slice(0, room));
      word = word.slice(room);
      len = word.length;
      current = hang;
      currentLen = hang.length;
      fresh = true;
    }
    current += (fresh ? '' : ' ') + word;
    currentLen += (fresh ? 0 : 1) + len;
    fresh = false;
  }
  lines.push(current);
  return lines;
}

/**
 * `wrapLine` for a line without colour codes (every character takes one column), with the same output: the words
 * are not split into an array nor measured one by one; each line is one slice of the trimmed text after its
 * indent (words keep their single spaces), so a report of thousands of call lines makes little garbage.
 */
export function wrapPlain(line: string, width: number): string[] {
  if (line.length <= width) return [line];
  const t = line.trimStart();
  const indent = line.length - t.length;
  const hang = ' '.repeat(Math.min(indent + 4, Math.floor(width / 2)));
  const lines: string[] = [];
  let prefix = ' '.repeat(indent);
  let currentLen = indent;
  // The current line's words are t[from, to) after `prefix`; from < 0: nothing on it yet (`fresh`).
  let from = -1;
  let to = 0;
  for (let pos = 0; pos <= t.length; ) {
    let end = t.indexOf(' ', pos);
    if (end < 0) end = t.length;
    let start = pos;
    let len = end - start;
    if (from >= 0 && currentLen + 1 + len > width) {
      lines.push(prefix + t.slice(from, to));
      prefix = hang;
      currentLen = hang.length;
      from = -1;
    }
    while (currentLen + (from < 0 ? 0 : 1) + len > width) {
      const room = width - currentLen - (from < 0 ? 0 : 1);
      if (room <= 0) break;
      lines.push(from < 0 ? prefix + t.slice(start, start + room) : `${prefix}${t.slice(from, to)} ${t.slice(start, start + room)}`);
      start += room;
      len -= room;
      prefix = hang;
      currentLen = hang.length;
      from = -1;
    }
    currentLen += (from < 0 ? 0 : 1) + len;
    if (from < 0) from = start;
    to = end;
    pos = end + 1;
  }
  lines.push(prefix + t.slice(from, to));
  return lines;
}

/** Distinct messages shown per rule before "… and N more". */
const MAX_MESSAGES = 5;

/**
 * Terminal output: the headline (verdict and why), what was tested, one line per call with its HTTP status,
 * findings grouped by rule with the calls they cover, hub coverage, and the verdict line again at the end.
 */
export function renderText(report: Report, options: TextOptions = { color: false }): string {
  forgetScrubbed();
  try {
    return renderTextOnce(report, options);
  } finally {
    forgetScrubbed();
  }
}

function renderTextOnce(report: Report, options: TextOptions = { color: false }): string {
  const paint: Paint = options.color ? (code, text) => `\u001b[${code}m${text}\u001b[0m` : (_code, text) => text;
  const out: string[] = [];
  const { summary } = report;

  // The missing evidence first (a sanitized HAR), then the headline: the verdict and why.
  for (const f of topNotices(report)) {
    out.push(paint(SEVERITY_COLOR[f.severity] ?? '1', `NOTE: ${safeLine(f.message)}`), '');
  }
  out.push(`${paint(PAGE_COLOR[summary.verdict] ?? '1', `${verdictLabel(safeLine(summary.verdict))}:`)} ${safeLine(summary.reason)}`, '');

  for (const s of report.sources) {
    let line = `${safeLine(s.name)}: ${plural(s.entries, 'entry', 'entries')}, ${plural(s.coveoCalls, 'Coveo call')}`;
    if (s.malformed.length > 0) {
      const named = s.malformed
        .slice(0, 5)
        .map((m) => `#${m.index} ${safeLine(m.reason)}`)
        .join('; ');
      const more = s.malformed.length > 5 ? `; … ${s.malformed.length - 5} more` : '';
      line += `, ${plural(s.malformed.length, 'malformed entry', 'malformed entries')} skipped (${named}${more})`;
    }
    out.push(line);
  }
  for (const [label, value] of testedFacts(report)) if (label !== 'Input' && label !== 'Inputs') out.push(`  ${safeLine(label)}: ${safeLine(value)}`);
  out.push('');

  if (report.calls.length === 0) {
    out.push('No Coveo call found. Was DevTools open while the page searched?');
  } else {
    out.push(paint('1', 'Calls'));
    for (const c of report.calls) {
      const hub = c.searchHub.effective === null ? '(no hub)' : safeLine(c.searchHub.effective);
      const hubNote = c.searchHub.token !== null ? ' [token claim]' : c.searchHub.request !== null ? ' [request body only]' : '';
      const mismatch =
        c.searchHub.request !== null && c.searchHub.effective !== null && c.searchHub.request !== c.searchHub.effective
          ? ` (request asked "${safeLine(c.searchHub.request)}")`
          : '';
      const cred = c.credential.type === 'none' ? 'no credential' : `${safeLine(c.credential.type)} ${safeLine(c.credential.fingerprint ?? '')}`.trim();
      out.push(
        `  ${pad(safeLine(c.id), 6)} ${pad(clockTime(c.startedDateTime), 12)}  ${pad(safeLine(c.kind), 12)} ${paint(VERDICT_COLOR[c.verdict] ?? '0', pad(safeLine(c.verdict).toUpperCase(), 14))} status=${statusText(c)} hub=${hub}${hubNote}${mismatch}  ${cred}`,
      );
      if (c.probe) out.push(...probeLines(c.probe, paint, c.id));
    }
  }

  const groups = groupFindings(report);
  if (groups.length > 0) {
    out.push('', paint('1', 'Findings'));
    for (const g of groups) {
      const name = g.title ? `${safeLine(g.title)} (${safeLine(g.rule)})` : safeLine(g.rule);
      const covers = g.callIds.length > 0 ? `: ${safeLine(callList(g.callIds))}` : '';
      out.push(`  ${paint(SEVERITY_COLOR[g.severity] ?? '0', pad(safeLine(g.severity), 7))} ${name}${covers}`);
      for (const m of g.messages.slice(0, MAX_MESSAGES)) {
        const ids = g.messages.length > 1 && m.callIds.length > 0 ? `${safeLine(callList(m.callIds))}: ` : '';
        out.push(`          ${ids}${safeLine(m.message)}`);
      }
      if (g.messages.length > MAX_MESSAGES) out.push(`          … and ${plural(g.messages.length - MAX_MESSAGES, 'other message')}`);
      out.push(`          what to do: ${safeLine(g.fix)}`);
      if (g.docs) out.push(`          docs: ${safeLine(g.docs)}`);
    }
  }

  out.push('', paint('1', 'Hub coverage'));
  if (summary.hubs.length === 0) out.push('  no call named a search hub');
  for (const h of summary.hubs) {
    const cell = (status: CoverageStatus) =>
      status === 'not-seen'
        ? 'not seen'
        : status === 'enforced'
          ? paint('32', 'enforced')
          : status === 'unverifiable'
            ? paint('33', 'unverifiable')
            : paint('31;1', 'NOT enforced');
    const pinned = pinnedText(h.pinnedPipelines);
    const kindCell = (status: CoverageStatus) => (pinned !== null && status === 'enforced' ? paint('36', 'pinned') : cell(status));
    out.push(
      `  ${safeLine(h.hub)}: search ${kindCell(h.searchStatus)}, suggestions ${kindCell(h.querySuggestStatus)} (${plural(h.calls, 'call')})${pinned !== null ? ` - ${safeLine(pinned)}` : ''}`,
    );
  }

  const sev = summary.counts.severities;
  out.push(
    '',
    `${paint(PAGE_COLOR[summary.verdict] ?? '1', `Verdict: ${safeLine(summary.verdict).toUpperCase()}`)} - ${safeLine(summary.reason)} (${plural(summary.calls, 'call')}; ${plural(sev.error, 'error')}, ${plural(sev.warning, 'warning')}, ${sev.info} info)`,
  );
  const width = options.width;
  let lines = out;
  if (width !== undefined && width >= 20) {
    lines = [];
    for (const l of out) {
      if (l.length <= width) lines.push(l);
      else for (const w of wrapLine(l, width)) lines.push(w);
    }
  }
  return `${lines.join('\n')}\n`;
}
