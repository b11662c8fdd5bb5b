import { isActive } from '../privileges';
import { ORG_DOCS } from './docs';
import { keySubject, q } from './subject';
import type { OrgRule } from './types';

const DAY = 86_400_000;

function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export const apiKeyUnused: OrgRule = {
  id: 'api-key-unused',
  severity: 'warning',
  scope: 'api-key',
  title: 'API key unused for a long time, or never used',
  why: 'An enabled key nobody uses is all risk and no benefit: if it leaked, nobody would notice its use.',
  fix: 'Disable it, wait to confirm nothing breaks, then delete it.',
  docs: ORG_DOCS.manageApiKeys,
  check({ model, now, staleDays }) {
    const out = [];
    const limit = now - staleDays * DAY;
    for (const k of model.snapshot.apiKeys) {
      if (!isActive(k)) continue;
      const last = typeof k.lastUsedDate === 'number' && Number.isFinite(k.lastUsedDate) ? k.lastUsedDate : null;
      const created = typeof k.createdDate === 'number' && Number.isFinite(k.createdDate) ? k.createdDate : null;
      if (last === null) {
        // A key created within the window may simply not be deployed yet.
        if (created !== null && created > limit) continue;
        out.push({
          subject: keySubject(k),
          message: `Key ${q(k.displayName ?? k.id)} (${k.id}) has never been used${created !== null ? ` since its creation on ${day(created)}` : ''}.`,
        });
      } else if (last < limit) {
        out.push({
          subject: keySubject(k),
          message: `Key ${q(k.displayName ?? k.id)} (${k.id}) was last used on ${day(last)}, more than ${staleDays} days ago.`,
        });
      }
    }
    return out;
  },
};
