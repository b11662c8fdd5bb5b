import { credentialWord, locationWords } from '../report/words';
import { DOCS } from './docs';
import type { CallRule, CallContext } from './types';

type Call = CallContext['call'];

export function credentialsInUrl(call: Call) {
  return call.credentials.filter((c) => c.location === 'url-access_token' || c.location === 'url-accessToken');
}

/** The browser's beacon API cannot set headers, so Coveo's analytics clients put the token in the beacon's URL. */
export function isAnalyticsBeaconToCoveo(call: Call): boolean {
  return (call.kind === 'analytics' || call.kind === 'events') && call.routing === 'coveo-host';
}

export const credentialInUrl: CallRule = {
  id: 'credential-in-url',
  severity: 'warning',
  scope: 'call',
  title: 'Credential in a URL',
  why: 'URLs end up in server logs, browser history, proxies and Referer headers, where a credential outlives the page.',
  fix: 'Send the credential in the Authorization header (or, for beacons, in the body) rather than in the URL.',
  docs: DOCS.searchToken,
  check({ call }) {
    // Analytics beacons to Coveo's own hosts are covered by `credential-in-beacon-url`.
    if (isAnalyticsBeaconToCoveo(call)) return null;
    const inUrl = credentialsInUrl(call);
    if (inUrl.length === 0) return null;
    return `${inUrl.map((c) => `${credentialWord(c.type)} ${c.fingerprint} in ${locationWords(c.location)}`).join(', ')} travels in the URL.`;
  },
};
