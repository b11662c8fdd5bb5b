import { DOCS } from './docs';
import type { CallRule } from './types';

export const tokenMissingSearchHub: CallRule = {
  id: 'token-missing-search-hub',
  severity: 'error',
  scope: 'call',
  title: 'Search token without a searchHub claim',
  why: 'Without a searchHub (or pipeline) claim the token lets anyone who holds it pick any hub in the request body, and so reach query pipelines meant for other audiences.',
  fix: "Mint the search token server-side with a searchHub claim naming this interface's hub.",
  docs: DOCS.searchToken,
  check({ call, hubApplies }) {
    if (!hubApplies || call.credential.type !== 'search-token' || !call.token) return null;
    // The analysis read the enforcing claims from the token itself: a hub or pipeline it names is there.
    if (call.searchHub.token !== null || call.pipeline.token !== null) return null;
    const { searchHub } = call.token.claims;
    const body = call.searchHub.request ? ` (the body asks for hub "${call.searchHub.request}", which anyone can edit)` : '';
    const what =
      typeof searchHub === 'string'
        ? 'a blank searchHub claim'
        : searchHub === undefined || searchHub === null
          ? 'no searchHub claim'
          : `a searchHub claim that is not a string (${Array.isArray(searchHub) ? 'array' : typeof searchHub})`;
    return `Search token ${call.credential.fingerprint} has ${what}${body}.`;
  },
};
