import { locationWords } from '../report/words';
import { DOCS } from './docs';
import type { CallRule } from './types';

export const unknownCredential: CallRule = {
  id: 'unknown-credential',
  severity: 'warning',
  scope: 'call',
  title: 'Credential that is neither a search token nor an API key',
  why: 'The tool cannot tell what this credential allows or whether it enforces a hub, so the call cannot be verified.',
  fix: 'Use a search token with a searchHub claim (or a hub-limited API key) for Search API calls.',
  docs: DOCS.searchToken,
  check({ call }) {
    const odd = call.credentials.filter((c) => c.type === 'jwt' || c.type === 'opaque');
    if (odd.length === 0) return null;
    return odd
      .map(
        (c) =>
          `${c.type === 'jwt' ? 'A JWT that is not a Coveo search token' : 'An unrecognised credential'} (${c.fingerprint}${c.note ? `; ${c.note}` : ''}) in ${locationWords(c.location)}.`,
      )
      .join(' ');
  },
};
