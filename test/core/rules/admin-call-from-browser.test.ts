import { expect, it } from 'vitest';
import { API_KEY, entry, SEARCH_URL } from '../../helpers/coveo';
import { findings } from '../../helpers/rules';

const RULE = 'admin-call-from-browser';

it('fires as an error for administrative APIs called with a credential', () => {
  for (const url of [
    'https://platform.cloud.coveo.com/rest/organizations/acmeprod/sources',
    'https://api.cloud.coveo.com/push/v1/organizations/acmeprod/sources/s/documents',
    'https://platform.cloud.coveo.com/rest/search/v1/admin/pipelines',
  ]) {
    const [f] = findings(RULE, entry(url, { bearer: API_KEY }));
    expect(f?.severity).toBe('error');
    expect(f?.message).toContain('xx56…4457');
  }
});

it('stays silent for search, analytics and calls without credential', () => {
  expect(findings(RULE, entry(SEARCH_URL, { bearer: API_KEY, json: { searchHub: 'A' } }))).toHaveLength(0);
  expect(findings(RULE, entry('https://analytics.cloud.coveo.com/rest/ua/v15/analytics/search', { bearer: API_KEY, json: {} }))).toHaveLength(0);
  expect(findings(RULE, entry('https://platform.cloud.coveo.com/rest/organizations/acmeprod/sources'))).toHaveLength(0);
});
