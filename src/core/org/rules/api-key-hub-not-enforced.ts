import { enforcedHubOf } from '../model';
import { isActive, isExecuteQuery, privilegesOf } from '../privileges';
import { ORG_DOCS } from './docs';
import { keySubject, q } from './subject';
import type { OrgRule } from './types';

export const apiKeyHubNotEnforced: OrgRule = {
  id: 'api-key-hub-not-enforced',
  severity: 'error',
  scope: 'api-key',
  title: 'API key can execute queries without an enforced hub',
  why: 'The organization routes queries by search hub, and this key lets its holder send any hub in the request body, so it reaches every hub-routed pipeline.',
  fix: 'In the Admin Console (Organization > API Keys), edit the key: Privileges > Search > "Limit the API key scope" and name the one hub it serves.',
  docs: ORG_DOCS.apiKeyAuth,
  check({ model }) {
    if (!model.routesByHub) return [];
    return model.snapshot.apiKeys
      .filter((k) => isActive(k) && privilegesOf(k).some(isExecuteQuery) && enforcedHubOf(k) === null)
      .map((k) => ({
        subject: keySubject(k),
        message: `Key ${q(k.displayName ?? k.id)} (${k.id}) has "Search - Execute queries" and no enforced hub, while pipelines route by hub.`,
      }));
  },
};
