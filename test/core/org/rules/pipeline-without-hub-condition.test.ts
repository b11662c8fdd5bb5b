import { describe, expect, it } from 'vitest';
import { DEFAULT, hits, org, pipe } from '../../../helpers/org';

describe('pipeline-without-hub-condition', () => {
  it('flags a non-default pipeline with no condition, or a condition that never tests the hub', () => {
    const h = hits(
      'pipeline-without-hub-condition',
      org({ pipelines: [DEFAULT, pipe('orphan', 1, null), pipe('by-query', 2, 'when $query contains "x"'), pipe('ok', 3, 'when $searchHub is "A"')] }),
    );
    expect(h.map((x) => x.subject.id)).toEqual(['orphan', 'by-query']);
    expect(h[0]!.message).toMatch(/only a request naming it/);
    expect(h[1]!.message).toMatch(/does not test \$searchHub/);
  });

  it('leaves the default pipeline and an A/B test target alone', () => {
    const h = hits(
      'pipeline-without-hub-condition',
      org({ pipelines: [DEFAULT, pipe('a', 1, 'when $searchHub is "A"', { splitTestEnabled: true, splitTestTarget: 'b' }), pipe('b', 2, null)] }),
    );
    expect(h).toEqual([]);
  });
});
