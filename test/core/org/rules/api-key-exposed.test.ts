import { describe, expect, it } from 'vitest';
import { hits, key, org } from '../../../helpers/org';

describe('api-key-exposed', () => {
  it('flags an exposure report or the DISABLED_EXPOSED status', () => {
    const keys = [
      key('report', { exposureReport: { severity: 'CRITICAL', reasons: [{ source: 'GITHUB' }] } }),
      key('status', { status: 'DISABLED_EXPOSED', enabled: false }),
      key('fine', { exposureReport: null }),
    ];
    const h = hits('api-key-exposed', org({ apiKeys: keys }));
    expect(h.map((x) => x.subject.id)).toEqual(['report', 'status']);
    expect(h[0]!.message).toMatch(/severity CRITICAL\) from GITHUB/);
  });
});
