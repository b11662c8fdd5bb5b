import { DOCS } from './docs';
import type { CallRule } from './types';

function span(seconds: number): string {
  const s = Math.abs(seconds);
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  if (s < 172800) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86400)} days`;
}

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
    return `Token ${call.credential.fingerprint} expired ${span(left)} before this request (exp ${call.token?.expiresAt}).`;
  },
};
