// Every command's argument errors, in-process and word for word: these one-line messages (exit code 2) are part of
// the published command line, whatever parses the arguments.
import { describe, expect, it } from 'vitest';
import { usageMessage } from './usage';
import { parseArgs } from '../../src/cli/args';
import { parseAuditArgs } from '../../src/cli/audit-args';
import { parseOrgArgs } from '../../src/cli/org';
import { parseProbeArgs } from '../../src/cli/probe';

const message = usageMessage;

describe('check', () => {
  it.each([
    [[], 'missing command (try: coveo-hub-inspector check page.har)'],
    [['scan'], 'unknown command "scan" (see --help)'],
    // A pasted credential in the command's place is not echoed (only its length).
    [['xx564559b1-0045-48e1-953c-3addd1ee4457'], 'unknown command of 38 characters (not shown: it may be a credential) (see --help)'],
    [['--bogus'], 'unknown option --bogus (see --help)'],
    [['check', 'a.har', '--bogus=1'], 'unknown option --bogus (see --help)'],
    [['check', 'a.har', '-z'], 'unknown option -z (see --help)'],
    [['check', 'a.har', '-zq'], 'unknown option -zq (see --help)'],
    [['check', 'a.har', '-fjson'], 'unknown option -fjson (see --help)'],
    [['check', 'a.har', '-o=x'], 'unknown option -o=x (see --help)'],
    [['check', 'a.har', '--format'], '--format needs a value (text|json|markdown)'],
    [['check', 'a.har', '--format='], '--format needs a value (text|json|markdown)'],
    [['check', 'a.har', '-f', 'xml'], '--format must be one of text|json|markdown (got "xml")'],
    [['check', 'a.har', '--fail-on'], '--fail-on needs a value (error|warning|never)'],
    [['check', 'a.har', '--fail-on=sometimes'], '--fail-on must be one of error|warning|never (got "sometimes")'],
    [['check', 'a.har', '-o'], '--output needs a file name'],
    [['check', 'a.har', '--include-personal-data='], '--include-personal-data takes no value'],
    [['check'], 'check needs at least one HAR file (or - for stdin)'],
    [['check', '-', '-'], 'stdin (-) can be read only once'],
    [['check', '--', '-', '-'], 'stdin (-) can be read only once'],
  ])('%j', (argv, expected) => {
    expect(message(() => parseArgs(argv))).toBe(expected);
  });

  it('reads values, short flags, `--` and `-`', () => {
    expect(parseArgs(['check', '-', '-f', 'json', '--fail-on=never', '-o', 'out.json', '--include-personal-data', '--', '--odd.har'])).toEqual({
      kind: 'check',
      files: ['-', '--odd.har'],
      format: 'json',
      failOn: 'never',
      output: 'out.json',
      includePersonalData: true,
    });
    // A value is the next argument, whatever it looks like; the last of a repeated flag wins.
    expect(parseArgs(['check', 'a.har', '--output', '-', '--format', 'json', '--format', 'markdown'])).toMatchObject({ output: '-', format: 'markdown' });
    expect(parseArgs(['check', 'a.har', '--output', '--help'])).toEqual({ kind: 'help' });
    expect(parseArgs(['help'])).toEqual({ kind: 'help' });
    expect(parseArgs(['check', '-V'])).toEqual({ kind: 'version' });
  });
});

describe('audit', () => {
  const read = (f: string): string => {
    if (f === '-') return 'https://stdin.example/\n';
    throw Object.assign(new Error('nope'), { code: f === 'dir' ? 'EISDIR' : 'ENOENT' });
  };
  it.each([
    [['https://a.example/', '--bogus'], 'unknown option --bogus for audit (see audit --help)'],
    [['https://a.example/', '-x'], 'unknown option -x for audit (see audit --help)'],
    [['https://a.example/', '--output'], '--output needs a value'],
    [['https://a.example/', '-o='], 'unknown option -o= for audit (see audit --help)'],
    [['https://a.example/', '--browser-arg'], '--browser-arg needs a value'],
    [['https://a.example/', '--save-har='], '--save-har needs a value'],
    [['https://a.example/', '--ignore-https-errors=yes'], '--ignore-https-errors takes no value'],
    [['https://a.example/', '--concurrency', '2.5'], '--concurrency must be a whole number from 1 to 16 (got "2.5")'],
    [['https://a.example/', '--timeout'], '--timeout must be a whole number from 1 to 600 (got "")'],
    [['https://a.example/', '--fail-on', 'x'], '--fail-on must be one of error|warning|never (got "x")'],
    [['https://a.example/', '--urls', '-', '--urls', '-'], 'stdin (-) can be read only once'],
    [['--urls', 'missing.txt'], '--urls missing.txt: file not found'],
    [['--urls', 'dir'], '--urls dir: is a directory'],
    [['--', '-x'], 'argument: not a URL: "-x" (use https://...)'],
  ])('%j', (argv, expected) => {
    expect(message(() => parseAuditArgs(argv, read))).toBe(expected);
  });

  it('reads URLs after `--` and from stdin', () => {
    expect(parseAuditArgs(['--urls', '-', '--', 'https://b.example/'], read)).toMatchObject({ urls: ['https://b.example/', 'https://stdin.example/'] });
  });
});

