import type { OrgPipeline } from '../types';
import { ORG_DOCS } from './docs';
import { cond, pipelineSubject, q } from './subject';
import type { OrgRule } from './types';

function filtersOf(p: OrgPipeline): string[] {
  const out = p.filterRules.map((r) => (typeof r.definition === 'string' ? r.definition.replace(/\s+/g, ' ').trim() : '')).filter((d) => d !== '');
  if (typeof p.filter === 'string' && p.filter.trim() !== '') out.push(`pipeline filter ${p.filter.replace(/\s+/g, ' ').trim()}`);
  return out;
}

export const splitTestFilterDiffers: OrgRule = {
  id: 'split-test-filter-differs',
  severity: 'error',
  scope: 'pipeline',
  title: "A/B test target lacks the original pipeline's filters",
  why: "An A/B test sends a share of the original pipeline's queries to its target: filters the target lacks are lifted for those queries.",
  fix: "Copy the original pipeline's filters (pipeline filter and filter rules) to the A/B test's target, or stop the test.",
  docs: ORG_DOCS.pipelineRouting,
  check({ model }) {
    const out = [];
    for (const p of model.snapshot.pipelines) {
      if (p.splitTestEnabled !== true || !p.splitTestTarget) continue;
      const target = model.snapshot.pipelines.find((o) => o.id === p.splitTestTarget);
      if (!target) {
        out.push({
          subject: pipelineSubject(p),
          message: `Pipeline ${q(p.name)} runs an A/B test towards ${q(p.splitTestTarget)}, which the listing does not show, so its filters cannot be compared.`,
        });
        continue;
      }
      const theirs = new Set(filtersOf(target));
      const missing = filtersOf(p).filter((f) => !theirs.has(f));
      if (missing.length > 0) {
        const ratio = typeof p.splitTestRatio === 'number' ? ` (${Math.round(p.splitTestRatio * 100)} % of its queries)` : '';
        out.push({
          subject: pipelineSubject(p),
          message: `A/B test of ${q(p.name)} sends queries${ratio} to ${q(target.name)}, which lacks: ${missing.map(cond).join(', ')}.`,
        });
      }
    }
    return out;
  },
};
