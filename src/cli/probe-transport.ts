/**
 * The probe's Node transport: the core's `send(request) → response` over node:http(s). `--resolve HOST:PORT:ADDRESS`
 * (curl's convention) connects HOST:PORT to ADDRESS while TLS still checks HOST's certificate; a local CA comes in
 * through Node's standard NODE_EXTRA_CA_CERTS. No redirect is followed, no cookie is kept.
 */
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { ProbeRequest, ProbeResponse, ProbeSend } from '../core/index';

export interface Resolve {
  host: string;
  port: number;
  address: string;
}

/** `HOST:PORT:ADDRESS`; ADDRESS may be an IPv6 literal in brackets. Throws a one-line message when malformed. */
export function parseResolve(value: string): Resolve {
  const m = /^([^:\s]+):(\d{1,5}):(\[[0-9a-fA-F:.]+\]|[^:\s]+)$/.exec(value);
  if (!m) throw new Error(`--resolve needs HOST:PORT:ADDRESS (got "${value}")`);
  const port = Number(m[2]);
  const address = (m[3] as string).replace(/^\[|\]$/g, '');
  if (port < 1 || port > 65535) throw new Error(`--resolve: port ${m[2]} is out of range`);
  if (isIP(address) === 0) throw new Error(`--resolve: "${address}" is not an IP address`);
  return { host: (m[1] as string).toLowerCase(), port, address };
}

const MAX_BODY_BYTES = 8 * 1024 * 1024;

export function nodeTransport(resolves: readonly Resolve[] = []): ProbeSend {
  return (req: ProbeRequest) =>
    new Promise<ProbeResponse>((done) => {
      let url: URL;
      try {
        url = new URL(req.url);
      } catch {
        done({ error: 'network', message: 'invalid URL' });
        return;
      }
      const secure = url.protocol === 'https:';
      const port = url.port === '' ? (secure ? 443 : 80) : Number(url.port);
      const host = url.hostname.toLowerCase();
      const pinned = resolves.find((r) => r.host === host && r.port === port);
      const lookup: LookupFunction | undefined = pinned
        ? (_hostname, options, callback) => {
            const family = isIP(pinned.address);
            if ((options as { all?: boolean }).all)
              (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address: pinned.address, family }]);
            else callback(null, pinned.address, family);
          }
        : undefined;
      const headers: Record<string, string | string[]> = {};
      for (const [name, value] of req.headers) {
        const existing = headers[name];
        headers[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
      }
      headers['Content-Length'] = String(Buffer.byteLength(req.body));
      let settled = false;
      const finish = (res: ProbeResponse) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        done(res);
      };
      const request = (secure ? https : http).request(
        {
          protocol: url.protocol,
          hostname: url.hostname.replace(/^\[|\]$/g, ''),
          port,
          path: `${url.pathname}${url.search}`,
          method: req.method,
          headers,
          lookup,
          servername: isIP(host) === 0 ? host : undefined,
          agent: false,
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size <= MAX_BODY_BYTES) chunks.push(chunk);
          });
          res.on('end', () => finish({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', (e) => finish({ error: 'network', message: e.message }));
        },
      );
      const timer = setTimeout(() => {
        finish({ error: 'timeout', message: `no answer within ${req.timeoutMs} ms` });
        request.destroy();
      }, req.timeoutMs);
      request.on('error', (e: NodeJS.ErrnoException) => finish({ error: 'network', message: e.code ? `${e.code}: ${e.message}` : e.message }));
      request.end(req.body);
    });
}
