import { expect, it } from 'vitest';
import { API_KEY, entry, SEARCH_URL, searchToken } from '../../helpers/coveo';
import { findings } from '../../helpers/rules';

const RULE = 'credential-in-url';

it('fires for access_token and accessToken in the URL and redacts the URL', () => {
  const e = entry(`https://platform.cloud.coveo.com/rest/search/v2/html?uniqueId=1&access_token=${API_KEY}&x=1`);
  const [f] = findings(RULE, e);
  expect(f?.severity).toBe('warning');
  expect(f?.message).toContain('xx56…4457');
  const token = searchToken();
  expect(findings(RULE, entry(`https://platform.cloud.coveo.com/rest/search/v2/datastream?accessToken=${token}`))).toHaveLength(1);
});

it('stays silent for header credentials', () => {
  expect(findings(RULE, entry(SEARCH_URL, { bearer: API_KEY, json: { searchHub: 'A' } }))).toHaveLength(0);
});
