/**
 * `coveo-hub-inspector org`: the organization audit over Coveo's Platform API, joined with HAR files when given.
 * Loaded by main.ts only for this command; the Platform API client is loaded only when the audit runs.
 * The admin credential comes from COVEO_PLATFORM_TOKEN or --token-file, never from an argument, and is never
 * printed (the report shows its fingerprint). Errors: one line on stderr, exit code 2.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { analyzeEntries, extractRawCredentials, HarError, parseHar, type PageVerdict } from '../core/index';
import { auditOrg, renderOrgJson, renderOrgMarkdown, renderOrgText, type HarCall, type OrgReport } from '../core/org/index';
import { UsageError, type FailOn, type Format } from './args';

const NAME = 'coveo-hub-inspector';

export const ORG_USAGE = `Usage: coveo-hub-inspector org --org ORG_ID [--region us|eu|au|ca|hipaa | --platform-url URL]
                               [--har FILE ...] [--stale-days 90] [--format text|json|markdown]
                               [--fail-on error|warning|never] [--output FILE] [--token-file FILE] [--timeout 120]

Audits an organization through Coveo's Platform API (read-only): query pipeline conditions and filters,
API-key scope and hygiene. With --har, says which pipeline each hub of the page is routed to, matches the
page's API keys to their records, and settles the calls that check leaves unverifiable because of an API key.

Credential: an OAuth access token or an admin API key with View on API keys, query pipelines and search
hubs, from the environment variable COVEO_PLATFORM_TOKEN or from --token-file FILE (never an argument:
it would show in process lists). It is never printed; the report shows its fingerprint.

Options:
  --org ORG_ID                  the organization to audit (required)
  --region REGION               us (default), eu, au, ca or hipaa
  --platform-url URL            the Platform API's base URL instead of the region's
  --har FILE ...                HAR file(s) to join with the organization (repeatable)
  --stale-days N                a key unused for N days is reported (default: 90)
  --format text|json|markdown   output format (default: text)
  --fail-on error|warning|never exit 1 on fail (error, default), on fail/review (warning), or never
  -o, --output FILE             write the report to FILE instead of stdout
  --token-file FILE             read the credential from FILE (wins over COVEO_PLATFORM_TOKEN)
  --timeout SECONDS             give up after SECONDS, retries included (default: 120)

Exit codes: 0 verdict meets --fail-on, 1 it does not, 2 usage error, unusable input or a Platform API failure.`;

export type Region = 'us' | 'eu' | 'au' | 'ca' | 'hipaa';
const REGIONS: readonly Region[] = ['us', 'eu', 'au', 'ca', 'hipaa'];
const FORMATS: readonly Format[] = ['text', 'json', 'markdown'];
const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'never'];

export interface OrgCommand {
  kind: 'org';
  org: string;
  region: Region;
  platformUrl: string | null;
  har: string[];
  staleDays: number;
  format: Format;
  failOn: FailOn;
  output: string | null;
  tokenFile: string | null;
  timeoutSeconds: number;
}

/** Unusable input or a Platform API failure: one line, exit code 2. */
class OrgError extends Error {
  override name = 'OrgError';
}

