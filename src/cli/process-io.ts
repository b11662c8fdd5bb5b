/** The bin's side of `CliIo`: the real process's streams, environment, stdin and terminal. */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { isatty } from 'node:tty';
import type { CliIo } from './io';

/** A yes/no question on the terminal (stdin), asked on stderr so that stdout stays the report. */
async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await new Promise<string>((resolve) => {
      rl.question(question, resolve);
      rl.once('close', () => resolve(''));
    });
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

export function processIo(): CliIo {
  // A closed stdout (`| head`) is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    readStdin: () => readFileSync(0),
    // isatty: without opening process.stdin, which check may read whole with readFileSync.
    stdinIsTTY: isatty(0),
    ask: confirm,
  };
}
