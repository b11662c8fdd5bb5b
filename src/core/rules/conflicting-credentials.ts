import { credentialWord, locationWords } from '../report/words';
import { DOCS } from './docs';
import type { CallRule } from './types';

export const conflictingCredentials: CallRule = {
  id: 'conflicting-credentials',
  severity: 'warning',
  scope: 'call',
  title: 'Several different credentials in one request',
  why: 'Which credential Coveo uses when a request carries several is not documented, so the hub enforcement of this call cannot be proven.',
  fix: 'Send one credential per request, in the Authorization header.',
  docs: DOCS.searchApi,
  check({ call, distinctCredentials }) {
    if (distinctCredentials < 2) return null;
    const list = [
      ...new Map(call.credentials.map((c) => [c.fingerprint, `${credentialWord(c.type)} ${c.fingerprint} in ${locationWords(c.location)}`])).values(),
    ];
    return `${distinctCredentials} different credentials: ${list.join('; ')}.`;
  },
};
