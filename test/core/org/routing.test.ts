import { describe, expect, it } from 'vitest';
import { buildModel, routeHub } from '../../../src/core/org/model';
import { DEFAULT, org, pipe } from '../../helpers/org';

describe('routeHub: pipelines in order, first match wins, else the default', () => {
  const snapshot = org({
    pipelines: [
      pipe('agents', 3, 'when $searchHub is "Agent"'),
      DEFAULT,
      pipe('community', 1, 'when $searchHub contains "Comm"'),
      pipe('community-fr', 2, 'when $searchHub is "CommunityFR"'),
      pipe('no-condition', 4, null),
      pipe('by-tab', 5, 'when $tab is "Internal"'),
      pipe('late', 6, 'when $searchHub is "Late"'),
    ],
  });
  const model = buildModel(snapshot);

  it('orders by position, not by listing order', () => {
    expect(model.ordered.map((v) => v.pipeline.name)).toEqual(['community', 'community-fr', 'agents', 'no-condition', 'by-tab', 'late']);
  });

  it('the first matching condition wins', () => {
    expect(routeHub(model, 'CommunityFR')).toMatchObject({ status: 'condition', pipeline: { name: 'community' } });
    expect(routeHub(model, 'Agent')).toMatchObject({ status: 'condition', pipeline: { name: 'agents' }, condition: 'when $searchHub is "Agent"' });
  });

  it('no match: the default pipeline, unless an undecidable condition came first', () => {
    expect(routeHub(model, 'Nobody')).toMatchObject({ status: 'uncertain', pipeline: { name: 'default', isDefault: true }, undecided: ['by-tab'] });
    expect(routeHub(model, 'Late')).toMatchObject({ status: 'uncertain', pipeline: { name: 'late' }, undecided: ['by-tab'] });
    const plain = buildModel(org({ pipelines: [DEFAULT, pipe('a', 1, 'when $searchHub is "A"')] }));
    expect(routeHub(plain, 'B')).toMatchObject({ status: 'default', pipeline: { name: 'default' }, undecided: [] });
  });

  it('an unparsable condition is undecided, never a match', () => {
    const m = buildModel(org({ pipelines: [DEFAULT, pipe('weird', 1, 'when $searchHub equals "A"'), pipe('a', 2, 'when $searchHub is "A"')] }));
    expect(routeHub(m, 'A')).toMatchObject({ status: 'uncertain', pipeline: { name: 'a' }, undecided: ['weird'] });
    expect(m.ordered[0]!.parseError).toMatch(/unknown operator/);
  });

  it('an enabled A/B test is named', () => {
    const m = buildModel(
      org({
        pipelines: [DEFAULT, pipe('a', 1, 'when $searchHub is "A"', { splitTestEnabled: true, splitTestTarget: 'b', splitTestRatio: 0.3 }), pipe('b', 2, null)],
      }),
    );
    expect(routeHub(m, 'A').splitTest).toEqual({ name: null, target: 'b', ratio: 0.3 });
  });

  it('routesByHub needs a positive hub condition', () => {
    expect(buildModel(org({ pipelines: [DEFAULT, pipe('x', 1, 'when $searchHub is not "A"')] })).routesByHub).toBe(false);
    expect(buildModel(org()).routesByHub).toBe(true);
  });
});
