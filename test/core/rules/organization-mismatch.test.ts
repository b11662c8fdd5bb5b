import { expect, it } from 'vitest';
import { entry, SEARCH_URL, searchToken } from '../../helpers/coveo';
import { findings } from '../../helpers/rules';

const RULE = 'organization-mismatch';

it("fires when the token organization differs from the call's", () => {
  const [f] = findings(RULE, entry(SEARCH_URL, { bearer: searchToken({ searchHub: 'A', organization: 'acmestaging' }), json: {} }));
  expect(f?.message).toContain('"acmestaging"');
  expect(f?.message).toContain('"acmeprod"');
});

it('ignores case and stays silent when either side is unknown', () => {
  expect(findings(RULE, entry(SEARCH_URL, { bearer: searchToken({ searchHub: 'A', organization: 'ACMEPROD' }), json: {} }))).toHaveLength(0);
  expect(findings(RULE, entry('https://platform.cloud.coveo.com/rest/search/v2', { bearer: searchToken({ searchHub: 'A' }), json: {} }))).toHaveLength(0);
});
