/** `coveo-hub-inspector org` options: strict like `check` (an unknown flag is a usage error, exit code 2). */
import { UsageError } from './errors';
import { choice, type FailOn, type Format, REPORT_OPTIONS, reportOption, required, strayArgument, tokenize, wantsHelp } from './options';

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

const ORG_OPTIONS = {
  ...REPORT_OPTIONS,
  org: { type: 'string' },
  region: { type: 'string' },
  'platform-url': { type: 'string' },
  har: { type: 'string' },
  'stale-days': { type: 'string' },
  timeout: { type: 'string' },
  'token-file': { type: 'string' },
  // Refused, never read: a credential on the command line shows in process lists.
  token: { type: 'boolean' },
  'api-key': { type: 'boolean' },
  'access-token': { type: 'boolean' },
} as const;

function positiveInt(flag: string, value: string | undefined, max: number): number {
  if (value === undefined || !/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max)
    throw new UsageError(`${flag} needs a whole number from 1 to ${max}`);
  return Number(value);
}

function platformUrl(value: string | undefined): string {
  let url: URL | null = null;
  try {
    url = value ? new URL(value) : null;
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) throw new UsageError('--platform-url needs an http(s) URL');
  return url.href.replace(/\/+$/, '');
}

export function parseOrgArgs(argv: readonly string[]): OrgCommand | { kind: 'help' } {
  if (wantsHelp(argv)) return { kind: 'help' };
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
  for (const token of tokenize(argv, ORG_OPTIONS)) {
    if (token.kind === 'positional') {
      if (inHar) {
        cmd.har.push(token.value);
        continue;
      }
      throw new UsageError(`unexpected argument ${strayArgument(token.value)} (HAR files go after --har; see org --help)`);
    }
    if (token.kind === 'terminator') throw new UsageError('unknown option -- (see org --help)');
    inHar = false;
    if (reportOption(cmd, token)) continue;
    switch (token.known ? token.name : '') {
      case 'org':
        if (token.value === undefined || !/^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/.test(token.value))
          throw new UsageError('--org needs an organization id (letters, digits, - and _)');
        cmd.org = token.value;
        break;
      case 'region':
        cmd.region = choice('--region', token.value, REGIONS);
        regionGiven = true;
        break;
      case 'platform-url':
        cmd.platformUrl = platformUrl(token.value);
        break;
      case 'har':
        cmd.har.push(required(token.value, '--har needs a HAR file'));
        inHar = true;
        break;
      case 'stale-days':
        cmd.staleDays = positiveInt('--stale-days', token.value, 36_500);
        break;
      case 'timeout':
        cmd.timeoutSeconds = positiveInt('--timeout', token.value, 3600);
        break;
      case 'token-file':
        cmd.tokenFile = required(token.value, '--token-file needs a file name');
        break;
      case 'token':
      case 'api-key':
      case 'access-token':
        // Never read a secret from the command line, and never echo what followed the flag.
        throw new UsageError(
          `${token.flag} is not accepted: a credential on the command line shows in process lists; set COVEO_PLATFORM_TOKEN or use --token-file FILE`,
        );
      default:
        throw new UsageError(`unknown option ${token.flag} (see org --help)`);
    }
  }
  if (cmd.org === '') throw new UsageError('org needs --org ORG_ID');
  if (regionGiven && cmd.platformUrl !== null) throw new UsageError('use --region or --platform-url, not both');
  if (cmd.har.filter((f) => f === '-').length > 1) throw new UsageError('stdin (-) can be read only once');
  return cmd;
}
