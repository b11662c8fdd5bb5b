import { DOCS } from './docs';
import type { CallRule } from './types';

export const searchHubMismatch: CallRule = {
  id: 'search-hub-mismatch',
  severity: 'warning',
  scope: 'call',
  title: "Body hub differs from the token's hub",
  why: "The Search API silently uses the token's hub and ignores the body's, so the page is not getting the pipeline or analytics it asks for.",
  fix: 'Make the interface use the hub the token carries, or mint the token for the hub the interface is meant to use.',
  docs: DOCS.searchToken,
  check({ call }) {
    const { request, token } = call.searchHub;
    if (request === null || token === null || request === token) return null;
    return `The request asks for hub "${request}" but the token enforces "${token}" (the token wins).`;
  },
};
