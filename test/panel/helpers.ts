/** Realistic HAR entries for the panel tests: Coveo search traffic with real-shaped credentials. */
import { analyzeEntry, type HarEntryLike } from '../../src/core/index';
import { type CapturedCall, entryKey } from '../../src/devtools/collector';

export const API_KEY = 'xx564559b1-0045-48e1-953c-3addd1ee4457';
export const ORG = 'acmeorg';
export const SEARCH_URL = `https://${ORG}.org.coveo.com/rest/search/v2?organizationId=${ORG}`;
export const QS_URL = `https://${ORG}.org.coveo.com/rest/search/v2/querySuggest?organizationId=${ORG}`;

function b64url(value: unknown): string {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
}

/** A Coveo-shaped search token (HS256 header, v8 claims); the signature is not checked by anyone here. */
export function searchToken(extra: Record<string, unknown> = {}, now = Date.parse('2025-03-01T12:00:00Z')): string {
  const iat = Math.floor(now / 1000) - 600;
  const claims = {
    v8: true,
    organization: ORG,
    userIds: [{ name: 'anonymous', provider: 'Email Security Provider', type: 'User' }],
    roles: ['queryExecutor'],
    iat,
    exp: iat + 86_400,
    ...extra,
  };
  return `${b64url({ alg: 'HS256' })}.${b64url(claims)}.${b64url(`sig-${JSON.stringify(extra)}-${Math.random()}`)}`;
}

let clock = Date.parse('2025-03-01T12:00:00Z');
function nextTime(): string {
  clock += 1_000;
  return new Date(clock).toISOString();
}

export interface CallInit {
  url?: string;
  credential?: string | null;
  body?: Record<string, unknown>;
  response?: Record<string, unknown> | null;
  status?: number;
  startedDateTime?: string;
  method?: string;
}

export function coveoCall(init: CallInit = {}): HarEntryLike {
  const headers = [
    { name: 'Content-Type', value: 'application/json' },
    { name: 'Origin', value: 'https://www.acme.example' },
  ];
  if (init.credential) headers.push({ name: 'Authorization', value: `Bearer ${init.credential}` });
  const method = init.method ?? 'POST';
  return {
    startedDateTime: init.startedDateTime ?? nextTime(),
    time: 85,
    request: {
      method,
      url: init.url ?? SEARCH_URL,
      headers,
      ...(method === 'POST' ? { postData: { mimeType: 'application/json', text: JSON.stringify(init.body ?? { q: 'reset', searchHub: 'Community' }) } } : {}),
    },
    response: {
      status: init.status ?? 200,
      headers: [{ name: 'Content-Type', value: 'application/json' }],
      content:
        init.response === null
          ? { size: 0, mimeType: 'application/json' }
          : {
              size: 100,
              mimeType: 'application/json',
              text: JSON.stringify(init.response ?? { pipeline: 'community', searchUid: 'u1', totalCount: 3, results: [] }),
            },
    },
  };
}

/** Search whose hub the token enforces. */
export function enforcedSearch(hub = 'Community', extra: Partial<CallInit> = {}): HarEntryLike {
  return coveoCall({ credential: searchToken({ searchHub: hub }), body: { q: 'reset', searchHub: hub }, ...extra });
}

/** Search with a hub-less token: the hub is only in the editable body. */
export function unenforcedSearch(hub = 'Community', extra: Partial<CallInit> = {}): HarEntryLike {
  return coveoCall({ credential: searchToken(), body: { q: 'reset', searchHub: hub }, ...extra });
}

export function apiKeySearch(hub = 'Public', extra: Partial<CallInit> = {}): HarEntryLike {
  return coveoCall({ credential: API_KEY, body: { q: 'pricing', searchHub: hub }, ...extra });
}

export function querySuggest(hub = 'Community', enforced = true): HarEntryLike {
  return coveoCall({
    url: QS_URL,
    credential: searchToken(enforced ? { searchHub: hub } : {}),
    body: { q: 'res', searchHub: hub },
    response: { completions: [] },
  });
}

export function preflight(url = SEARCH_URL): HarEntryLike {
  return { startedDateTime: nextTime(), request: { method: 'OPTIONS', url, headers: [] }, response: { status: 204 } };
}

export function thirdParty(): HarEntryLike {
  return {
    startedDateTime: nextTime(),
    request: { method: 'GET', url: 'https://cdn.example.com/app.js', headers: [] },
    response: { status: 200, content: { mimeType: 'text/javascript', text: 'console.log(1)' } },
  };
}

export function har(entries: unknown[]): string {
  return JSON.stringify({ log: { version: '1.2', creator: { name: 'test', version: '1' }, entries } });
}

let capturedSeq = 0;
/** An entry as the collector hands it to the panel: analysed once, with the next live id (`L<n>`), no raw secret. */
export function captured(entry: HarEntryLike, page?: number): CapturedCall {
  capturedSeq++;
  const report = analyzeEntry(entry, { id: `L${capturedSeq}`, index: capturedSeq });
  if (!report) throw new Error('not a Coveo call');
  return { type: 'call', key: entryKey(entry), report, secrets: [], ...(page === undefined ? {} : { page }) };
}
