// The test world: one HTTPS server that plays Coveo (any *.coveo.com host) and a demo shop
// (shop.example.test) whose pages run the real Coveo clients. Test-only code; see README.md.
// The parts: constants.mjs (names, keys), routing.mjs (routing like Coveo), credentials.mjs (tokens, API keys,
// scenarios), coveo.mjs and search-api.mjs (the Coveo stand-in), shop.mjs (the shop and static files), http.mjs.
import https from 'node:https';
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPages } from './build-pages.mjs';
import { SHOP_HOST } from './constants.mjs';
import { coveoHandle } from './coveo.mjs';
import { corsHeaders, preflight, readBody, send } from './http.mjs';
import { makeRouting } from './routing.mjs';
import { handleShop, handleStaticCdn } from './shop.mjs';

export { buildPages };
export {
  ANALYTICS_HOST,
  ORG,
  ORG_HOST,
  PAGE_API_KEY,
  PLATFORM_HOST,
  PROXY_API_KEY,
  SCENARIOS,
  SCOPED_API_KEY,
  SHOP_HOST,
} from './constants.mjs';
export { coveoHandle } from './coveo.mjs';
export { checkCredential, findCredential, mintSearchToken, scenarioConfig } from './credentials.mjs';
export { parseBody } from './http.mjs';
export { DEFAULT_ROUTING, makeRouting, pipelineForHub, routeQuery } from './routing.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));

function isCoveoHost(host) {
  return host === 'coveo.com' || host.endsWith('.coveo.com');
}

/**
 * Starts the world: one HTTPS server answering every host it is mapped to.
 * @param {{ port?: number, host?: string, build?: boolean, routing?: Partial<import('./server.mjs').Routing> }} [opts]
 * @returns {Promise<import('./server.mjs').World>}
 */
export async function startWorld({ port = 0, host = '127.0.0.1', build = false, routing: initialRouting } = {}) {
  if (build) await buildPages();
  let routing = makeRouting(initialRouting);
  const server = https.createServer(
    { key: readFileSync(join(HERE, 'certs', 'key.pem')), cert: readFileSync(join(HERE, 'certs', 'cert.pem')) },
    async (req, res) => {
      try {
        const hostHeader = String(req.headers.host || 'localhost').toLowerCase();
        const hostname = hostHeader.replace(/:\d+$/, '');
        const url = new URL(req.url || '/', `https://${hostHeader}`);
        // Coveo's static CDN (search-ui's fonts).
        if (/^static(dev)?\.cloud\.coveo\.com$/.test(hostname)) return handleStaticCdn(res, url);
        if (isCoveoHost(hostname)) {
          if (req.method === 'OPTIONS') return preflight(req, res);
          const bodyText = await readBody(req);
          const out = await coveoHandle({ req, url, bodyText, routing });
          return send(res, out.status, out.body, { ...corsHeaders(req), ...(out.headers || {}) });
        }
        const bodyText = await readBody(req);
        return await handleShop(req, res, url, bodyText, routing);
      } catch (e) {
        if (!res.headersSent) send(res, 500, { statusCode: 500, message: String(e?.message) });
        else res.destroy();
      }
    },
  );
  const sockets = new Set();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(undefined));
  });
  const addr = server.address();
  const actualPort = typeof addr === 'object' && addr ? addr.port : port;
  return {
    port: actualPort,
    /** The shop as a browser with `hostResolverRules` sees it (port 443 is mapped to this server). */
    origin: `https://${SHOP_HOST}`,
    /** The server reached directly (certificate is valid for 127.0.0.1 too). */
    localOrigin: `https://127.0.0.1:${actualPort}`,
    /** Chromium flag value mapping every world host to this server. */
    hostResolverRules: `MAP *.coveo.com 127.0.0.1:${actualPort}, MAP ${SHOP_HOST} 127.0.0.1:${actualPort}`,
    /** The routing configuration in effect (pipelines with conditions, API keys, scoped-key behaviour). */
    get routing() {
      return routing;
    },
    /** Replaces the routing configuration (a partial one is filled from DEFAULT_ROUTING); for the next requests. */
    setRouting(partial) {
      routing = makeRouting(partial);
    },
    close() {
      return new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      });
    },
  };
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === normalize(process.argv[1]);
if (isMain) {
  const port = Number(process.env.PORT || process.argv[2] || 8443);
  // WORLD_ROUTING='{"scopedKeyMismatch":"reject"}' (JSON, a partial routing configuration) changes the routing.
  const routingEnv = process.env.WORLD_ROUTING ? JSON.parse(process.env.WORLD_ROUTING) : undefined;
  const world = await startWorld({ port, build: true, routing: routingEnv });
  console.log(`test world listening on ${world.localOrigin}; browsers see it as ${world.origin}/`);
  console.log(`chromium --ignore-certificate-errors --host-resolver-rules="${world.hostResolverRules}"`);
}
