import { isActive, privilegesOf, purposeOf, type Purpose } from '../privileges';
import { ORG_DOCS } from './docs';
import { keySubject, q } from './subject';
import type { OrgRule } from './types';

const LABEL: Record<string, string> = {
  query: 'searching',
  content: 'content management',
  administration: 'administration',
  'analytics-read': 'analytics reporting',
};

export const apiKeyMultiPurpose: OrgRule = {
  id: 'api-key-multi-purpose',
  severity: 'warning',
  scope: 'api-key',
  title: 'API key with privileges across unrelated domains',
  why: 'A key that both searches and administers (or manages content) serves several purposes: wherever one of them needs the key, all of its powers go along, and it cannot be rotated for one use without breaking the others.',
  fix: 'Split it into one key per purpose, each with the least privileges that purpose needs.',
  docs: ORG_DOCS.manageApiKeys,
  check({ model }) {
    const out = [];
    for (const k of model.snapshot.apiKeys) {
      if (!isActive(k)) continue;
      // Pushing analytics goes with searching: the pair a search page needs.
      const purposes = new Set<Purpose>(
        privilegesOf(k)
          .map(purposeOf)
          .map((p) => (p === 'analytics-push' ? 'query' : p)),
      );
      if (purposes.size < 2) continue;
      out.push({
        subject: keySubject(k),
        message: `Key ${q(k.displayName ?? k.id)} (${k.id}) combines ${[...purposes].map((p) => LABEL[p] ?? p).join(', ')}.`,
      });
    }
    return out;
  },
};
