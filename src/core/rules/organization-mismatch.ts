import { DOCS } from './docs';
import type { CallRule } from './types';

export const organizationMismatch: CallRule = {
  id: 'organization-mismatch',
  severity: 'warning',
  scope: 'call',
  title: "Token organization differs from the call's",
  why: 'A token from another organization is refused, or means the page mixes environments (for example a staging token on production).',
  fix: 'Mint the token in the organization the page queries.',
  docs: DOCS.searchToken,
  check({ call }) {
    const claim = call.token?.claims.organization;
    if (call.credential.type !== 'search-token' || typeof claim !== 'string' || claim === '' || !call.organizationId) return null;
    if (claim.toLowerCase() === call.organizationId.toLowerCase()) return null;
    return `The token belongs to organization "${claim}" but the call goes to "${call.organizationId}".`;
  },
};
