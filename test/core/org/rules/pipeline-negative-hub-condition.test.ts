import { describe, expect, it } from 'vitest';
import { DEFAULT, hits, org, pipe } from '../../../helpers/org';

describe('pipeline-negative-hub-condition', () => {
  it('flags is not, does not contain, does not match and negated clauses', () => {
    const h = hits(
      'pipeline-negative-hub-condition',
      org({
        pipelines: [
          DEFAULT,
          pipe('n1', 1, 'when $searchHub is not "Public"'),
          pipe('n2', 2, 'when $searchHub does not contain "Pub"'),
          pipe('n3', 3, 'when $searchHub does not match /^Pub/'),
          pipe('n4', 4, 'when not $searchHub is "Public"'),
          pipe('ok', 5, 'when $searchHub is "Agent" and $tab is not "x"'),
        ],
      }),
    );
    expect(h.map((x) => x.subject.id)).toEqual(['n1', 'n2', 'n3', 'n4']);
  });

  it('flags a hub clause OR-ed with a clause on something else', () => {
    const h = hits(
      'pipeline-negative-hub-condition',
      org({
        pipelines: [
          DEFAULT,
          pipe('or', 1, 'when $searchHub is "Agent" or $context[role] is "agent"'),
          pipe('ok', 2, 'when $searchHub is "A" or $searchHub is "B"'),
        ],
      }),
    );
    expect(h.map((x) => x.subject.id)).toEqual(['or']);
    expect(h[0]!.message).toMatch(/OR-ed/);
  });
});
