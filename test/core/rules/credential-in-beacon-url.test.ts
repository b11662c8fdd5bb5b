import { expect, it } from 'vitest';
import { API_KEY, entry, searchToken } from '../../helpers/coveo';
import { findings } from '../../helpers/rules';

const RULE = 'credential-in-beacon-url';

it('is an info finding for a credential in the URL of an analytics beacon to a Coveo host, instead of credential-in-url', () => {
  const e = entry(`https://acmeprod.analytics.org.coveo.com/rest/ua/v15/analytics/click?access_token=${searchToken({ searchHub: 'A' })}`, {
    text: 'clickEvent=%7B%7D',
    mimeType: 'text/plain',
  });
  const [f] = findings(RULE, e);
  expect(f).toMatchObject({ severity: 'info', message: expect.stringContaining('acmeprod.analytics.org.coveo.com') });
  expect(findings('credential-in-url', e)).toHaveLength(0);
});

it('leaves other URLs to credential-in-url', () => {
  const proxied = entry(`https://www.example.com/coveo/rest/ua/v15/analytics/click?access_token=${API_KEY}`, { json: {} });
  expect(findings(RULE, proxied)).toHaveLength(0);
  expect(findings('credential-in-url', proxied)).toHaveLength(1);
  const quickview = entry(`https://platform.cloud.coveo.com/rest/search/v2/html?access_token=${API_KEY}`);
  expect(findings(RULE, quickview)).toHaveLength(0);
});
