import { expect, it } from 'vitest';
import { API_KEY, entry, makeJwt, SEARCH_URL, searchToken } from '../../helpers/coveo';
import { findings } from '../../helpers/rules';

const RULE = 'unknown-credential';

it('fires for a foreign JWT and for an opaque value, with the shape note', () => {
  expect(findings(RULE, entry(SEARCH_URL, { bearer: makeJwt({ sub: 'x' }), json: {} }))[0]?.message).toMatch(/not a Coveo search token/);
  expect(findings(RULE, entry(SEARCH_URL, { bearer: '6f9619ff-8b86-d011-b42d-00c04fc964ff', json: {} }))[0]?.message).toMatch(/Cloud V1/);
});

it('stays silent for search tokens and API keys', () => {
  expect(findings(RULE, entry(SEARCH_URL, { bearer: searchToken(), json: {} }))).toHaveLength(0);
  expect(findings(RULE, entry(SEARCH_URL, { bearer: API_KEY, json: {} }))).toHaveLength(0);
});
