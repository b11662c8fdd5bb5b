import type { CoverageStatus, HubCoverage, ProbeOutcome, ProbeReport, Report } from '../types';
import {
  CALL_VERDICT_ICON,
  callList,
  groupFindings,
  PAGE_VERDICT_ICON,
  pinnedText,
  plural,
  SEVERITY_ICON,
  statusText,
  testedFacts,
  topNotices,
  verdictLabel,
  type RenderOptions,
} from './common';
import { clockTime, forgetScrubbed, mdInline, mdLink } from './sanitize';

const COVERAGE_CELL: Record<CoverageStatus, string> = {
  'not-seen': 'not seen',
  enforced: '✅ seen, enforced',
  unverifiable: '⚠️ seen, **unverifiable**',
  unenforced: '❌ seen, **not enforced**',
};

function hubCell(value: string | null): string {
  return value === null ? '*(none)*' : mdInline(value);
}

function coverageTable(hubs: readonly HubCoverage[]): string[] {
  if (hubs.length === 0) return ['No call named a search hub.'];
  return [
    '| Hub | Search | Query suggestions | Calls |',
    '| --- | --- | --- | ---: |',
    ...hubs.map((h) => {
      const pinned = pinnedText(h.pinnedPipelines);
      const cell = (status: CoverageStatus) => (pinned !== null && status === 'enforced' ? `📌 seen, ${mdInline(pinned)}` : COVERAGE_CELL[status]);
      return `| ${hubCell(h.hub)} | ${cell(h.searchStatus)} | ${cell(h.querySuggestStatus)} | ${h.calls} |`;
    }),
  ];
}

const PROBE_ICON: Record<ProbeOutcome, string> = { 'routing-changed': '❌', rejected: '✅', held: '⚠️', inconclusive: '❔' };

/** One block per probe (once, however many calls it applies to): outcome, evidence, the requests sent. */
function probeSection(report: Report): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const c of report.calls) {
    const p: ProbeReport | undefined = c.probe;
    const key = p ? JSON.stringify(p) : '';
    if (!p || seen.has(key)) continue;
    seen.add(key);
    out.push(
      `**${PROBE_ICON[p.outcome] ?? ''} ${mdInline(p.outcome)}** (${mdInline(p.origin)}${mdInline(p.endpoint)}, credential ${mdInline(p.credential ?? 'none')}, ${plural(p.requests, 'request')}; applies to ${p.appliesTo.map(mdInline).join(', ')}): ${mdInline(p.reason)}`,
      '',
    );
    if (p.variants.length > 0) {
      out.push('| Variant | Hub sent | Pipeline sent | Status | Result | Pipeline answered |', '| --- | --- | --- | --- | --- | --- |');
      for (const v of p.variants) {
        const status = v.status === null ? '—' : `${v.status}${v.bodyStatus !== null && v.bodyStatus !== v.status ? ` (body ${v.bodyStatus})` : ''}`;
        out.push(
          `| ${mdInline(v.name)} | ${hubCell(v.hub)} | ${hubCell(v.pipeline)} | ${status} | ${mdInline(v.result)}${v.detail ? `: ${mdInline(v.detail)}` : ''} | ${hubCell(v.responsePipeline)} |`,
        );
      }
      out.push('');
    }
    if (p.advice) out.push(`**What to do:** ${mdInline(p.advice)}`, '');
  }
  return out;
}

/** Distinct messages shown per rule before "… and N more". */
const MAX_MESSAGES = 5;

/**
 * A report a QA engineer pastes into a ticket. Every page-controlled value is escaped. Token claims are not shown
 * (the JSON carries them), so `options.includePersonalData` changes nothing here today.
 */
export function renderMarkdown(report: Report, _options: RenderOptions = {}): string {
  forgetScrubbed();
  try {
    return renderMarkdownOnce(report);
  } finally {
    forgetScrubbed();
  }
}

