import { DOCS } from './docs';
import type { CallRule } from './types';

export const noCredential: CallRule = {
  id: 'no-credential',
  severity: 'info',
  scope: 'call',
  title: 'No credential in the request',
  why: 'Typically a server-side proxy adds the credential, so which hub it enforces cannot be seen from the browser.',
  fix: 'Check on the proxy that it adds a search token with a searchHub claim or a hub-limited API key, and that it does not trust the body\'s hub.',
  docs: DOCS.searchToken,
  check({ call }) {
    if (call.credential.type !== 'none') return null;
    const via = call.routing === 'proxy' ? ` through ${call.host || 'the site'} (a proxy)` : '';
    return `This ${call.kind} call${via} carries no credential.`;
  },
};
