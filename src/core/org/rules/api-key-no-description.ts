import { ORG_DOCS } from './docs';
import { keySubject, q } from './subject';
import type { OrgRule } from './types';

export const apiKeyNoDescription: OrgRule = {
  id: 'api-key-no-description',
  severity: 'warning',
  scope: 'api-key',
  title: 'API key without a description',
  why: 'Without a description nobody can tell what the key is for, who owns it, or whether it is safe to delete or rotate.',
  fix: 'Describe the key: what uses it, where it is deployed, who owns it.',
  docs: ORG_DOCS.manageApiKeys,
  check({ model }) {
    return model.snapshot.apiKeys
      .filter((k) => typeof k.description !== 'string' || k.description.trim() === '')
      .map((k) => ({ subject: keySubject(k), message: `Key ${q(k.displayName ?? k.id)} (${k.id}) has no description.` }));
  },
};
