// Issue 15: the CLI writes a JSON report call by call (renderJsonParts); the pieces must make exactly the bytes of
// renderJson, whatever the report: recorded pages, several sources, none or one call, hostile values, personal data.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';
import { analyzeHar } from '../../src/core/report-model';
import { renderJson } from '../../src/core/report';
import { renderJsonParts } from '../../src/core/report/json';
import type { Report } from '../../src/core/types';
import { call, finding, hostileReport, report } from './fixtures';

const RECORDED = resolve(__dirname, '../fixtures/recorded');
const joined = (r: Report, includePersonalData?: boolean) => [...renderJsonParts(r, { includePersonalData })].join('');

function expectSameBytes(r: Report): void {
  expect(joined(r)).toBe(renderJson(r));
  expect(joined(r, true)).toBe(renderJson(r, { includePersonalData: true }));
}

it('recorded pages: the same bytes as renderJson, with and without personal data', () => {
  const files = readdirSync(RECORDED).filter((f) => f.endsWith('.har'));
  expect(files.length).toBeGreaterThan(5);
  for (const f of files) expectSameBytes(analyzeHar(readFileSync(join(RECORDED, f), 'utf8'), f));
});

it('no call, one call, several calls, hostile values, and a report without its optional members', () => {
  expectSameBytes(report([]));
  expectSameBytes(report([call('c0')]));
  expectSameBytes(report([call('c0'), call('c1', { kind: 'querySuggest', findings: [finding('no-search-hub', 'warning', 'no hub')] }), call('c2')]));
  expectSameBytes(hostileReport());
  const bare = report([call('c0')]);
  delete (bare as Partial<Report>).about;
  expectSameBytes(bare);
});

it('writes one piece per call besides the head and the tail', () => {
  expect([...renderJsonParts(report([call('c0'), call('c1'), call('c2')]))]).toHaveLength(5);
});

it('another render between two pieces (other options) does not change what the paused one writes: no personal data leaks', () => {
  const files = readdirSync(RECORDED).filter((f) => f.endsWith('.har'));
  const withClaims = files
    .map((f) => analyzeHar(readFileSync(join(RECORDED, f), 'utf8'), f))
    .find((r) => {
      const open = renderJson(r, { includePersonalData: true });
      return r.calls.length > 1 && open !== renderJson(r);
    });
  if (!withClaims) throw new Error('no recorded page with personal claims in two or more calls');
  for (const personal of [false, true]) {
    const pieces: string[] = [];
    for (const piece of renderJsonParts(withClaims, { includePersonalData: personal })) {
      pieces.push(piece);
      // What a second writer (another export, the panel) may do while the first waits on a slow stdout.
      renderJson(withClaims, { includePersonalData: !personal });
      [...renderJsonParts(withClaims, { includePersonalData: !personal })].join('');
    }
    expect(pieces.join('')).toBe(renderJson(withClaims, { includePersonalData: personal }));
  }
});
