import { DOCS } from './docs';
import type { CallRule } from './types';

export const credentialInUrl: CallRule = {
  id: 'credential-in-url',
  severity: 'warning',
  scope: 'call',
  title: 'Credential in a URL',
  why: 'URLs end up in server logs, browser history, proxies and Referer headers, where a credential outlives the page.',
  fix: 'Send the credential in the Authorization header (or, for beacons, in the body) rather than in the URL.',
  docs: DOCS.searchToken,
  check({ call }) {
    const inUrl = call.credentials.filter((c) => c.location === 'url-access_token' || c.location === 'url-accessToken');
    if (inUrl.length === 0) return null;
    return `${inUrl.map((c) => `${c.type} ${c.fingerprint} in ${c.location === 'url-access_token' ? 'access_token' : 'accessToken'}`).join(', ')} travels in the URL.`;
  },
};
