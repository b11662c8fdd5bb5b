/** The organization report as JSON (schemaVersion 1), terminal text and Markdown. Every string is made safe for its medium. */
import { mdInline, mdLink, safeLine, scrubDeep } from '../report/sanitize';
import type { OrgFinding, OrgReport } from './audit';

/** The documented JSON: keys in the order of the types, 2-space indent, secrets scrubbed. */
export function renderOrgJson(report: OrgReport): string {
  return `${JSON.stringify(scrubDeep(report), null, 2)}\n`;
}

const ICON = { pass: '✅', review: '⚠️', fail: '❌' } as const;
const VERDICT_ICON: Record<string, string> = { enforced: '✅', unenforced: '❌', unverifiable: '⚠️', 'not-applicable': '➖' };

function groups(findings: readonly OrgFinding[]): { rule: string; severity: string; why: string; fix: string; docs: string; items: OrgFinding[] }[] {
  const map = new Map<string, { rule: string; severity: string; why: string; fix: string; docs: string; items: OrgFinding[] }>();
  for (const f of findings) {
    let g = map.get(f.rule);
    if (!g) {
      g = { rule: f.rule, severity: f.severity, why: f.why, fix: f.fix, docs: f.docs, items: [] };
      map.set(f.rule, g);
    }
    g.items.push(f);
  }
  return [...map.values()];
}

function paintWith(color: boolean) {
  return color ? (code: string, text: string) => `\u001b[${code}m${text}\u001b[0m` : (_code: string, text: string) => text;
}

const SEV_COLOR: Record<string, string> = { error: '31;1', warning: '33', info: '36' };

export function renderOrgText(report: OrgReport, options: { color: boolean } = { color: false }): string {
  const paint = paintWith(options.color);
  const out: string[] = [];
  const o = report.organization;
  out.push(
    `Organization ${safeLine(o.id)}${o.platformUrl ? ` at ${safeLine(o.platformUrl)}` : ''}${o.credential ? `, read with ${safeLine(o.credential)}` : ''}`,
  );
  const inv = report.inventory;
  out.push(`${inv.pipelines} pipeline(s), ${inv.apiKeys} API key(s), ${inv.searchHubs === null ? 'search hubs not read' : `${inv.searchHubs} search hub(s)`}`);
  for (const n of report.notes) out.push(`note: ${safeLine(n)}`);

  out.push('', paint('1', 'Pipelines (routing order)'));
  for (const p of report.pipelines) {
    const cond = p.condition === null ? '(no condition)' : safeLine(p.condition);
    out.push(
      `  ${p.isDefault ? '[default] ' : ''}${safeLine(p.name)}: ${cond}${p.routedByHub ? ' [routed by hub]' : ''}${p.filterRules ? `, ${p.filterRules} filter rule(s)` : ''}${p.splitTest ? `, A/B test to ${safeLine(p.splitTest.target)}` : ''}`,
    );
  }

  out.push('', paint('1', 'API keys'));
  for (const k of report.apiKeys) {
    out.push(
      `  ${safeLine(k.displayName)} (${safeLine(k.id)}${k.valueFingerprint ? `, ${safeLine(k.valueFingerprint)}` : ''})${k.enabled ? '' : ' [disabled]'}${k.seenInHar ? ' [seen in HAR]' : ''}: hub ${k.enforcedHub === null ? 'not enforced' : `"${safeLine(k.enforcedHub)}"`}; ${k.privileges.map(safeLine).join(', ') || 'no privilege'}`,
    );
  }

  if (report.har) {
    out.push('', paint('1', 'Joined with the HAR'));
    for (const s of report.har.sources) out.push(`  source ${safeLine(s.name)}: ${s.coveoCalls} Coveo call(s)`);
    for (const h of report.har.hubs) {
      out.push(`  hub ${safeLine(h.hub)} (${h.callIds.length} call(s)): ${safeLine(h.note)}`);
      for (const n of h.pipelineNamed)
        out.push(
          `    ${safeLine(n.callId)} names pipeline ${safeLine(n.pipeline)} in its ${n.by === 'token' ? 'token' : 'request'}: routed by it, not by the hub`,
        );
    }
    for (const k of report.har.apiKeys) {
      out.push(
        `  key ${safeLine(k.fingerprint)} (${k.callIds.length} call(s)): ${k.match}${k.key ? ` → ${safeLine(k.key.displayName)} (${safeLine(k.key.id)}), hub ${k.key.enforcedHub === null ? 'not enforced' : `"${safeLine(k.key.enforcedHub)}"`}, ${k.key.privileges.map(safeLine).join(', ')}` : ''}. ${safeLine(k.reason)}`,
      );
    }
    for (const c of report.har.calls) {
      out.push(`  ${safeLine(c.id)} ${safeLine(c.kind)}: ${c.verdictBefore.toUpperCase()} → ${c.verdict.toUpperCase()}: ${safeLine(c.reason)}`);
    }
  }

  out.push('', paint('1', 'Findings'));
  if (report.findings.length === 0) out.push('  none');
  for (const f of report.findings) out.push(`  ${paint(SEV_COLOR[f.severity] ?? '0', f.severity.padEnd(7))} ${safeLine(f.rule)}: ${safeLine(f.message)}`);
  const gs = groups(report.findings);
  if (gs.length > 0) {
    out.push('', paint('1', 'What to do'));
    for (const g of gs) out.push(`  ${safeLine(g.rule)} (${g.items.length}): ${safeLine(g.fix)}`, `    ${safeLine(g.docs)}`);
  }
  const sev = report.summary.counts.severities;
  out.push(
    '',
    `Verdict: ${report.summary.verdict.toUpperCase()} - ${safeLine(report.summary.reason)} (${sev.error} error, ${sev.warning} warning, ${sev.info} info)`,
  );
  return `${out.join('\n')}\n`;
}

