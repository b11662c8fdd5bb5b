/**
 * `coveo-hub-inspector probe <file.har>`: re-sends chosen captured searches with a hub (or pipeline) a visitor could
 * choose and compares where Coveo routed them (see src/core/probe). The only command that sends anything: it says
 * what it will send and asks first (on a terminal), refuses without --yes otherwise. Exit codes as `check`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import {
  analyzeEntries,
  applyProbe,
  buildReport,
  HarError,
  MAX_PROBE_REQUESTS,
  parseHar,
  probeCredentialLabel,
  probeEligibility,
  probeGroupKey,
  renderJson,
  renderMarkdown,
  renderText,
  runProbe,
  type CallReport,
  type HarEntryLike,
  type PageVerdict,
  type ProbeSend,
} from '../core/index';
import { UsageError, type FailOn, type Format } from './args';
import { nodeTransport, parseResolve, type Resolve } from './probe-transport';

const NAME = 'coveo-hub-inspector';

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

const FORMATS: readonly Format[] = ['text', 'json', 'markdown'];
const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'never'];

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
  if (argv.includes('-h') || argv.includes('--help')) return { ...cmd, kind: 'help' };
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('-') || arg === '-') {
      files.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (what: string): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs ${what}`);
      return v;
    };
    switch (flag) {
      case '--call':
        cmd.calls.push(
          ...value('a call id (see the check report)')
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        );
        break;
      case '--yes':
      case '-y':
        cmd.yes = true;
        break;
      case '--debug':
        cmd.debug = true;
        break;
      case '--resolve':
        try {
          cmd.resolves.push(parseResolve(value('HOST:PORT:ADDRESS')));
        } catch (error) {
          if (error instanceof UsageError) throw error;
          throw new UsageError((error as Error).message);
        }
        break;
      case '--timeout': {
        const v = value('milliseconds');
        const ms = Number(v);
        if (!Number.isInteger(ms) || ms < 100 || ms > 120_000) throw new UsageError(`--timeout must be 100 to 120000 milliseconds (got "${v}")`);
        cmd.timeoutMs = ms;
        break;
      }
      case '--format':
      case '-f': {
        const v = value(FORMATS.join('|'));
        if (!(FORMATS as readonly string[]).includes(v)) throw new UsageError(`--format must be one of ${FORMATS.join('|')} (got "${v}")`);
        cmd.format = v as Format;
        break;
      }
      case '--fail-on': {
        const v = value(FAIL_ON.join('|'));
        if (!(FAIL_ON as readonly string[]).includes(v)) throw new UsageError(`--fail-on must be one of ${FAIL_ON.join('|')} (got "${v}")`);
        cmd.failOn = v as FailOn;
        break;
      }
      case '--output':
      case '-o':
        cmd.output = value('a file name');
        break;
      default:
        throw new UsageError(`unknown option ${flag} (see probe --help)`);
    }
  }
  if (files.length === 0) throw new UsageError('probe needs one HAR file');
  if (files.length > 1) throw new UsageError('probe takes one HAR file');
  if (files[0] === '-') throw new UsageError('probe reads a HAR file, not stdin (stdin answers the confirmation)');
  cmd.file = files[0] as string;
  return cmd;
}

class ProbeInputError extends Error {}

function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text
    .replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ')
    .trim()
    .slice(0, 300);
}

function exitCode(verdict: PageVerdict, failOn: FailOn): 0 | 1 {
  if (failOn === 'never') return 0;
  if (failOn === 'warning') return verdict === 'pass' ? 0 : 1;
  return verdict === 'fail' ? 1 : 0;
}

interface Planned {
  call: CallReport;
  entry: HarEntryLike;
  origin: string;
  endpoint: string;
}

/** The calls to probe: those asked for (each must be eligible), or one eligible call per credential and endpoint. */
export function planProbes(calls: readonly CallReport[], entries: readonly unknown[], wanted: readonly string[]): { planned: Planned[]; skipped: string[] } {
  const planned: Planned[] = [];
  const skipped: string[] = [];
  const entryOf = (c: CallReport) => (entries[c.index] ?? null) as HarEntryLike | null;
  if (wanted.length > 0) {
    for (const id of wanted) {
      const call = calls.find((c) => c.id === id);
      if (!call) throw new UsageError(`--call ${id}: no Coveo call with that id (the check report lists them)`);
      const e = probeEligibility(call, entryOf(call));
      if (!e.eligible) throw new UsageError(`--call ${id}: cannot be probed: ${e.reason}`);
      if (!planned.some((p) => p.call.id === id)) planned.push({ call, entry: entryOf(call) as HarEntryLike, origin: e.origin, endpoint: e.endpoint });
    }
    return { planned, skipped };
  }
  const groups = new Set<string>();
  for (const call of calls) {
    const e = probeEligibility(call, entryOf(call));
    if (!e.eligible) {
      if (call.kind === 'search' || call.kind === 'querySuggest') skipped.push(`${call.id}: ${e.reason}`);
      continue;
    }
    const key = probeGroupKey(call);
    if (groups.has(key)) continue;
    groups.add(key);
    planned.push({ call, entry: entryOf(call) as HarEntryLike, origin: e.origin, endpoint: e.endpoint });
  }
  return { planned, skipped };
}

