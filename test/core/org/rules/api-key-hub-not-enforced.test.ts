import { describe, expect, it } from 'vitest';
import { DEFAULT, EDIT_SOURCES, hits, key, org, pipe } from '../../../helpers/org';

describe('api-key-hub-not-enforced', () => {
  it('flags an active Execute-queries key without a hub when pipelines route by hub', () => {
    const keys = [key('scoped'), key('unscoped', {}, null), key('off', { enabled: false }, null), key('push', { privileges: [EDIT_SOURCES] }, null)];
    expect(hits('api-key-hub-not-enforced', org({ apiKeys: keys })).map((x) => x.subject.id)).toEqual(['unscoped']);
  });

  it('is silent when no pipeline routes by hub', () => {
    expect(hits('api-key-hub-not-enforced', org({ apiKeys: [key('unscoped', {}, null)], pipelines: [DEFAULT, pipe('t', 1, 'when $tab is "x"')] }))).toEqual([]);
  });
});
