import { DOCS } from './docs';
import type { CallRule } from './types';

export const adminCallFromBrowser: CallRule = {
  id: 'admin-call-from-browser',
  severity: 'error',
  scope: 'call',
  title: 'Administrative Coveo API called from the page',
  why: 'A credential that can call administrative APIs (sources, API keys, pipelines, push...) holds privileges a browser must never hold: anyone can copy it from the page.',
  fix: 'Revoke this credential, move the call to a server, and give the page a key limited to "Search - Execute queries" and "Analytics - Push".',
  docs: DOCS.privileges,
  check({ call }) {
    if (call.api !== 'platform' || call.credential.type === 'none') return null;
    let path = call.url;
    const m = /^[a-z]+:\/\/[^/]+(\/[^?#]*)/i.exec(call.url);
    if (m?.[1]) path = m[1];
    return `${call.method} ${path} with ${call.credential.type} ${call.credential.fingerprint}.`;
  },
};
