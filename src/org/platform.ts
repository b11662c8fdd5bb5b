/**
 * The network edge of the organization audit: Coveo's own `@coveo/platform-client`, loaded lazily (a dynamic import,
 * only by the `org` command, so `check` never pays for it), reading API keys, query pipelines with their filter rules,
 * and search hubs. Read-only by construction: for the duration of a run, `fetch` refuses any method but GET.
 * Every failure becomes a `PlatformError` whose message is one line saying what to do; the token never appears in it.
 */
import type {
  ApiKeyListOptions,
  ApiKeyModel,
  ListSearchHubs,
  PaginatedListPipelinesModel,
  PipelineModel,
  PlatformClient,
  StatementModel,
  StatementsFeature,
} from '@coveo/platform-client';
import { fingerprint, redactSecrets } from '../core/redact';
import type { OrgApiKey, OrgPipeline, OrgSnapshot, OrgStatement } from '../core/org/types';

// A change in Coveo's models that the audit's shapes no longer accept breaks the build here, not production.
type Assignable<T, U extends T> = U;
export type _KeysFit = Assignable<OrgApiKey, ApiKeyModel>;
export type _StatementsFit = Assignable<OrgStatement, StatementModel>;
export type _PipelinesFit = Assignable<Omit<OrgPipeline, 'filterRules'>, PipelineModel>;

export type RegionName = 'us' | 'eu' | 'au' | 'ca' | 'hipaa';
export const REGIONS: readonly RegionName[] = ['us', 'eu', 'au', 'ca', 'hipaa'];

export interface PlatformOptions {
  organizationId: string;
  accessToken: string;
  region?: RegionName;
  /** Overrides the region's host (a proxy, a test stand-in). */
  platformUrl?: string | null;
  /** Deadline for the whole audit, retries included. */
  timeoutMs?: number;
  perPage?: number;
}

/** One line, safe to print, saying what went wrong and what to do. */
export class PlatformError extends Error {
  override name = 'PlatformError';
}

/** The privileges each step needs, as the Admin Console names them. */
export const PRIVILEGES = {
  apiKeys: '"API keys" View (Organization service)',
  pipelines: '"Query pipelines" View (Search service)',
  searchHubs: '"Search hubs" View',
} as const;

/** The Platform API host for a region, as platform-client computes it (production environment). */
export function platformHost(region: RegionName = 'us', platformUrl?: string | null): string {
  if (platformUrl) return platformUrl.replace(/\/+$/, '');
  if (region === 'hipaa') return 'https://platformhipaa.cloud.coveo.com';
  return `https://platform${region === 'us' ? '' : `-${region}`}.cloud.coveo.com`;
}

const MAX_PAGES = 1000;

interface RunState {
  lastStatus: number | null;
  requests: number;
  throttled: number;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function malformed(what: string, expected: string): PlatformError {
  return new PlatformError(`malformed answer from the Platform API while ${what}: expected ${expected}; is --platform-url a Coveo Platform API?`);
}

function clean(text: string, token: string): string {
  const out = token ? text.split(token).join(fingerprint(token)) : text;
  return redactSecrets(out)
    .replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ')
    .trim()
    .slice(0, 160);
}

/** Maps whatever platform-client threw to one line. */
export function describeFailure(
  error: unknown,
  ctx: { what: string; privilege: string; host: string; org: string; token: string; state: RunState; timeoutMs: number },
): PlatformError {
  if (error instanceof PlatformError) return error;
  const e = error as { name?: string; status?: unknown; detail?: unknown; message?: unknown; cause?: { code?: string; message?: string } } | null;
  const name = e?.name;
  if (name === 'AbortError' || name === 'TimeoutError') {
    const why = ctx.state.throttled > 0 ? ` (the Platform API answered 429 Too Many Requests ${ctx.state.throttled} time(s))` : '';
    return new PlatformError(
      `no complete answer from ${ctx.host} within ${Math.round(ctx.timeoutMs / 1000)} s while ${ctx.what}${why}: try again later, or raise --timeout`,
    );
  }
  // platform-client retries 429 with exponential back-off, then rejects with the last Response itself.
  let status = typeof e?.status === 'number' ? e.status : null;
  if (status === null && (name === 'SyntaxError' || error instanceof SyntaxError)) {
    // An error body that is not JSON: the status the fetch saw still says what happened.
    if (ctx.state.lastStatus !== null && ctx.state.lastStatus >= 400) status = ctx.state.lastStatus;
    else return malformed(ctx.what, 'JSON');
  }
  if (status !== null) {
    const detail = typeof e?.detail === 'string' && e.detail !== 'unknown' ? `: ${clean(e.detail, ctx.token)}` : '';
    switch (status) {
      case 401:
        return new PlatformError(
          `the Platform API refused the credential (HTTP 401 while ${ctx.what}): the token is invalid or expired, or the organization is in another region than ${ctx.host}; get a new token (COVEO_PLATFORM_TOKEN or --token-file), or pass --region`,
        );
      case 403:
        return new PlatformError(
          `missing privilege (HTTP 403 while ${ctx.what}): grant ${ctx.privilege} on organization ${ctx.org} to the token's user or API key`,
        );
      case 404:
        return new PlatformError(
          `organization "${clean(ctx.org, ctx.token)}" not found at ${ctx.host} (HTTP 404 while ${ctx.what}): check --org, and --region or --platform-url`,
        );
      case 429:
        return new PlatformError(
          `the Platform API kept throttling the audit (HTTP 429 while ${ctx.what}, after ${ctx.state.throttled} retries): wait a minute and try again`,
        );
      default:
        return new PlatformError(`the Platform API answered HTTP ${status} while ${ctx.what}${detail}`);
    }
  }
  if (name === 'TypeError' && e?.cause) {
    const code = e.cause.code ?? clean(String(e.cause.message ?? 'network error'), ctx.token);
    return new PlatformError(`cannot reach ${ctx.host} (${code}) while ${ctx.what}: check the network, --region or --platform-url`);
  }
  return new PlatformError(`unexpected failure while ${ctx.what}: ${clean(String(e?.message ?? error), ctx.token)}`);
}

function timeoutError(): Error {
  const error = new Error('deadline reached');
  error.name = 'TimeoutError';
  return error;
}

/**
 * `fetch` for the duration of one audit: GET only, each request bounded by the audit's deadline, and the statuses
 * recorded for the error messages. (The deadline is applied here, per request, rather than as one shared signal in
 * the client's settings, to which platform-client would add a listener per request.)
 */
function guardFetch(state: RunState, deadline: number): () => void {
  const original = globalThis.fetch;
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    if (method !== 'GET') throw new PlatformError(`refused a ${method} request: the organization audit only reads`);
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw timeoutError();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(timeoutError()), remaining);
    timer.unref?.();
    state.requests++;
    const response = await original(input, { ...init, signal: controller.signal });
    state.lastStatus = response.status;
    if (response.status === 429) state.throttled++;
    return response;
  }) as typeof fetch;
  return () => {
    globalThis.fetch = original;
  };
}

