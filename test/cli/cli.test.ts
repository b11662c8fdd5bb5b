import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/core/types';
import { API_KEY, entry, har, QS_URL, SEARCH_URL, searchToken, T0 } from '../helpers/coveo';
import { CLI, type CliResult, cli, runCli, tempDir } from './run';

const HUB = 'CommunitySearch';
const enforcedToken = searchToken({ searchHub: HUB });
const hublessToken = searchToken();

/** A page whose search and suggestions carry a token with the hub claim. */
const enforcedHar = har([
  entry('https://www.example.com/', { method: 'GET' }),
  entry(SEARCH_URL, { json: { q: 'a', searchHub: HUB }, bearer: enforcedToken, started: T0 + 1000 }),
  entry(QS_URL, { json: { q: 'a', searchHub: HUB }, bearer: enforcedToken, started: T0 + 2000 }),
]);
/** A page whose search token has no hub claim: the body hub is editable. */
const unenforcedHar = har([entry(SEARCH_URL, { json: { q: 'a', searchHub: HUB }, bearer: hublessToken })]);
/** A page using an API key: enforcement cannot be seen from the browser. */
const apiKeyHar = har([
  entry(SEARCH_URL, { json: { q: 'a', searchHub: HUB }, bearer: API_KEY }),
  entry(QS_URL, { json: { q: 'a', searchHub: HUB }, bearer: API_KEY }),
]);
const noCoveoHar = har([entry('https://www.example.com/app.js'), entry('https://cdn.example.com/x.css')]);

