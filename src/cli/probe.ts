/**
 * `coveo-hub-inspector probe <file.har>`: re-sends chosen captured searches with a hub (or pipeline) a visitor could
 * choose and compares where Coveo routed them (see src/core/probe). The only command that sends anything: it says
 * what it will send and asks first (on a terminal), refuses without --yes otherwise. Exit codes as `check`.
 */
import {
  analyzeEntries,
  applyProbe,
  buildReport,
  type CallReport,
  HarError,
  type HarEntryLike,
  MAX_PROBE_REQUESTS,
  parseHar,
  probeCredentialLabel,
  probeEligibility,
  probeGroupKey,
  runProbe,
} from '../core/index';
import { renderReport } from '../core/report/formats';
import { CliError, NAME, oneLine, UsageError } from './errors';
import { type CliIo, readInput, useColor, writeReport } from './io';
import { exitCodeFor } from './options';
import { PROBE_USAGE, parseProbeArgs } from './probe-args';
import { nodeTransport } from './probe-transport';

export { PROBE_USAGE, type ProbeCommand, parseProbeArgs } from './probe-args';

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

/** Runs `probe` with its arguments (after the word `probe`); throws a CliError on bad input or a refusal. */
export async function probeCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const cmd = parseProbeArgs(argv);
  if (cmd.kind === 'help') {
    io.stdout.write(`${PROBE_USAGE}\n`);
    return 0;
  }
  const text = readInput(io, cmd.file).toString('utf8');
  let entries: unknown[];
  try {
    ({ entries } = parseHar(text));
  } catch (error) {
    if (error instanceof HarError) throw new CliError(`${cmd.file}: ${error.message}`);
    throw error;
  }
  const { calls, source } = analyzeEntries(entries, cmd.file);
  const { planned, skipped } = planProbes(calls, entries, cmd.calls);
  let probed = calls;
  if (planned.length === 0) {
    io.stderr.write(
      `${NAME}: nothing to probe in ${oneLine(cmd.file)}${skipped.length > 0 ? ` (${oneLine(skipped.slice(0, 3).join('; '))}${skipped.length > 3 ? '; …' : ''})` : ': no search or query-suggestion call'}\n`,
    );
  } else {
    io.stderr.write(`${describePlan(planned)}\n`);
    if (!cmd.yes) {
      if (io.stdinIsTTY !== true) throw new UsageError('refusing to send probe requests without --yes when stdin is not a terminal');
      const ok = (await io.ask?.('Send them? [y/N] ')) === true;
      if (!ok) {
        io.stderr.write(`${NAME}: nothing sent\n`);
        return 2;
      }
    }
    const send = io.send ?? nodeTransport(cmd.resolves);
    for (const p of planned) {
      const current = probed.find((c) => c.id === p.call.id) ?? p.call;
      if (current.probe && current.probe !== p.call.probe) {
        // Covered by an earlier probe of this run (same credential and endpoint): not sent twice.
        io.stderr.write(`${NAME}: ${p.call.id}: covered by the probe of ${oneLine(current.probe.probedCall)}\n`);
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
      io.stderr.write(`${NAME}: ${p.call.id}: ${result.outcome} (${result.requests} request(s) to ${oneLine(result.origin)})\n`);
    }
  }
  const report = buildReport([{ source, calls: probed }]);
  writeReport(io, cmd.output, renderReport(report, cmd.format, { color: useColor(io, cmd.output) }));
  return exitCodeFor(report.summary.verdict, cmd.failOn);
}
