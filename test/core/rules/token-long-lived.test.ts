import { expect, it } from 'vitest';
import { entry, SEARCH_URL, searchToken } from '../../helpers/coveo';
import { findings } from '../../helpers/rules';

const RULE = 'token-long-lived';

it('fires above 24 h of validity and names the lifetime', () => {
  const token = searchToken({ searchHub: 'A', iat: 1_000_000, exp: 1_000_000 + 7 * 24 * 3600 });
  expect(findings(RULE, entry(SEARCH_URL, { bearer: token, json: {}, started: 1_000_100_000 }))[0]?.message).toContain('valid for 7 d');
});

it('stays silent at exactly 24 h or less', () => {
  expect(findings(RULE, entry(SEARCH_URL, { bearer: searchToken({ searchHub: 'A', iat: 100, exp: 100 + 86400 }), json: {} }))).toHaveLength(0);
  expect(findings(RULE, entry(SEARCH_URL, { bearer: searchToken({ searchHub: 'A', iat: 100, exp: 100 + 900 }), json: {} }))).toHaveLength(0);
});
