import { expect, it } from 'vitest';
import { API_KEY, entry, SEARCH_URL } from '../../helpers/coveo';
import { findings } from '../../helpers/rules';

const RULE = 'token-minted-in-browser';

it('fires as an error on a /rest/search/v2/token call from the page', () => {
  const [f] = findings(
    RULE,
    entry('https://platform.cloud.coveo.com/rest/search/v2/token?organizationId=acmeprod', { bearer: API_KEY, json: { userIds: [] } }),
  );
  expect(f).toMatchObject({ severity: 'error', message: expect.stringContaining('xx56…4457') });
});

it('stays silent on a search', () => {
  expect(findings(RULE, entry(SEARCH_URL, { bearer: API_KEY, json: { searchHub: 'A' } }))).toHaveLength(0);
});
