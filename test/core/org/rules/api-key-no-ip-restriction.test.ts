import { describe, expect, it } from 'vitest';
import { EDIT_SOURCES, hits, key, org } from '../../../helpers/org';

describe('api-key-no-ip-restriction', () => {
  it('flags a server-side administrative key without allowed IPs', () => {
    const keys = [
      key('admin', { privileges: [EDIT_SOURCES], allowedIps: [] }),
      key('admin-ip', { privileges: [EDIT_SOURCES] }),
      key('search', { allowedIps: undefined }),
      key('public-admin', { privileges: [EDIT_SOURCES], allowedIps: [], privacyLevel: 'PUBLIC' }),
      key('seen-admin', { privileges: [EDIT_SOURCES], allowedIps: [] }),
    ];
    expect(hits('api-key-no-ip-restriction', org({ apiKeys: keys }), { seen: ['seen-admin'] }).map((x) => x.subject.id)).toEqual(['admin']);
  });
});
