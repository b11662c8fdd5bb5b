import { credentialsInUrl, isAnalyticsBeaconToCoveo } from './credential-in-url';
import { DOCS } from './docs';
import type { CallRule } from './types';

export const credentialInBeaconUrl: CallRule = {
  id: 'credential-in-beacon-url',
  severity: 'info',
  scope: 'call',
  title: 'Credential in an analytics beacon URL',
  why: "Beacons (the browser's beacon API) cannot carry an Authorization header, so Coveo's analytics clients put the credential in the URL of a request to Coveo's own host; it stays out of history and Referer headers but reaches request logs.",
  fix: "Nothing to change in the page for Coveo's own clients; keep the credential short-lived and limited to search and analytics.",
  docs: DOCS.searchToken,
  check({ call }) {
    if (!isAnalyticsBeaconToCoveo(call)) return null;
    const inUrl = credentialsInUrl(call);
    if (inUrl.length === 0) return null;
    return `${inUrl.map((c) => `${c.type} ${c.fingerprint}`).join(', ')} in the URL of an analytics ${call.method} to ${call.host}.`;
  },
};
