// `audit` argument handling: parsing, and the command's usage errors (exit 2, one line, no browser started, nothing
// on stdout), in-process; its help and one usage error through the built binary.
import { describe, expect, it } from 'vitest';
import { parseAuditArgs } from '../../src/cli/audit-args';
import { cli, runCli, tempDir } from './run';

describe('parseAuditArgs', () => {
  it('reads URLs from arguments and --urls files, in order, skipping comments and blank lines', () => {
    const files: Record<string, string> = { 'list.txt': '# pages\nhttps://a.example/search\n\n  https://b.example/?q=1  \r\n' };
    const cmd = parseAuditArgs(
      [
        'https://first.example/',
        '--urls',
        'list.txt',
        '--concurrency=4',
        '--timeout',
        '12',
        '--browser-arg',
        '--foo=bar',
        '--browser-arg=--baz',
        '--ignore-https-errors',
        '--query',
        'shoes',
        '--search-box',
        '#q',
        '--fail-on',
        'warning',
        '-f',
        'json',
        '-o',
        'out.json',
        '--save-har',
        'hars',
      ],
      (f) => {
        const text = files[f];
        if (text === undefined) throw Object.assign(new Error('nope'), { code: 'ENOENT' });
        return text;
      },
    );
    expect(cmd).toEqual({
      kind: 'audit',
      urls: ['https://first.example/', 'https://a.example/search', 'https://b.example/?q=1'],
      query: 'shoes',
      searchBox: '#q',
      browserPath: null,
      browserArgs: ['--foo=bar', '--baz'],
      ignoreHttpsErrors: true,
      saveHar: 'hars',
      concurrency: 4,
      timeoutSeconds: 12,
      format: 'json',
      failOn: 'warning',
      output: 'out.json',
    });
  });

  it('defaults', () => {
    const cmd = parseAuditArgs(['https://a.example/']);
    expect(cmd).toMatchObject({
      query: 'tra',
      concurrency: 2,
      timeoutSeconds: 30,
      format: 'text',
      failOn: 'error',
      output: null,
      saveHar: null,
      browserArgs: [],
    });
  });

  it.each([
    [[], /needs at least one URL/],
    [['ftp://a.example/'], /only http and https/],
    [['not a url'], /argument: not a URL/],
    [['https://a.example/', '--concurrency', '0'], /--concurrency must be a whole number from 1 to 16/],
    [['https://a.example/', '--timeout', 'soon'], /--timeout must be a whole number/],
    [['https://a.example/', '--format', 'html'], /--format must be one of text\|json\|markdown/],
    [['https://a.example/', '--frobnicate'], /unknown option --frobnicate for audit/],
    [['https://a.example/', '--query'], /--query needs a value/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseAuditArgs(argv as string[])).toThrow(message);
  });

  it('names the line of a bad URL in a list', () => {
    expect(() => parseAuditArgs(['--urls', 'l.txt'], () => 'https://ok.example/\nnope\n')).toThrow(/l\.txt:2: not a URL: "nope"/);
  });
});

describe('audit usage errors', () => {
  it('prints its help (built binary)', () => {
    const r = runCli(['audit', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: coveo-hub-inspector audit <url \.\.\.> \[options\]/);
    expect(r.stdout).toMatch(/--save-har DIR/);
  });

  it('the top-level help mentions audit', async () => {
    expect((await cli(['--help'])).stdout).toMatch(/coveo-hub-inspector audit <url \.\.\.>/);
  });

  it.each([
    [['audit'], /^coveo-hub-inspector: audit needs at least one URL/],
    [['audit', 'https://a.example/', '--urls', 'missing.txt'], /^coveo-hub-inspector: --urls missing\.txt: file not found$/],
    [['audit', 'https://a.example/', '--browser-path', '/nonexistent/chromium'], /^coveo-hub-inspector: --browser-path \/nonexistent\/chromium: no such file$/],
    [['audit', 'https://a.example/', '--concurrency', '99'], /^coveo-hub-inspector: --concurrency must be a whole number from 1 to 16/],
  ])('%j: exit 2, one line, nothing on stdout', async (args, message) => {
    const t = tempDir();
    try {
      const r = await cli(args as string[], { cwd: t.dir });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.errLines).toHaveLength(1);
      expect(r.errLines[0]).toMatch(message);
    } finally {
      t.cleanup();
    }
  });

  it('a usage error from the built binary: exit 2, one line, nothing on stdout', () => {
    const r = runCli(['audit', 'https://a.example/', '--concurrency', '99']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.errLines).toEqual(['coveo-hub-inspector: --concurrency must be a whole number from 1 to 16 (got "99")']);
  });

  it('an unwritable --output is refused before any browser starts', async () => {
    const r = await cli(['audit', 'https://a.example/', '--browser-path', process.execPath, '--output', '/nonexistent-dir/report.json']);
    expect(r.code).toBe(2);
    expect(r.errLines).toEqual(['coveo-hub-inspector: /nonexistent-dir/report.json: cannot write the report (ENOENT)']);
  });

  // Built binary: playwright-core is loaded at run time, outside the bundle.
  it('a binary that is not a browser is a one-line error', () => {
    const r = runCli(['audit', 'https://a.example/', '--browser-path', '/bin/true']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.errLines).toHaveLength(1);
    expect(r.errLines[0]).toMatch(/^coveo-hub-inspector: cannot start the browser \/bin\/true: /);
  }, 90_000);
});
