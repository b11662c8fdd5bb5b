import { describe, expect, it } from 'vitest';
import { DEFAULT, hits, org, pipe } from '../../../helpers/org';

const rule = (id: string, definition: string) => ({ id, feature: 'filter', definition });

describe('split-test-filter-differs', () => {
  it("flags a target missing the original's filter rules or pipeline filter", () => {
    const h = hits(
      'split-test-filter-differs',
      org({
        pipelines: [
          DEFAULT,
          pipe('a', 1, 'when $searchHub is "A"', {
            filter: '@audience==public',
            filterRules: [rule('f', 'filter cq `@source==A`')],
            splitTestEnabled: true,
            splitTestTarget: 'b',
            splitTestRatio: 0.25,
          }),
          pipe('b', 2, null, { filterRules: [rule('g', 'filter cq  `@source==A`')] }),
        ],
      }),
    );
    expect(h).toEqual([
      { subject: { type: 'pipeline', id: 'a', name: 'a' }, message: expect.stringMatching(/25 % .*lacks: “pipeline filter @audience==public”/) },
    ]);
  });

  it('a target with the same filters, or a disabled test, is fine; a target not listed is said', () => {
    const same = pipe('b', 2, null, { filter: '@audience==public' });
    expect(
      hits(
        'split-test-filter-differs',
        org({
          pipelines: [DEFAULT, pipe('a', 1, 'when $searchHub is "A"', { filter: '@audience==public', splitTestEnabled: true, splitTestTarget: 'b' }), same],
        }),
      ),
    ).toEqual([]);
    expect(
      hits(
        'split-test-filter-differs',
        org({
          pipelines: [DEFAULT, pipe('a', 1, 'when $searchHub is "A"', { filter: '@x', splitTestEnabled: false, splitTestTarget: 'b' }), pipe('b', 2, null)],
        }),
      ),
    ).toEqual([]);
    expect(
      hits(
        'split-test-filter-differs',
        org({ pipelines: [DEFAULT, pipe('a', 1, 'when $searchHub is "A"', { splitTestEnabled: true, splitTestTarget: 'gone' })] }),
      )[0]!.message,
    ).toMatch(/does not show/);
  });
});
