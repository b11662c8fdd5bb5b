// A tiny local HTTP proxy that lets Firefox reach the HTTPS test world (test/world/server.mjs) by its real host
// names. Firefox has no --host-resolver-rules: with `network.proxy.ssl` pointing here, every https:// request
// arrives as `CONNECT host:port`; hosts the world plays (any *.coveo.com, shop.example.test) are tunnelled to the
// world's port, where TLS runs end to end between Firefox and the world (self-signed certificate, accepted through
// Marionette's acceptInsecureCerts). Everything else (browser background traffic, plain http://) is refused, so
// nothing leaves the machine.
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { connect } from 'node:net';

export interface ConnectProxy {
  port: number;
  /** `host:port` of every CONNECT that was tunnelled, in order. */
  tunnelled: string[];
  /** What was refused (`CONNECT host:port` or `GET http://...`), in order. */
  refused: string[];
  close(): Promise<void>;
}

export interface ConnectProxyOptions {
  /** The port on 127.0.0.1 that every allowed tunnel goes to. */
  targetPort: number;
  /** Which host names to tunnel; by default any *.coveo.com host and shop.example.test. */
  allow?: (host: string) => boolean;
}

export const worldHosts = (host: string): boolean => host === 'coveo.com' || host.endsWith('.coveo.com') || host === 'shop.example.test';

/** `host:port` (or `[v6]:port`) of a CONNECT request line; null when malformed. */
export function parseAuthority(authority: string): { host: string; port: number } | null {
  const m = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(authority.trim());
  if (!m) return null;
  const port = Number(m[3]);
  if (port < 1 || port > 65_535) return null;
  return { host: (m[1] ?? m[2] ?? '').toLowerCase(), port };
}

export async function startConnectProxy(opts: ConnectProxyOptions): Promise<ConnectProxy> {
  const allow = opts.allow ?? worldHosts;
  const tunnelled: string[] = [];
  const refused: string[] = [];
  const sockets = new Set<Socket>();
  const track = (s: Socket) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  };

  const server = createServer((req, res) => {
    // Plain http:// through the proxy: not part of the world.
    refused.push(`${req.method ?? '?'} ${req.url ?? ''}`);
    res.writeHead(403, { 'Content-Type': 'text/plain', Connection: 'close' }).end('not part of the test world\n');
  });
  server.on('connection', track);

  server.on('connect', (req, client: Socket, head: Buffer) => {
    const authority = req.url ?? '';
    const target = parseAuthority(authority);
    if (!target || !allow(target.host)) {
      refused.push(`CONNECT ${authority}`);
      client.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const upstream = connect(opts.targetPort, '127.0.0.1');
    track(upstream);
    let established = false;
    const fail = () => {
      client.destroy();
      upstream.destroy();
    };
    upstream.once('error', () => {
      if (!established && client.writable) {
        client.end('HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        upstream.destroy();
        return;
      }
      fail();
    });
    client.once('error', fail);
    upstream.once('connect', () => {
      established = true;
      tunnelled.push(`${target.host}:${target.port}`);
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    tunnelled,
    refused,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
