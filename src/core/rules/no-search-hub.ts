import { HUB_REQUIRED_KINDS } from '../kinds';
import { kindWord } from '../report/words';
import { DOCS } from './docs';
import type { CallRule } from './types';

export const noSearchHub: CallRule = {
  id: 'no-search-hub',
  severity: 'error',
  scope: 'call',
  title: 'No search hub anywhere',
  why: 'A query with no hub is routed to the default query pipeline, which is rarely the one tuned and filtered for this interface, and its analytics are not attributed to it.',
  fix: 'Set the searchHub in the search interface and enforce it with a searchHub claim in the search token (or a hub-limited API key).',
  docs: DOCS.searchHub,
  check({ call, bodyTruncated }) {
    // A hub beyond the part of the body that was read would not be seen: no error on a guess.
    if (!HUB_REQUIRED_KINDS.has(call.kind) || call.credential.type === 'none' || bodyTruncated) return null;
    if (call.searchHub.effective !== null || call.pipeline.token !== null) return null;
    const keyNote = call.credential.type === 'api-key' ? " unless the API key's scope is limited to a hub on the server" : '';
    return `This ${kindWord(call.kind)} call names no search hub in its body, URL or credential: it goes to the default pipeline${keyNote}.`;
  },
};
