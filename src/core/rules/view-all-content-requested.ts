import { credentialWord, kindWord } from '../report/words';
import { DOCS } from './docs';
import type { CallRule } from './types';

export const viewAllContentRequested: CallRule = {
  id: 'view-all-content-requested',
  severity: 'warning',
  scope: 'call',
  title: 'The request asks for viewAllContent',
  why: 'viewAllContent bypasses item permissions when the credential has the "View all content" privilege, which a browser credential must never have.',
  fix: 'Remove viewAllContent from the page and make sure no browser credential holds the View all content privilege.',
  docs: DOCS.privileges,
  check({ call, request }) {
    if (!request.viewAllContent) return null;
    return `This ${kindWord(call.kind)} call sends viewAllContent=true with ${call.credential.type === 'none' ? 'no visible credential' : `${credentialWord(call.credential.type)} ${call.credential.fingerprint}`}.`;
  },
};
