/**
 * The HAR join: what the organization says about the calls a page sent. For each effective hub, which pipeline the
 * org's conditions route it to; for each API key, its record (where the listing allows a match) with privileges and
 * hub scope; and for each call `check` left unverifiable because of an API key, the verdict the key's record proves.
 *
 * The routing precedence decides what may be called enforced: a request that names a pipeline is routed by it, so
 * such a call is never enforced here; an enforced hub counts only when a pipeline condition matches it; a key matched
 * only by a masked value, a disabled key, a proxied or refused call, or a body read in part proves nothing.
 */
import { fingerprint, looksLikeApiKey } from '../redact';
import { HUB_KINDS } from '../verdict';
import type { CallReport, Verdict } from '../types';
import { matchKey, type KeyMatch } from './keys';
import { enforcedHubOf, routeHub, type OrgModel, type RouteResult } from './model';
import { isActive, keyName, privilegeLabel, privilegesOf, isClientSafe } from './privileges';
import type { OrgApiKey } from './types';

/** One Coveo call of the HAR, with the raw values of the credentials its request carried (in memory only). */
export interface HarCall {
  call: CallReport;
  rawCredentials: string[];
}

export interface KeySummary {
  id: string;
  displayName: string;
  enabled: boolean;
  status: string | null;
  privacyLevel: string | null;
  enforcedHub: string | null;
  privileges: string[];
  /** Only "Search - Execute queries" and "Analytics - Push". */
  clientSafe: boolean;
}

export interface JoinedHub {
  hub: string;
  callIds: string[];
  route: RouteResult;
  /** Calls of this hub whose request or token named a pipeline: routed by it, not by the hub. */
  pipelineNamed: { callId: string; pipeline: string; by: 'request' | 'token' }[];
  note: string;
}

export interface JoinedKey {
  fingerprint: string;
  callIds: string[];
  match: KeyMatch['match'];
  reason: string;
  key: KeySummary | null;
}

export interface JoinedCall {
  id: string;
  kind: string;
  /** The hub the call was routed by, as far as the join can tell (the key's enforced hub wins over the body's). */
  hub: string | null;
  verdictBefore: Verdict;
  verdict: Verdict;
  reason: string;
}

export interface HarJoin {
  hubs: JoinedHub[];
  apiKeys: JoinedKey[];
  calls: JoinedCall[];
}

const REFUSED = new Set([401, 403, 419]);

export function summarizeKey(key: OrgApiKey): KeySummary {
  const privileges = privilegesOf(key);
  return {
    id: key.id,
    displayName: keyName(key),
    enabled: isActive(key),
    status: typeof key.status === 'string' ? key.status : null,
    privacyLevel: typeof key.privacyLevel === 'string' ? key.privacyLevel : null,
    enforcedHub: enforcedHubOf(key),
    privileges: [...new Set(privileges.map(privilegeLabel))],
    clientSafe: privileges.length > 0 && privileges.every(isClientSafe),
  };
}

function rawKeyOf(h: HarCall): string | null {
  const keys = [...new Set(h.rawCredentials.map((v) => v.trim()).filter(looksLikeApiKey))];
  return keys.length === 1 ? (keys[0] as string) : null;
}

function q(text: string): string {
  return JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}…` : text);
}

function routeText(route: RouteResult): string {
  if (route.status === 'uncertain') return `cannot be decided (the condition of ${route.undecided.map(q).join(', ')} depends on more than the hub)`;
  if (!route.pipeline) return 'no pipeline (the listing shows no default pipeline)';
  if (route.status === 'default') return `the default pipeline ${q(route.pipeline.name)} (no condition matches)`;
  return `pipeline ${q(route.pipeline.name)} by “${(route.condition ?? '').slice(0, 300)}”`;
}

function judge(h: HarCall, model: OrgModel, match: KeyMatch | null): { verdict: Verdict; reason: string; hub: string | null } {
  const c = h.call;
  const bodyHub = c.searchHub.effective;
  const keep = (reason: string) => ({ verdict: c.verdict, reason, hub: bodyHub });
  if (c.routing === 'proxy') return keep("The call goes through the site's own server, which may use another credential.");
  if (typeof c.response.status === 'number' && REFUSED.has(c.response.status))
    return keep(`Coveo refused the call (HTTP ${c.response.status}), so nothing was routed.`);
  if (c.notes.some((n) => n.includes('(truncated)'))) return keep('The request body was read only in part: another credential could be further in it.');
  if (new Set(h.rawCredentials.map((v) => v.trim())).size > 1 || match === null) return keep('The request carries several different credentials.');
  if (c.organizationId !== null && c.organizationId.toLowerCase() !== model.snapshot.organizationId.toLowerCase()) {
    return keep(`The call went to organization ${q(c.organizationId)}, not the audited ${q(model.snapshot.organizationId)}.`);
  }
  if (match.match !== 'exact') return keep(match.reason);
  const key = match.key;
  if (!isActive(key)) return keep(`Key ${key.id} is disabled now (${key.status ?? 'disabled'}): what it enforced when the HAR was recorded is unknown.`);
  const hub = enforcedHubOf(key);
  const named = c.pipeline.request;
  if (hub === null) {
    if (named !== null)
      return {
        verdict: 'unenforced',
        reason: `Key ${key.id} enforces no hub and the request names pipeline ${q(named)}, which routes it: anyone can change that value.`,
        hub: bodyHub,
      };
    if (!model.routesByHub)
      return keep(`Key ${key.id} enforces no hub, but no pipeline of the organization routes by hub, so the hub does not pick the pipeline here.`);
    return {
      verdict: 'unenforced',
      reason: `Key ${key.id} enforces no hub ("Limit the API key scope" is empty) and pipelines route by hub: the body's hub${bodyHub !== null ? ` ${q(bodyHub)}` : ''} picks the pipeline, and anyone can edit it.`,
      hub: bodyHub,
    };
  }
  if (named !== null) {
    return keep(
      `Key ${key.id} enforces hub ${q(hub)}, but the request names pipeline ${q(named)}: a request's pipeline can route a query whatever the hub, so the key's scope does not prove the routing.`,
    );
  }
  if (c.pipeline.token !== null) return keep(`The call also carries a pipeline claim ${q(c.pipeline.token)}.`);
  const route = routeHub(model, hub);
  if (route.status !== 'condition') {
    return {
      verdict: c.verdict,
      reason: `Key ${key.id} enforces hub ${q(hub)}, which routes to ${routeText(route)}: with no condition on that hub, a request naming a pipeline would be routed where it asks.`,
      hub,
    };
  }
  const asked = bodyHub !== null && bodyHub !== hub ? ` (the request asked for ${q(bodyHub)})` : '';
  return {
    verdict: 'enforced',
    reason: `Key ${key.id} enforces hub ${q(hub)}${asked} ("Limit the API key scope", as configured now), which routes to ${routeText(route)}: the body's hub cannot change it.`,
    hub,
  };
}

