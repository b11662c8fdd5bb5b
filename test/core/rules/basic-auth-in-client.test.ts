import { expect, it } from 'vitest';
import { API_KEY, entry, SEARCH_URL } from '../../helpers/coveo';
import { findings } from '../../helpers/rules';

const RULE = 'basic-auth-in-client';

it('fires as an error for Basic credentials, without revealing them', () => {
  const value = Buffer.from('user@example.com:password').toString('base64');
  const [f] = findings(RULE, entry(SEARCH_URL, { headers: { authorization: `Basic ${value}` }, json: { searchHub: 'A' } }));
  expect(f?.severity).toBe('error');
  expect(f?.message).not.toContain(value);
});

it('stays silent for Bearer credentials', () => {
  expect(findings(RULE, entry(SEARCH_URL, { bearer: API_KEY, json: {} }))).toHaveLength(0);
});