function pick<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T {
  if (value === undefined || value === '') throw new UsageError(`${flag} needs a value (${allowed.join('|')})`);
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${flag} must be one of ${allowed.join('|')} (got "${value}")`);
  return value as T;
}

function positiveInt(flag: string, value: string | undefined, max: number): number {
  if (value === undefined || !/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max)
    throw new UsageError(`${flag} needs a whole number from 1 to ${max}`);
  return Number(value);
}

export function parseOrgArgs(argv: readonly string[]): OrgCommand | { kind: 'help' } {
  if (argv.includes('-h') || argv.includes('--help')) return { kind: 'help' };
  const cmd: OrgCommand = {
    kind: 'org',
    org: '',
    region: 'us',
    platformUrl: null,
    har: [],
    staleDays: 90,
    format: 'text',
    failOn: 'error',
    output: null,
    tokenFile: null,
    timeoutSeconds: 120,
  };
  let regionGiven = false;
  let inHar = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('-') || arg === '-') {
      if (inHar) {
        cmd.har.push(arg);
        continue;
      }
      throw new UsageError(`unexpected argument "${arg}" (HAR files go after --har; see org --help)`);
    }
    inHar = false;
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string | undefined => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined) return undefined;
      i++;
      return next;
    };
    switch (flag) {
      case '--org': {
        const v = value();
        if (v === undefined || !/^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/.test(v)) throw new UsageError('--org needs an organization id (letters, digits, - and _)');
        cmd.org = v;
        break;
      }
      case '--region':
        cmd.region = pick('--region', value(), REGIONS);
        regionGiven = true;
        break;
      case '--platform-url': {
        const v = value();
        let url: URL | null = null;
        try {
          url = v ? new URL(v) : null;
        } catch {
          url = null;
        }
        if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) throw new UsageError('--platform-url needs an http(s) URL');
        cmd.platformUrl = url.href.replace(/\/+$/, '');
        break;
      }
      case '--har': {
        const v = value();
        if (v === undefined || v === '') throw new UsageError('--har needs a HAR file');
        cmd.har.push(v);
        inHar = true;
        break;
      }
      case '--stale-days':
        cmd.staleDays = positiveInt('--stale-days', value(), 36_500);
        break;
      case '--timeout':
        cmd.timeoutSeconds = positiveInt('--timeout', value(), 3600);
        break;
      case '--format':
      case '-f':
        cmd.format = pick('--format', value(), FORMATS);
        break;
      case '--fail-on':
        cmd.failOn = pick('--fail-on', value(), FAIL_ON);
        break;
      case '--output':
      case '-o': {
        const v = value();
        if (v === undefined || v === '') throw new UsageError('--output needs a file name');
        cmd.output = v;
        break;
      }
      case '--token-file': {
        const v = value();
        if (v === undefined || v === '') throw new UsageError('--token-file needs a file name');
        cmd.tokenFile = v;
        break;
      }
      case '--token':
      case '--api-key':
      case '--access-token':
        // Never read a secret from the command line, and never echo what followed the flag.
        throw new UsageError(
          `${flag} is not accepted: a credential on the command line shows in process lists; set COVEO_PLATFORM_TOKEN or use --token-file FILE`,
        );
      default:
        throw new UsageError(`unknown option ${flag} (see org --help)`);
    }
  }
  if (cmd.org === '') throw new UsageError('org needs --org ORG_ID');
  if (regionGiven && cmd.platformUrl !== null) throw new UsageError('use --region or --platform-url, not both');
  if (cmd.har.filter((f) => f === '-').length > 1) throw new UsageError('stdin (-) can be read only once');
  return cmd;
}

function readToken(cmd: OrgCommand): string {
  if (cmd.tokenFile !== null) {
    let text: string;
    try {
      text = readFileSync(cmd.tokenFile, 'utf8');
    } catch (error) {
      const code = (error as { code?: string }).code;
      throw new OrgError(`${cmd.tokenFile}: ${code === 'ENOENT' ? 'token file not found' : `cannot read the token file (${code ?? 'error'})`}`);
    }
    const lines = text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l !== '');
    if (lines.length === 0) throw new OrgError(`${cmd.tokenFile}: the token file is empty`);
    if (lines.length > 1 || /\s/.test(lines[0] as string)) throw new OrgError(`${cmd.tokenFile}: the token file must hold the token alone, on one line`);
    return lines[0] as string;
  }
  const env = process.env.COVEO_PLATFORM_TOKEN?.trim();
  if (!env) {
    throw new OrgError(
      'no credential: set COVEO_PLATFORM_TOKEN or pass --token-file FILE (an access token or API key with View on API keys, query pipelines and search hubs)',
    );
  }
  if (/\s/.test(env)) throw new OrgError('COVEO_PLATFORM_TOKEN must hold the token alone');
  return env;
}

function readHars(files: readonly string[]): { sources: { name: string; coveoCalls: number }[]; calls: HarCall[] } {
  const sources: { name: string; coveoCalls: number }[] = [];
  const calls: HarCall[] = [];
  const several = files.length > 1;
  files.forEach((file, i) => {
    const name = file === '-' ? 'stdin' : file;
    let text: string;
    try {
      text = readFileSync(file === '-' ? 0 : file, 'utf8');
    } catch (error) {
      const code = (error as { code?: string }).code;
      throw new OrgError(
        `${name}: ${code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory, not a HAR file' : `cannot read the file (${code ?? 'error'})`}`,
      );
    }
    let entries: unknown[];
    try {
      entries = parseHar(text).entries;
    } catch (error) {
      if (error instanceof HarError) throw new OrgError(`${name}: ${error.message}`);
      throw error;
    }
    const analysed = analyzeEntries(entries, name, several ? `f${i + 1}.` : '');
    for (const call of analysed.calls) {
      // Raw values stay in memory for matching; only fingerprints reach the report.
      calls.push({ call, rawCredentials: extractRawCredentials(entries[call.index]).map((r) => r.value) });
    }
    sources.push({ name, coveoCalls: analysed.calls.length });
    if (analysed.calls.length === 0) process.stderr.write(`${NAME}: no Coveo calls found in ${oneLine(name)}: was DevTools open while the page searched?\n`);
  });
  return { sources, calls };
}

