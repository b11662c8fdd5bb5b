import { expect, it } from 'vitest';
import { entry, QS_URL, SEARCH_URL, searchToken } from '../../helpers/coveo';
import { findings } from '../../helpers/rules';

const RULE = 'token-missing-search-hub';

it('fires, as an error naming the body hub, for a hub-less search token on search and suggestions', () => {
  const [f] = findings(RULE, entry(SEARCH_URL, { bearer: searchToken(), json: { searchHub: 'AgentPanel' } }));
  expect(f).toMatchObject({ severity: 'error', message: expect.stringContaining('"AgentPanel"') });
  expect(f?.docs).toMatch(/^https:\/\/docs\.coveo\.com\//);
  expect(findings(RULE, entry(QS_URL, { bearer: searchToken(), json: { q: 'a' } }))).toHaveLength(1);
});

it('stays silent when the token carries searchHub or pipeline, or the call is not routed by hub', () => {
  expect(findings(RULE, entry(SEARCH_URL, { bearer: searchToken({ searchHub: 'A' }), json: {} }))).toHaveLength(0);
  expect(findings(RULE, entry(SEARCH_URL, { bearer: searchToken({ pipeline: 'p' }), json: {} }))).toHaveLength(0);
  expect(findings(RULE, entry('https://analytics.cloud.coveo.com/rest/ua/v15/analytics/search', { bearer: searchToken(), json: {} }))).toHaveLength(0);
});
