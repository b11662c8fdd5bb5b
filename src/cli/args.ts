/** Command-line parsing: no dependency, strict (an unknown flag is a usage error, exit code 2). */

export type Format = 'text' | 'json' | 'markdown';
export type FailOn = 'error' | 'warning' | 'never';

export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'check'; files: string[]; format: Format; failOn: FailOn; output: string | null; includePersonalData: boolean };

export class UsageError extends Error {
  override name = 'UsageError';
}

const FORMATS: readonly Format[] = ['text', 'json', 'markdown'];
const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'never'];

export const USAGE = `Usage: coveo-hub-inspector check <file.har|-> [more files] [options]
       coveo-hub-inspector org --org ORG_ID [--har FILE ...] [options]   (see org --help)
       coveo-hub-inspector audit <url ...> [options]   (pages in Chromium; see audit --help)
       coveo-hub-inspector probe <file.har> [--call ID ...] [--yes] [options]   (sends requests: see probe --help)

Proves, from a HAR recorded in the browser, whether each Coveo Search API call's searchHub
is enforced by its credential (a search token with a searchHub claim) or only by the request body.

Options:
  --format text|json|markdown   output format (default: text)
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

function pick<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T {
  if (value === undefined || value === '') throw new UsageError(`${flag} needs a value (${allowed.join('|')})`);
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${flag} must be one of ${allowed.join('|')} (got "${value}")`);
  return value as T;
}

export function parseArgs(argv: readonly string[]): Command {
  if (argv.length === 0) throw new UsageError('missing command (try: coveo-hub-inspector check page.har)');
  if (argv.includes('-h') || argv.includes('--help') || argv[0] === 'help') return { kind: 'help' };
  if (argv.includes('-V') || argv.includes('--version')) return { kind: 'version' };
  const [command, ...rest] = argv;
  if (command !== 'check') {
    if (command?.startsWith('-')) throw new UsageError(`unknown option ${command} (see --help)`);
    throw new UsageError(`unknown command "${command}" (see --help)`);
  }
  const files: string[] = [];
  let format: Format = 'text';
  let failOn: FailOn = 'error';
  let output: string | null = null;
  let includePersonalData = false;
  let onlyFiles = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    if (onlyFiles || arg === '-' || !arg.startsWith('-')) {
      files.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyFiles = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string | undefined => {
      if (inline !== undefined) return inline;
      const next = rest[i + 1];
      if (next === undefined) return undefined;
      i++;
      return next;
    };
    switch (flag) {
      case '--format':
      case '-f':
        format = pick('--format', value(), FORMATS);
        break;
      case '--fail-on':
        failOn = pick('--fail-on', value(), FAIL_ON);
        break;
      case '--output':
      case '-o': {
        const file = value();
        if (file === undefined || file === '') throw new UsageError('--output needs a file name');
        output = file;
        break;
      }
      case '--include-personal-data':
        if (inline !== undefined) throw new UsageError('--include-personal-data takes no value');
        includePersonalData = true;
        break;
      default:
        throw new UsageError(`unknown option ${flag} (see --help)`);
    }
  }
  if (files.length === 0) throw new UsageError('check needs at least one HAR file (or - for stdin)');
  if (files.filter((f) => f === '-').length > 1) throw new UsageError('stdin (-) can be read only once');
  return { kind: 'check', files, format, failOn, output, includePersonalData };
}
