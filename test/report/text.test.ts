import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/core/report';
import { fingerprint } from '../../src/core/redact';
import { call, finding, FULL_JWT, FULL_KEY, hostileReport, report, SECRETS } from './fixtures';

const SGR = /\u001b\[[0-9;]*m/g;

describe('renderText', () => {
  it('prints one line per call with its findings indented under it', () => {
    const r = report([
      call('c0', { verdict: 'unenforced', findings: [finding('token-missing-search-hub', 'error', 'no claim'), finding('token-long-lived', 'warning', 'long')] }),
      call('c1', { kind: 'querySuggest' }),
    ]);
    const lines = renderText(r, { color: false }).split('\n');
    const i0 = lines.findIndex((l) => /^\s+c0\s/.test(l));
    const i1 = lines.findIndex((l) => /^\s+c1\s/.test(l));
    expect(i0).toBeGreaterThan(-1);
    expect(i1).toBe(i0 + 3);
    expect(lines[i0]).toMatch(/10:00:01\.250\s+search\s+UNENFORCED\s+status=200 hub=Public .*search-token eyJhbGci…\(JWT, 3 parts, #0badc0de\)/);
    const indent = (s: string) => s.length - s.trimStart().length;
    expect(indent(lines[i0 + 1] as string)).toBeGreaterThan(indent(lines[i0] as string));
    expect(lines[i0 + 1]).toMatch(/error\s+token-missing-search-hub: no claim/);
    expect(lines[i0 + 2]).toMatch(/warning\s+token-long-lived: long/);
    expect(lines[i1]).toMatch(/querySuggest\s+ENFORCED/);
  });

  it('ends with the page verdict line', () => {
    const r = report([call('c0', { findings: [finding('r', 'error', 'm')], verdict: 'unenforced' })], {}, { reason: 'One error.' });
    const lines = renderText(r, { color: false }).trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(/^Verdict: FAIL - One error\. \(1 call; 1 error, 0 warning, 0 info\)$/);
  });

  it('lists page findings and hub coverage', () => {
    const out = renderText(hostileReport(), { color: false });
    expect(out).toMatch(/Page findings\n\s+info\s+suggestions-not-observed: .* \[c0\]/);
    expect(out).toMatch(/Hub coverage\n.*search NOT enforced, suggestions not seen \(1 call\)/);
  });

  it('mentions malformed entries of each source', () => {
    const out = renderText(hostileReport(), { color: false });
    expect(out.split('\n')[0]).toMatch(/2 malformed entries skipped \(#4 no request; #7 request has no url\)/);
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
    // eslint-disable-next-line no-control-regex
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
