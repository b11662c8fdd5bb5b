import { describe, expect, it } from 'vitest';
import { analyzeEntry } from '../../../src/core/analyze';
import { API_KEY, entry, SEARCH_URL, searchToken } from '../../helpers/coveo';
import { findings } from '../../helpers/rules';

describe('hub-routes-to-default (issue 9, item 2)', () => {
  it('a hub-claim call Coveo routed to the default pipeline gets an info hint (any letter case)', () => {
    for (const pipeline of ['default', 'Default', 'DEFAULT']) {
      const e = entry(SEARCH_URL, { bearer: searchToken({ searchHub: 'Kiosk' }), json: { q: '' }, response: { pipeline, results: [] } });
      const [f] = findings('hub-routes-to-default', e);
      expect(f?.severity).toBe('info');
      expect(f?.message).toContain('hub "Kiosk"');
      expect(f?.message).toMatch(/a hint, not a proof/);
      // A hint: the verdict stays what the credential proves.
      expect(analyzeEntry(e)?.verdict).toBe('enforced');
    }
  });

  it('is silent for another pipeline, a pipeline claim, no hub claim, or no response pipeline', () => {
    const cases = [
      entry(SEARCH_URL, { bearer: searchToken({ searchHub: 'ACMEPublic' }), json: {}, response: { pipeline: 'public-pipeline' } }),
      entry(SEARCH_URL, { bearer: searchToken({ searchHub: 'ACMEPublic', pipeline: 'default' }), json: {}, response: { pipeline: 'default' } }),
      entry(SEARCH_URL, { bearer: searchToken(), json: { searchHub: 'x' }, response: { pipeline: 'default' } }),
      entry(SEARCH_URL, { bearer: API_KEY, json: { searchHub: 'x' }, response: { pipeline: 'default' } }),
      entry(SEARCH_URL, { bearer: searchToken({ searchHub: 'ACMEPublic' }), json: {} }),
    ];
    for (const e of cases) expect(findings('hub-routes-to-default', e)).toHaveLength(0);
  });
});