describe('org', () => {
  it.each([
    [['--org', 'a', 'x.har'], 'unexpected argument "x.har" (HAR files go after --har; see org --help)'],
    [['--org', 'a', 'dir/x.har'], 'unexpected argument "dir/x.har" (HAR files go after --har; see org --help)'],
    // A stray argument may be the admin token pasted by mistake: never echoed (a UUID-shaped Platform token, a JWT).
    [
      ['--org', 'a', 'a1b2c3d4-e5f6-7890-abcd-ef1234567890'],
      'unexpected argument of 36 characters (not shown: it may be a credential) (HAR files go after --har; see org --help)',
    ],
    [
      ['--org', 'a', 'eyJhbGciOiJIUzI1NiJ9.eyJ2OCI6dHJ1ZX0.c2lnbmF0dXJlc2lnbmF0dXJl'],
      'unexpected argument of 61 characters (not shown: it may be a credential) (HAR files go after --har; see org --help)',
    ],
    [['--org', 'a', '--'], 'unknown option -- (see org --help)'],
    [['--org', 'a', '--bogus'], 'unknown option --bogus (see org --help)'],
    [['--org'], '--org needs an organization id (letters, digits, - and _)'],
    [['--org', 'a b'], '--org needs an organization id (letters, digits, - and _)'],
    [['--org', 'a', '--region', 'mars'], '--region must be one of us|eu|au|ca|hipaa (got "mars")'],
    [['--org', 'a', '--region'], '--region needs a value (us|eu|au|ca|hipaa)'],
    [['--org', 'a', '--platform-url', 'ftp://x'], '--platform-url needs an http(s) URL'],
    [['--org', 'a', '--platform-url'], '--platform-url needs an http(s) URL'],
    [['--org', 'a', '--har'], '--har needs a HAR file'],
    [['--org', 'a', '--timeout', '3601'], '--timeout needs a whole number from 1 to 3600'],
    [['--org', 'a', '--stale-days=-1'], '--stale-days needs a whole number from 1 to 36500'],
    [['--org', 'a', '-f', 'pdf'], '--format must be one of text|json|markdown (got "pdf")'],
    [['--org', 'a', '--output'], '--output needs a file name'],
    [['--org', 'a', '--token-file='], '--token-file needs a file name'],
    [
      ['--org', 'a', '--api-key=secret'],
      '--api-key is not accepted: a credential on the command line shows in process lists; set COVEO_PLATFORM_TOKEN or use --token-file FILE',
    ],
    [['--har', 'a.har'], 'org needs --org ORG_ID'],
    [['--org', 'a', '--region', 'eu', '--platform-url', 'https://p.example'], 'use --region or --platform-url, not both'],
    [['--org', 'a', '--har', '-', '-'], 'stdin (-) can be read only once'],
  ])('%j', (argv, expected) => {
    expect(message(() => parseOrgArgs(argv))).toBe(expected);
  });

  it('HAR files follow --har until the next flag', () => {
    expect(parseOrgArgs(['--org', 'acme', '--har', 'a.har', 'b.har', '-f', 'json', '--har=c.har', '--platform-url', 'https://p.example/'])).toMatchObject({
      org: 'acme',
      har: ['a.har', 'b.har', 'c.har'],
      format: 'json',
      platformUrl: 'https://p.example',
    });
  });
});

describe('probe', () => {
  it.each([
    [['x.har', '--bogus'], 'unknown option --bogus (see probe --help)'],
    [['x.har', '-yf', 'json'], 'unknown option -yf (see probe --help)'],
    [['x.har', '--'], 'unknown option -- (see probe --help)'],
    [['x.har', '--call'], '--call needs a call id (see the check report)'],
    [['x.har', '--timeout', '50'], '--timeout must be 100 to 120000 milliseconds (got "50")'],
    [['x.har', '--timeout'], '--timeout needs milliseconds'],
    [['x.har', '-f'], '-f needs text|json|markdown'],
    [['x.har', '--format', 'xml'], '--format must be one of text|json|markdown (got "xml")'],
    [['x.har', '--fail-on='], '--fail-on needs error|warning|never'],
    [['x.har', '--fail-on', 'x'], '--fail-on must be one of error|warning|never (got "x")'],
    [['x.har', '-o'], '-o needs a file name'],
    [['x.har', '--resolve'], '--resolve needs HOST:PORT:ADDRESS'],
    [['x.har', '--resolve', 'h:99999:127.0.0.1'], '--resolve: port 99999 is out of range'],
    [[], 'probe needs one HAR file'],
    [['a.har', 'b.har'], 'probe takes one HAR file'],
    [['-'], 'probe reads a HAR file, not stdin (stdin answers the confirmation)'],
  ])('%j', (argv, expected) => {
    expect(message(() => parseProbeArgs(argv))).toBe(expected);
  });

  it('reads ids, flags and values', () => {
    expect(parseProbeArgs(['x.har', '--call', 'c1, c2', '--call=c3', '-y', '--debug', '--timeout=500', '--resolve', 'H:443:127.0.0.1'])).toMatchObject({
      kind: 'probe',
      file: 'x.har',
      calls: ['c1', 'c2', 'c3'],
      yes: true,
      debug: true,
      timeoutMs: 500,
    });
    expect(parseProbeArgs(['x.har', '--resolve', 'H:443:[::1]']).resolves).toEqual([{ host: 'h', port: 443, address: '::1' }]);
    expect(parseProbeArgs(['--help']).kind).toBe('help');
  });
});
