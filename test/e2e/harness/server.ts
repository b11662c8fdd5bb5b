// A tiny local "world" for browser tests: one plain-HTTP server on 127.0.0.1 that answers
//  - the shop's page on http://shop.example.test:<port>/ (and any extra pages a scenario adds), and
//  - a Coveo-like Search API on http://platform.cloud.coveo.com:<port>/rest/search/v2 (CORS, OPTIONS preflight).
// Browsers reach it by name: Chromium through --host-resolver-rules, Firefox through its proxy prefs.
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const SHOP_HOST = 'shop.example.test';
export const PLATFORM_HOST = 'platform.cloud.coveo.com';
export const ORG = 'acmeshop';

export interface ReceivedRequest {
  method: string;
  host: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** The body's bytes as received (for bodies that are not valid UTF-8). */
  bodyBytes: Buffer;
}

export interface WorldOptions {
  /** Largest request head the server accepts (Node's default is 16 KiB; a test may send a ~1 MB token). */
  maxHeaderSize?: number;
}

export interface WorldServer {
  port: number;
  /** http://shop.example.test:<port> */
  shopOrigin: string;
  /** http://platform.cloud.coveo.com:<port> */
  platformOrigin: string;
  /** Every request that reached the server, in order (preflights included). */
  received: ReceivedRequest[];
  /** Serve `html` at `path` on the shop host. */
  addPage(path: string, html: string): void;
  close(): Promise<void>;
}

function b64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

/** A real HS256 search token (signed with a test-only secret), claims shaped like Coveo's. */
export function signSearchToken(claims: Record<string, unknown> = {}, secret = 'e2e-test-secret-not-a-real-key'): string {
  const now = Math.floor(Date.now() / 1000);
  const payload = {
    v8: true,
    organization: ORG,
    userIds: [{ name: 'visitor@example.com', provider: 'Email Security Provider', type: 'User' }],
    roles: ['queryExecutor'],
    iat: now,
    exp: now + 3600,
    ...claims,
  };
  const head = `${b64url(JSON.stringify({ alg: 'HS256' }))}.${b64url(JSON.stringify(payload))}`;
  return `${head}.${b64url(createHmac('sha256', secret).update(head).digest())}`;
}

/** The smoke page: `window.runSearch()` POSTs one search with the given token and body hub, resolving to the HTTP status. */
export function searchPage(opts: { platformOrigin: string; token: string; searchHub: string }): string {
  const config = JSON.stringify({
    url: `${opts.platformOrigin}/rest/search/v2?organizationId=${ORG}`,
    token: opts.token,
    body: { q: 'running shoes', searchHub: opts.searchHub, tab: 'default', numberOfResults: 10, locale: 'en' },
  }).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>ACME shop</title></head>
<body>
<h1>ACME shop</h1>
<script>
const CONFIG = ${config};
window.runSearch = async () => {
  const response = await fetch(CONFIG.url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + CONFIG.token },
    body: JSON.stringify(CONFIG.body),
  });
  await response.text();
  return response.status;
};
</script>
</body></html>`;
}

/** The search answer; like Coveo, a token's `pipeline` claim names the pipeline that served it. */
function searchResponse(authorization: string | undefined): string {
  let pipeline: unknown;
  try {
    const payload = (authorization ?? '').replace(/^Bearer /, '').split('.')[1] ?? '';
    pipeline = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { pipeline?: unknown }).pipeline;
  } catch {
    pipeline = undefined;
  }
  return JSON.stringify({ ...SEARCH_BODY, pipeline: typeof pipeline === 'string' && pipeline.trim() ? pipeline : 'default' });
}

const SEARCH_BODY = {
  totalCount: 1,
  totalCountFiltered: 1,
  duration: 12,
  searchUid: '6a1b2c3d-0000-4000-8000-000000000001',
  pipeline: 'default',
  results: [{ title: 'Trail running shoe', uri: 'https://shop.example.test/p/1', clickUri: 'https://shop.example.test/p/1', excerpt: 'Light.' }],
};

function cors(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
  res.setHeader('Access-Control-Allow-Headers', req.headers['access-control-request-headers'] ?? 'authorization, content-type');
  res.setHeader('Access-Control-Max-Age', '600');
  res.setHeader('Vary', 'Origin');
}

export async function startWorld(options: WorldOptions = {}): Promise<WorldServer> {
  const pages = new Map<string, string>();
  const received: ReceivedRequest[] = [];
  const server = createServer(options.maxHeaderSize ? { maxHeaderSize: options.maxHeaderSize } : {}, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      // Through a proxy the request line carries an absolute URL; directly, only the path.
      const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'unknown'}`);
      const host = url.hostname;
      const bodyBytes = Buffer.concat(chunks);
      const body = bodyBytes.toString('utf8');
      received.push({ method: req.method ?? '', host, path: url.pathname + url.search, headers: req.headers, body, bodyBytes });
      res.setHeader('Cache-Control', 'no-store');
      if (host === SHOP_HOST) {
        const page = pages.get(url.pathname);
        if (req.method === 'GET' && page !== undefined) {
          res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(page);
        } else if (url.pathname === '/favicon.ico') {
          res.writeHead(204).end();
        } else {
          res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
        }
        return;
      }
      if (host.endsWith('.coveo.com')) {
        cors(req, res);
        if (req.method === 'OPTIONS') {
          res.writeHead(204).end();
        } else if (req.method === 'POST' && url.pathname.startsWith('/rest/search/v2')) {
          const authorized = /^Bearer \S+$/.test(req.headers.authorization ?? '');
          if (authorized) res.writeHead(200, { 'Content-Type': 'application/json' }).end(searchResponse(req.headers.authorization));
          else res.writeHead(401, { 'Content-Type': 'application/json' }).end('{"statusCode":401,"message":"Unauthorized"}');
        } else {
          res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"statusCode":404}');
        }
        return;
      }
      // Anything else (browser background traffic through the proxy) goes nowhere.
      res.writeHead(502, { 'Content-Type': 'text/plain' }).end('not part of the test world');
    });
  });
  // HTTPS through the proxy (CONNECT) is not part of the world: refuse it at once.
  server.on('connect', (_req, socket) => {
    socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    shopOrigin: `http://${SHOP_HOST}:${port}`,
    platformOrigin: `http://${PLATFORM_HOST}:${port}`,
    received,
    addPage(path, html) {
      pages.set(path, html);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
