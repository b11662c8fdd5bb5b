/**
 * The command line as a function: `run(argv, io)` resolves to the exit code and never throws. Every failure is ONE
 * line on stderr and exit code 2; the verdict decides 0 or 1 (see --fail-on). No side effect on the process: the
 * bin (main.ts) passes the real streams and sets the exit code.
 */
import { errorLine, type LineStyle } from './errors';
import type { CliIo } from './io';

type Command = (argv: readonly string[], io: CliIo) => Promise<number>;

/** Each command is loaded only when it runs (check never pays for the browser or the Platform API client). */
const COMMANDS: Record<string, { load: () => Promise<Command>; style?: LineStyle }> = {
  org: { load: async () => (await import('./org')).orgCommand, style: { max: 400 } },
  audit: { load: async () => (await import('./audit')).auditCommand, style: { collapse: true } },
  probe: { load: async () => (await import('./probe')).probeCommand },
};

export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const sub = Object.hasOwn(COMMANDS, argv[0] ?? '') ? COMMANDS[argv[0] as string] : undefined;
  try {
    if (sub) return await (await sub.load())(argv.slice(1), io);
    const { checkCommand } = await import('./check');
    return await checkCommand(argv, io);
  } catch (error) {
    io.stderr.write(errorLine(error, sub?.style));
    return 2;
  }
}
