import { kindWord } from '../report/words';
import { DOCS } from './docs';
import type { CallRule } from './types';

export const noCredential: CallRule = {
  id: 'no-credential',
  severity: 'info',
  scope: 'call',
  title: 'No credential in the request',
  why: "Through the site's own host, typically a server-side proxy adds the credential; straight to a Coveo host, which refuses calls without one, the record lost it (a sanitized HAR export strips Authorization). Either way which hub it enforces cannot be seen.",
  fix: 'Through a proxy: check that it adds a search token with a searchHub claim or a hub-limited API key, and that it does not trust the body\'s hub. Straight to a Coveo host: get the record with its credentials ("Export HAR (with sensitive data)").',
  docs: DOCS.apiKeyAuth,
  check({ call }) {
    if (call.credential.type !== 'none') return null;
    if (call.routing === 'proxy') return `This ${kindWord(call.kind)} call through ${call.host || 'the site'} (a proxy) carries no credential.`;
    const refused = call.response.outcome === 'refused' || call.response.status === 401;
    return refused
      ? `This ${kindWord(call.kind)} call to ${call.host || 'Coveo'} carries no credential, and Coveo refused it.`
      : `This ${kindWord(call.kind)} call to ${call.host || 'Coveo'} carries no credential in the record, though Coveo requires one: the record most likely lost it (sanitized HAR export).`;
  },
};
