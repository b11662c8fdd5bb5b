import { DOCS } from './docs';
import type { CallRule } from './types';

export const tokenMintedInBrowser: CallRule = {
  id: 'token-minted-in-browser',
  severity: 'error',
  scope: 'call',
  title: 'Search token minted from the page',
  why: 'Minting a token needs an API key with the impersonate privilege; if the page can call /token, anyone can mint tokens for any user and any hub.',
  fix: 'Move token generation to your server and revoke the key the page used.',
  docs: DOCS.manageApiKeys,
  check({ call }) {
    if (call.kind !== 'token') return null;
    const cred = call.credential.type === 'none' ? 'no visible credential' : `${call.credential.type} ${call.credential.fingerprint}`;
    return `The page calls ${call.method} /rest/search/v2/token with ${cred}.`;
  },
};
