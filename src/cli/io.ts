/**
 * What a command may touch of its process, passed in: `run(argv, io)` (src/cli/run.ts) runs the same in a test as
 * in the bin, where src/cli/process-io.ts binds it to the real process. Relative paths resolve against `io.cwd`.
 */
import { closeSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ProbeSend } from '../core/index';
import { CliError } from './errors';

export interface CliOutput {
  write(text: string): unknown;
  /** A stream's events: stdout's `drain` when a write was told to wait. */
  once?(event: string, listener: () => void): unknown;
  off?(event: string, listener: () => void): unknown;
  /** A terminal: colour (without NO_COLOR) and the terminal's width. */
  isTTY?: boolean;
  columns?: number;
}

export interface CliIo {
  stdout: CliOutput;
  stderr: CliOutput;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** All of stdin, for a `-` file; without it stdin is empty. May throw like `readFileSync(0)`. */
  readStdin?: () => Buffer;
  /** Whether stdin is a terminal: the probe asks for consent only there. */
  stdinIsTTY?: boolean;
  /** Asks a yes/no question (the probe's consent); without it the answer is no. */
  ask?: (question: string) => Promise<boolean>;
  /** The probe's transport; without it, node:http(s). */
  send?: ProbeSend;
}

/** A path as given on the command line, resolved against the command's working directory. */
export function pathIn(io: CliIo, file: string): string {
  return resolve(io.cwd, file);
}

/** Colour only on a terminal, without NO_COLOR, and never for --output. */
export function useColor(io: CliIo, output: string | null): boolean {
  return output === null && io.stdout.isTTY === true && io.env.NO_COLOR === undefined;
}

/** Text wraps to the terminal's width; to 100 columns in a pipe or a file. */
export function textWidth(io: CliIo, output: string | null): number {
  const columns = io.stdout.columns;
  return output === null && io.stdout.isTTY === true && typeof columns === 'number' && columns > 0 ? columns : 100;
}

/** Why a file could not be read, in a few words. */
export function readError(error: unknown): string {
  const code = (error as { code?: string } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'file not found';
    case 'EISDIR':
      return 'is a directory, not a HAR file';
    case 'EACCES':
    case 'EPERM':
      return 'cannot read the file (permission denied)';
    case 'ERR_STRING_TOO_LONG':
    case 'ERR_FS_FILE_TOO_LARGE':
      return 'file too large to read';
    default:
      return `cannot read the file (${code ?? (error instanceof Error ? error.message : String(error))})`;
  }
}

function readStdin(io: CliIo): Buffer {
  try {
    return io.readStdin?.() ?? Buffer.alloc(0);
  } catch (error) {
    const code = (error as { code?: string } | null)?.code;
    if (code === 'EAGAIN') throw new CliError('stdin: not readable (is it a terminal?)');
    if (code === 'EOF') return Buffer.alloc(0);
    throw new CliError(`stdin: ${readError(error)}`);
  }
}

/** A HAR file's bytes (`-`: stdin); a file that cannot be read is a one-line error naming it. */
export function readInput(io: CliIo, file: string): Buffer {
  if (file === '-') return readStdin(io);
  try {
    return readFileSync(pathIn(io, file));
  } catch (error) {
    throw new CliError(`${file}: ${readError(error)}`);
  }
}

/** The report to --output (when given) or stdout. */
export function writeReport(io: CliIo, output: string | null, text: string): void {
  if (output === null) {
    io.stdout.write(text);
    return;
  }
  writeOutput(io, output, text);
}

/** About 1 MB per write: a report of megabytes in a few writes, not one per call. */
const CHUNK = 1 << 20;

/** Gathers pieces into chunks of about CHUNK characters. */
function* chunked(parts: Iterable<string>): Generator<string> {
  let pending = '';
  for (const part of parts) {
    pending += part;
    if (pending.length >= CHUNK) {
      yield pending;
      pending = '';
    }
  }
  if (pending !== '') yield pending;
}

/** Writes to stdout; when the stream asks to wait (a pipe whose reader is behind), waits for it to drain. */
function put(out: CliOutput, text: string): Promise<void> | undefined {
  if (out.write(text) !== false || typeof out.once !== 'function') return undefined;
  const stream = out as Required<Pick<CliOutput, 'once'>> & CliOutput;
  return new Promise((resolve) => {
    const events = ['drain', 'close', 'error'];
    const done = () => {
      for (const event of events) stream.off?.(event, done);
      resolve();
    };
    for (const event of events) stream.once(event, done);
  });
}

/**
 * The report in pieces (a large JSON report, never one string) to --output (when given) or stdout, in chunks of
 * about a megabyte, each written once the previous one was taken: memory holds one chunk, not the report.
 */
export async function writeReportParts(io: CliIo, output: string | null, parts: Iterable<string>): Promise<void> {
  if (output === null) {
    for (const chunk of chunked(parts)) await put(io.stdout, chunk);
    return;
  }
  const cannot = (error: unknown) => new CliError(`${output}: cannot write the report (${(error as { code?: string }).code ?? 'error'})`);
  let fd: number;
  try {
    fd = openSync(pathIn(io, output), 'w');
  } catch (error) {
    throw cannot(error);
  }
  try {
    for (const chunk of chunked(parts)) {
      try {
        // writeSync may take part of a buffer (as writeFileSync, write the rest until it is all taken).
        const bytes = Buffer.from(chunk, 'utf8');
        for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
      } catch (error) {
        throw cannot(error);
      }
    }
  } finally {
    closeSync(fd);
  }
}

/** Writes --output FILE; a failure is a one-line error. */
export function writeOutput(io: CliIo, output: string, text: string): void {
  try {
    writeFileSync(pathIn(io, output), text);
  } catch (error) {
    throw new CliError(`${output}: cannot write the report (${(error as { code?: string }).code ?? 'error'})`);
  }
}
