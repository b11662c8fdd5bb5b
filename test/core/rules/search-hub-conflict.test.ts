import { expect, it } from 'vitest';
import { API_KEY, entry, SEARCH_URL } from '../../helpers/coveo';
import { findings } from '../../helpers/rules';

const RULE = 'search-hub-conflict';

it('fires when the URL and the body name different hubs', () => {
  const [f] = findings(RULE, entry(`${SEARCH_URL}&searchHub=UrlHub`, { bearer: API_KEY, json: { searchHub: 'BodyHub' } }));
  expect(f?.message).toContain('"BodyHub" (json)');
  expect(f?.message).toContain('"UrlHub" (url)');
});

it('stays silent when they agree', () => {
  expect(findings(RULE, entry(`${SEARCH_URL}&searchHub=Same`, { bearer: API_KEY, json: { searchHub: 'Same' } }))).toHaveLength(0);
});
