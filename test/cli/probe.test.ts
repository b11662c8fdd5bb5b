// `coveo-hub-inspector probe` against the test world's stand-in (loopback only), through --resolve and
// NODE_EXTRA_CA_CERTS, on HARs recorded from the real Headless and search-ui clients.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/core/types';
import { mintSearchToken, ORG_HOST, PAGE_API_KEY, PLATFORM_HOST, SCOPED_API_KEY, SHOP_HOST, startWorld, type World } from '../world/server.mjs';
import { CLI, cli as inProcess, tempDir } from './run';

const ROOT = resolve(__dirname, '../..');
const RECORDED = join(ROOT, 'test/fixtures/recorded');
const CA = join(ROOT, 'test/world/certs/cert.pem');

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The built CLI, spawned asynchronously: the stand-in runs in this process and must keep answering. */
function cli(args: string[], opts: { input?: string; env?: Record<string, string> } = {}): Promise<Result> {
  return new Promise((done) => {
    const env: Record<string, string | undefined> = { ...process.env, NODE_EXTRA_CA_CERTS: CA, ...opts.env };
    delete env.FORCE_COLOR;
    const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end(opts.input ?? '');
  });
}

let world: World;
let tmp: ReturnType<typeof tempDir>;

/** A recorded HAR with the world's port on its Coveo and shop URLs (and optional text substitutions). */
function recorded(name: string, edit: (text: string) => string = (t) => t): string {
  let text = readFileSync(join(RECORDED, name), 'utf8');
  for (const host of [ORG_HOST, SHOP_HOST, PLATFORM_HOST]) text = text.replaceAll(`https://${host}/`, `https://${host}:${world.port}/`);
  return tmp.write(`${Math.random().toString(36).slice(2)}-${name}`, edit(text));
}

const resolveArgs = () => [ORG_HOST, SHOP_HOST, PLATFORM_HOST].flatMap((host) => ['--resolve', `${host}:${world.port}:127.0.0.1`]);

function searchCallId(report: Report): string {
  const call = report.calls.find((c) => c.kind === 'search');
  if (!call) throw new Error('no search call');
  return call.id;
}

