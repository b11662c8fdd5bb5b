import { describe, expect, it } from 'vitest';
import { EDIT_SOURCES, hits, key, org, PUSH, QUERY, VIEW_REPORTS } from '../../../helpers/org';

describe('api-key-client-overprivileged', () => {
  it('flags a PUBLIC key, or a key seen in the HAR, with more than Execute queries and Analytics Push', () => {
    const keys = [
      key('public-extra', { privacyLevel: 'PUBLIC', privileges: [QUERY, EDIT_SOURCES] }),
      key('public-ok', { privacyLevel: 'PUBLIC', privileges: [QUERY, PUSH] }),
      key('seen-extra', { privileges: [QUERY, VIEW_REPORTS] }),
      key('private-extra', { privileges: [QUERY, EDIT_SOURCES] }),
    ];
    const h = hits('api-key-client-overprivileged', org({ apiKeys: keys }), { seen: ['seen-extra'] });
    expect(h.map((x) => x.subject.id)).toEqual(['public-extra', 'seen-extra']);
    expect(h[0]!.message).toMatch(/PUBLIC privacy level, also holds Content - Sources \(Edit\)/);
    expect(h[1]!.message).toMatch(/seen in the HAR/);
  });
});
