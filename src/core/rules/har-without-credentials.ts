import { DOCS } from './docs';
import type { PageRule } from './types';

export const harWithoutCredentials: PageRule = {
  id: 'har-without-credentials',
  severity: 'info',
  scope: 'page',
  title: 'The HAR carries no credentials',
  why: 'Chrome\'s default "Export HAR (sanitized)" (and other sanitizing exports) strips the Authorization header and cookies, so the calls\' verdicts are unverifiable because the export removed the evidence, not because of the page.',
  fix: 'Ask for the HAR again, exported with "Export HAR (with sensitive data)" (Chrome: right-click in the Network panel, or the export button\'s menu); it can then be checked here without the credentials ever being shown.',
  docs: DOCS.searchToken,
  check(calls) {
    // Straight to Coveo, Coveo answers a call without a credential with 401; one it answered with success had a
    // credential the record no longer shows. A sanitized export strips every Authorization header (credentials in
    // URLs survive it), so a single header credential means the export was not sanitized.
    let withHeader = false;
    const bare: string[] = [];
    let answered = 0;
    for (const call of calls) {
      if (call.routing !== 'coveo-host') continue;
      if (call.credentials.some((c) => c.location === 'authorization-header')) {
        withHeader = true;
        break;
      }
      if (call.credential.type !== 'none') continue;
      bare.push(call.id);
      const outcome = call.response.outcome ?? (call.response.status !== null && call.response.status < 400 ? 'success' : 'unknown');
      if (outcome === 'success') answered++;
    }
    if (withHeader || bare.length === 0 || answered === 0) return [];
    return [
      {
        message: `${bare.length === 1 ? '1 call to a Coveo host carries' : `${bare.length} calls to Coveo hosts carry`} no credential and none carries an Authorization header, yet Coveo answered ${answered} of them: the HAR export removed the credentials (a sanitized export), so their verdicts are unverifiable. Ask for "Export HAR (with sensitive data)".`,
        callIds: bare,
      },
    ];
  },
};
