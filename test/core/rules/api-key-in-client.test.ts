import { expect, it } from 'vitest';
import { API_KEY, entry, SEARCH_URL, searchToken } from '../../helpers/coveo';
import { findings } from '../../helpers/rules';

const RULE = 'api-key-in-client';

it('fires wherever the key travels, says its scope cannot be seen, and names only its fingerprint', () => {
  const [f] = findings(RULE, entry(SEARCH_URL, { bearer: API_KEY, json: { searchHub: 'A' } }));
  expect(f).toMatchObject({ severity: 'warning', message: expect.stringContaining('xx56…4457') });
  expect(f?.message).not.toContain(API_KEY);
  expect(f?.fix).toMatch(/Limit the API key scope/);
  const beacon = entry('https://analytics.cloud.coveo.com/rest/ua/v15/analytics/click', { form: { access_token: API_KEY } });
  expect(findings(RULE, beacon)[0]?.message).toContain('in the access_token form field');
});

it('stays silent for search tokens', () => {
  expect(findings(RULE, entry(SEARCH_URL, { bearer: searchToken({ searchHub: 'A' }), json: {} }))).toHaveLength(0);
});