function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text
    .replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ')
    .trim()
    .slice(0, 400);
}

/** The same contract as check's --fail-on. */
function exitCode(verdict: PageVerdict | OrgReport['summary']['verdict'], failOn: FailOn): 0 | 1 {
  if (failOn === 'never') return 0;
  if (failOn === 'warning') return verdict === 'pass' ? 0 : 1;
  return verdict === 'fail' ? 1 : 0;
}

async function run(argv: readonly string[]): Promise<number> {
  const cmd = parseOrgArgs(argv);
  if (cmd.kind === 'help') {
    process.stdout.write(`${ORG_USAGE}\n`);
    return 0;
  }
  const token = readToken(cmd);
  const har = cmd.har.length > 0 ? readHars(cmd.har) : null;
  const { fetchOrgSnapshot, platformHost, PlatformError } = await import('../org/platform');
  let snapshot;
  try {
    snapshot = await fetchOrgSnapshot({
      organizationId: cmd.org,
      accessToken: token,
      region: cmd.region,
      platformUrl: cmd.platformUrl,
      timeoutMs: cmd.timeoutSeconds * 1000,
    });
  } catch (error) {
    if (error instanceof PlatformError) throw new OrgError(error.message);
    throw error;
  }
  const report = auditOrg(snapshot, {
    now: Date.now(),
    staleDays: cmd.staleDays,
    har,
    platformUrl: platformHost(cmd.region, cmd.platformUrl),
    credential: token,
  });
  const color = cmd.output === null && process.stdout.isTTY === true && process.env.NO_COLOR === undefined;
  const text = cmd.format === 'json' ? renderOrgJson(report) : cmd.format === 'markdown' ? renderOrgMarkdown(report) : renderOrgText(report, { color });
  // Last check: the credential itself must never be written anywhere.
  if (text.includes(token)) throw new OrgError('internal error: the report would contain the credential; nothing was written (please report it)');
  if (cmd.output !== null) {
    try {
      writeFileSync(cmd.output, text);
    } catch (error) {
      throw new OrgError(`${cmd.output}: cannot write the report (${(error as { code?: string }).code ?? 'error'})`);
    }
  } else {
    process.stdout.write(text);
  }
  return exitCode(report.summary.verdict, cmd.failOn);
}

/** Runs the command; resolves to its exit code. Never throws. */
export async function orgMain(argv: readonly string[]): Promise<number> {
  try {
    return await run(argv);
  } catch (error) {
    if (error instanceof UsageError || error instanceof OrgError) {
      process.stderr.write(`${NAME}: ${oneLine(error.message)}\n`);
    } else {
      process.stderr.write(`${NAME}: internal error: ${oneLine(error instanceof Error ? error.message : String(error))} (please report it)\n`);
    }
    return 2;
  }
}