/** Rejects with a TimeoutError at the deadline, even while platform-client sleeps between 429 retries. */
function withDeadline<T>(work: Promise<T>, deadline: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timeoutError()), Math.max(0, deadline - Date.now()));
    timer.unref?.();
  });
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}

async function listApiKeys(client: PlatformClient, perPage: number): Promise<OrgApiKey[]> {
  // ApiKey.list takes no paging option in platform-client; page/perPage are passed through anyway, and listing stops
  // at a short page or at a page that brings no new key (an API that ignores them answers the whole list once).
  const seen = new Map<string, OrgApiKey>();
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer: unknown = await client.apiKey.list({ page, perPage } as ApiKeyListOptions);
    if (!Array.isArray(answer)) throw malformed('listing API keys', 'an array of API keys');
    let fresh = 0;
    for (const k of answer) {
      if (!isObject(k) || typeof k.id !== 'string') throw malformed('listing API keys', 'API keys with an id');
      if (k.privileges !== undefined && !Array.isArray(k.privileges)) throw malformed('listing API keys', 'privileges as an array');
      if (!seen.has(k.id)) {
        seen.set(k.id, k as unknown as OrgApiKey);
        fresh++;
      }
    }
    if (answer.length < perPage || fresh === 0) break;
  }
  return [...seen.values()];
}

async function listPipelines(client: PlatformClient, organizationId: string, perPage: number): Promise<PipelineModel[]> {
  const out = new Map<string, PipelineModel>();
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer: unknown = await client.pipeline.list({ enablePagination: true, page, perPage, organizationId });
    const items = isObject(answer) ? (answer as Partial<PaginatedListPipelinesModel>).items : undefined;
    if (!Array.isArray(items)) throw malformed('listing query pipelines', 'a page of pipelines ({items, totalEntries})');
    let fresh = 0;
    for (const p of items as unknown[]) {
      if (!isObject(p) || typeof p.id !== 'string' || typeof p.name !== 'string') throw malformed('listing query pipelines', 'pipelines with an id and a name');
      if (p.condition !== undefined && p.condition !== null && !isObject(p.condition)) throw malformed('listing query pipelines', 'conditions as objects');
      if (!out.has(p.id)) {
        out.set(p.id, p as unknown as PipelineModel);
        fresh++;
      }
    }
    const total = isObject(answer) && typeof answer.totalEntries === 'number' ? answer.totalEntries : null;
    if (items.length < perPage || fresh === 0 || (total !== null && out.size >= total)) break;
  }
  return [...out.values()];
}

