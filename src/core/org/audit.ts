/** The organization audit report: rules over the org's snapshot, joined with the HAR when one is given. */
import { fingerprint } from '../redact';
import { SEVERITIES, type Finding, type Severity, type Verdict } from '../types';
import { TOOL_VERSION } from '../version';
import { joinHar, seenKeyIds, summarizeKey, type HarCall, type HarJoin, type KeySummary } from './join';
import { buildModel } from './model';
import { exposedValue } from './keys';
import { ORG_RULES, type OrgSubject } from './rules';
import { findingOf } from '../rules/types';
import type { OrgSnapshot } from './types';

/** A finding of the organization audit: the call findings' fields, plus the pipeline or API key it is about. */
export interface OrgFinding extends Finding {
  subject: OrgSubject;
}

export interface OrgPipelineRow {
  id: string;
  name: string;
  isDefault: boolean;
  position: number | null;
  condition: string | null;
  /** Why the condition could not be read, when it could not. */
  conditionError: string | null;
  routedByHub: boolean;
  targets: string[];
  filterRules: number;
  splitTest: { target: string; ratio: number | null } | null;
}

export interface OrgKeyRow extends KeySummary {
  /** Fingerprint of the value the listing exposes, or null when it exposes none. */
  valueFingerprint: string | null;
  lastUsed: string | null;
  seenInHar: boolean;
}

export type OrgVerdict = 'pass' | 'review' | 'fail';

export interface OrgReport {
  schemaVersion: 1;
  report: 'org-audit';
  tool: { name: 'coveo-hub-inspector'; version: string };
  organization: { id: string; platformUrl: string | null; credential: string | null };
  generatedAt: string;
  options: { staleDays: number };
  inventory: { apiKeys: number; pipelines: number; searchHubs: number | null };
  pipelines: OrgPipelineRow[];
  apiKeys: OrgKeyRow[];
  findings: OrgFinding[];
  har: (HarJoin & { sources: { name: string; coveoCalls: number }[] }) | null;
  notes: string[];
  summary: {
    verdict: OrgVerdict;
    reason: string;
    counts: { severities: Record<Severity, number>; rules: Record<string, number>; harVerdicts: Record<Verdict, number> | null };
  };
}

export interface AuditOptions {
  /** Milliseconds since the epoch. */
  now: number;
  staleDays: number;
  har?: { sources: { name: string; coveoCalls: number }[]; calls: HarCall[] } | null;
  platformUrl?: string | null;
  /** The admin credential, only to show its fingerprint. */
  credential?: string | null;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function auditOrg(snapshot: OrgSnapshot, options: AuditOptions): OrgReport {
  const harCalls = options.har?.calls ?? [];
  const extraHubs = harCalls.map((h) => h.call.searchHub.effective).filter((h): h is string => h !== null);
  const model = buildModel(snapshot, extraHubs);
  const join = options.har ? joinHar(model, harCalls) : null;
  const seen = seenKeyIds(join);
  const ctx = { model, now: options.now, staleDays: options.staleDays, seenKeyIds: seen };

  const findings: OrgFinding[] = [];
  for (const rule of ORG_RULES) {
    for (const hit of rule.check(ctx)) {
      findings.push({ ...findingOf(rule, hit.message), subject: hit.subject });
    }
  }
  findings.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);

  const severities = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const rules: Record<string, number> = {};
  for (const f of findings) {
    severities[f.severity]++;
    rules[f.rule] = (rules[f.rule] ?? 0) + 1;
  }
  let harVerdicts: Record<Verdict, number> | null = null;
  if (join) {
    harVerdicts = { enforced: 0, unenforced: 0, unverifiable: 0, 'not-applicable': 0 };
    for (const c of join.calls) harVerdicts[c.verdict]++;
  }

  let verdict: OrgVerdict;
  let reason: string;
  if (severities.error > 0 || (harVerdicts?.unenforced ?? 0) > 0) {
    verdict = 'fail';
    const parts: string[] = [];
    if (severities.error > 0)
      parts.push(`${severities.error} error finding(s): ${[...new Set(findings.filter((f) => f.severity === 'error').map((f) => f.rule))].join(', ')}`);
    if ((harVerdicts?.unenforced ?? 0) > 0) parts.push(`${harVerdicts!.unenforced} API-key call(s) of the HAR not enforced`);
    reason = `${parts.join('; ')}.`;
  } else if (severities.warning > 0 || (harVerdicts?.unverifiable ?? 0) > 0) {
    verdict = 'review';
    const parts: string[] = [];
    if (severities.warning > 0) parts.push(`${severities.warning} warning(s)`);
    if ((harVerdicts?.unverifiable ?? 0) > 0) parts.push(`${harVerdicts!.unverifiable} API-key call(s) of the HAR still unverifiable`);
    reason = `No error, but ${parts.join(' and ')}.`;
  } else {
    verdict = 'pass';
    reason = `No error or warning over ${snapshot.pipelines.length} pipeline(s) and ${snapshot.apiKeys.length} API key(s).`;
  }

  return {
    schemaVersion: 1,
    report: 'org-audit',
    tool: { name: 'coveo-hub-inspector', version: TOOL_VERSION },
    organization: {
      id: snapshot.organizationId,
      platformUrl: options.platformUrl ?? null,
      credential: options.credential ? fingerprint(options.credential) : null,
    },
    generatedAt: new Date(options.now).toISOString(),
    options: { staleDays: options.staleDays },
    inventory: {
      apiKeys: snapshot.apiKeys.length,
      pipelines: snapshot.pipelines.length,
      searchHubs: snapshot.searchHubs === null ? null : snapshot.searchHubs.length,
    },
    pipelines: model.all.map((v) => ({
      id: v.pipeline.id,
      name: v.pipeline.name,
      isDefault: v.pipeline.isDefault === true,
      position: typeof v.pipeline.position === 'number' ? v.pipeline.position : null,
      condition: v.definition,
      conditionError: v.parseError,
      routedByHub: v.hubRouted,
      targets: v.targets,
      filterRules: v.pipeline.filterRules.length,
      splitTest:
        v.pipeline.splitTestEnabled === true && v.pipeline.splitTestTarget
          ? { target: v.pipeline.splitTestTarget, ratio: typeof v.pipeline.splitTestRatio === 'number' ? v.pipeline.splitTestRatio : null }
          : null,
    })),
    apiKeys: snapshot.apiKeys.map((k) => {
      const exposed = exposedValue(k);
      return {
        ...summarizeKey(k),
        valueFingerprint: exposed.kind === 'full' ? fingerprint(exposed.value) : exposed.kind === 'masked' ? `${exposed.shown} (masked)` : null,
        lastUsed: typeof k.lastUsedDate === 'number' && Number.isFinite(k.lastUsedDate) ? new Date(k.lastUsedDate).toISOString() : null,
        seenInHar: seen.has(k.id),
      };
    }),
    findings,
    har: join && options.har ? { sources: options.har.sources, ...join } : null,
    notes: snapshot.notes,
    summary: { verdict, reason, counts: { severities, rules, harVerdicts } },
  };
}
