import { isActive } from '../privileges';
import { ORG_DOCS } from './docs';
import { keySubject, q } from './subject';
import type { OrgRule } from './types';

export const apiKeyDisabled: OrgRule = {
  id: 'api-key-disabled',
  severity: 'info',
  scope: 'api-key',
  title: 'Disabled API key',
  why: 'A disabled key does nothing but can be enabled again; kept around, it clutters the audit of the keys that matter.',
  fix: 'Delete it once you have confirmed that nothing still uses it.',
  docs: ORG_DOCS.manageApiKeys,
  check({ model }) {
    return model.snapshot.apiKeys
      .filter((k) => !isActive(k))
      .map((k) => ({ subject: keySubject(k), message: `Key ${q(k.displayName ?? k.id)} (${k.id}) is ${k.status ? `in status ${k.status}` : 'disabled'}.` }));
  },
};
