import { locationWords } from '../report/words';
import { DOCS } from './docs';
import type { CallRule } from './types';

export const apiKeyInClient: CallRule = {
  id: 'api-key-in-client',
  severity: 'warning',
  scope: 'call',
  title: 'API key sent from the page',
  why: 'Anyone can copy a key from the page; from the browser its privileges and hub scope cannot be seen, so whether it limits the hub, or can do more than search, is unknown.',
  fix: 'In the Admin Console (Organization > API Keys), check that the key only has "Search - Execute queries" and "Analytics - Push" and that "Limit the API key scope" names this hub; prefer per-user search tokens for secured content.',
  docs: DOCS.apiKeyAuth,
  check({ call }) {
    const keys = call.credentials.filter((c) => c.type === 'api-key');
    if (keys.length === 0) return null;
    const where = [...new Set(keys.map((k) => `${k.fingerprint} in ${locationWords(k.location)}`))].join(', ');
    return `API key ${where}: its scope and privileges cannot be verified from the browser.`;
  },
};
