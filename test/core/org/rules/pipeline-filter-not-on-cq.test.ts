import { describe, expect, it } from 'vitest';
import { DEFAULT, hits, org, pipe } from '../../../helpers/org';

const rule = (id: string, definition: string) => ({ id, feature: 'filter', definition });

describe('pipeline-filter-not-on-cq', () => {
  it('flags aq, lq and dq filter rules on a hub-routed pipeline', () => {
    const h = hits(
      'pipeline-filter-not-on-cq',
      org({
        pipelines: [
          DEFAULT,
          pipe('p', 1, 'when $searchHub is "P"', {
            filterRules: [rule('a', 'filter aq `@x==1`'), rule('c', 'filter cq `@x==1`'), rule('C', 'FILTER  CQ `@y`'), rule('l', 'filter lq `x`')],
          }),
        ],
      }),
    );
    expect(h.map((x) => x.message)).toEqual([expect.stringContaining('(a)'), expect.stringContaining('(l)')]);
  });

  it("pipelines not routed by a hub are not this rule's business", () => {
    expect(
      hits('pipeline-filter-not-on-cq', org({ pipelines: [DEFAULT, pipe('p', 1, 'when $tab is "x"', { filterRules: [rule('a', 'filter aq `@x`')] })] })),
    ).toEqual([]);
  });
});
