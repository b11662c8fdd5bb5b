import { expect, it } from 'vitest';
import { API_KEY, entry, FACET_URL, searchToken } from '../../helpers/coveo';
import { findings } from '../../helpers/rules';

const RULE = 'conflicting-credentials';

it('fires when two different credentials travel in one request', () => {
  const [f] = findings(RULE, entry(`${FACET_URL}&access_token=${API_KEY}`, { bearer: searchToken({ searchHub: 'A' }), json: {} }));
  expect(f?.message).toMatch(/^2 different credentials/);
});

it('stays silent when the same credential is repeated', () => {
  const token = searchToken({ searchHub: 'A' });
  expect(findings(RULE, entry(FACET_URL, { bearer: token, json: { searchContext: { accessToken: token } } }))).toHaveLength(0);
});