async function probeJson(file: string, extra: string[] = []): Promise<{ r: Result; report: Report }> {
  const r = await cli(['probe', file, '--yes', '--format', 'json', ...resolveArgs(), ...extra]);
  if (r.code === 2) throw new Error(`probe failed: ${r.stderr}`);
  return { r, report: JSON.parse(r.stdout) as Report };
}

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "node build.mjs" first`);
  tmp = tempDir();
  world = await startWorld();
});

afterAll(async () => {
  await world?.close();
  tmp?.cleanup();
});

describe('probe against the stand-in', () => {
  it('an unscoped API key behind hub conditions: routing-changed, the page fails (exit 1)', async () => {
    world.setRouting();
    const file = recorded('headless-api-key.har');
    const { r, report } = await probeJson(file);
    expect(r.code).toBe(1);
    const search = report.calls.find((c) => c.kind === 'search' && c.probe)!;
    expect(search.probe!.outcome).toBe('routing-changed');
    expect(search.probe!.baselinePipeline).toBe('public-pipeline');
    expect(search.probe!.origin).toBe(`https://${ORG_HOST}:${world.port}`);
    expect(search.probe!.requests).toBeLessThanOrEqual(4);
    expect(search.verdict).toBe('unenforced');
    expect(search.findings.map((f) => f.rule)).toContain('probe-routing-changed');
    // Every search call with the same key and endpoint carries the outcome.
    for (const c of report.calls.filter((c) => c.kind === 'search')) expect(c.probe?.outcome).toBe('routing-changed');
    // Query suggestions name no pipeline in their answers: inconclusive, with what to do.
    const qs = report.calls.find((c) => c.kind === 'querySuggest')!;
    expect(qs.probe?.outcome).toBe('inconclusive');
    expect(qs.probe?.advice).toMatch(/search call/);
    expect(report.summary.verdict).toBe('fail');
    expect(r.stdout).not.toContain(PAGE_API_KEY);
    expect(r.stderr).toContain(`up to 4 POSTs to https://${ORG_HOST}:${world.port}/rest/search/v2 with credential api-key xx7c…6b5c`);
    expect(r.stderr).toMatch(/counts as a query/);
  });

  it('a hub-scoped key that overrides another hub: held, stays unverifiable (never enforced)', async () => {
    world.setRouting({ scopedKeyMismatch: 'override' });
    const file = recorded('headless-api-key.har', (t) => t.replaceAll(PAGE_API_KEY, SCOPED_API_KEY));
    const { report } = await probeJson(file);
    const id = searchCallId(report);
    const search = report.calls.find((c) => c.id === id)!;
    expect(search.probe?.outcome).toBe('held');
    expect(search.verdict).toBe('unverifiable');
    expect(search.findings.find((f) => f.rule === 'probe-held')?.severity).toBe('info');
    expect(search.probe!.variants.map((v) => v.responsePipeline)).toEqual(['public-pipeline', 'public-pipeline', 'public-pipeline', 'public-pipeline']);
  });

  it('a hub-scoped key that rejects another hub: rejected twice, the call is enforced with the evidence', async () => {
    world.setRouting({ scopedKeyMismatch: 'reject' });
    const file = recorded('headless-api-key.har', (t) => t.replaceAll(PAGE_API_KEY, SCOPED_API_KEY));
    const first = await probeJson(file, ['--format', 'json']);
    const id = searchCallId(first.report);
    const { r, report } = await probeJson(file, ['--call', id]);
    const search = report.calls.find((c) => c.id === id)!;
    expect(search.probe?.outcome).toBe('rejected');
    expect(search.probe!.variants.map((v) => [v.name, v.status])).toEqual([
      ['baseline', 200],
      ['canary', 403],
      ['canary-again', 403],
      ['pipeline', 200],
    ]);
    expect(search.verdict).toBe('enforced');
    expect(search.verdictReason).toMatch(/refused two other hubs \(HTTP 403, HTTP 403\)/);
    // Only the asked-for call's group was probed.
    expect(report.calls.filter((c) => c.kind === 'querySuggest').every((c) => c.probe === undefined)).toBe(true);
    expect(r.stderr).toMatch(new RegExp(`${id}: rejected \\(4 request\\(s\\)`));
  });

  it('a proxied page (no credential in the browser, the shop adds an unscoped key): routing-changed at the shop origin', async () => {
    world.setRouting();
    const file = recorded('headless-proxy.har');
    const { report } = await probeJson(file);
    const search = report.calls.find((c) => c.kind === 'search' && c.probe)!;
    expect(search.routing).toBe('proxy');
    expect(search.probe!.origin).toBe(`https://${SHOP_HOST}:${world.port}`);
    expect(search.probe!.credential).toBeNull();
    expect(search.probe!.outcome).toBe('routing-changed');
  });

  it('a hub token whose page sets a request pipeline: held when a condition names the hub, routing-changed when none does', async () => {
    const token = await mintSearchToken({ searchHub: 'ACMEPublic' });
    const withPipeline = (text: string) => {
      const har = JSON.parse(text.replace(/eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g, token));
      for (const e of har.log.entries) {
        const post = e.request.postData;
        if (post?.text && e.request.url.includes('/rest/search/v2?')) post.text = JSON.stringify({ ...JSON.parse(post.text), pipeline: 'agent-pipeline' });
      }
      return JSON.stringify(har);
    };
    world.setRouting();
    const file = recorded('headless-token-hub.har', withPipeline);
    const held = await probeJson(file);
    const a = held.report.calls.find((c) => c.kind === 'search' && c.probe)!;
    expect(a.pipeline.request).toBe('agent-pipeline');
    expect(a.probe!.outcome).toBe('held');
    // held never changes the passive verdict (never promotes one to enforced).
    const passive = await cli(['check', file, '--format', 'json']);
    expect(a.verdict).toBe((JSON.parse(passive.stdout) as Report).calls.find((c) => c.id === a.id)!.verdict);

    // No condition names the token's hub: the request's pipeline routes the query.
    world.setRouting({ pipelines: [{ name: 'agent-pipeline', conditions: [{ searchHub: 'AgentPanel' }] }] });
    const changed = await probeJson(file);
    const b = changed.report.calls.find((c) => c.kind === 'search' && c.probe)!;
    expect(b.probe!.outcome).toBe('routing-changed');
    expect(b.probe!.baselinePipeline).toBe('agent-pipeline');
    expect(b.verdict).toBe('unenforced');
    world.setRouting();
  });

  it('the search-ui page with an API key (form bodies) gives the same outcome as Headless', async () => {
    world.setRouting();
    const { report } = await probeJson(recorded('search-ui-api-key.har'));
    const search = report.calls.find((c) => c.kind === 'search' && c.probe)!;
    expect(search.probe!.outcome).toBe('routing-changed');
  });

  it('expired tokens: inconclusive with what to do, and nothing sent for them', async () => {
    world.setRouting();
    const file = recorded('search-ui-token-expired.har');
    const { report } = await probeJson(file);
    const probed = report.calls.filter((c) => c.probe);
    expect(probed.length).toBeGreaterThan(0);
    for (const c of probed) {
      expect(c.probe!.outcome).toBe('inconclusive');
      expect(c.probe!.advice).toMatch(/fresh HAR/);
    }
    // Recorded days ago: every token has expired, so nothing was sent for them.
    expect(probed.every((c) => c.probe!.requests === 0)).toBe(true);
    const text = await cli(['probe', file, '--yes', ...resolveArgs()]);
    expect(text.stdout).toMatch(/what to do: Record a fresh HAR/);
  });

  it("--debug shows what the canary's executionReport says about routing", async () => {
    world.setRouting();
    const file = recorded('headless-api-key.har');
    const { report } = await probeJson(file, ['--debug']);
    const search = report.calls.find((c) => c.kind === 'search' && c.probe)!;
    const canary = search.probe!.variants.find((v) => v.name === 'canary')!;
    expect(canary.detail).toMatch(/ResolvePipeline/);
  });
});

