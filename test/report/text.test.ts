import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/core/report';
import { fingerprint } from '../../src/core/redact';
import { call, finding, FULL_JWT, FULL_KEY, hostileReport, report, SECRETS, source } from './fixtures';

const SGR = /\u001b\[[0-9;]*m/g;

describe('renderText', () => {
  it('prints one line per call with its HTTP status, then each rule once with the calls it covers', () => {
    const r = report([
      call('c0', {
        verdict: 'unenforced',
        findings: [finding('token-missing-search-hub', 'error', 'no claim'), finding('token-long-lived', 'warning', 'long')],
      }),
      call('c1', { kind: 'querySuggest', response: { status: 419, bodyStatus: null, pipeline: null, searchUid: null, totalCount: null, errors: [] } }),
      call('c2', { verdict: 'unenforced', findings: [finding('token-missing-search-hub', 'error', 'no claim')] }),
    ]);
    const lines = renderText(r, { color: false }).split('\n');
    const i0 = lines.findIndex((l) => /^\s+c0\s/.test(l));
    expect(lines[i0]).toMatch(/10:00:01\.250\s+search\s+UNENFORCED\s+status=200 hub=Public .*search-token eyJhbGci…\(JWT, 3 parts, #0badc0de\)/);
    expect(lines[i0 + 1]).toMatch(/^\s+c1\s.*querySuggest\s+ENFORCED\s+status=419 /);
    expect(lines[i0 + 2]).toMatch(/^\s+c2\s.*status=200/);
    // Grouped: one line per rule naming its calls, the shared message once.
    const rule = lines.filter((l) => l.includes('(token-missing-search-hub)'));
    expect(rule).toHaveLength(1);
    expect(rule[0]).toMatch(
      /^\s+error\s+token-missing-search-hub \(token-missing-search-hub\): c0, c2 \(2 calls\)$|^\s+error\s+.*\(token-missing-search-hub\): c0, c2 \(2 calls\)$/,
    );
    expect(lines.filter((l) => l.trim() === 'no claim')).toHaveLength(1);
    expect(lines.some((l) => /warning\s+.*\(token-long-lived\): c0$/.test(l))).toBe(true);
  });

  it('names the calls of a rule repeated on many calls as "c0, c1 … 12 calls"', () => {
    const calls = Array.from({ length: 12 }, (_, i) =>
      call(`c${i * 4}`, { verdict: 'unenforced', findings: [finding('token-missing-search-hub', 'error', `Token of call ${i % 2}.`)] }),
    );
    const out = renderText(report(calls), { color: false });
    expect(out).toMatch(/\(token-missing-search-hub\): c0, c4, c8, c12, c16, c20 … 12 calls/);
    // Two distinct messages, each with its own calls.
    expect(out).toMatch(/c0, c8, c16, c24, c32, c40 \(6 calls\): Token of call 0\./);
    expect(out).toMatch(/c4, c12, c20, c28, c36, c44 \(6 calls\): Token of call 1\./);
  });

  it('starts with the headline (the verdict and its reason) and ends with the page verdict line', () => {
    const r = report([call('c0', { findings: [finding('r', 'error', 'm')], verdict: 'unenforced' })], {}, { reason: 'One error.' });
    const lines = renderText(r, { color: false }).trimEnd().split('\n');
    expect(lines[0]).toBe('Fail: One error.');
    expect(lines.at(-1)).toMatch(/^Verdict: FAIL - One error\. \(1 call; 1 error, 0 warnings, 0 info\)$/);
  });

  it('says singular and plural properly, never "(s)"', () => {
    const out = renderText(hostileReport(), { color: false });
    expect(out).not.toContain('(s)');
    expect(out).toMatch(/\(2 calls; 2 errors, 1 warning, 0 info\)/);
  });

  it('lists page findings with their calls and hub coverage', () => {
    const out = renderText(hostileReport(), { color: false });
    expect(out).toMatch(/Findings\n(.*\n)*\s+info\s+No query suggestions observed yet \(suggestions-not-observed\): c0\n/);
    expect(out).toMatch(/Hub coverage\n.*search NOT enforced, suggestions not seen \(1 call\)/);
  });

  it('fits the given width: long lines wrap at spaces, continuation indented, nothing lost', () => {
    const long = 'word '.repeat(60).trim();
    const r = report([call('c0', { verdict: 'unenforced', findings: [finding('token-missing-search-hub', 'error', long)] })], {}, { reason: long });
    const wide = renderText(r, { color: false });
    for (const width of [60, 80, 100]) {
      const out = renderText(r, { color: false, width });
      const lines = out.split('\n');
      for (const l of lines) expect(l.length).toBeLessThanOrEqual(width);
      expect(lines.length).toBeGreaterThan(wide.split('\n').length);
      // Unwrapping gives back the same words.
      expect(out.replace(/\s+/g, ' ')).toBe(wide.replace(/\s+/g, ' '));
    }
    // Colour codes take no room.
    const coloured = renderText(r, { color: true, width: 60 }).split('\n');
    for (const l of coloured) expect(l.replace(SGR, '').length).toBeLessThanOrEqual(60);
  });

  it('cuts a word longer than the line where the line ends', () => {
    const url = `https://example.com/${'x'.repeat(150)}`;
    const r = report([call('c0', { verdict: 'unenforced', findings: [finding('r', 'error', url)] })]);
    const out = renderText(r, { color: false, width: 50 });
    for (const l of out.split('\n')) expect(l.length).toBeLessThanOrEqual(50);
    expect(out.replace(/\n\s*/g, '')).toContain('x'.repeat(150));
  });

  it('says what was tested: page, capture time, browser, HAR creator, tool', () => {
    const r = report([call('c0')], {
      about: { via: 'cli' },
      sources: [
        source({
          page: { url: 'https://shop.example/search?q=x', title: 'Shop search' },
          capturedFrom: '2026-11-24T10:00:01.250Z',
          capturedTo: '2026-11-24T10:02:00.000Z',
          browser: { name: 'Firefox', version: '153.0' },
          creator: { name: 'Firefox', version: '153.0' },
        }),
      ],
    });
    const out = renderText(r, { color: false });
    expect(out).toContain('  Page title: Shop search');
    expect(out).toContain('  Page URL: https://shop.example/search?q=x');
    expect(out).toContain('  Captured: 2026-11-24T10:00:01.250Z to 2026-11-24T10:02:00.000Z');
    expect(out).toContain('  Browser: Firefox 153.0');
    expect(out).not.toContain('HAR written by'); // the same as the browser
    expect(out).toContain('  Tool: coveo-hub-inspector 9.9.9 (cli)');
  });

  it('mentions malformed entries of each source', () => {
    const out = renderText(hostileReport(), { color: false });
    expect(out.split('\n')[2]).toMatch(/2 malformed entries skipped \(#4 no request; #7 request has no url\)/);
  });

  it('has no ANSI escape at all without colour, and only SGR colour codes with it', () => {
    const plain = renderText(hostileReport(), { color: false });
    expect(plain).not.toContain('\u001b');
    const coloured = renderText(hostileReport(), { color: true });
    expect(coloured).toMatch(SGR);
    expect(coloured.replace(SGR, '')).not.toContain('\u001b');
    expect(coloured.replace(SGR, '')).toBe(plain);
  });

  it('shows control characters from page-controlled strings as markers (no terminal escape injection, no forged lines)', () => {
    const out = renderText(hostileReport(), { color: false });
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(out.split('\n').some((l) => l.startsWith('| injected'))).toBe(false);
    expect(out).toContain('⟨U+001B⟩[31mRED');
  });

  it('shows zero-width and bidi characters as markers, so one hub cannot pass for another', () => {
    const spoof = report([call('c0', { searchHub: { request: 'Pub\u200Blic', requestSource: 'json', token: null, effective: 'Shop\u202Egnp.exe' } })]);
    const out = renderText(spoof, { color: false });
    expect(out).toContain('Pub⟨U+200B⟩lic');
    expect(out).toContain('Shop⟨U+202E⟩gnp.exe');
    expect(out).not.toMatch(/[\u200B\u202E]/);
  });

  it('never prints a full JWT or API key, even smuggled into messages and reasons', () => {
    const out = renderText(hostileReport(), { color: true });
    for (const secret of SECRETS) expect(out).not.toContain(secret);
    expect(out).toContain(fingerprint(FULL_JWT));
    expect(out).toContain(fingerprint(FULL_KEY));
  });

  it('says so when no call was found', () => {
    const out = renderText(report([], {}, { verdict: 'empty', hubs: [], reason: 'No Coveo call was observed.' }), { color: false });
    expect(out).toContain('No Coveo call found. Was DevTools open while the page searched?');
    expect(out.trimEnd().split('\n').at(-1)).toMatch(/^Verdict: EMPTY/);
  });
});
