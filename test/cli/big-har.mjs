// Measures the built CLI on a large generated HAR (not a test: no timing assertion anywhere).
// Usage: node build.mjs && node test/cli/big-har.mjs [sizeMB=100]
// The HAR is written to os.tmpdir() and deleted afterwards.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const targetMb = Number(process.argv[2] ?? 100);
const cli = resolve(import.meta.dirname, '../../dist/cli/coveo-hub-inspector.mjs');
const file = join(tmpdir(), `chi-big-${process.pid}.har`);

const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
const token = (claims) =>
  `${b64({ alg: 'HS256' })}.${b64({ v8: true, organization: 'acmeprod', roles: ['queryExecutor'], iat: 1795000000, exp: 1795086400, ...claims })}.${'s'.repeat(43)}`;
const tokens = [token({ searchHub: 'Community' }), token({})];
const filler = (n, seed) => {
  let s = '';
  const chunk = `lorem ipsum "quoted" \\ dolor ${seed} <div class="x">é</div>\n`;
  while (s.length < n) s += chunk;
  return s.slice(0, n);
};

const fd = openSync(file, 'w');
writeSync(
  fd,
  '{"log":{"version":"1.2","creator":{"name":"WebInspector","version":"537.36"},"pages":[{"startedDateTime":"2026-11-24T10:00:00.000Z","id":"page_1","title":"https://www.example.com/","pageTimings":{}}],"entries":[\n',
);
let written = 0;
let i = 0;
let coveo = 0;
while (written < targetMb * 1024 * 1024) {
  const started = new Date(Date.parse('2026-11-24T10:00:00.000Z') + i * 37).toISOString();
  let e;
  if (i % 10 === 0) {
    coveo++;
    const qs = i % 20 === 0;
    const body = { q: `query ${i}`, searchHub: 'Community', numberOfResults: 10, firstResult: 0 };
    const results = Array.from({ length: 20 }, (_, k) => ({ title: `Result ${k}`, excerpt: filler(2000, k), uri: `https://docs.example.com/${i}/${k}` }));
    e = {
      startedDateTime: started,
      time: 120,
      _resourceType: 'fetch',
      request: {
        method: 'POST',
        url: `https://acmeprod.org.coveo.com/rest/search/v2${qs ? '/querySuggest' : ''}?organizationId=acmeprod`,
        httpVersion: 'h2',
        headers: [
          { name: 'authorization', value: `Bearer ${tokens[(i / 10) % 2]}` },
          { name: 'content-type', value: 'application/json' },
        ],
        queryString: [{ name: 'organizationId', value: 'acmeprod' }],
        cookies: [],
        headersSize: -1,
        bodySize: 100,
        postData: { mimeType: 'application/json', text: JSON.stringify(body) },
      },
      response: {
        status: 200,
        statusText: '',
        httpVersion: 'h2',
        headers: [{ name: 'content-type', value: 'application/json' }],
        cookies: [],
        content: { size: 50000, mimeType: 'application/json', text: JSON.stringify({ totalCount: 20, pipeline: 'default', searchUid: `uid-${i}`, results }) },
        redirectURL: '',
        headersSize: -1,
        bodySize: -1,
      },
      cache: {},
      timings: { send: 0, wait: 100, receive: 20 },
    };
  } else {
    e = {
      startedDateTime: started,
      time: 30,
      _resourceType: 'script',
      request: {
        method: 'GET',
        url: `https://cdn.example.com/assets/chunk-${i}.js`,
        httpVersion: 'h2',
        headers: [{ name: 'accept', value: '*/*' }],
        queryString: [],
        cookies: [],
        headersSize: -1,
        bodySize: 0,
      },
      response: {
        status: 200,
        statusText: '',
        httpVersion: 'h2',
        headers: [],
        cookies: [],
        content: { size: 40000, mimeType: 'application/javascript', text: filler(40000, i) },
        redirectURL: '',
        headersSize: -1,
        bodySize: -1,
      },
      cache: {},
      timings: { send: 0, wait: 20, receive: 10 },
    };
  }
  const s = (i === 0 ? '' : ',\n') + JSON.stringify(e);
  written += writeSync(fd, s);
  i++;
}
writeSync(fd, '\n]}}\n');
closeSync(fd);
const size = statSync(file).size;
console.log(`HAR: ${file}, ${(size / 1024 / 1024).toFixed(1)} MB, ${i} entries, ${coveo} Coveo calls`);

try {
  for (const format of ['text', 'json']) {
    const args = [cli, 'check', file, '--format', format, '--output', join(tmpdir(), `chi-big-${process.pid}.out`)];
    const hasTime = existsSync('/usr/bin/time');
    const t0 = process.hrtime.bigint();
    const r = hasTime
      ? spawnSync('/usr/bin/time', ['-v', process.execPath, ...args], { encoding: 'utf8' })
      : spawnSync(process.execPath, args, { encoding: 'utf8' });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const rssKb = hasTime ? Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1]) : NaN;
    console.log(
      `--format ${format}: exit ${r.status}, wall ${(ms / 1000).toFixed(2)} s, peak RSS ${(rssKb / 1024).toFixed(0)} MB (${((rssKb * 1024) / size).toFixed(2)}x file)`,
    );
    rmSync(join(tmpdir(), `chi-big-${process.pid}.out`), { force: true });
  }
  // Baseline: a Node process that only reads the file and JSON.parses it whole.
  const base = spawnSync('/usr/bin/time', ['-v', process.execPath, '-e', `JSON.parse(require('fs').readFileSync(${JSON.stringify(file)}, 'utf8'))`], {
    encoding: 'utf8',
  });
  const baseKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(base.stderr ?? '')?.[1]);
  if (baseKb) console.log(`baseline (readFileSync + JSON.parse of the whole file): peak RSS ${(baseKb / 1024).toFixed(0)} MB`);
} finally {
  rmSync(file, { force: true });
}