async function listFilterRules(client: PlatformClient, pipelineId: string, perPage: number): Promise<OrgStatement[]> {
  const out: OrgStatement[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer: unknown = await client.pipeline.statements.list(pipelineId, { feature: 'filter' as StatementsFeature, page, perPage });
    const items = isObject(answer) ? answer.statements : undefined;
    if (!Array.isArray(items)) throw malformed('listing filter rules', 'a page of statements ({statements, totalEntries})');
    for (const s of items as unknown[]) {
      if (!isObject(s) || typeof s.id !== 'string' || typeof s.definition !== 'string')
        throw malformed('listing filter rules', 'statements with an id and a definition');
      // The listing is filtered by feature; keep only filters in case a server ignores the filter.
      if (typeof s.feature === 'string' && s.feature.toLowerCase() !== 'filter') continue;
      out.push(s as unknown as OrgStatement);
    }
    const pages = isObject(answer) && typeof answer.totalPages === 'number' ? answer.totalPages : null;
    if (items.length < perPage || (pages !== null && page + 1 >= pages)) break;
  }
  return out;
}

async function listSearchHubs(client: PlatformClient, perPage: number): Promise<string[]> {
  const out = new Set<string>();
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer: unknown = await client.searchUsageMetrics.searchHubs.list({ page, perPage });
    const hubs = isObject(answer) ? (answer as Partial<ListSearchHubs>).hubs : undefined;
    if (!Array.isArray(hubs)) throw malformed('listing search hubs', 'a page of hubs ({hubs, totalCount})');
    const before = out.size;
    for (const h of hubs as unknown[]) {
      if (!isObject(h) || typeof h.name !== 'string') throw malformed('listing search hubs', 'hubs with a name');
      out.add(h.name);
    }
    const total = isObject(answer) && typeof answer.totalCount === 'number' ? answer.totalCount : null;
    if (hubs.length < perPage || out.size === before || (total !== null && out.size >= total)) break;
  }
  return [...out];
}

/** Reads everything the audit needs. Throws `PlatformError` (one line) on any failure that makes the audit unusable. */
export async function fetchOrgSnapshot(options: PlatformOptions): Promise<OrgSnapshot> {
  const region = options.region ?? 'us';
  const host = platformHost(region, options.platformUrl);
  const timeoutMs = options.timeoutMs ?? 120_000;
  const perPage = options.perPage ?? 100;
  const state: RunState = { lastStatus: null, requests: 0, throttled: 0 };
  const ctx = (what: string, privilege: string) => ({ what, privilege, host, org: options.organizationId, token: options.accessToken, state, timeoutMs });

  let mod: typeof import('@coveo/platform-client');
  try {
    mod = await import('@coveo/platform-client');
  } catch (error) {
    throw new PlatformError(
      `cannot load @coveo/platform-client (${clean(String((error as Error)?.message ?? error), '')}): reinstall the package's dependencies`,
    );
  }
  const deadline = Date.now() + timeoutMs;
  const client = new mod.PlatformClient({
    accessToken: options.accessToken,
    organizationId: options.organizationId,
    ...(options.platformUrl ? { host } : {}),
    environment: region === 'hipaa' ? mod.Environment.hipaa : mod.Environment.prod,
    ...(region !== 'hipaa' ? { region: region as unknown as import('@coveo/platform-client').Region } : {}),
  });
  const restore = guardFetch(state, deadline);
  try {
    const step = async <T>(what: string, privilege: string, fn: () => Promise<T>): Promise<T> => {
      try {
        return await withDeadline(fn(), deadline);
      } catch (error) {
        throw describeFailure(error, ctx(what, privilege));
      }
    };
    const apiKeys = await step('listing API keys', PRIVILEGES.apiKeys, () => listApiKeys(client, perPage));
    const models = await step('listing query pipelines', PRIVILEGES.pipelines, () => listPipelines(client, options.organizationId, perPage));
    const pipelines: OrgPipeline[] = [];
    for (const p of models) {
      const filterRules = await step(`listing the filter rules of pipeline "${clean(p.name, options.accessToken)}"`, PRIVILEGES.pipelines, () =>
        listFilterRules(client, p.id, perPage),
      );
      pipelines.push({ ...(p as unknown as Omit<OrgPipeline, 'filterRules'>), filterRules });
    }
    const notes: string[] = [];
    let searchHubs: string[] | null = null;
    try {
      searchHubs = await withDeadline(listSearchHubs(client, perPage), deadline);
    } catch (error) {
      const failure = describeFailure(error, ctx('listing search hubs', PRIVILEGES.searchHubs));
      const status = (error as { status?: unknown })?.status ?? state.lastStatus;
      // The hub list only widens the shadowing check: without the privilege, the audit goes on and says so.
      if (status === 403 || status === 404)
        notes.push(`Search hubs were not read (${failure.message}); the shadowing check uses the hubs that conditions, keys and the HAR name.`);
      else throw failure;
    }
    return { organizationId: options.organizationId, apiKeys, pipelines, searchHubs, notes };
  } finally {
    restore();
  }
}
