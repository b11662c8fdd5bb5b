// Colour is decided by the CLI: only when stdout is a terminal and NO_COLOR is unset, never with --output.
// A pseudo-terminal comes from util-linux `script`; the test is skipped where it is missing.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entry, har, SEARCH_URL, searchToken } from '../helpers/coveo';
import { CLI, cli, tempDir } from './run';

const hasScript = existsSync('/usr/bin/script');
let tmp: ReturnType<typeof tempDir>;
let file = '';

function inTerminal(args: string[], env: Record<string, string | undefined> = {}): string {
  const command = [process.execPath, CLI, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const fullEnv: Record<string, string | undefined> = { ...process.env, ...env };
  if (env.NO_COLOR === undefined) delete fullEnv.NO_COLOR;
  const r = spawnSync('/usr/bin/script', ['-qec', command, '/dev/null'], { encoding: 'utf8', env: fullEnv as NodeJS.ProcessEnv });
  return r.stdout ?? '';
}

beforeAll(() => {
  tmp = tempDir();
  file = tmp.write('x.har', JSON.stringify(har([entry(SEARCH_URL, { json: { q: 'a', searchHub: 'H' }, bearer: searchToken() })])));
});
afterAll(() => tmp?.cleanup());

describe.skipIf(!hasScript)('colour in a terminal', () => {
  it('colours text on a terminal', () => {
    expect(inTerminal(['check', file])).toMatch(/\u001b\[[0-9;]*m/);
  });
  it('does not colour with NO_COLOR set', () => {
    const out = inTerminal(['check', file], { NO_COLOR: '1' });
    expect(out).toMatch(/Verdict: FAIL/);
    expect(out).not.toContain('\u001b');
  });
  it('does not colour the --output file', () => {
    const target = join(tmp.dir, 'out.txt');
    inTerminal(['check', file, '--output', target]);
    const written = readFileSync(target, 'utf8');
    expect(written).toMatch(/Verdict: FAIL/);
    expect(written).not.toContain('\u001b');
  });
});

// The same decisions in-process, where the terminal is the `io` given to run(): width included.
describe('colour and width from the io', () => {
  const visible = (line: string) => line.replace(/\u001b\[[0-9;]*m/g, '').length;
  it('a terminal: colour, lines wrapped to its width', async () => {
    const r = await cli(['check', file], { tty: { columns: 60 } });
    expect(r.stdout).toMatch(/\u001b\[[0-9;]*m/);
    for (const line of r.stdout.trimEnd().split('\n')) expect(visible(line)).toBeLessThanOrEqual(60);
    expect(r.stdout.split('\n').some((l) => visible(l) > 50)).toBe(true);
  });
  it('NO_COLOR: no colour, still the terminal width', async () => {
    const r = await cli(['check', file], { tty: { columns: 60 }, env: { NO_COLOR: '1' } });
    expect(r.stdout).not.toContain('\u001b');
    for (const line of r.stdout.trimEnd().split('\n')) expect(line.length).toBeLessThanOrEqual(60);
  });
  it('--output: no colour and 100 columns, even from a terminal', async () => {
    const target = join(tmp.dir, 'wide.txt');
    const r = await cli(['check', file, '--output', target], { tty: { columns: 60 } });
    expect(r.stdout).toBe('');
    const written = readFileSync(target, 'utf8');
    expect(written).not.toContain('\u001b');
    expect(written.split('\n').some((l) => l.length > 60)).toBe(true);
    for (const line of written.trimEnd().split('\n')) expect(line.length).toBeLessThanOrEqual(100);
  });
});