describe('probe consent and usage', () => {
  let counter: Server;
  let connections = 0;
  let port = 0;
  beforeAll(async () => {
    counter = createServer((s) => {
      connections++;
      s.destroy();
    });
    await new Promise<void>((r) => counter.listen(0, '127.0.0.1', () => r()));
    port = (counter.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((r) => counter.close(() => r())));

  it('refuses without --yes when stdin is not a terminal, and sends nothing', async () => {
    const file = recorded('headless-api-key.har');
    const before = connections;
    const r = await cli(['probe', file, '--resolve', `${ORG_HOST}:${world.port}:127.0.0.1`]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/refusing to send probe requests without --yes when stdin is not a terminal/);
    expect(r.stderr).toMatch(/will SEND up to 8 request\(s\)/);
    // Also with the file pointed at the counting listener: no connection at all.
    const counted = recorded('headless-api-key.har', (t) => t.replaceAll(`${ORG_HOST}:${world.port}`, `${ORG_HOST}:${port}`));
    const r2 = await cli(['probe', counted, '--resolve', `${ORG_HOST}:${port}:127.0.0.1`]);
    expect(r2.code).toBe(2);
    expect(connections).toBe(before);
  });

  it('a connection that fails gives inconclusive, not an error', async () => {
    const counted = recorded('headless-api-key.har', (t) => t.replaceAll(`${ORG_HOST}:${world.port}`, `${ORG_HOST}:${port}`));
    const r = await cli(['probe', counted, '--yes', '--format', 'json', '--resolve', `${ORG_HOST}:${port}:127.0.0.1`, '--timeout', '2000']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    for (const c of report.calls.filter((c) => c.probe)) expect(c.probe!.outcome).toBe('inconclusive');
    expect(connections).toBeGreaterThan(0);
  });

  it.each([
    [['probe'], /probe needs one HAR file/],
    [['probe', 'a.har', 'b.har'], /one HAR file/],
    [['probe', '-'], /not stdin/],
    [['probe', 'x.har', '--resolve', 'nope'], /--resolve needs HOST:PORT:ADDRESS/],
    [['probe', 'x.har', '--resolve', 'h:443:not-an-ip'], /not an IP address/],
    [['probe', 'x.har', '--bogus'], /unknown option --bogus/],
    [['probe', 'missing.har', '--yes'], /missing.har: file not found/],
  ])('%j is a one-line usage error (exit 2)', async (args, message) => {
    const r = await inProcess(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n').filter((l) => l.trim() !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^coveo-hub-inspector: /);
    expect(lines[0]).toMatch(message);
  });

  it('--call names an unknown or ineligible call: exit 2 before anything is sent', async () => {
    const file = recorded('headless-api-key.har');
    const unknown = await inProcess(['probe', file, '--yes', '--call', 'c999']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--call c999: no Coveo call with that id/);
    const facet = await inProcess(['probe', file, '--yes', '--call', 'c26']);
    expect(facet.code).toBe(2);
    expect(facet.stderr).toMatch(/cannot be probed: only search and query-suggestion/);
  });

  it('probe --help describes what is sent (built binary); check --help mentions probe', async () => {
    const help = await cli(['probe', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/SENDS REQUESTS/);
    expect(help.stdout).toMatch(/--resolve HOST:PORT:ADDRESS/);
    const main = await inProcess(['--help']);
    expect(main.stdout).toMatch(/coveo-hub-inspector probe <file.har>/);
    // And a usage error through the built binary.
    const bad = await cli(['probe', 'x.har', '--bogus']);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toBe('coveo-hub-inspector: unknown option --bogus (see probe --help)\n');
  });
});