function renderMarkdownOnce(report: Report): string {
  const { summary } = report;
  const out: string[] = [];
  out.push(`# ${PAGE_VERDICT_ICON[summary.verdict] ?? ''} Coveo Hub Inspector: ${mdInline(summary.verdict)}`, '');
  for (const f of topNotices(report)) out.push(`> **Note:** ${mdInline(f.message)}`, '');
  out.push(`**${mdInline(verdictLabel(summary.verdict))}:** ${mdInline(summary.reason)}`, '');
  const v = summary.counts.verdicts;
  const sev = summary.counts.severities;
  out.push(
    `${plural(summary.calls, 'Coveo call')}: ${v.enforced} enforced, ${v.unenforced} not enforced, ${v.unverifiable} unverifiable, ${v['not-applicable']} not applicable. ` +
      `Findings: ${plural(sev.error, 'error')}, ${plural(sev.warning, 'warning')}, ${sev.info} info.`,
    '',
  );

  out.push('## What was tested', '', '| | |', '| --- | --- |');
  for (const [label, value] of testedFacts(report)) out.push(`| ${mdInline(label)} | ${mdInline(value)} |`);
  out.push('');

  out.push('## Hub coverage', '', ...coverageTable(summary.hubs), '');

  out.push('## Calls', '');
  if (report.calls.length === 0) {
    out.push('No Coveo call was found. Was DevTools open while the page searched?', '');
  } else {
    out.push('| Id | Time | Kind | Status | Org | Hub (request → effective) | Credential | Verdict |', '| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const c of report.calls) {
      const hub =
        c.searchHub.request === c.searchHub.effective ? hubCell(c.searchHub.effective) : `${hubCell(c.searchHub.request)} → ${hubCell(c.searchHub.effective)}`;
      const tokenHub = c.searchHub.token !== null ? ' (token claim)' : '';
      const cred = c.credential.type === 'none' ? 'none' : `${mdInline(c.credential.type)} ${mdInline(c.credential.fingerprint ?? '')}`.trim();
      out.push(
        `| ${mdInline(c.id)} | ${mdInline(clockTime(c.startedDateTime))} | ${mdInline(c.kind)} | ${mdInline(statusText(c))} | ${hubCell(c.organizationId)} | ${hub}${tokenHub} | ${cred} | ${CALL_VERDICT_ICON[c.verdict] ?? ''} ${mdInline(c.verdict)} |`,
      );
    }
    out.push('');
  }

  const probes = probeSection(report);
  if (probes.length > 0) out.push('## Routing probe', '', ...probes);

  out.push('## Findings', '');
  const groups = groupFindings(report);
  if (groups.length === 0) out.push('No findings.', '');
  for (const g of groups) {
    const name = g.title ? `${mdInline(g.title)} (${mdInline(g.rule)})` : mdInline(g.rule);
    const covers = g.callIds.length > 0 ? `: ${plural(g.callIds.length, 'call')}` : '';
    out.push(`### ${SEVERITY_ICON[g.severity] ?? ''} ${mdInline(verdictLabel(g.severity))}: ${name}${covers}`, '');
    if (g.callIds.length > 0) out.push(`Calls: ${mdInline(callList(g.callIds))}`, '');
    for (const m of g.messages.slice(0, MAX_MESSAGES)) {
      const ids = g.messages.length > 1 && m.callIds.length > 0 ? `${mdInline(callList(m.callIds))}: ` : '';
      out.push(`- ${ids}${mdInline(m.message)}`);
    }
    if (g.messages.length > MAX_MESSAGES) out.push(`- … and ${plural(g.messages.length - MAX_MESSAGES, 'other message')}`);
    out.push('', `**Why it matters:** ${mdInline(g.why)}`, '', `**What to do:** ${mdInline(g.fix)}`, '');
    if (g.docs) out.push(`**Docs:** ${mdLink(g.docs)}`, '');
  }

  out.push('## Sources', '', '| File | Entries | Coveo calls | Malformed entries |', '| --- | ---: | ---: | ---: |');
  for (const s of report.sources) out.push(`| ${mdInline(s.name)} | ${s.entries} | ${s.coveoCalls} | ${s.malformed.length} |`);
  out.push('');
  for (const s of report.sources) {
    if (s.malformed.length === 0) continue;
    out.push(`Malformed entries in ${mdInline(s.name)} (skipped):`, '');
    const shown = s.malformed.slice(0, 50);
    for (const m of shown) out.push(`- entry ${m.index}: ${mdInline(m.reason)}`);
    if (s.malformed.length > shown.length) out.push(`- … and ${s.malformed.length - shown.length} more`);
    out.push('');
  }
  out.push(`*${mdInline(`Generated by ${report.tool.name} ${report.tool.version}; report schema ${report.schemaVersion}.`)}*`);
  return `${out.join('\n')}\n`;
}
