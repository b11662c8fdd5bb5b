import { describe, expect, it } from 'vitest';
import { EDIT_SOURCES, hits, IMPERSONATE, key, org, PUSH, QUERY, VIEW_REPORTS } from '../../../helpers/org';

describe('api-key-multi-purpose', () => {
  it('flags searching with administration or content; query and push together are one purpose', () => {
    const keys = [
      key('search-push', { privileges: [QUERY, PUSH, IMPERSONATE] }),
      key('search-sources', { privileges: [QUERY, EDIT_SOURCES] }),
      key('admin-reports', { privileges: [{ owner: 'PLATFORM', targetDomain: 'GROUP', type: 'EDIT' }, VIEW_REPORTS] }),
      key('sources', { privileges: [EDIT_SOURCES] }),
    ];
    expect(hits('api-key-multi-purpose', org({ apiKeys: keys })).map((x) => [x.subject.id, x.message.replace(/.*combines /, '')])).toEqual([
      ['search-sources', 'searching, content management.'],
      ['admin-reports', 'administration, analytics reporting.'],
    ]);
  });
});
