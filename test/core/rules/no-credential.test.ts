import { expect, it } from 'vitest';
import { API_KEY, entry } from '../../helpers/coveo';
import { findings } from '../../helpers/rules';

const RULE = 'no-credential';

it('is an info finding on a proxied call without credential, naming the proxy host', () => {
  const [f] = findings(RULE, entry('https://www.example.com/coveo/rest/v2?siteName=web', { json: { searchHub: 'A' } }));
  expect(f).toMatchObject({ severity: 'info', message: expect.stringContaining('www.example.com') });
});

it('stays silent when a credential is present', () => {
  expect(findings(RULE, entry('https://www.example.com/coveo/rest/v2', { bearer: API_KEY, json: { searchHub: 'A' } }))).toHaveLength(0);
});
