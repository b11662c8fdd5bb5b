// The CLI's probe against adversarial HARs, in-process with an injected transport (no network): how far an
// outcome reaches, and repeated --call of one group.
import { describe, expect, it } from 'vitest';
import type { ProbeRequest, ProbeResponse } from '../../src/core/index';
import type { Report } from '../../src/core/types';
import { API_KEY, entry, har, SEARCH_URL } from '../helpers/coveo';
import { cli, tempDir } from './run';

const TWIN = `${API_KEY.slice(0, 4)}000000-0000-4000-8000-00000000${API_KEY.slice(-4)}`;

const search = (key: string) =>
  entry(SEARCH_URL, { bearer: key, json: { q: 'a', searchHub: 'ACMEPublic' }, response: { pipeline: 'public-pipeline', totalCount: 1, results: [] } });

async function run(entries: unknown[], args: string[], answer: (req: ProbeRequest) => ProbeResponse) {
  const t = tempDir();
  const file = t.write('page.har', JSON.stringify(har(entries)));
  const sent: ProbeRequest[] = [];
  const r = await cli(['probe', file, '--yes', '--format', 'json', ...args], {
    io: {
      send: async (req) => {
        sent.push(req);
        return answer(req);
      },
    },
  });
  t.cleanup();
  return { code: r.code, sent, report: JSON.parse(r.stdout) as Report };
}

const rejecting = (r: ProbeRequest): ProbeResponse =>
  r.variant.startsWith('canary')
    ? { status: 403, body: '{"statusCode":403,"message":"hub not allowed"}' }
    : { status: 200, body: '{"pipeline":"public-pipeline","totalCount":0,"results":[]}' };

describe('probe CLI attacks', () => {
  // Before the fix: both calls enforced (the group compared fingerprints, `xx56…4457` for both keys).
  it('two API keys with the same fingerprint: the probe of one does not cover the other', async () => {
    const { report, sent } = await run([search(API_KEY), search(TWIN)], [], rejecting);
    expect(report.calls.map((c) => c.credential.fingerprint)).toEqual(['xx56…4457', 'xx56…4457']);
    expect(report.calls[0]!.probe?.appliesTo).toEqual(['c0']);
    expect(report.calls[0]!.verdict).toBe('enforced');
    // Planning still groups by fingerprint (one probe per group), so the twin is not probed and stays unverifiable.
    expect(report.calls[1]!.verdict).toBe('unverifiable');
    expect(sent.every((r) => r.headers.some(([n, v]) => n === 'Authorization' && v === `Bearer ${API_KEY}`))).toBe(true);
    expect(JSON.stringify(report)).not.toContain(API_KEY);
  });

  // Before the fix: the second --call of the same group was probed again from the passive call, and a held answer
  // left the first probe's enforced in place on both calls.
  it('--call twice in one group: probed once, the second call covered by the first probe', async () => {
    let probes = 0;
    const { report } = await run([search(API_KEY), search(API_KEY)], ['--call', 'c0', '--call', 'c1'], (r) => {
      if (r.variant === 'baseline') probes++;
      return probes === 1 ? rejecting(r) : { status: 200, body: '{"pipeline":"public-pipeline","totalCount":0,"results":[]}' };
    });
    expect(probes).toBe(1);
    for (const c of report.calls) {
      expect(c.probe?.outcome).toBe('rejected');
      expect(c.probe?.probedCall).toBe('c0');
      expect(c.verdict).toBe('enforced');
    }
  });
});
