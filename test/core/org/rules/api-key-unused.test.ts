import { describe, expect, it } from 'vitest';
import { DAY, hits, key, NOW, org } from '../../../helpers/org';

describe('api-key-unused', () => {
  const keys = [
    key('recent', { lastUsedDate: NOW - 10 * DAY }),
    key('stale', { lastUsedDate: NOW - 100 * DAY }),
    key('never', { lastUsedDate: undefined, createdDate: NOW - 200 * DAY }),
    key('new', { lastUsedDate: undefined, createdDate: NOW - 5 * DAY }),
    key('unknown-age', { lastUsedDate: undefined, createdDate: undefined }),
    key('off', { lastUsedDate: NOW - 400 * DAY, enabled: false }),
  ];

  it('flags keys unused for --stale-days, or never used (a key created within the window is not yet stale)', () => {
    const h = hits('api-key-unused', org({ apiKeys: keys }));
    expect(h.map((x) => x.subject.id)).toEqual(['stale', 'never', 'unknown-age']);
    expect(h[0]!.message).toMatch(/last used on 2026-08-23, more than 90 days ago/);
  });

  it('follows --stale-days', () => {
    expect(hits('api-key-unused', org({ apiKeys: keys }), { staleDays: 150 }).map((x) => x.subject.id)).toEqual(['never', 'unknown-age']);
    expect(hits('api-key-unused', org({ apiKeys: keys }), { staleDays: 3 }).map((x) => x.subject.id)).toEqual([
      'recent',
      'stale',
      'never',
      'new',
      'unknown-age',
    ]);
  });
});