function judgeClaim(c: CallReport, model: OrgModel): { verdict: Verdict; reason: string } | null {
  const hub = c.searchHub.token as string;
  const route = routeHub(model, hub);
  if (route.status === 'condition') return null;
  if (route.status === 'default') {
    return {
      verdict: 'unenforced',
      reason: `The token enforces hub ${q(hub)}, but no pipeline condition matches it: the query lands on ${routeText(route)}, and a request naming a pipeline is routed where it asks (a hub claim beats a request's pipeline only when some condition names the hub).`,
    };
  }
  return {
    verdict: 'unverifiable',
    reason: `The token enforces hub ${q(hub)}, but where the org routes it ${routeText(route)}: what else the request sends may pick the pipeline.`,
  };
}

export function joinHar(model: OrgModel, harCalls: readonly HarCall[]): HarJoin {
  const keyCalls = new Map<string, { fp: string; callIds: string[]; match: KeyMatch }>();
  const matchOf = (raw: string): KeyMatch => {
    let entry = keyCalls.get(raw);
    if (!entry) {
      entry = { fp: fingerprint(raw), callIds: [], match: matchKey(raw, model.snapshot.apiKeys) };
      keyCalls.set(raw, entry);
    }
    return entry.match;
  };
  const calls: JoinedCall[] = [];
  const hubs = new Map<string, JoinedHub>();
  for (const h of harCalls) {
    const c = h.call;
    const raw = rawKeyOf(h);
    let match: KeyMatch | null = null;
    if (raw !== null) {
      match = matchOf(raw);
      keyCalls.get(raw)!.callIds.push(c.id);
    }
    if (!HUB_KINDS.has(c.kind)) continue;
    let hub = c.searchHub.effective;
    if (c.credential.type === 'api-key' && c.verdict === 'unverifiable') {
      const j = judge(h, model, match);
      hub = j.hub;
      calls.push({ id: c.id, kind: c.kind, hub: j.hub, verdictBefore: c.verdict, verdict: j.verdict, reason: j.reason });
    } else if (c.verdict === 'enforced' && c.searchHub.token !== null && c.pipeline.token === null) {
      // A token's hub claim beats a request's pipeline only if some pipeline has a condition on that hub: what
      // check calls enforced is only as good as the org's conditions.
      const j = judgeClaim(c, model);
      if (j) calls.push({ id: c.id, kind: c.kind, hub: c.searchHub.token, verdictBefore: c.verdict, verdict: j.verdict, reason: j.reason });
    }
    if (hub === null) continue;
    let row = hubs.get(hub);
    if (!row) {
      const route = routeHub(model, hub);
      row = {
        hub,
        callIds: [],
        route,
        pipelineNamed: [],
        note: `Routed to ${routeText(route)}${route.splitTest ? `; an A/B test sends ${route.splitTest.ratio === null ? 'part' : `${Math.round(route.splitTest.ratio * 100)} %`} of it to ${q(route.splitTest.target)}` : ''}.`,
      };
      hubs.set(hub, row);
    }
    row.callIds.push(c.id);
    if (c.pipeline.token !== null) row.pipelineNamed.push({ callId: c.id, pipeline: c.pipeline.token, by: 'token' });
    else if (c.pipeline.request !== null) row.pipelineNamed.push({ callId: c.id, pipeline: c.pipeline.request, by: 'request' });
  }
  const apiKeys: JoinedKey[] = [...keyCalls.values()].map(({ fp, callIds, match }) => ({
    fingerprint: fp,
    callIds,
    match: match.match,
    reason: match.reason,
    key: match.key ? summarizeKey(match.key) : null,
  }));
  return { hubs: [...hubs.values()], apiKeys, calls };
}

/** Ids of key records matched (exactly or by their visible part) to keys the HAR sent. */
export function seenKeyIds(join: HarJoin | null): Set<string> {
  return new Set((join?.apiKeys ?? []).filter((k) => k.key !== null && (k.match === 'exact' || k.match === 'partial')).map((k) => k.key!.id));
}
