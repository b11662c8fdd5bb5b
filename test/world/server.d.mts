// Types for the plain-JavaScript test world (test/world/server.mjs), so TypeScript tests can import it.
export interface World {
  port: number;
  /** The shop as a browser with `hostResolverRules` sees it: `https://shop.example.test`. */
  origin: string;
  /** The server reached directly: `https://127.0.0.1:<port>`. */
  localOrigin: string;
  /** Chromium `--host-resolver-rules` value mapping the world's hosts to this server. */
  hostResolverRules: string;
  close(): Promise<void>;
}
export function startWorld(opts?: { port?: number; host?: string; build?: boolean }): Promise<World>;
export function buildPages(opts?: { force?: boolean }): Promise<{ built: boolean; dir: string }>;
export function mintSearchToken(opts?: {
  searchHub?: string;
  pipeline?: string;
  expired?: boolean;
  user?: string;
}): Promise<string>;
export function scenarioConfig(
  scenario: string,
  opts?: { renew?: boolean },
): Promise<{ scenario: string; organizationId: string; searchHub: string; accessToken: string; proxy?: boolean } | null>;
export function pipelineForHub(hub: string | undefined): string;
export function parseBody(text: string, contentType?: string): { data: any; form: boolean };
export const ORG: string;
export const SHOP_HOST: string;
export const PLATFORM_HOST: string;
export const ORG_HOST: string;
export const ANALYTICS_HOST: string;
export const PAGE_API_KEY: string;
export const PROXY_API_KEY: string;
export const SCENARIOS: readonly string[];
