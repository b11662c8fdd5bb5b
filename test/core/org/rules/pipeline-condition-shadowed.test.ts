import { describe, expect, it } from 'vitest';
import { DEFAULT, hits, org, pipe } from '../../../helpers/org';

describe('pipeline-condition-shadowed', () => {
  it("an earlier contains/matches condition catches a later pipeline's hub", () => {
    const h = hits(
      'pipeline-condition-shadowed',
      org({
        pipelines: [
          DEFAULT,
          pipe('broad', 1, 'when $searchHub contains "Comm"'),
          pipe('narrow', 2, 'when $searchHub is "CommunityFR"'),
          pipe('other', 3, 'when $searchHub is "Agent"'),
        ],
      }),
    );
    expect(h).toEqual([
      {
        subject: { type: 'pipeline', id: 'narrow', name: 'narrow' },
        message: expect.stringMatching(/Hub "CommunityFR" .* the earlier pipeline "broad" .* matches it first/),
      },
    ]);
  });

  it('uses known hubs for a later pipeline routed by contains or matches', () => {
    const h = hits(
      'pipeline-condition-shadowed',
      org({
        searchHubs: ['SupportEU'],
        pipelines: [DEFAULT, pipe('eu', 1, 'when $searchHub matches /^.*EU$/'), pipe('support', 2, 'when $searchHub contains "Support"')],
      }),
    );
    expect(h.map((x) => x.message)).toEqual([expect.stringMatching(/Hub "SupportEU" .*"eu"/)]);
  });

  it('an undecidable earlier condition may shadow; order fixes it', () => {
    const may = hits(
      'pipeline-condition-shadowed',
      org({ pipelines: [DEFAULT, pipe('tab', 1, 'when $searchHub is "A" or $tab is "x"'), pipe('b', 2, 'when $searchHub is "B"')] }),
    );
    expect(may.map((x) => x.message)).toEqual([expect.stringMatching(/may match it first/)]);
    expect(
      hits(
        'pipeline-condition-shadowed',
        org({ pipelines: [DEFAULT, pipe('narrow', 1, 'when $searchHub is "CommunityFR"'), pipe('broad', 2, 'when $searchHub contains "Comm"')] }),
      ),
    ).toEqual([]);
  });
});
