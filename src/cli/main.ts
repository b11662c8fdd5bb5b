/**
 * coveo-hub-inspector: the command line. Every failure ends as ONE line on stderr and exit code 2; the page
 * verdict decides 0 or 1 (see --fail-on).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { buildReport, HarError, renderJson, renderMarkdown, renderText, TOOL_VERSION, type PageVerdict, type Report } from '../core/index';
import { parseArgs, USAGE, UsageError, type FailOn, type Format } from './args';
import { analyzeHarBuffer, type AnalyzedSource } from './har-stream';
import { runAudit } from './audit';
import { probeMain } from './probe';

const NAME = 'coveo-hub-inspector';

/** Unusable input: printed as `coveo-hub-inspector: <file>: <message>`, exit code 2. */
class InputError extends Error {
  override name = 'InputError';
}

function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text
    .replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ')
    .trim()
    .slice(0, 300);
}

function readError(error: unknown): string {
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

function readStdin(): Buffer {
  try {
    return readFileSync(0);
  } catch (error) {
    const code = (error as { code?: string } | null)?.code;
    if (code === 'EAGAIN') throw new InputError('stdin: not readable (is it a terminal?)');
    if (code === 'EOF') return Buffer.alloc(0);
    throw new InputError(`stdin: ${readError(error)}`);
  }
}

function analyzeFile(file: string, idPrefix: string): AnalyzedSource {
  const name = file === '-' ? 'stdin' : file;
  let buf: Buffer;
  if (file === '-') buf = readStdin();
  else {
    try {
      buf = readFileSync(file);
    } catch (error) {
      throw new InputError(`${file}: ${readError(error)}`);
    }
  }
  try {
    return analyzeHarBuffer(buf, name, idPrefix);
  } catch (error) {
    if (error instanceof HarError) throw new InputError(`${name}: ${error.message}`);
    if (error instanceof RangeError) throw new InputError(`${name}: file too large to analyse (${error.message})`);
    throw error;
  }
}

/** Exit code for a page verdict under `--fail-on`. */
export function exitCodeFor(verdict: PageVerdict, failOn: FailOn): 0 | 1 {
  if (failOn === 'never') return 0;
  if (failOn === 'warning') return verdict === 'pass' ? 0 : 1;
  return verdict === 'fail' ? 1 : 0;
}

/** Text wraps to the terminal's width; to 100 columns in a pipe or a file. */
export function textWidth(output: string | null): number {
  const columns = process.stdout.columns;
  return output === null && process.stdout.isTTY === true && typeof columns === 'number' && columns > 0 ? columns : 100;
}

function render(report: Report, format: Format, color: boolean, width: number, includePersonalData: boolean): string {
  if (format === 'json') return renderJson(report, { includePersonalData });
  if (format === 'markdown') return renderMarkdown(report, { includePersonalData });
  return renderText(report, { color, width, includePersonalData });
}

function useColor(output: string | null): boolean {
  return output === null && process.stdout.isTTY === true && process.env.NO_COLOR === undefined;
}

function run(argv: readonly string[]): number {
  const command = parseArgs(argv);
  if (command.kind === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (command.kind === 'version') {
    process.stdout.write(`${NAME} ${TOOL_VERSION}\n`);
    return 0;
  }
  const several = command.files.length > 1;
  const parts = command.files.map((file, i) => analyzeFile(file, several ? `f${i + 1}.` : ''));
  for (const part of parts) {
    if (part.calls.length === 0) {
      process.stderr.write(`${NAME}: no Coveo calls found in ${oneLine(part.source.name)}: was DevTools open while the page searched?\n`);
    }
  }
  const report = buildReport(parts, { about: { via: 'cli' } });
  const text = render(report, command.format, useColor(command.output), textWidth(command.output), command.includePersonalData);
  if (command.output !== null) {
    try {
      writeFileSync(command.output, text);
    } catch (error) {
      throw new InputError(`${command.output}: cannot write the report (${(error as { code?: string }).code ?? 'error'})`);
    }
  } else {
    process.stdout.write(text);
  }
  return exitCodeFor(report.summary.verdict, command.failOn);
}

function main(): void {
  // The organization audit lives in its own module, loaded only for that command (check never pays for it).
  if (process.argv[2] === 'org') {
    // Exits explicitly: platform-client may still hold a retry timer after a deadline (stdout and stderr are
    // synchronous for files and pipes, so nothing written is lost).
    void import('./org').then((m) => m.orgMain(process.argv.slice(3))).then((code) => process.exit(code));
    return;
  }
  if (process.argv[2] === 'audit') {
    void runAudit(process.argv.slice(3)).then((code) => (process.exitCode = code));
    return;
  }
  if (process.argv[2] === 'probe') return void probeMain(process.argv.slice(3)).then((code) => void (process.exitCode = code));
  let code: number;
  try {
    code = run(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${NAME}: ${oneLine(error.message)}\n`);
    } else if (error instanceof InputError) {
      process.stderr.write(`${NAME}: ${oneLine(error.message)}\n`);
    } else {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`${NAME}: internal error: ${oneLine(message)} (please report it)\n`);
    }
    code = 2;
  }
  process.exitCode = code;
}

// A closed stdout (`| head`) is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
});

main();
