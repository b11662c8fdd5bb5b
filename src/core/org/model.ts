/**
 * The organization as the rules see it: pipelines in routing order with their conditions parsed, and what the org's
 * routing by hub looks like. Built once per audit, shared by every rule and by the HAR join.
 */
import { evaluateForHub, mentionsHub, parseCondition, requiresPositiveHub, targetedHubs, type ConditionNode, type Tri } from './condition';
import type { OrgApiKey, OrgPipeline, OrgSnapshot } from './types';

export interface PipelineView {
  pipeline: OrgPipeline;
  /** The condition's definition, or null when the pipeline has none. */
  definition: string | null;
  /** The parsed condition; null without a condition; `error` when it could not be parsed. */
  condition: ConditionNode | null;
  parseError: string | null;
  /** The condition names $searchHub somewhere. */
  mentionsHub: boolean;
  /** Every way to satisfy the condition needs a positive hub clause. */
  hubRouted: boolean;
  /** Hubs named by `is` clauses. */
  targets: string[];
  /** Target of an enabled A/B test of another pipeline. */
  splitTestTargetOf: OrgPipeline | null;
}

export interface OrgModel {
  snapshot: OrgSnapshot;
  /** Non-default pipelines in routing order (position, then listing order). */
  ordered: PipelineView[];
  all: PipelineView[];
  defaultPipeline: OrgPipeline | null;
  /** Some pipeline's condition routes by a positive hub clause. */
  routesByHub: boolean;
  /** Hubs worth evaluating: the org's hub list, hubs the conditions name, hubs API keys enforce, extra (HAR). */
  candidateHubs: string[];
}

export function enforcedHubOf(key: OrgApiKey): string | null {
  const hub = key.additionalConfiguration?.search?.enforcedQueryPipelineConfiguration?.searchHub;
  return typeof hub === 'string' && hub.trim() !== '' ? hub : null;
}

function view(p: OrgPipeline, all: readonly OrgPipeline[]): PipelineView {
  const definition = typeof p.condition?.definition === 'string' && p.condition.definition.trim() !== '' ? p.condition.definition : null;
  const parsed = definition === null ? null : parseCondition(definition);
  const node = parsed?.ok ? parsed.node : null;
  const splitTestTargetOf = all.find((o) => o !== p && o.splitTestEnabled === true && o.splitTestTarget === p.id) ?? null;
  return {
    pipeline: p,
    definition,
    condition: node,
    parseError: parsed && !parsed.ok ? parsed.error : null,
    mentionsHub: node ? mentionsHub(node) : definition !== null && /\$searchhub/i.test(definition),
    hubRouted: node ? requiresPositiveHub(node) : false,
    targets: node ? targetedHubs(node) : [],
    splitTestTargetOf,
  };
}

export function buildModel(snapshot: OrgSnapshot, extraHubs: readonly string[] = []): OrgModel {
  const all = snapshot.pipelines.map((p) => view(p, snapshot.pipelines));
  const indexed = all.map((v, i) => ({ v, i }));
  const ordered = indexed
    .filter(({ v }) => v.pipeline.isDefault !== true)
    .sort((a, b) => (a.v.pipeline.position ?? Number.MAX_SAFE_INTEGER) - (b.v.pipeline.position ?? Number.MAX_SAFE_INTEGER) || a.i - b.i)
    .map(({ v }) => v);
  const hubs = new Set<string>();
  for (const h of snapshot.searchHubs ?? []) hubs.add(h);
  for (const v of all) for (const t of v.targets) hubs.add(t);
  for (const k of snapshot.apiKeys) {
    const h = enforcedHubOf(k);
    if (h) hubs.add(h);
  }
  for (const h of extraHubs) hubs.add(h);
  return {
    snapshot,
    ordered,
    all,
    defaultPipeline: snapshot.pipelines.find((p) => p.isDefault === true) ?? null,
    routesByHub: ordered.some((v) => v.hubRouted),
    candidateHubs: [...hubs],
  };
}

export interface RouteResult {
  /** `condition`: a condition matched; `default`: none did; `uncertain`: a condition before any match could not be decided. */
  status: 'condition' | 'default' | 'uncertain';
  pipeline: { id: string; name: string; isDefault: boolean } | null;
  /** The matching condition's definition. */
  condition: string | null;
  /** Pipelines whose condition could not be decided for this hub, in order, before the match. */
  undecided: string[];
  /** An enabled A/B test sends part of the traffic elsewhere. */
  splitTest: { name: string | null; target: string; ratio: number | null } | null;
}

function ref(p: OrgPipeline): { id: string; name: string; isDefault: boolean } {
  return { id: p.id, name: p.name, isDefault: p.isDefault === true };
}

/**
 * Where condition-based routing sends a request with this effective hub (and no request or token pipeline): the
 * pipelines with a condition, in order, first match wins; pipelines without a condition are not evaluated; else the
 * default pipeline. A condition that cannot be decided before the first match makes the result uncertain.
 */
export function routeHub(model: OrgModel, hub: string | null): RouteResult {
  const undecided: string[] = [];
  for (const v of model.ordered) {
    if (v.definition === null) continue;
    const result: Tri = v.condition ? evaluateForHub(v.condition, hub) : 'unknown';
    if (result === 'unknown') {
      undecided.push(v.pipeline.name);
      continue;
    }
    if (result) {
      const p = v.pipeline;
      const target = p.splitTestEnabled === true && p.splitTestTarget ? model.snapshot.pipelines.find((o) => o.id === p.splitTestTarget) : undefined;
      return {
        status: undecided.length > 0 ? 'uncertain' : 'condition',
        pipeline: ref(p),
        condition: v.definition,
        undecided,
        splitTest:
          p.splitTestEnabled === true && p.splitTestTarget
            ? {
                name: p.splitTestName ?? null,
                target: target?.name ?? p.splitTestTarget,
                ratio: typeof p.splitTestRatio === 'number' ? p.splitTestRatio : null,
              }
            : null,
      };
    }
  }
  return {
    status: undecided.length > 0 ? 'uncertain' : 'default',
    pipeline: model.defaultPipeline ? ref(model.defaultPipeline) : null,
    condition: null,
    undecided,
    splitTest: null,
  };
}
