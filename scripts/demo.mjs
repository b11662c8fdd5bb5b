// `npm run demo` (after `node build.mjs`): serves the demo page (dist/demo: the panel over canned traffic, no
// extension, no network beyond loopback) on 127.0.0.1 and prints its address. Ctrl+C stops it.
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'demo');
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

if (!existsSync(join(DIR, 'index.html'))) {
  console.error('dist/demo/index.html is missing: run node build.mjs first.');
  process.exit(1);
}
const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
  const file = join(DIR, path === '/' ? 'index.html' : path);
  const type = TYPES[file.slice(file.lastIndexOf('.'))];
  if (!file.startsWith(DIR) || !type || !existsSync(file)) {
    res.writeHead(404).end('not found');
    return;
  }
  res.writeHead(200, { 'content-type': type }).end(readFileSync(file));
});
server.listen(Number(process.env.PORT || 0), '127.0.0.1', () => {
  console.log(
    `Demo panel (canned traffic, nothing sent): http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}/  (Ctrl+C stops)`,
  );
});
