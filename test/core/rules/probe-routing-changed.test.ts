import { describe, expect, it } from 'vitest';
import { analyzeEntry } from '../../../src/core/analyze';
import { applyProbe, runProbe, type ProbeRequest, type ProbeResponse } from '../../../src/core/probe/index';
import type { CallReport } from '../../../src/core/types';
import { API_KEY, entry, SEARCH_URL, T0 } from '../../helpers/coveo';

const e = entry(SEARCH_URL, { bearer: API_KEY, json: { q: 'a', searchHub: 'ACMEPublic' }, response: { pipeline: 'public-pipeline' } });
const answer = (pipeline: string): ProbeResponse => ({ status: 200, body: JSON.stringify({ pipeline }) });

async function probed(route: (req: ProbeRequest) => string): Promise<CallReport> {
  const call = analyzeEntry(e, { id: 'c0' })!;
  const p = await runProbe({ entry: e, call, send: async (req) => answer(route(req)), now: () => T0 });
  return applyProbe([call], p)[0]!;
}

describe('probe-routing-changed', () => {
  it('fires when a visitor-chosen hub reaches another pipeline, naming both', async () => {
    const call = await probed((req) => (JSON.parse(req.body).searchHub === 'ACMEPublic' ? 'public-pipeline' : 'agent-pipeline'));
    const f = call.findings.filter((x) => x.rule === 'probe-routing-changed');
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('error');
    expect(f[0]!.message).toMatch(/hub "chi-canary-[0-9a-f]{8}" reached pipeline "agent-pipeline" instead of "public-pipeline"/);
    expect(call.verdict).toBe('unenforced');
  });

  it('does not fire when routing held, nor on a call that was never probed', async () => {
    const call = await probed(() => 'public-pipeline');
    expect(call.findings.some((x) => x.rule === 'probe-routing-changed')).toBe(false);
    expect(analyzeEntry(e)!.findings.some((x) => x.rule === 'probe-routing-changed')).toBe(false);
  });
});
