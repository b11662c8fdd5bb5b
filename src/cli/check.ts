/** `coveo-hub-inspector check <file.har|-> ...`: one report over one or more HAR files. */
import { buildReport, HarError, TOOL_VERSION } from '../core/index';
import { renderReport } from '../core/report/formats';
import { renderJsonParts } from '../core/report/json';
import { parseArgs, USAGE } from './args';
import { CliError, NAME, oneLine } from './errors';
import { analyzeHarBuffer, type AnalyzedSource } from './har-stream';
import { type CliIo, readInput, textWidth, useColor, writeReport, writeReportParts } from './io';
import { exitCodeFor } from './options';

function analyzeFile(io: CliIo, file: string, idPrefix: string): AnalyzedSource {
  const name = file === '-' ? 'stdin' : file;
  const buf = readInput(io, file);
  try {
    return analyzeHarBuffer(buf, name, idPrefix);
  } catch (error) {
    if (error instanceof HarError) throw new CliError(`${name}: ${error.message}`);
    if (error instanceof RangeError) throw new CliError(`${name}: file too large to analyse (${error.message})`);
    throw error;
  }
}

/** Runs the top-level command line (check, help, version); throws a CliError on bad input. */
export async function checkCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const command = parseArgs(argv);
  if (command.kind === 'help') {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (command.kind === 'version') {
    io.stdout.write(`${NAME} ${TOOL_VERSION}\n`);
    return 0;
  }
  const several = command.files.length > 1;
  const parts = command.files.map((file, i) => analyzeFile(io, file, several ? `f${i + 1}.` : ''));
  for (const part of parts) {
    if (part.calls.length === 0) {
      io.stderr.write(`${NAME}: no Coveo calls found in ${oneLine(part.source.name)}: was DevTools open while the page searched?\n`);
    }
  }
  const report = buildReport(parts, { about: { via: 'cli' } });
  if (command.format === 'json') {
    // Call by call: the report of a big HAR is never one string (peak memory, issue 15); same bytes as renderJson.
    await writeReportParts(io, command.output, renderJsonParts(report, { includePersonalData: command.includePersonalData }));
    return exitCodeFor(report.summary.verdict, command.failOn);
  }
  const text = renderReport(report, command.format, {
    color: useColor(io, command.output),
    width: textWidth(io, command.output),
    includePersonalData: command.includePersonalData,
  });
  writeReport(io, command.output, text);
  return exitCodeFor(report.summary.verdict, command.failOn);
}
