// Runs the command line: in-process through `run(argv, io)` (`cli`, fast), or by spawning the BUILT binary
// (`runCli`; run `node build.mjs` first, `npm test` builds before testing), which a few tests keep doing so that
// the bin itself stays proven (exit code, stdout and stderr, --help, bad input).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CliIo } from '../../src/cli/io';
import { run } from '../../src/cli/run';

export const CLI = resolve(__dirname, '../../dist/cli/coveo-hub-inspector.mjs');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Non-empty stderr lines. */
  errLines: string[];
}

export interface CliOptions {
  input?: string | Buffer;
  env?: Record<string, string | undefined>;
  cwd?: string;
}

function testEnv(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env, ...extra };
  delete env.FORCE_COLOR;
  return env;
}

function result(code: number | null, stdout: string, stderr: string): CliResult {
  return { code, stdout, stderr, errLines: stderr.split('\n').filter((l) => l.trim() !== '') };
}

/** The built binary, spawned. */
export function runCli(args: string[], options: CliOptions = {}): CliResult {
  const spawned = spawnSync(process.execPath, [CLI, ...args], {
    input: options.input ?? '',
    env: testEnv(options.env) as NodeJS.ProcessEnv,
    cwd: options.cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return result(spawned.status, spawned.stdout ?? '', spawned.stderr ?? '');
}

/** In-process: `run(args, io)` with stdout and stderr captured (not terminals unless `tty`). */
export async function cli(
  args: string[],
  options: CliOptions & { tty?: { columns?: number }; io?: Partial<Pick<CliIo, 'ask' | 'send' | 'stdinIsTTY'>> } = {},
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (text) => (stdout += text), isTTY: options.tty !== undefined, columns: options.tty?.columns },
    stderr: { write: (text) => (stderr += text) },
    env: testEnv(options.env),
    cwd: options.cwd ?? process.cwd(),
    readStdin: () => Buffer.from(options.input ?? ''),
    ...options.io,
  };
  const code = await run(args, io);
  return result(code, stdout, stderr);
}

export function tempDir(): { dir: string; write(name: string, content: string | Buffer): string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'chi-cli-'));
  return {
    dir,
    write(name, content) {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
