// The demo shop (shop.example.test): its index, the scenario credential endpoint, the same-origin proxies that add
// the shop's own API key server-side, the client pages and their vendored libraries; and Coveo's static CDN.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILD_DIR } from './build-pages.mjs';
import { PROXY_API_KEY, SCENARIOS } from './constants.mjs';
import { coveoHandle } from './coveo.mjs';
import { scenarioConfig } from './credentials.mjs';
import { send } from './http.mjs';

/** @typedef {import('./server.mjs').Routing} Routing */

const HERE = dirname(fileURLToPath(import.meta.url));
const PAGES_DIR = join(HERE, 'pages');
const NODE_MODULES = join(HERE, '..', '..', 'node_modules');

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

/** Serves `rel` from `baseDir`, refusing anything that escapes it. */
function serveFile(res, baseDir, rel) {
  const full = normalize(join(baseDir, rel));
  if (full !== baseDir && !full.startsWith(baseDir + sep)) return send(res, 403, 'forbidden');
  if (!existsSync(full) || !statSync(full).isFile()) return send(res, 404, 'not found', { 'content-type': 'text/plain' });
  res.writeHead(200, {
    'content-type': MIME[extname(full)] || 'application/octet-stream',
    'cache-control': 'no-store',
  });
  createReadStream(full).pipe(res);
}

const STATIC_ROUTES = [
  ['/vendor/search-ui/', join(NODE_MODULES, 'coveo-search-ui', 'bin')],
  ['/vendor/atomic/', join(BUILD_DIR, 'atomic-overlay'), join(NODE_MODULES, '@coveo', 'atomic', 'dist', 'atomic')],
  ['/build/', BUILD_DIR],
];

function indexPage(origin) {
  const link = (href, text) => `<li><a href="${href}">${text}</a></li>`;
  const items = [
    link('/headless/?scenario=token-hub', 'Headless, search token with hub claim (enforced)'),
    link('/headless/?scenario=token-nohub', 'Headless, search token without hub (unenforced)'),
    link('/headless/?scenario=token-pipeline', 'Headless, search token with pipeline claim only'),
    link('/headless/?scenario=token-mismatch', 'Headless, token hub ACMEPublic, page asks for AgentPanel'),
    link('/headless/?scenario=token-expired', 'Headless, expired token then renewal'),
    link('/headless/?scenario=api-key', 'Headless, API key in the page'),
    link('/headless/?scenario=proxy', 'Headless through the shop proxy (no credential in the browser)'),
    link('/headless/?scenario=proxy-long-history', 'Headless through the proxy, 20 history entries and 60 fields before the hub'),
    link('/headless/?scenario=token-hub-pipeline', 'Headless, token with hub claim, page code names a pipeline'),
    link('/headless/?scenario=api-key-scoped', 'Headless, API key limited to the hub ACMEPublic'),
    link('/headless/?scenario=token-hub&analytics=next', 'Headless, token with hub, Event Protocol analytics'),
    link('/search-ui/?scenario=api-key', 'JS Search Framework (search-ui), API key'),
    link('/search-ui/?scenario=token-hub', 'JS Search Framework (search-ui), token with hub'),
    link('/atomic/?scenario=token-hub', 'Atomic, token with hub'),
  ].join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Coveo Hub Inspector test shop</title></head>
<body><h1>Coveo Hub Inspector test shop</h1>
<p>Open DevTools, then the <b>Coveo Hub</b> tab, then pick a scenario. Coveo hosts are answered by a local stand-in (${origin}).</p>
<ul>
${items}
</ul></body></html>`;
}

export async function handleShop(req, res, url, bodyText, routing) {
  const p = url.pathname;
  if (p === '/' || p === '/index.html') return send(res, 200, indexPage(url.origin), { 'content-type': MIME['.html'] });
  if (p === '/favicon.ico') return send(res, 204, undefined);
  if (p === '/api/credential') {
    const cfg = await scenarioConfig(url.searchParams.get('scenario') || 'token-hub', {
      renew: url.searchParams.get('renew') === '1',
    });
    if (!cfg) return send(res, 400, { message: `unknown scenario; use one of ${SCENARIOS.join(', ')}` });
    return send(res, 200, cfg, { 'cache-control': 'no-store' });
  }
  if (p === '/proxy-api/search' || p.startsWith('/proxy-api/search/')) {
    // The same relay at a path of the site's own choosing (Headless `search.proxyBaseUrl` can be anything).
    const inner = new URL(url.href);
    inner.pathname = `/rest/search/v2${p.slice('/proxy-api/search'.length)}`;
    const out = await coveoHandle({ req, url: inner, bodyText, injected: PROXY_API_KEY, routing });
    return send(res, out.status, out.body, out.headers);
  }
  if (p.startsWith('/proxy/')) {
    // A same-origin relay: the browser sends no credential, the server adds its own, like real proxies.
    const inner = new URL(url.href);
    inner.pathname = p.slice('/proxy'.length);
    const out = await coveoHandle({ req, url: inner, bodyText, injected: PROXY_API_KEY, routing });
    return send(res, out.status, out.body, out.headers);
  }
  for (const [prefix, ...dirs] of STATIC_ROUTES) {
    if (!p.startsWith(prefix)) continue;
    const rel = decodeURIComponent(p.slice(prefix.length));
    // The first directory holding the file wins (built overlays before published packages).
    const dir = dirs.find((d) => existsSync(join(d, rel))) || dirs[dirs.length - 1];
    return serveFile(res, dir, rel);
  }
  const m = /^\/(headless|search-ui|atomic)(\/.*)?$/.exec(p);
  if (m) {
    if (!m[2]) return send(res, 301, '', { location: `/${m[1]}/${url.search}` });
    const rel = m[2] === '/' ? 'index.html' : decodeURIComponent(m[2].slice(1));
    // A page generated by buildPages() (atomic's import map) wins over its source template.
    const built = join(BUILD_DIR, m[1]);
    if (existsSync(normalize(join(built, rel))) && normalize(join(built, rel)).startsWith(built + sep)) {
      return serveFile(res, built, rel);
    }
    return serveFile(res, join(PAGES_DIR, m[1]), rel);
  }
  return send(res, 404, 'not found', { 'content-type': 'text/plain' });
}

/** Coveo's static CDN: search-ui fetches its fonts from here. Serve them from the npm package. */
export function handleStaticCdn(res, url) {
  const asset = /^\/searchui\/v[^/]+\/\d+\/(.+)$/.exec(url.pathname);
  res.setHeader('access-control-allow-origin', '*');
  if (asset?.[1]) return serveFile(res, join(NODE_MODULES, 'coveo-search-ui', 'bin'), decodeURIComponent(asset[1]));
  return send(res, 404, 'not found', { 'content-type': 'text/plain' });
}
