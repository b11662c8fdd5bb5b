import { describe, expect, it } from 'vitest';
import { hits, IMPERSONATE, key, org, QUERY, VIEW_ALL } from '../../../helpers/org';

describe('api-key-impersonation-unscoped', () => {
  it('flags impersonation or view-all-content without a hub scope', () => {
    const keys = [
      key('imp', { privileges: [QUERY, IMPERSONATE] }, null),
      key('all', { privileges: [VIEW_ALL] }, null),
      key('scoped', { privileges: [IMPERSONATE] }),
      key('plain', {}, null),
    ];
    const h = hits('api-key-impersonation-unscoped', org({ apiKeys: keys }));
    expect(h.map((x) => x.subject.id)).toEqual(['imp', 'all']);
    expect(h[1]!.message).toMatch(/View all content/);
  });
});
