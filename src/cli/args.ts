/** `coveo-hub-inspector check` and the top-level command line: strict (an unknown flag is a usage error, exit 2). */
import { FORMAT_NAMES } from '../core/report/formats';
import { UsageError } from './errors';
import { type FailOn, type Format, REPORT_OPTIONS, reportOption, strayArgument, tokenize, wantsHelp } from './options';

export type { FailOn, Format } from './options';
export { UsageError } from './errors';

export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'check'; files: string[]; format: Format; failOn: FailOn; output: string | null; includePersonalData: boolean };

export const USAGE = `Usage: coveo-hub-inspector check <file.har|-> [more files] [options]
       coveo-hub-inspector org --org ORG_ID [--har FILE ...] [options]   (see org --help)
       coveo-hub-inspector audit <url ...> [options]   (pages in Chromium; see audit --help)
       coveo-hub-inspector probe <file.har> [--call ID ...] [--yes] [options]   (sends requests: see probe --help)

Proves, from a HAR recorded in the browser, whether each Coveo Search API call's searchHub
is enforced by its credential (a search token with a searchHub claim) or only by the request body.

Options:
  --format ${FORMAT_NAMES.join('|').padEnd(20)} output format (default: text)
  --fail-on error|warning|never exit 1 when the page verdict is fail (error, default),
                                fail/review/empty (warning), or never
  -o, --output FILE             write the report to FILE instead of stdout (no colour)
  --include-personal-data       show decoded personal claims (userIds, userDisplayName,
                                userGroups, e-mail addresses) as they are; redacted by default.
                                Credentials are always shown as fingerprints only.
  -h, --help                    show this help
  -V, --version                 show the version

Use - to read a HAR from stdin. Several files make one report with several sources.
Exit codes: 0 verdict meets --fail-on, 1 it does not, 2 unusable input or usage error.
Colour: only on a terminal, and never when NO_COLOR is set. Text output wraps to the terminal's
width (100 columns when not a terminal).`;

const CHECK_OPTIONS = { ...REPORT_OPTIONS, 'include-personal-data': { type: 'boolean' } } as const;

export function parseArgs(argv: readonly string[]): Command {
  if (argv.length === 0) throw new UsageError('missing command (try: coveo-hub-inspector check page.har)');
  if (wantsHelp(argv) || argv[0] === 'help') return { kind: 'help' };
  if (argv.includes('-V') || argv.includes('--version')) return { kind: 'version' };
  const [command, ...rest] = argv;
  if (command !== 'check') {
    if (command?.startsWith('-')) throw new UsageError(`unknown option ${command} (see --help)`);
    throw new UsageError(`unknown command ${strayArgument(command ?? '')} (see --help)`);
  }
  const cmd: Command & { kind: 'check' } = { kind: 'check', files: [], format: 'text', failOn: 'error', output: null, includePersonalData: false };
  for (const token of tokenize(rest, CHECK_OPTIONS)) {
    if (token.kind === 'terminator') continue;
    if (token.kind === 'positional') {
      cmd.files.push(token.value);
      continue;
    }
    if (reportOption(cmd, token)) continue;
    switch (token.known ? token.name : '') {
      case 'include-personal-data':
        if (token.value !== undefined) throw new UsageError('--include-personal-data takes no value');
        cmd.includePersonalData = true;
        break;
      default:
        throw new UsageError(`unknown option ${token.flag} (see --help)`);
    }
  }
  if (cmd.files.length === 0) throw new UsageError('check needs at least one HAR file (or - for stdin)');
  if (cmd.files.filter((f) => f === '-').length > 1) throw new UsageError('stdin (-) can be read only once');
  return cmd;
}