let tmp: ReturnType<typeof tempDir>;
const files: Record<string, string> = {};

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "node build.mjs" first`);
  tmp = tempDir();
  files.enforced = tmp.write('enforced.har', JSON.stringify(enforcedHar, null, 2));
  files.unenforced = tmp.write('unenforced.har', JSON.stringify(unenforcedHar));
  files.apiKey = tmp.write('apikey.har', JSON.stringify(apiKeyHar));
  files.noCoveo = tmp.write('nocoveo.har', JSON.stringify(noCoveoHar));
  const withMalformed = har([null, ...unenforcedHar.log.entries, { request: {} }, 'text', { request: { url: 'https://x.example/', headers: 'nope' } }]);
  files.malformed = tmp.write('malformed.har', JSON.stringify(withMalformed));
  files.empty = tmp.write('empty.har', '');
  files.blank = tmp.write('blank.har', '  \n\n ');
  files.notJson = tmp.write('notjson.har', 'this is not json at all\n');
  files.html = tmp.write('page.har', '<!doctype html><html></html>');
  files.notHar = tmp.write('nothar.har', JSON.stringify({ hello: 'world' }));
  files.noEntries = tmp.write('noentries.har', JSON.stringify({ log: { version: '1.2' } }));
  const full = JSON.stringify(enforcedHar);
  files.truncated = tmp.write('truncated.har', full.slice(0, Math.floor(full.length * 0.6)));
});

afterAll(() => tmp?.cleanup());

function json(stdout: string): Report {
  return JSON.parse(stdout) as Report;
}

function expectOneLineError(r: CliResult, pattern: RegExp) {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.errLines).toHaveLength(1);
  expect(r.errLines[0]).toMatch(/^coveo-hub-inspector: /);
  expect(r.errLines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stderr).not.toContain('    at ');
}

describe('verdicts and exit codes', () => {
  it('a hub enforced by the token claim: pass, exit 0', async () => {
    const r = await cli(['check', files.enforced!, '--format', 'json']);
    expect(r.code).toBe(0);
    const rep = json(r.stdout);
    expect(rep.summary.verdict).toBe('pass');
    expect(rep.calls.map((c) => c.verdict)).toEqual(['enforced', 'enforced']);
    expect(rep.calls[0]!.searchHub.token).toBe(HUB);
  });

  it('a hub-less search token: unenforced, fail, exit 1 by default and with --fail-on warning; 0 with never', async () => {
    const r = await cli(['check', files.unenforced!, '--format', 'json']);
    expect(r.code).toBe(1);
    const rep = json(r.stdout);
    expect(rep.summary.verdict).toBe('fail');
    expect(rep.calls[0]!.verdict).toBe('unenforced');
    expect(rep.calls[0]!.findings.map((f) => f.rule)).toContain('token-missing-search-hub');
    expect((await cli(['check', files.unenforced!, '--fail-on', 'warning'])).code).toBe(1);
    expect((await cli(['check', files.unenforced!, '--fail-on=error'])).code).toBe(1);
    expect((await cli(['check', files.unenforced!, '--fail-on', 'never'])).code).toBe(0);
  });

  it('a page to review: exit 0 by default, 1 with --fail-on warning', async () => {
    const r = await cli(['check', files.apiKey!, '--format', 'json']);
    const rep = json(r.stdout);
    expect(rep.summary.verdict).toBe('review');
    expect(r.code).toBe(0);
    expect((await cli(['check', files.apiKey!, '--fail-on', 'warning'])).code).toBe(1);
    expect((await cli(['check', files.apiKey!, '--fail-on', 'never'])).code).toBe(0);
  });

  it('a page without Coveo calls: empty, says so on stderr, exit 0 by default and 1 with --fail-on warning', async () => {
    const r = await cli(['check', files.noCoveo!]);
    expect(r.code).toBe(0);
    expect(r.errLines).toEqual([`coveo-hub-inspector: no Coveo calls found in ${files.noCoveo}: was DevTools open while the page searched?`]);
    expect(r.stdout).toMatch(/Verdict: EMPTY/);
    expect((await cli(['check', files.noCoveo!, '--fail-on', 'warning'])).code).toBe(1);
    expect(json((await cli(['check', files.noCoveo!, '--format', 'json'])).stdout).summary.verdict).toBe('empty');
  });
});

describe('formats and outputs', () => {
  it('text by default: one line per call and a verdict line, no colour when not a terminal', async () => {
    const r = await cli(['check', files.unenforced!]);
    expect(r.stdout).toMatch(/^\s+c0\s+10:00:00\.000\s+search\s+UNENFORCED\s+status=200 hub=CommunitySearch/m);
    expect(r.stdout).toMatch(/token-missing-search-hub/);
    // The headline first, the verdict line last (wrapped to 100 columns when not a terminal).
    expect(r.stdout.split('\n')[0]).toMatch(/^Fail: 1 search call sends the hub only in the request body/);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.slice(-3).some((l) => /^Verdict: FAIL - /.test(l))).toBe(true);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(100);
    expect(r.stdout).not.toContain('\u001b');
    expect(r.stderr).toBe('');
  });

  it('markdown', async () => {
    const r = await cli(['check', files.unenforced!, '--format', 'markdown']);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe('# ❌ Coveo Hub Inspector: fail');
    expect(r.stdout).toContain('## Hub coverage');
    expect(r.stdout).toContain('| c0 |');
  });

  it('json follows schema 1 and names the tool', async () => {
    const rep = json((await cli(['check', files.enforced!, '--format=json'])).stdout);
    expect(rep.schemaVersion).toBe(1);
    expect(rep.tool.name).toBe('coveo-hub-inspector');
    expect(rep.sources).toMatchObject([{ name: files.enforced, entries: 3, coveoCalls: 2, malformed: [] }]);
    // What was tested: the capture span of the calls, the page the HAR names, and the front end.
    expect(rep.sources[0]).toHaveProperty('capturedFrom');
    expect(rep.sources[0]).toHaveProperty('page');
    expect(rep.about).toEqual({ via: 'cli' });
  });

  it('never prints a full credential in any format', async () => {
    for (const format of ['text', 'json', 'markdown']) {
      for (const file of [files.unenforced!, files.apiKey!, files.enforced!]) {
        const r = await cli(['check', file, '--format', format]);
        expect(r.stdout.length).toBeGreaterThan(0);
        for (const secret of [enforcedToken, hublessToken, API_KEY, hublessToken.split('.')[2]!]) expect(r.stdout).not.toContain(secret);
      }
    }
  });

  it('--output writes the report to the file (no colour) and nothing to stdout; the exit code still follows the verdict', async () => {
    const out = join(tmp.dir, 'report.md');
    const r = await cli(['check', files.unenforced!, '--format', 'markdown', '--output', out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const written = readFileSync(out, 'utf8');
    expect(written).toBe((await cli(['check', files.unenforced!, '--format', 'markdown'])).stdout);
    const textOut = join(tmp.dir, 'report.txt');
    expect((await cli(['check', files.enforced!, '-o', textOut])).code).toBe(0);
    expect(readFileSync(textOut, 'utf8')).toMatch(/Verdict: PASS/);
    expect(readFileSync(textOut, 'utf8')).not.toContain('\u001b');
  });

  it('reads stdin with -', async () => {
    const r = await cli(['check', '-', '--format', 'json'], { input: JSON.stringify(unenforcedHar) });
    expect(r.code).toBe(1);
    const rep = json(r.stdout);
    expect(rep.sources[0]!.name).toBe('stdin');
    expect(rep.calls[0]!.verdict).toBe('unenforced');
  });

  it('several files make one report with one source each and unique call ids', async () => {
    const r = await cli(['check', files.enforced!, files.unenforced!, '-', '--format', 'json'], { input: JSON.stringify(enforcedHar) });
    const rep = json(r.stdout);
    expect(rep.sources.map((s) => s.name)).toEqual([files.enforced, files.unenforced, 'stdin']);
    expect(rep.calls).toHaveLength(5);
    const ids = rep.calls.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => id.startsWith('f2.'))).toHaveLength(1);
    expect(rep.summary.verdict).toBe('fail');
    expect(r.code).toBe(1);
  });
});

describe('malformed entries', () => {
  it('are counted and named, and the rest is still analysed', async () => {
    const r = await cli(['check', files.malformed!, '--format', 'json']);
    const rep = json(r.stdout);
    expect(r.code).toBe(1);
    expect(rep.sources[0]!.entries).toBe(5);
    expect(rep.sources[0]!.malformed.map((m) => m.index)).toEqual([0, 2, 3, 4]);
    expect(rep.calls.map((c) => c.id)).toEqual(['c1']);
    const text = await cli(['check', files.malformed!]);
    // The source line comes after the headline; it may wrap (continuation lines are indented by 4).
    const unwrapped = text.stdout.replace(/\n {4}(?=\S)/g, ' ').split('\n');
    expect(unwrapped.find((l) => l.startsWith(files.malformed!))).toMatch(/4 malformed entries skipped \(#0 .*; #2 .*; #3 .*; #4 /);
    expect(text.errLines).toEqual([]);
  });
});

describe('unusable input and usage errors: exit 2, exactly one stderr line, no stack trace', () => {
  it.each([
    ['missing file', () => ['check', join(tmp.dir, 'nope.har')], /nope\.har: file not found$/],
    ['empty file', () => ['check', files.empty!], /empty\.har: empty file$/],
    ['blank file', () => ['check', files.blank!], /blank\.har: empty file$/],
    ['not JSON', () => ['check', files.notJson!], /notjson\.har: not JSON$/],
    ['HTML', () => ['check', files.html!], /page\.har: not JSON$/],
    ['not a HAR', () => ['check', files.notHar!], /nothar\.har: not a HAR file/],
    ['no log.entries', () => ['check', files.noEntries!], /noentries\.har: not a HAR file \(no log\.entries/],
    ['truncated JSON', () => ['check', files.truncated!], /truncated\.har: truncated JSON/],
    ['a directory', () => ['check', tmp.dir], /is a directory/],
    ['one bad file among good ones', () => ['check', files.enforced!, files.notJson!], /notjson\.har: not JSON$/],
    ['unknown flag', () => ['check', files.enforced!, '--bogus'], /unknown option --bogus/],
    ['bad --format', () => ['check', files.enforced!, '--format', 'xml'], /--format must be one of text\|json\|markdown/],
    ['bad --fail-on', () => ['check', files.enforced!, '--fail-on', 'sometimes'], /--fail-on must be one of/],
    ['--output without a value', () => ['check', files.enforced!, '--output'], /--output needs a file name/],
    ['no file', () => ['check'], /at least one HAR file/],
    ['no command', () => [], /missing command/],
    ['unknown command', () => ['scan', files.enforced!], /unknown command "scan"/],
    ['unknown top-level flag', () => ['--bogus'], /unknown option --bogus/],
  ] as const)('%s', async (_name, args, pattern) => {
    expectOneLineError(await cli([...args()]), pattern);
  });

  it('empty stdin', async () => {
    expectOneLineError(await cli(['check', '-'], { input: '' }), /stdin: empty file$/);
  });

  it('an unwritable --output', async () => {
    expectOneLineError(await cli(['check', files.enforced!, '--output', join(tmp.dir, 'no', 'such', 'dir.txt')]), /cannot write the report/);
  });
});

describe('personal data', () => {
  it('is redacted in every format by default and shown with --include-personal-data', async () => {
    for (const format of ['json', 'markdown', 'text']) {
      const r = await cli(['check', files.enforced!, '--format', format]);
      expect(r.stdout).not.toContain('jane@example.com');
    }
    const redacted = json((await cli(['check', files.enforced!, '--format', 'json'])).stdout);
    expect(JSON.stringify(redacted.calls[0]!.token)).toContain('(personal data redacted)');
    const shown = await cli(['check', files.enforced!, '--format', 'json', '--include-personal-data']);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('jane@example.com');
    // Credentials stay fingerprints whatever the flag.
    expect(shown.stdout).not.toContain(enforcedToken);
  });

  it('the flag takes no value and is documented in --help', async () => {
    const r = await cli(['check', files.enforced!, '--include-personal-data=yes']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--include-personal-data takes no value/);
    expect((await cli(['--help'])).stdout).toMatch(/--include-personal-data\s+show decoded personal claims/);
  });
});

describe('help and version', () => {
  it('--help prints the usage and exits 0', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: coveo-hub-inspector check/);
    expect(r.stdout).toContain('--fail-on');
    expect((await cli(['check', '-h'])).code).toBe(0);
  });

  it('--version prints the package version', async () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { version: string };
    const r = await cli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(`coveo-hub-inspector ${pkg.version}`);
  });
});

describe('the built binary (spawned): exit codes, stdout and stderr, help, bad input', () => {
  it('exit 0 on a pass and 1 on a fail, the report on stdout and nothing on stderr', () => {
    const pass = runCli(['check', files.enforced!, '--format', 'json']);
    expect(pass.code).toBe(0);
    expect(json(pass.stdout).summary.verdict).toBe('pass');
    expect(pass.stderr).toBe('');
    const fail = runCli(['check', '-', '--format', 'json'], { input: JSON.stringify(unenforcedHar) });
    expect(fail.code).toBe(1);
    expect(json(fail.stdout).sources[0]!.name).toBe('stdin');
  });

  it('a note on stderr, the report on stdout', () => {
    const r = runCli(['check', files.noCoveo!]);
    expect(r.code).toBe(0);
    expect(r.errLines).toEqual([`coveo-hub-inspector: no Coveo calls found in ${files.noCoveo}: was DevTools open while the page searched?`]);
    expect(r.stdout).toMatch(/Verdict: EMPTY/);
  });

  it('--help and --version', () => {
    const help = runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: coveo-hub-inspector check/);
    const pkg = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { version: string };
    expect(runCli(['-V']).stdout.trim()).toBe(`coveo-hub-inspector ${pkg.version}`);
  });

  it('bad input: one line, exit 2, no stack trace', () => {
    expectOneLineError(runCli(['check', files.enforced!, '--bogus']), /unknown option --bogus/);
    expectOneLineError(runCli(['check', files.notJson!]), /notjson\.har: not JSON$/);
    expectOneLineError(runCli([]), /missing command/);
  });
});
