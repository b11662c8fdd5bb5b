// Builders for realistic Coveo HAR entries, credentials and tokens (unit tests only).
import type { HarEntryLike } from '../../src/core/types';

export const API_KEY = 'xx564559b1-0045-48e1-953c-3addd1ee4457';
export const ORG = 'acmeprod';
export const T0 = Date.parse('2026-11-24T10:00:00.000Z');

function b64url(value: string): string {
  return Buffer.from(value, 'utf8').toString('base64url');
}

/** A token shaped like Coveo's (HS256, no typ); the signature is random bytes: the core never verifies. */
export function makeJwt(claims: Record<string, unknown>, header: Record<string, unknown> = { alg: 'HS256' }): string {
  const sig = Buffer.from(JSON.stringify(claims)).toString('base64url').slice(0, 43).padEnd(43, 'A');
  return `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}.${sig}`;
}

export function searchToken(extra: Record<string, unknown> = {}, at = T0): string {
  const iat = Math.floor(at / 1000) - 60;
  return makeJwt({
    v8: true,
    organization: ORG,
    userIds: [{ name: 'jane@example.com', provider: 'Email Security Provider', type: 'User' }],
    roles: ['queryExecutor'],
    iat,
    exp: iat + 24 * 3600,
    ...extra,
  });
}

export interface EntryOptions {
  method?: string;
  headers?: Record<string, string>;
  json?: unknown;
  form?: Record<string, string>;
  text?: string;
  mimeType?: string;
  bearer?: string;
  started?: number | string;
  status?: number;
  response?: unknown;
}

export function entry(url: string, o: EntryOptions = {}): HarEntryLike {
  const headers = Object.entries(o.headers ?? {}).map(([name, value]) => ({ name, value }));
  if (o.bearer !== undefined) headers.push({ name: 'Authorization', value: `Bearer ${o.bearer}` });
  let postData: HarEntryLike['request']['postData'];
  if (o.json !== undefined) postData = { mimeType: 'application/json', text: JSON.stringify(o.json) };
  else if (o.form) postData = { mimeType: 'application/x-www-form-urlencoded; charset=UTF-8', text: new URLSearchParams(o.form).toString() };
  else if (o.text !== undefined) postData = { mimeType: o.mimeType ?? 'text/plain', text: o.text };
  const started = o.started ?? T0;
  return {
    startedDateTime: typeof started === 'number' ? new Date(started).toISOString() : started,
    request: { method: o.method ?? (postData ? 'POST' : 'GET'), url, headers, ...(postData ? { postData } : {}) },
    response: {
      status: o.status ?? 200,
      content:
        o.response === undefined ? { size: 0, mimeType: 'application/json' } : { size: 1, mimeType: 'application/json', text: JSON.stringify(o.response) },
    },
  };
}

export const SEARCH_URL = `https://${ORG}.org.coveo.com/rest/search/v2?organizationId=${ORG}`;
export const QS_URL = `https://${ORG}.org.coveo.com/rest/search/v2/querySuggest?organizationId=${ORG}`;
export const FACET_URL = `https://${ORG}.org.coveo.com/rest/search/v2/facet?organizationId=${ORG}`;

export function har(entries: unknown[]): { log: { version: string; creator: { name: string; version: string }; entries: unknown[] } } {
  return { log: { version: '1.2', creator: { name: 'test', version: '1' }, entries } };
}
