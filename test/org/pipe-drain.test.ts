// The bin ends every command explicitly, but only after stdout has drained: a report piped to a reader that is slow
// to read must arrive whole (it used to stop at the pipe's 64 KiB because `org` called process.exit at once).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import { CLI } from '../cli/run';
import { entry, har, SEARCH_URL, searchToken } from '../helpers/coveo';
import { bigOrg, hubScope, key } from './fixtures';
import { startStandIn, type StandIn } from './platform-stand-in';

vi.setConfig({ testTimeout: 90_000 });
const dir = mkdtempSync(join(tmpdir(), 'chi-pipe-'));
const started: StandIn[] = [];
afterAll(async () => {
  await Promise.all(started.map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the built bin with stdout on a pipe nobody reads until the bin has exited (or a second has passed). */
function runWithSlowReader(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const full: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...env };
  delete full.FORCE_COLOR;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: full, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pause();
    const chunks: Buffer[] = [];
    let stderr = '';
    let reading = false;
    const read = () => {
      if (reading) return;
      reading = true;
      child.stdout.on('data', (c: Buffer) => chunks.push(c));
      child.stdout.resume();
    };
    child.once('exit', read);
    setTimeout(read, 1000);
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(chunks).toString('utf8'), stderr }));
  });
}

it('org --format json: the whole report reaches a slow pipe', async () => {
  // Enough keys for a report of megabytes: more than a pipe or a socket pair holds while nobody reads.
  const org = {
    ...bigOrg(),
    apiKeys: Array.from({ length: 4000 }, (_, i) => key(`k${i}`, { displayName: `Key ${i}`, additionalConfiguration: hubScope(`Hub${i % 120}`) })),
  };
  const s = await startStandIn([org]);
  started.push(s);
  const r = await runWithSlowReader(['org', '--org', org.id, '--platform-url', s.url, '--format', 'json', '--fail-on', 'never'], {
    COVEO_PLATFORM_TOKEN: org.token,
  });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(Buffer.byteLength(r.stdout)).toBeGreaterThan(1024 * 1024);
  expect(JSON.parse(r.stdout).inventory).toEqual({ apiKeys: 4000, pipelines: 131, searchHubs: 120 });
});

it('check --format json: the whole report reaches a slow pipe', async () => {
  const file = join(dir, 'many.har');
  const entries = Array.from({ length: 600 }, (_, i) =>
    entry(SEARCH_URL, { bearer: searchToken({ userIds: [{ name: `u${i}@x.com` }] }), json: { q: `q${i}` } }),
  );
  writeFileSync(file, JSON.stringify(har(entries)));
  const r = await runWithSlowReader(['check', file, '--format', 'json', '--fail-on', 'never']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(Buffer.byteLength(r.stdout)).toBeGreaterThan(128 * 1024);
  expect(JSON.parse(r.stdout).calls).toHaveLength(600);
});
