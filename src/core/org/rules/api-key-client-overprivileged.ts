import { isActive, isClientSafe, privilegeLabel, privilegesOf } from '../privileges';
import { ORG_DOCS } from './docs';
import { keySubject, q } from './subject';
import type { OrgRule } from './types';

export const apiKeyClientOverprivileged: OrgRule = {
  id: 'api-key-client-overprivileged',
  severity: 'error',
  scope: 'api-key',
  title: 'Client-side key with more than Execute queries and Analytics Push',
  why: 'A key in client code is public: anyone can copy it and use every privilege it holds, so it may hold only "Search - Execute queries" and "Analytics - Push".',
  fix: "Create a new key with only those two privileges (limited to the page's hub), switch the page to it, then delete this one; keep administrative keys server-side.",
  docs: ORG_DOCS.apiKeyAuth,
  check({ model, seenKeyIds }) {
    const out = [];
    for (const k of model.snapshot.apiKeys) {
      const seen = seenKeyIds.has(k.id);
      const isPublic = (k.privacyLevel ?? '').toUpperCase() === 'PUBLIC';
      if (!seen && !isPublic) continue;
      if (!seen && !isActive(k)) continue;
      const extra = privilegesOf(k).filter((p) => !isClientSafe(p));
      if (extra.length === 0) continue;
      const why = seen ? 'seen in the HAR' : 'of PUBLIC privacy level';
      out.push({
        subject: keySubject(k),
        message: `Key ${q(k.displayName ?? k.id)} (${k.id}), ${why}, also holds ${[...new Set(extra.map(privilegeLabel))].join(', ')}.`,
      });
    }
    return out;
  },
};
