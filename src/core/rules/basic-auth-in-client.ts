import { kindWord } from '../report/words';
import { DOCS } from './docs';
import type { CallRule } from './types';

export const basicAuthInClient: CallRule = {
  id: 'basic-auth-in-client',
  severity: 'error',
  scope: 'call',
  title: 'User name and password sent from the page',
  why: 'Basic authentication puts a reusable user name and password in every request, readable by anyone using the page.',
  fix: 'Replace it with a per-user search token minted on your server.',
  docs: DOCS.searchToken,
  check({ call }) {
    const basic = call.credentials.find((c) => c.type === 'basic');
    if (!basic) return null;
    return `Basic credentials ${basic.fingerprint} in the Authorization header of a ${kindWord(call.kind)} call.`;
  },
};
