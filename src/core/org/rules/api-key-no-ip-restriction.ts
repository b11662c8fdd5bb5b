import { isActive, isAdministrative, privilegeLabel, privilegesOf } from '../privileges';
import { ORG_DOCS } from './docs';
import { keySubject, q } from './subject';
import type { OrgRule } from './types';

export const apiKeyNoIpRestriction: OrgRule = {
  id: 'api-key-no-ip-restriction',
  severity: 'info',
  scope: 'api-key',
  title: 'Server-side administrative key without allowed IPs',
  why: 'A key used only by known servers can be limited to their addresses, so that a leaked copy is useless anywhere else.',
  fix: "Add the servers' addresses (or CIDR ranges) to the key's allowed IPs.",
  docs: ORG_DOCS.manageApiKeys,
  check({ model, seenKeyIds }) {
    const out = [];
    for (const k of model.snapshot.apiKeys) {
      if (!isActive(k) || seenKeyIds.has(k.id) || (k.privacyLevel ?? '').toUpperCase() === 'PUBLIC') continue;
      if (Array.isArray(k.allowedIps) && k.allowedIps.some((ip) => typeof ip === 'string' && ip.trim() !== '')) continue;
      const admin = privilegesOf(k).filter(isAdministrative);
      if (admin.length === 0) continue;
      out.push({
        subject: keySubject(k),
        message: `Key ${q(k.displayName ?? k.id)} (${k.id}) holds ${[...new Set(admin.map(privilegeLabel))].slice(0, 5).join(', ')} and has no allowed IPs.`,
      });
    }
    return out;
  },
};
