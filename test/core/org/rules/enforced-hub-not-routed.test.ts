import { describe, expect, it } from 'vitest';
import { DEFAULT, hits, key, org, pipe } from '../../../helpers/org';

describe('enforced-hub-not-routed', () => {
  it('flags a key whose enforced hub no condition matches on the hub alone', () => {
    const snapshot = org({
      pipelines: [
        DEFAULT,
        pipe('public', 1, 'when $searchHub is "Public"'),
        pipe('tab', 2, 'when $searchHub is "Tabbed" and $tab is "x"'),
        pipe('or', 3, 'when $searchHub is "Either" or $tab is "y"'),
      ],
      apiKeys: [key('routed', {}, 'Public'), key('ghost', {}, 'Ghost'), key('tabbed', {}, 'Tabbed'), key('either', {}, 'Either'), key('none', {}, null)],
    });
    const h = hits('enforced-hub-not-routed', snapshot);
    expect(h.map((x) => x.subject.id)).toEqual(['ghost', 'tabbed']);
    expect(h[0]!.message).toMatch(/default pipeline "default"/);
  });
});
