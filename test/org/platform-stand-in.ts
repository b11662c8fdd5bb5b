/**
 * A loopback stand-in for Coveo's Platform API, serving the few read endpoints the organization audit uses, the way
 * `@coveo/platform-client` calls them: API keys, query pipelines (paged with enablePagination), filter statements
 * (paged), search hubs (paged). Organizations are fixtures typed against the client's own models. Each org can be
 * told to refuse a resource (403), to throttle (429 a number of times), or to answer nonsense.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiKeyModel, PipelineModel, RestSearchHub, StatementModel } from '@coveo/platform-client';

export type Resource = 'apikeys' | 'pipelines' | 'statements' | 'hubs';

export interface StandInOrg {
  id: string;
  /** The one bearer token this org accepts. */
  token: string;
  apiKeys: ApiKeyModel[];
  pipelines: PipelineModel[];
  /** Filter statements per pipeline id. */
  statements: Record<string, StatementModel[]>;
  hubs: RestSearchHub[];
  /** Resources answered 403. */
  forbid?: Resource[];
  /** 429 for the first N requests to this resource. */
  throttle?: Partial<Record<Resource, number>>;
  /** Resources answered with a body of the wrong shape ('shape') or not JSON at all ('text'). */
  malformed?: Partial<Record<Resource, 'shape' | 'text'>>;
  /** The API-key listing ignores page/perPage (answers the whole list each time). */
  keysIgnorePaging?: boolean;
}

export interface StandIn {
  url: string;
  /** Every request received: method and path with query. */
  requests: { method: string; url: string }[];
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown, type = 'application/json'): void {
  res.writeHead(status, { 'content-type': type, 'x-request-id': 'stand-in' });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

function page<T>(items: T[], url: URL, sizeParam = 'perPage'): { slice: T[]; page: number; perPage: number } {
  const p = Number(url.searchParams.get('page') ?? '0');
  const per = Number(url.searchParams.get(sizeParam) ?? '100');
  return { slice: items.slice(p * per, p * per + per), page: p, perPage: per };
}

export async function startStandIn(orgs: StandInOrg[]): Promise<StandIn> {
  const requests: { method: string; url: string }[] = [];
  const counts = new Map<string, number>();
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    requests.push({ method: req.method ?? 'GET', url: req.url ?? '/' });
    const url = new URL(req.url ?? '/', 'http://stand-in');
    if (req.method !== 'GET') return send(res, 405, { errorCode: 'METHOD_NOT_ALLOWED', message: 'read-only stand-in' });
    let resource: Resource | null = null;
    let orgId: string | null = null;
    let pipelineId: string | null = null;
    const apikeys = url.pathname.match(/^\/rest\/organizations\/([^/]+)\/apikeys\/?$/);
    const hubs = url.pathname.match(/^\/rest\/organizations\/([^/]+)\/searchusagemetrics\/hubs\/?$/);
    const statements = url.pathname.match(/^\/rest\/search\/v2\/admin\/pipelines\/([^/]+)\/statements$/);
    if (apikeys) [resource, orgId] = ['apikeys', apikeys[1]!];
    else if (hubs) [resource, orgId] = ['hubs', hubs[1]!];
    else if (url.pathname === '/rest/search/v1/admin/pipelines') [resource, orgId] = ['pipelines', url.searchParams.get('organizationId')];
    else if (statements) [resource, orgId, pipelineId] = ['statements', url.searchParams.get('organizationId'), decodeURIComponent(statements[1]!)];
    if (resource === null) return send(res, 404, { errorCode: 'NOT_FOUND', message: `no route ${url.pathname}` });
    const auth = req.headers.authorization ?? '';
    // Like the real API, an unknown bearer is refused before the organization is looked at.
    const byToken = orgs.find((o) => `Bearer ${o.token}` === auth);
    if (!byToken) return send(res, 401, { errorCode: 'INVALID_TOKEN', message: 'Invalid token' });
    const org = orgs.find((o) => o.id === orgId);
    if (!org) return send(res, 404, { errorCode: 'ORGANIZATION_NOT_FOUND', message: `Organization ${orgId} not found` });
    if (org !== byToken) return send(res, 403, { errorCode: 'ACCESS_DENIED', message: 'Access denied' });
    const key = `${org.id}/${resource}`;
    const n = (counts.get(key) ?? 0) + 1;
    counts.set(key, n);
    if ((org.throttle?.[resource] ?? 0) >= n) return send(res, 429, { errorCode: 'TOO_MANY_REQUESTS', message: 'Slow down' });
    if (org.forbid?.includes(resource)) return send(res, 403, { errorCode: 'ACCESS_DENIED', message: `missing privilege for ${resource}` });
    const bad = org.malformed?.[resource];
    if (bad === 'text') return send(res, 200, '<html>gateway says hello</html>', 'application/json');
    if (bad === 'shape') return send(res, 200, { unexpected: true, items: 'nope', statements: 42, hubs: null });
    switch (resource) {
      case 'apikeys': {
        if (org.keysIgnorePaging || !url.searchParams.has('page')) return send(res, 200, org.apiKeys);
        return send(res, 200, page(org.apiKeys, url).slice);
      }
      case 'pipelines': {
        const { slice } = page(org.pipelines, url);
        return send(res, 200, { items: slice, totalEntries: org.pipelines.length });
      }
      case 'statements': {
        const all = (org.statements[pipelineId as string] ?? []).filter(
          (s) => !url.searchParams.get('feature') || s.feature === url.searchParams.get('feature'),
        );
        const { slice, perPage } = page(all, url);
        return send(res, 200, { statements: slice, totalEntries: all.length, totalPages: Math.ceil(all.length / perPage) });
      }
      case 'hubs': {
        const { slice } = page(org.hubs, url, 'pageSize');
        return send(res, 200, { hubs: slice, totalCount: org.hubs.length });
      }
    }
  };
  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
