import { expect, it } from 'vitest';
import { entry, SEARCH_URL, searchToken } from '../../helpers/coveo';
import { findings } from '../../helpers/rules';

const RULE = 'search-hub-mismatch';

it('fires when the body hub differs from the token claim, naming both', () => {
  const [f] = findings(RULE, entry(SEARCH_URL, { bearer: searchToken({ searchHub: 'ACMEPublic' }), json: { searchHub: 'AgentPanel' } }));
  expect(f?.severity).toBe('warning');
  expect(f?.message).toContain('"AgentPanel"');
  expect(f?.message).toContain('"ACMEPublic"');
});

it('stays silent when they match or one is missing', () => {
  expect(findings(RULE, entry(SEARCH_URL, { bearer: searchToken({ searchHub: 'A' }), json: { searchHub: 'A' } }))).toHaveLength(0);
  expect(findings(RULE, entry(SEARCH_URL, { bearer: searchToken({ searchHub: 'A' }), json: {} }))).toHaveLength(0);
  expect(findings(RULE, entry(SEARCH_URL, { bearer: searchToken(), json: { searchHub: 'A' } }))).toHaveLength(0);
});
