import { ORG_DOCS } from './docs';
import { keySubject, q } from './subject';
import type { OrgRule } from './types';

export const apiKeyExposed: OrgRule = {
  id: 'api-key-exposed',
  severity: 'error',
  scope: 'api-key',
  title: 'API key reported as exposed',
  why: 'Coveo found the key where it should not be (a public repository, a report): anyone who saw it can use its privileges until it is replaced.',
  fix: 'Rotate it: create a replacement with the same privileges and scope, deploy it, then delete the exposed key.',
  docs: ORG_DOCS.manageApiKeys,
  check({ model }) {
    const out = [];
    for (const k of model.snapshot.apiKeys) {
      const report = k.exposureReport && typeof k.exposureReport === 'object' ? k.exposureReport : null;
      const statusExposed = (k.status ?? '').toUpperCase() === 'DISABLED_EXPOSED';
      if (!report && !statusExposed) continue;
      const sources =
        report && Array.isArray(report.reasons) ? [...new Set(report.reasons.map((r) => r?.source).filter((s): s is string => typeof s === 'string'))] : [];
      const parts = [
        report ? `an exposure report${report.severity ? ` (severity ${report.severity})` : ''}${sources.length ? ` from ${sources.join(', ')}` : ''}` : null,
        statusExposed ? 'status DISABLED_EXPOSED' : null,
      ].filter(Boolean);
      out.push({ subject: keySubject(k), message: `Key ${q(k.displayName ?? k.id)} (${k.id}) has ${parts.join(' and ')}.` });
    }
    return out;
  },
};
