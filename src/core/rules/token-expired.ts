import { duration } from '../values';
import { DOCS } from './docs';
import type { CallRule } from './types';

export const tokenExpired: CallRule = {
  id: 'token-expired',
  severity: 'warning',
  scope: 'call',
  title: 'Token expired when the request was sent',
  why: 'Coveo rejects an expired token (HTTP 419 or 401), so this call failed unless the page renewed its token and retried.',
  fix: 'Renew the token before it expires (Headless and Atomic take a renewAccessToken function; search-ui a renewAccessToken option).',
  docs: DOCS.searchToken,
  check({ call }) {
    const left = call.token?.secondsToExpiryAtRequest;
    if (left === null || left === undefined || left >= 0) return null;
    return `Token ${call.credential.fingerprint} expired ${duration(left)} before this request (exp ${call.token?.expiresAt}).`;
  },
};
