import { expect, it } from 'vitest';
import { API_KEY, entry, SEARCH_URL } from '../../helpers/coveo';
import { findings } from '../../helpers/rules';

const RULE = 'view-all-content-requested';

it('fires for viewAllContent in JSON, form or URL', () => {
  expect(findings(RULE, entry(SEARCH_URL, { bearer: API_KEY, json: { viewAllContent: true } }))[0]?.severity).toBe('warning');
  expect(findings(RULE, entry('https://platform.cloud.coveo.com/rest/search/v2', { bearer: API_KEY, form: { viewAllContent: '1' } }))).toHaveLength(1);
  expect(findings(RULE, entry(`${SEARCH_URL}&viewAllContent=true`, { bearer: API_KEY, json: {} }))).toHaveLength(1);
});

it('stays silent when false or absent', () => {
  expect(findings(RULE, entry(SEARCH_URL, { bearer: API_KEY, json: { viewAllContent: false } }))).toHaveLength(0);
  expect(findings(RULE, entry(SEARCH_URL, { bearer: API_KEY, json: {} }))).toHaveLength(0);
});
