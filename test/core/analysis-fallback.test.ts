// Issue 9, item 9: the "analysis failed" fallback itself (entry-shaped input never reaches it; a defect might).
import { describe, expect, it, vi } from 'vitest';
import { entry, SEARCH_URL, searchToken } from '../helpers/coveo';

vi.mock('../../src/core/response', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/core/response')>();
  return {
    ...real,
    readResponseFull: (e: Parameters<typeof real.readResponseFull>[0], notes: string[]) => {
      if (e.request.url?.includes('boom')) throw new Error(`defect near ${searchToken({ searchHub: 'A' })}`);
      return real.readResponseFull(e, notes);
    },
  };
});

describe('the analysis-failed fallback', () => {
  it('reports the entry as one unverifiable call with a redacted note, and keeps the others', async () => {
    const { analyzeEntries } = await import('../../src/core/analyze');
    const token = searchToken({ searchHub: 'ACMEPublic' });
    const { calls } = analyzeEntries([
      entry(`${SEARCH_URL}&boom=1&access_token=${token}`, { bearer: token, json: {}, status: 0 }),
      entry(SEARCH_URL, { bearer: token, json: {} }),
    ]);
    expect(calls).toHaveLength(2);
    const [failed, ok] = calls;
    expect(failed).toMatchObject({ id: 'c0', verdict: 'unverifiable', kind: 'other', response: { status: null, outcome: 'unknown' } });
    expect(failed?.notes[0]).toMatch(/^analysis failed: defect near eyJhbGci…\(JWT/);
    expect(JSON.stringify(failed)).not.toContain(token);
    expect(ok?.verdict).toBe('enforced');
  });
});
