import { DOCS } from './docs';
import type { CallRule } from './types';

export const searchHubConflict: CallRule = {
  id: 'search-hub-conflict',
  severity: 'warning',
  scope: 'call',
  title: 'The request names two different hubs',
  why: 'When the URL and the body name different hubs, which one Coveo uses is not documented, so routing is unpredictable.',
  fix: 'Name the hub in one place only (the body), and enforce it with the token.',
  docs: DOCS.searchHub,
  check({ request }) {
    if (!request.hub || !request.otherHub) return null;
    return `Hub "${request.hub}" (${request.hubSource}) and hub "${request.otherHub.value}" (${request.otherHub.source}) in the same request.`;
  },
};
