import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/core/report';
import { fingerprint } from '../../src/core/redact';
import { call, finding, FULL_JWT, FULL_KEY, hostileReport, report, SECRETS, source } from './fixtures';

/** Cells of a Markdown table row: splits on pipes that are not escaped. */
function cells(row: string): string[] {
  return row.split(/(?<!\\)\|/).slice(1, -1);
}

function tableAfter(md: string, heading: string): string[] {
  const lines = md.split('\n');
  const start = lines.indexOf(heading);
  expect(start).toBeGreaterThanOrEqual(0);
  const rows: string[] = [];
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.startsWith('|')) rows.push(line);
    else if (rows.length > 0) break;
  }
  return rows;
}

describe('renderMarkdown', () => {
  it.each([
    ['pass', '✅'],
    ['review', '⚠️'],
    ['fail', '❌'],
  ] as const)('titles a %s page with %s and the reason sentence', (verdict, icon) => {
    const md = renderMarkdown(report([call('c0')], {}, { verdict, reason: `Reason for ${verdict}.` }));
    const lines = md.split('\n');
    expect(lines[0]).toBe(`# ${icon} Coveo Hub Inspector: ${verdict}`);
    expect(md).toContain(`Reason for ${verdict}.`);
  });

  it('says unverifiable, not "not enforced", for a hub whose calls cannot be verified', () => {
    const hubs = [
      {
        hub: 'KeyHub',
        searchSeen: true,
        searchEnforced: false,
        querySuggestSeen: true,
        querySuggestEnforced: false,
        calls: 2,
        searchStatus: 'unverifiable',
        querySuggestStatus: 'unenforced',
      },
    ] as const;
    const rows = tableAfter(renderMarkdown(report([call('c0')], {}, { hubs: [...hubs] })), '## Hub coverage');
    expect(cells(rows[2] as string).map((c) => c.trim())).toEqual(['KeyHub', '⚠️ seen, **unverifiable**', '❌ seen, **not enforced**', '2']);
  });

  it('keeps every table row to its column count with hostile hubs, orgs, names and times', () => {
    const md = renderMarkdown(hostileReport());
    for (const heading of ['## Hub coverage', '## Calls', '## Sources']) {
      const rows = tableAfter(md, heading);
      expect(rows.length).toBeGreaterThanOrEqual(3);
      const width = cells(rows[0] as string).length;
      for (const row of rows) expect(cells(row)).toHaveLength(width);
    }
    expect(tableAfter(md, '## Calls')).toHaveLength(2 + 2);
  });

  it('never lets page-controlled text inject HTML, code spans, extra rows or terminal escapes', () => {
    const md = renderMarkdown(hostileReport());
    expect(md).not.toMatch(/<script|<img|<b>|<i>/i);
    expect(md).toContain('&lt;script&gt;');
    expect(md).not.toMatch(/(?<!\\)`/);
    expect(md).not.toContain('\u001b');
    expect(md).not.toContain('\u0007');
    expect(md.split('\n').filter((l) => l.includes('injected'))).toSatisfy((ls: string[]) => ls.every((l) => !l.startsWith('| injected')));
  });

  it('never prints a full JWT or API key, even smuggled into messages', () => {
    const md = renderMarkdown(hostileReport());
    for (const secret of SECRETS) expect(md).not.toContain(secret);
    expect(md).toContain(fingerprint(FULL_JWT).replace(/[(]/g, '('));
    expect(md).toContain(fingerprint(FULL_KEY));
  });

  it('groups findings by rule, errors first, with the calls covered, why, what to do and the docs link', () => {
    const md = renderMarkdown(hostileReport());
    const headings = md.split('\n').filter((l) => l.startsWith('### '));
    expect(headings).toHaveLength(3);
    expect(headings[0]).toMatch(/Error: .*\(token-missing-search-hub\): 2 calls$/);
    expect(headings[1]).toMatch(/Warning: API key sent from the page \(api-key-in-client\): 1 call$/);
    expect(headings[2]).toMatch(/Info: .*\(suggestions-not-observed\): 1 call$/);
    expect(md).toContain('Calls: c0, c1 (2 calls)');
    expect(md).toContain('**Why it matters:** why token-missing-search-hub');
    expect(md).toContain('**What to do:** fix token-missing-search-hub');
    expect(md).toContain('[https://docs.coveo.com/en/24/x](https://docs.coveo.com/en/24/x)');
    expect(md).toContain('- c1: Second occurrence.');
  });

  it('says a rule repeated on many calls once: one heading, the calls as "c0, c4 … 12 calls", the message once', () => {
    const calls = Array.from({ length: 12 }, (_, i) =>
      call(`c${i * 4}`, { verdict: 'unenforced', findings: [finding('token-missing-search-hub', 'error', 'Same message.')] }),
    );
    const md = renderMarkdown(report(calls));
    expect(md.split('\n').filter((l) => l.startsWith('### '))).toHaveLength(1);
    expect(md).toContain('Calls: c0, c4, c8, c12, c16, c20 … 12 calls');
    expect(md.split('\n').filter((l) => l === '- Same message.')).toHaveLength(1);
  });

  it('starts with the headline, has the HTTP status of every call, and no "(s)" plural', () => {
    const r = report(
      [call('c0'), call('c1', { response: { status: 403, bodyStatus: null, pipeline: null, searchUid: null, totalCount: null, errors: [] } })],
      {},
      { verdict: 'fail', reason: 'Two calls fail.' },
    );
    const md = renderMarkdown(r);
    expect(md.split('\n')[2]).toBe('**Fail:** Two calls fail.');
    const rows = tableAfter(md, '## Calls');
    expect(cells(rows[2] as string)[3]?.trim()).toBe('200');
    expect(cells(rows[3] as string)[3]?.trim()).toBe('403');
    expect(md).not.toContain('(s)');
    expect(md).toContain('Findings: 0 errors, 0 warnings, 0 info.');
  });

  it('says what was tested: page title and URL, capture time, browser, extension and tool versions, file names', () => {
    const r = report([call('c0')], {
      about: { via: 'panel', extensionVersion: '0.3.1' },
      sources: [
        source({
          name: 'shop.har',
          page: { url: 'https://shop.example/', title: 'Shop | search' },
          capturedFrom: '2026-11-24T10:00:01.250Z',
          capturedTo: '2026-11-24T10:00:01.250Z',
          browser: { name: 'Chrome', version: '156' },
          creator: { name: 'WebInspector', version: '537.36' },
        }),
      ],
    });
    const rows = tableAfter(renderMarkdown(r), '## What was tested')
      .slice(2)
      .map((row) => cells(row).map((c) => c.trim()));
    expect(rows).toEqual([
      ['Page title', 'Shop \\| search'],
      ['Page URL', 'https://shop.example/'],
      ['Captured', '2026-11-24T10:00:01.250Z'],
      ['Browser', 'Chrome 156'],
      ['HAR written by', 'WebInspector 537.36'],
      ['Input', 'shop.har'],
      ['Extension', 'Coveo Hub Inspector 0.3.1'],
      ['Tool', 'coveo-hub-inspector 9.9.9 (panel)'],
    ]);
  });

  it('shows the request hub and the effective hub of each call, and the credential fingerprint', () => {
    const c = call('c3', { searchHub: { request: 'Body', requestSource: 'json', token: 'Claim', effective: 'Claim' } });
    const md = renderMarkdown(report([c]));
    const row = tableAfter(md, '## Calls')[2] as string;
    expect(row).toContain('Body → Claim (token claim)');
    expect(row).toContain('eyJhbGci…(JWT, 3 parts, #0badc0de)');
    expect(row).toContain('10:00:01.250');
  });

  it('does not turn a non-https docs value into a link', () => {
    const r = report([call('c0', { findings: [{ ...finding('x', 'error', 'm'), docs: 'javascript:alert(1)' }] })]);
    const md = renderMarkdown(r);
    expect(md).not.toContain('](javascript:');
    expect(md).toContain('javascript:alert(1)');
  });

  it('names the sources and their malformed entries', () => {
    const md = renderMarkdown(hostileReport());
    expect(md).toContain('- entry 4: no request');
    expect(md).toContain('- entry 7: request has no url');
    expect(tableAfter(md, '## Sources')[2]).toMatch(/\| 10 \| 2 \| 2 \|$/);
  });

  it('says so when there is no call', () => {
    const md = renderMarkdown(report([], {}, { verdict: 'empty', hubs: [] }));
    expect(md).toContain('No Coveo call was found');
    expect(md).toContain('No call named a search hub.');
  });
});