function describePlan(planned: readonly Planned[]): string {
  const lines = [`${NAME} probe will SEND up to ${planned.length * MAX_PROBE_REQUESTS} request(s):`];
  for (const p of planned) {
    lines.push(
      `  ${p.call.id} ${p.call.kind}: up to ${MAX_PROBE_REQUESTS} POSTs to ${oneLine(p.origin)}${oneLine(p.endpoint)} with credential ${oneLine(probeCredentialLabel(p.call))}`,
      `      the captured request (hub ${oneLine(p.call.searchHub.request ?? 'none')}), then a random canary hub, no hub${p.call.pipeline.request !== null || (p.call.response.pipeline !== null && p.call.response.pipeline.toLowerCase() !== 'default') ? ', another pipeline' : ''}`,
    );
  }
  lines.push(
    'Each request counts as a query for the organization; no result is shown (numberOfResults 0), the analytics section is removed, cookies are not sent.',
  );
  return lines.join('\n');
}

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

export interface ProbeIo {
  send?: ProbeSend;
  stdinIsTTY?: boolean;
  ask?: (question: string) => Promise<boolean>;
}

export async function runProbeCommand(argv: readonly string[], io: ProbeIo = {}): Promise<number> {
  const cmd = parseProbeArgs(argv);
  if (cmd.kind === 'help') {
    process.stdout.write(`${PROBE_USAGE}\n`);
    return 0;
  }
  let text: string;
  try {
    text = readFileSync(cmd.file, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new ProbeInputError(
      `${cmd.file}: ${code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory, not a HAR file' : `cannot read the file (${code ?? 'error'})`}`,
    );
  }
  let entries: unknown[];
  try {
    ({ entries } = parseHar(text));
  } catch (error) {
    if (error instanceof HarError) throw new ProbeInputError(`${cmd.file}: ${error.message}`);
    throw error;
  }
  const { calls, source } = analyzeEntries(entries, cmd.file);
  const { planned, skipped } = planProbes(calls, entries, cmd.calls);
  let probed = calls;
  if (planned.length === 0) {
    process.stderr.write(
      `${NAME}: nothing to probe in ${oneLine(cmd.file)}${skipped.length > 0 ? ` (${oneLine(skipped.slice(0, 3).join('; '))}${skipped.length > 3 ? '; …' : ''})` : ': no search or query-suggestion call'}\n`,
    );
  } else {
    process.stderr.write(`${describePlan(planned)}\n`);
    if (!cmd.yes) {
      const tty = io.stdinIsTTY ?? process.stdin.isTTY === true;
      if (!tty) throw new UsageError('refusing to send probe requests without --yes when stdin is not a terminal');
      const ok = await (io.ask ?? confirm)('Send them? [y/N] ');
      if (!ok) {
        process.stderr.write(`${NAME}: nothing sent\n`);
        return 2;
      }
    }
    const send = io.send ?? nodeTransport(cmd.resolves);
    for (const p of planned) {
      const current = probed.find((c) => c.id === p.call.id) ?? p.call;
      if (current.probe && current.probe !== p.call.probe) {
        // Covered by an earlier probe of this run (same credential and endpoint): not sent twice.
        process.stderr.write(`${NAME}: ${p.call.id}: covered by the probe of ${oneLine(current.probe.probedCall)}\n`);
        continue;
      }
      const result = await runProbe({
        entry: p.entry,
        call: current,
        calls: probed,
        entryOf: (c) => (entries[c.index] ?? null) as HarEntryLike | null,
        send,
        timeoutMs: cmd.timeoutMs,
        debug: cmd.debug,
      });
      probed = applyProbe(probed, result);
      process.stderr.write(`${NAME}: ${p.call.id}: ${result.outcome} (${result.requests} request(s) to ${oneLine(result.origin)})\n`);
    }
  }
  const report = buildReport([{ source, calls: probed }]);
  const color = cmd.output === null && process.stdout.isTTY === true && process.env.NO_COLOR === undefined;
  const out = cmd.format === 'json' ? renderJson(report) : cmd.format === 'markdown' ? renderMarkdown(report) : renderText(report, { color });
  if (cmd.output !== null) {
    try {
      writeFileSync(cmd.output, out);
    } catch (error) {
      throw new ProbeInputError(`${cmd.output}: cannot write the report (${(error as { code?: string }).code ?? 'error'})`);
    }
  } else process.stdout.write(out);
  return exitCode(report.summary.verdict, cmd.failOn);
}

/** What main.ts calls: every failure is one line on stderr and exit code 2. */
export async function probeMain(argv: readonly string[]): Promise<number> {
  try {
    return await runProbeCommand(argv);
  } catch (error) {
    const known = error instanceof UsageError || error instanceof ProbeInputError;
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${NAME}: ${known ? oneLine(message) : `internal error: ${oneLine(message)} (please report it)`}\n`);
    return 2;
  }
}
