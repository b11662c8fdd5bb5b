import { enforcedHubOf } from '../model';
import { isActive, isImpersonate, isViewAllContent, privilegeLabel, privilegesOf } from '../privileges';
import { ORG_DOCS } from './docs';
import { keySubject, q } from './subject';
import type { OrgRule } from './types';

export const apiKeyImpersonationUnscoped: OrgRule = {
  id: 'api-key-impersonation-unscoped',
  severity: 'error',
  scope: 'api-key',
  title: 'Impersonation or view-all-content key without a hub scope',
  why: 'A key that can impersonate any user or bypass item permissions, without an enforced hub, can read every item the index holds through any pipeline.',
  fix: "Keep such keys on servers that mint search tokens; limit the key's scope to one hub and, for impersonation, to the allowed user ids; rotate it if it ever reached a browser.",
  docs: ORG_DOCS.privileges,
  check({ model }) {
    const out = [];
    for (const k of model.snapshot.apiKeys) {
      if (!isActive(k) || enforcedHubOf(k) !== null) continue;
      const risky = privilegesOf(k).filter((p) => isImpersonate(p) || isViewAllContent(p));
      if (risky.length === 0) continue;
      out.push({
        subject: keySubject(k),
        message: `Key ${q(k.displayName ?? k.id)} (${k.id}) has ${[...new Set(risky.map(privilegeLabel))].join(' and ')} and no enforced hub.`,
      });
    }
    return out;
  },
};
