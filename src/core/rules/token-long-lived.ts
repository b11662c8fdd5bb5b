import { duration } from '../values';
import { DOCS } from './docs';
import type { CallRule } from './types';

const DAY = 24 * 3600;

export const tokenLongLived: CallRule = {
  id: 'token-long-lived',
  severity: 'warning',
  scope: 'call',
  title: 'Token valid for more than 24 hours',
  why: "A copied token stays usable for its whole lifetime; Coveo's default is 24 hours and shorter is safer.",
  fix: 'Mint tokens with validFor of 24 hours or less (the default) and renew them in the page.',
  docs: DOCS.searchToken,
  check({ call }) {
    const life = call.token?.lifetimeSeconds;
    if (life === null || life === undefined || life <= DAY) return null;
    return `Token ${call.credential.fingerprint} is valid for ${duration(life)} (exp - iat).`;
  },
};