export function renderOrgMarkdown(report: OrgReport): string {
  const out: string[] = [];
  const s = report.summary;
  out.push(`# ${ICON[s.verdict]} Coveo organization audit: ${mdInline(report.organization.id)} — ${s.verdict}`, '', mdInline(s.reason), '');
  const inv = report.inventory;
  out.push(
    `${inv.pipelines} pipeline(s), ${inv.apiKeys} API key(s), ${inv.searchHubs === null ? 'search hubs not read' : `${inv.searchHubs} search hub(s)`}. Findings: ${s.counts.severities.error} error, ${s.counts.severities.warning} warning, ${s.counts.severities.info} info.`,
    '',
  );
  for (const n of report.notes) out.push(`> ${mdInline(n)}`, '');

  out.push('## Pipelines', '', '| Pipeline | Default | Condition | Routed by hub | Filter rules | A/B test |', '| --- | --- | --- | --- | ---: | --- |');
  for (const p of report.pipelines) {
    out.push(
      `| ${mdInline(p.name)} | ${p.isDefault ? 'yes' : ''} | ${p.condition === null ? '*(none)*' : mdInline(p.condition)} | ${p.routedByHub ? 'yes' : 'no'} | ${p.filterRules} | ${p.splitTest ? mdInline(p.splitTest.target) : ''} |`,
    );
  }
  out.push('', '## API keys', '', '| Key | Id | Enabled | Enforced hub | Privileges | Seen in HAR |', '| --- | --- | --- | --- | --- | --- |');
  for (const k of report.apiKeys) {
    out.push(
      `| ${mdInline(k.displayName)} | ${mdInline(k.id)} | ${k.enabled ? 'yes' : 'no'} | ${k.enforcedHub === null ? '**none**' : mdInline(k.enforcedHub)} | ${k.privileges.map(mdInline).join('<br>')} | ${k.seenInHar ? 'yes' : ''} |`,
    );
  }
  out.push('');
  if (report.har) {
    out.push('## Joined with the HAR', '', '| Hub | Calls | Routed to |', '| --- | ---: | --- |');
    for (const h of report.har.hubs)
      out.push(
        `| ${mdInline(h.hub)} | ${h.callIds.length} | ${mdInline(h.note)}${h.pipelineNamed.length ? ` ${h.pipelineNamed.length} call(s) name a pipeline and are routed by it.` : ''} |`,
      );
    out.push('', '| API key | Calls | Record | Why |', '| --- | ---: | --- | --- |');
    for (const k of report.har.apiKeys)
      out.push(
        `| ${mdInline(k.fingerprint)} | ${k.callIds.length} | ${k.key ? `${mdInline(k.match)}: ${mdInline(k.key.displayName)}, hub ${k.key.enforcedHub === null ? '**none**' : mdInline(k.key.enforcedHub)}` : mdInline(k.match)} | ${mdInline(k.reason)} |`,
      );
    if (report.har.calls.length > 0) {
      out.push('', '| Call | Kind | check | with the org | Why |', '| --- | --- | --- | --- | --- |');
      for (const c of report.har.calls)
        out.push(
          `| ${mdInline(c.id)} | ${mdInline(c.kind)} | ${VERDICT_ICON[c.verdictBefore]} ${c.verdictBefore} | ${VERDICT_ICON[c.verdict]} ${c.verdict} | ${mdInline(c.reason)} |`,
        );
    }
    out.push('');
  }
  out.push('## Findings', '');
  const gs = groups(report.findings);
  if (gs.length === 0) out.push('No findings.', '');
  for (const g of gs) {
    out.push(
      `### ${g.severity === 'error' ? '❌' : g.severity === 'warning' ? '⚠️' : 'ℹ️'} ${mdInline(g.severity)}: ${mdInline(g.rule)} (${g.items.length})`,
      '',
    );
    for (const f of g.items) out.push(`- ${mdInline(f.message)}`);
    out.push('', `**Why it matters:** ${mdInline(g.why)}`, '', `**What to do:** ${mdInline(g.fix)}`, '', `**Docs:** ${mdLink(g.docs)}`, '');
  }
  out.push(`*${mdInline(`Generated by ${report.tool.name} ${report.tool.version} on ${report.generatedAt}; org report schema ${report.schemaVersion}.`)}*`);
  return `${out.join('\n')}\n`;
}
