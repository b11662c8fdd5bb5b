/** `coveo-hub-inspector probe` options: strict like `check` (an unknown flag is a usage error, exit code 2). */
import { MAX_PROBE_REQUESTS } from '../core/index';
import { UsageError } from './errors';
import { FAIL_ON, type FailOn, FORMATS, type Format, type MissingValue, REPORT_OPTIONS, reportOption, required, tokenize, wantsHelp } from './options';
import { parseResolve, type Resolve } from './probe-transport';

export const PROBE_USAGE = `Usage: coveo-hub-inspector probe <file.har> [--call ID ...] [--yes] [options]

Re-sends captured Coveo searches with another hub, no hub and (where it applies) another pipeline, and
compares the pipeline Coveo routes each to: evidence the browser alone cannot give. It SENDS REQUESTS,
with the captured credential, to the captured origin: at most ${MAX_PROBE_REQUESTS} per probe, each counted as a query by
the organization (numberOfResults 0, analytics section removed).

Options:
  --call ID                     probe this call (repeat, or ID,ID); default: every eligible call, one per
                                credential and endpoint
  --yes                         send without asking (required when stdin is not a terminal)
  --resolve HOST:PORT:ADDRESS   connect HOST:PORT to ADDRESS (curl's convention; repeatable)
  --timeout MS                  per-request timeout (default 10000)
  --debug                       add debug: true to the canary request and show its routing report
  --format text|json|markdown   output format (default: text)
  --fail-on error|warning|never as for check
  -o, --output FILE             write the report to FILE instead of stdout
A local certificate authority: the standard NODE_EXTRA_CA_CERTS=/path/ca.pem.
Exit codes: 0 verdict meets --fail-on, 1 it does not, 2 unusable input, usage error or refusal.`;

export interface ProbeCommand {
  kind: 'probe' | 'help';
  file: string;
  calls: string[];
  yes: boolean;
  resolves: Resolve[];
  timeoutMs: number;
  debug: boolean;
  format: Format;
  failOn: FailOn;
  output: string | null;
}

const PROBE_OPTIONS = {
  ...REPORT_OPTIONS,
  call: { type: 'string' },
  yes: { type: 'boolean', short: 'y' },
  debug: { type: 'boolean' },
  resolve: { type: 'string' },
  timeout: { type: 'string' },
} as const;

/** Probe's own wording for a missing value: `-f needs text|json|markdown`, `-o needs a file name`. */
const PROBE_MISSING: MissingValue = (name, flag) => `${flag} needs ${name === 'output' ? 'a file name' : (name === 'format' ? FORMATS : FAIL_ON).join('|')}`;

export function parseProbeArgs(argv: readonly string[]): ProbeCommand {
  const cmd: ProbeCommand = {
    kind: 'probe',
    file: '',
    calls: [],
    yes: false,
    resolves: [],
    timeoutMs: 10_000,
    debug: false,
    format: 'text',
    failOn: 'error',
    output: null,
  };
  if (wantsHelp(argv)) return { ...cmd, kind: 'help' };
  const files: string[] = [];
  for (const token of tokenize(argv, PROBE_OPTIONS)) {
    if (token.kind === 'terminator') throw new UsageError('unknown option -- (see probe --help)');
    if (token.kind === 'positional') {
      files.push(token.value);
      continue;
    }
    const value = (what: string): string => required(token.value, `${token.flag} needs ${what}`);
    if (reportOption(cmd, token, PROBE_MISSING)) continue;
    switch (token.known ? token.name : '') {
      case 'call':
        cmd.calls.push(
          ...value('a call id (see the check report)')
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        );
        break;
      case 'yes':
      case 'debug':
        // `--yes=no` is no consent to send: a switch takes no value.
        if (token.value !== undefined) throw new UsageError(`${token.flag} takes no value`);
        cmd[token.name as 'yes' | 'debug'] = true;
        break;
      case 'resolve':
        try {
          cmd.resolves.push(parseResolve(value('HOST:PORT:ADDRESS')));
        } catch (error) {
          if (error instanceof UsageError) throw error;
          throw new UsageError((error as Error).message);
        }
        break;
      case 'timeout': {
        const v = value('milliseconds');
        const ms = Number(v);
        if (!Number.isInteger(ms) || ms < 100 || ms > 120_000) throw new UsageError(`--timeout must be 100 to 120000 milliseconds (got "${v}")`);
        cmd.timeoutMs = ms;
        break;
      }
      default:
        throw new UsageError(`unknown option ${token.flag} (see probe --help)`);
    }
  }
  if (files.length === 0) throw new UsageError('probe needs one HAR file');
  if (files.length > 1) throw new UsageError('probe takes one HAR file');
  if (files[0] === '-') throw new UsageError('probe reads a HAR file, not stdin (stdin answers the confirmation)');
  cmd.file = files[0] as string;
  return cmd;
}
