/** `coveo-hub-inspector audit` options: strict like `check` (an unknown flag is a usage error, exit code 2). */
import { readFileSync } from 'node:fs';
import { UsageError, type FailOn, type Format } from './args';

export interface AuditCommand {
  kind: 'audit';
  urls: string[];
  query: string;
  searchBox: string | null;
  browserPath: string | null;
  browserArgs: string[];
  ignoreHttpsErrors: boolean;
  saveHar: string | null;
  concurrency: number;
  timeoutSeconds: number;
  format: Format;
  failOn: FailOn;
  output: string | null;
}

export type AuditParse = AuditCommand | { kind: 'help' };

export const AUDIT_USAGE = `Usage: coveo-hub-inspector audit <url ...> [options]

Opens each page in Chromium (playwright-core, the system's Chromium; never a browser download), waits for its
Coveo traffic, types a query in its search box (query suggestions) and submits it (a search), then prints one
report with a verdict per page and an overall verdict.

Options:
  --urls FILE                 more URLs, one per line (# comments and blank lines ignored; - for stdin)
  --query TEXT                text typed in the search box (default: tra)
  --search-box SELECTOR       the search box (default: Atomic, search-ui, input[type=search], ... in that order)
  --browser-path PATH         Chromium or Chrome binary (default: /usr/bin/chromium, then other usual places)
  --browser-arg ARG           extra browser flag, repeatable (e.g. --browser-arg=--host-resolver-rules=...)
  --ignore-https-errors       accept invalid certificates (test servers)
  --save-har DIR              also save each page's Coveo calls as a HAR (holds FULL credentials: keep private)
  --concurrency N             pages audited at once, 1-16 (default: 2)
  --timeout S                 seconds per page, loading, searching and settling included (default: 30)
  --format text|json|markdown output format (default: text)
  --fail-on error|warning|never
                              exit 1 when the overall verdict is fail (error, default), not pass (warning), or never
  -o, --output FILE           write the report to FILE instead of stdout
  -h, --help                  show this help

A page that fails to load, times out or shows no Coveo call is reported as such and makes the overall verdict fail.
Progress goes to stderr, one line per page.
Exit codes: 0 verdict meets --fail-on, 1 it does not, 2 usage error or no usable browser.`;

const FORMATS: readonly Format[] = ['text', 'json', 'markdown'];
const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'never'];

function pick<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T {
  if (value === undefined || value === '') throw new UsageError(`${flag} needs a value (${allowed.join('|')})`);
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${flag} must be one of ${allowed.join('|')} (got "${value}")`);
  return value as T;
}

function integer(flag: string, value: string | undefined, min: number, max: number): number {
  const n = value === undefined || value.trim() === '' ? NaN : Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${flag} must be a whole number from ${min} to ${max} (got "${value ?? ''}")`);
  return n;
}

/** The URL as audit opens it; a usage error names where a bad one came from. */
export function checkUrl(raw: string, where: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`${where}: not a URL: "${raw.slice(0, 200)}" (use https://...)`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError(`${where}: only http and https pages can be audited (got ${url.protocol})`);
  return url.href;
}

export function readUrlList(file: string, read: (file: string) => string = (f) => readFileSync(f === '-' ? 0 : f, 'utf8')): string[] {
  let text: string;
  try {
    text = read(file);
  } catch (error) {
    const code = (error as { code?: string } | null)?.code;
    throw new UsageError(
      `--urls ${file}: ${code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory' : `cannot read it (${code ?? 'error'})`}`,
    );
  }
  const urls: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const trimmed = line.replace(/^\uFEFF/, '').trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    urls.push(checkUrl(trimmed, `${file}:${i + 1}`));
  });
  return urls;
}

export function parseAuditArgs(argv: readonly string[], read?: (file: string) => string): AuditParse {
  if (argv.includes('-h') || argv.includes('--help')) return { kind: 'help' };
  const cmd: AuditCommand = {
    kind: 'audit',
    urls: [],
    query: 'tra',
    searchBox: null,
    browserPath: null,
    browserArgs: [],
    ignoreHttpsErrors: false,
    saveHar: null,
    concurrency: 2,
    timeoutSeconds: 30,
    format: 'text',
    failOn: 'error',
    output: null,
  };
  const lists: string[] = [];
  let onlyUrls = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (onlyUrls || !arg.startsWith('-')) {
      cmd.urls.push(checkUrl(arg, 'argument'));
      continue;
    }
    if (arg === '--') {
      onlyUrls = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
    // A value may itself start with "-" (--browser-arg --foo): the next argument is taken as it is.
    const value = (): string | undefined => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined) return undefined;
      i++;
      return next;
    };
    const text = (name: string): string => {
      const v = value();
      if (v === undefined || v === '') throw new UsageError(`${name} needs a value`);
      return v;
    };
    switch (flag) {
      case '--urls':
        lists.push(text('--urls'));
        break;
      case '--query':
        cmd.query = text('--query');
        break;
      case '--search-box':
        cmd.searchBox = text('--search-box');
        break;
      case '--browser-path':
        cmd.browserPath = text('--browser-path');
        break;
      case '--browser-arg':
        cmd.browserArgs.push(text('--browser-arg'));
        break;
      case '--ignore-https-errors':
        if (inline !== undefined) throw new UsageError('--ignore-https-errors takes no value');
        cmd.ignoreHttpsErrors = true;
        break;
      case '--save-har':
        cmd.saveHar = text('--save-har');
        break;
      case '--concurrency':
        cmd.concurrency = integer('--concurrency', value(), 1, 16);
        break;
      case '--timeout':
        cmd.timeoutSeconds = integer('--timeout', value(), 1, 600);
        break;
      case '--format':
      case '-f':
        cmd.format = pick('--format', value(), FORMATS);
        break;
      case '--fail-on':
        cmd.failOn = pick('--fail-on', value(), FAIL_ON);
        break;
      case '--output':
      case '-o':
        cmd.output = text('--output');
        break;
      default:
        throw new UsageError(`unknown option ${flag} for audit (see audit --help)`);
    }
  }
  if (lists.filter((f) => f === '-').length > 1) throw new UsageError('stdin (-) can be read only once');
  for (const list of lists) cmd.urls.push(...readUrlList(list, read));
  if (cmd.urls.length === 0) throw new UsageError('audit needs at least one URL (arguments or --urls FILE)');
  return cmd;
}
