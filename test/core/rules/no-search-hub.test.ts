import { expect, it } from 'vitest';
import { API_KEY, entry, SEARCH_URL, searchToken } from '../../helpers/coveo';
import { findings } from '../../helpers/rules';

const RULE = 'no-search-hub';

it('fires when no hub is named anywhere and a credential is visible', () => {
  expect(findings(RULE, entry(SEARCH_URL, { bearer: searchToken(), json: { q: 'x' } }))[0]?.severity).toBe('error');
  expect(findings(RULE, entry(SEARCH_URL, { bearer: API_KEY, json: { q: 'x' } }))[0]?.message).toMatch(/API key's scope/);
});

it('stays silent with a body hub, a hub or pipeline claim, no credential (proxy), or a kind the hub does not route', () => {
  expect(findings(RULE, entry(SEARCH_URL, { bearer: API_KEY, json: { searchHub: 'A' } }))).toHaveLength(0);
  expect(findings(RULE, entry(SEARCH_URL, { bearer: searchToken({ searchHub: 'A' }), json: {} }))).toHaveLength(0);
  expect(findings(RULE, entry(SEARCH_URL, { bearer: searchToken({ pipeline: 'p' }), json: {} }))).toHaveLength(0);
  expect(findings(RULE, entry(SEARCH_URL, { json: { q: 'x' } }))).toHaveLength(0);
  expect(findings(RULE, entry('https://platform.cloud.coveo.com/rest/search/v2/fields', { bearer: API_KEY }))).toHaveLength(0);
});

it('stays silent when the body was too long to read whole: the hub may lie beyond the limit', () => {
  expect(findings(RULE, entry(SEARCH_URL, { bearer: API_KEY, json: { padding: 'x'.repeat(1_000_100), searchHub: 'Late' } }))).toHaveLength(0);
});
