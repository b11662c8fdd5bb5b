import { expect, it } from 'vitest';
import { entry, SEARCH_URL, searchToken } from '../../helpers/coveo';
import { pageFindings } from '../../helpers/rules';

const RULE = 'hubless-token-replayable';
const COMMERCE = 'https://acmeprod.org.coveo.com/rest/organizations/acmeprod/commerce/v2/search';

it('warns about a hub-less search token seen only on calls the hub does not route', () => {
  const [f] = pageFindings(RULE, [entry(COMMERCE, { bearer: searchToken(), json: { trackingId: 't' } })]);
  expect(f).toMatchObject({ severity: 'warning', callIds: ['c0'], message: expect.stringContaining('sent on Commerce calls') });
});

it('stays silent when the token carries a hub, or when search calls already flag it', () => {
  expect(pageFindings(RULE, [entry(COMMERCE, { bearer: searchToken({ searchHub: 'Shop' }), json: {} })])).toHaveLength(0);
  const token = searchToken();
  expect(pageFindings(RULE, [entry(COMMERCE, { bearer: token, json: {} }), entry(SEARCH_URL, { bearer: token, json: {} })])).toHaveLength(0);
});
