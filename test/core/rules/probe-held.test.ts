import { describe, expect, it } from 'vitest';
import { analyzeEntry } from '../../../src/core/analyze';
import { applyProbe, runProbe, type ProbeResponse } from '../../../src/core/probe/index';
import { API_KEY, entry, SEARCH_URL, T0 } from '../../helpers/coveo';

const e = entry(SEARCH_URL, { bearer: API_KEY, json: { q: 'a', searchHub: 'ACMEPublic' } });

async function probed(answer: (variant: string) => ProbeResponse) {
  const call = analyzeEntry(e, { id: 'c0' })!;
  const p = await runProbe({ entry: e, call, send: async (req) => answer(req.variant), now: () => T0 });
  return applyProbe([call], p)[0]!;
}

describe('probe-held', () => {
  it('fires (info) when every variant reached the baseline pipeline, and the call stays unverifiable', async () => {
    const call = await probed(() => ({ status: 200, body: '{"pipeline":"public-pipeline"}' }));
    const f = call.findings.filter((x) => x.rule === 'probe-held');
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('info');
    expect(f[0]!.message).toContain('"public-pipeline"');
    expect(call.verdict).toBe('unverifiable');
  });

  it('does not fire when a variant was refused or routing changed', async () => {
    const refused = await probed((v) => (v.startsWith('canary') ? { status: 403, body: '{}' } : { status: 200, body: '{"pipeline":"p"}' }));
    expect(refused.probe?.outcome).toBe('rejected');
    expect(refused.findings.some((x) => x.rule === 'probe-held')).toBe(false);
    const changed = await probed((v) => ({ status: 200, body: JSON.stringify({ pipeline: v === 'baseline' ? 'p' : 'q' }) }));
    expect(changed.findings.some((x) => x.rule === 'probe-held')).toBe(false);
  });
});
