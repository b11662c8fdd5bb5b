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
    // Straight to Coveo, Coveo answers a call without a credential with 401; one it answered with success (or a
    // recorded error other than a refusal) had a credential the record no longer shows.
    let withCredential = false;
    const bare: string[] = [];
    let answered = 0;
    for (const call of calls) {
      if (call.routing !== 'coveo-host') continue;
      if (call.credential.type !== 'none') {
        withCredential = true;
        break;
      }
      bare.push(call.id);
      const outcome = call.response.outcome ?? (call.response.status !== null && call.response.status < 400 ? 'success' : 'unknown');
      if (outcome === 'success') answered++;
    }
    if (withCredential || bare.length === 0 || answered === 0) return [];
    return [
      {
        message: `None of the ${bare.length} call(s) to Coveo hosts carries a credential, yet Coveo answered ${answered} of them: the HAR export removed the credentials (a sanitized export), so every verdict is unverifiable. Ask for "Export HAR (with sensitive data)".`,
        callIds: bare,
      },
    ];
  },
};
