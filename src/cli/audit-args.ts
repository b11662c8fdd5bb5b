/** `coveo-hub-inspector audit` options: strict like `check` (an unknown flag is a usage error, exit code 2). */
import { readFileSync } from 'node:fs';
import { UsageError } from './errors';
import { type FailOn, type Format, type MissingValue, REPORT_OPTIONS, reportOption, required, tokenize, wantsHelp } from './options';

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

const AUDIT_MISSING: MissingValue = (name) => (name === 'output' ? '--output needs a value' : undefined);

const AUDIT_OPTIONS = {
  ...REPORT_OPTIONS,
  urls: { type: 'string' },
  query: { type: 'string' },
  'search-box': { type: 'string' },
  'browser-path': { type: 'string' },
  'browser-arg': { type: 'string' },
  'ignore-https-errors': { type: 'boolean' },
  'save-har': { type: 'string' },
  concurrency: { type: 'string' },
  timeout: { type: 'string' },
} as const;

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
  if (wantsHelp(argv)) return { kind: 'help' };
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
  // A value may itself start with "-" (--browser-arg --foo): the next argument is taken as it is.
  for (const token of tokenize(argv, AUDIT_OPTIONS)) {
    if (token.kind === 'terminator') continue;
    if (token.kind === 'positional') {
      cmd.urls.push(checkUrl(token.value, 'argument'));
      continue;
    }
    const text = (): string => required(token.value, `--${token.name} needs a value`);
    if (reportOption(cmd, token, AUDIT_MISSING)) continue;
    switch (token.known ? token.name : '') {
      case 'urls':
        lists.push(text());
        break;
      case 'query':
        cmd.query = text();
        break;
      case 'search-box':
        cmd.searchBox = text();
        break;
      case 'browser-path':
        cmd.browserPath = text();
        break;
      case 'browser-arg':
        cmd.browserArgs.push(text());
        break;
      case 'ignore-https-errors':
        if (token.inline) throw new UsageError('--ignore-https-errors takes no value');
        cmd.ignoreHttpsErrors = true;
        break;
      case 'save-har':
        cmd.saveHar = text();
        break;
      case 'concurrency':
        cmd.concurrency = integer('--concurrency', token.value, 1, 16);
        break;
      case 'timeout':
        cmd.timeoutSeconds = integer('--timeout', token.value, 1, 600);
        break;
      default:
        throw new UsageError(`unknown option ${token.flag} for audit (see audit --help)`);
    }
  }
  if (lists.filter((f) => f === '-').length > 1) throw new UsageError('stdin (-) can be read only once');
  for (const list of lists) cmd.urls.push(...readUrlList(list, read));
  if (cmd.urls.length === 0) throw new UsageError('audit needs at least one URL (arguments or --urls FILE)');
  return cmd;
}
