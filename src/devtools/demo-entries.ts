/**
 * Canned traffic for the plain-tab demo (`panel.html?fake=1`): made-up organization, hub and credentials
 * (the API key is Coveo's own public sample key), no network.
 */
import type { HarEntryLike } from '../core/index';

function base64url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function demoJwt(claims: Record<string, unknown>): string {
  return `${base64url(JSON.stringify({ alg: 'HS256' }))}.${base64url(JSON.stringify(claims))}.${base64url('demo-signature-not-valid')}`;
}

function post(url: string, auth: string | null, body: unknown, response: unknown, at: Date): HarEntryLike {
  const headers = [{ name: 'Content-Type', value: 'application/json' }];
  if (auth) headers.push({ name: 'Authorization', value: `Bearer ${auth}` });
  return {
    startedDateTime: at.toISOString(),
    time: 120,
    request: { method: 'POST', url, headers, postData: { mimeType: 'application/json', text: JSON.stringify(body) } },
    response: { status: 200, headers: [], content: { mimeType: 'application/json', text: JSON.stringify(response) } },
  };
}

export function demoEntries(now = new Date()): HarEntryLike[] {
  const iat = Math.floor(now.getTime() / 1000) - 3600;
  const base = {
    v8: true,
    organization: 'demoorg',
    userIds: [{ name: 'anonymous', provider: 'Email Security Provider', type: 'User' }],
    roles: ['queryExecutor'],
    iat,
    exp: iat + 86_400,
  };
  const hubToken = demoJwt({ ...base, searchHub: 'DemoCommunity' });
  const bareToken = demoJwt(base);
  const apiKey = 'xx564559b1-0045-48e1-953c-3addd1ee4457';
  const host = 'https://demoorg.org.coveo.com/rest/search/v2';
  const t = (ms: number): Date => new Date(now.getTime() - 10_000 + ms);
  return [
    { startedDateTime: t(0).toISOString(), request: { method: 'OPTIONS', url: `${host}?organizationId=demoorg`, headers: [] }, response: { status: 204 } },
    post(
      `${host}?organizationId=demoorg`,
      hubToken,
      { q: 'reset password', searchHub: 'DemoCommunity', tab: 'All' },
      { pipeline: 'community', searchUid: 'uid-1', totalCount: 42, results: [] },
      t(10),
    ),
    post(`${host}/querySuggest?organizationId=demoorg`, hubToken, { q: 'res', searchHub: 'DemoCommunity' }, { completions: [] }, t(500)),
    post(
      `${host}?organizationId=demoorg`,
      bareToken,
      { q: '', searchHub: 'DemoSupport' },
      { pipeline: 'default', searchUid: 'uid-2', totalCount: 7, results: [] },
      t(900),
    ),
    post(
      `${host}?organizationId=demoorg`,
      apiKey,
      { q: 'pricing', searchHub: 'DemoPublic' },
      { pipeline: 'public', searchUid: 'uid-3', totalCount: 3, results: [] },
      t(1500),
    ),
    { startedDateTime: t(1600).toISOString(), request: { method: 'GET', url: 'https://cdn.example.com/app.js', headers: [] }, response: { status: 200 } },
  ];
}
