// Types for the plain-JavaScript test world (test/world/server.mjs), so TypeScript tests can import it.
export interface World {
  port: number;
  /** The shop as a browser with `hostResolverRules` sees it: `https://shop.example.test`. */
  origin: string;
  /** The server reached directly: `https://127.0.0.1:<port>`. */
  localOrigin: string;
  /** Chromium `--host-resolver-rules` value mapping the world's hosts to this server. */
  hostResolverRules: string;
  /** The routing configuration in effect. */
  readonly routing: Routing;
  /** Replaces the routing configuration (a partial one is filled from DEFAULT_ROUTING) for the next requests. */
  setRouting(partial?: Partial<Routing>): void;
  close(): Promise<void>;
}
/** A pipeline condition: matches when every field it names equals the request's (after credential enforcement). */
export interface PipelineCondition {
  searchHub?: string;
  tab?: string;
}
export interface Routing {
  /** Pipelines in evaluation order; the first with a matching condition wins. */
  pipelines: { name: string; conditions: PipelineCondition[] }[];
  defaultPipeline: string;
  /** API keys Coveo knows, with their scope (`searchHub`: the hub the key is limited to). */
  apiKeys: Record<string, { searchHub?: string }>;
  /** What a hub-scoped key does with a different body hub: route by the key's hub, or answer 403. */
  scopedKeyMismatch: 'override' | 'reject';
}
export interface Route {
  pipeline: string;
  hub: string | undefined;
  reason: 'token-pipeline' | 'request-pipeline' | 'condition' | 'default';
  restrictions: { searchHub?: string; pipeline?: string };
  rejected?: undefined;
}
export const DEFAULT_ROUTING: Readonly<Routing>;
export function makeRouting(partial?: Partial<Routing>): Routing;
export function routeQuery(q: {
  routing: Routing;
  claims?: Record<string, unknown>;
  keyScope?: { searchHub?: string } | null;
  requestHub?: string;
  requestPipeline?: string;
  tab?: string;
}): Route | { rejected: { status: number; body: Record<string, unknown> } };
export function startWorld(opts?: { port?: number; host?: string; build?: boolean; routing?: Partial<Routing> }): Promise<World>;
export function buildPages(opts?: { force?: boolean }): Promise<{ built: boolean; dir: string }>;
export function mintSearchToken(opts?: { searchHub?: string; pipeline?: string; expired?: boolean; user?: string }): Promise<string>;
export function scenarioConfig(
  scenario: string,
  opts?: { renew?: boolean },
): Promise<{
  scenario: string;
  organizationId: string;
  searchHub: string;
  accessToken: string;
  proxy?: boolean;
  /** A pipeline the page's own code names in its requests. */
  pipeline?: string;
  /** Actions-history entries the page seeds before its first search. */
  historyEntries?: number;
  /** Where the page's search proxy sits instead of `/proxy/rest/search/v2` (a path without `/rest/`). */
  searchProxyPath?: string;
  /** Number of fields the page asks for (fieldsToInclude). */
  fieldsToInclude?: number;
} | null>;
export function pipelineForHub(hub: string | undefined): string;
export function parseBody(text: string, contentType?: string): { data: unknown; form: boolean };
export const ORG: string;
export const SHOP_HOST: string;
export const PLATFORM_HOST: string;
export const ORG_HOST: string;
export const ANALYTICS_HOST: string;
export const PAGE_API_KEY: string;
export const PROXY_API_KEY: string;
export const SCOPED_API_KEY: string;
export const SCENARIOS: readonly string[];
