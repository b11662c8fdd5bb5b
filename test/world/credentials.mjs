// Credentials like Coveo's: search tokens minted and checked (HS256), API keys looked up in the routing
// configuration, the credential found where the Search API looks for it, and each page scenario's credential.
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { ORG, PAGE_API_KEY, SCOPED_API_KEY, TOKEN_SECRET } from './constants.mjs';
import { DEFAULT_ROUTING } from './routing.mjs';

/** @typedef {import('./server.mjs').Routing} Routing */

/**
 * Mints a search token like Coveo's `/rest/search/v2/token` does (HS256, header without `typ`).
 * @param {{ searchHub?: string, pipeline?: string, expired?: boolean, user?: string }} [opts]
 */
export async function mintSearchToken({ searchHub, pipeline, expired = false, user = 'shopper@example.test' } = {}) {
  const now = Math.floor(Date.now() / 1000);
  const iat = expired ? now - 2 * 86400 : now;
  const claims = {
    v8: true,
    organization: ORG,
    userIds: [{ name: user, provider: 'Email Security Provider', type: 'User' }],
    roles: ['queryExecutor'],
  };
  if (searchHub) claims.searchHub = searchHub;
  if (pipeline) claims.pipeline = pipeline;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt(iat)
    .setExpirationTime(iat + 86400)
    .sign(TOKEN_SECRET);
}

/** What `/api/credential?scenario=` returns: the page's configuration, minted server-side. */
export async function scenarioConfig(scenario, { renew = false } = {}) {
  const base = { scenario, organizationId: ORG, searchHub: 'ACMEPublic' };
  switch (scenario) {
    case 'token-hub':
      return { ...base, accessToken: await mintSearchToken({ searchHub: 'ACMEPublic' }) };
    case 'token-nohub':
      return { ...base, accessToken: await mintSearchToken({}) };
    case 'token-pipeline':
      return { ...base, accessToken: await mintSearchToken({ pipeline: 'public-pipeline' }) };
    case 'token-expired':
      // The first credential is expired; the page's renewAccessToken asks again with renew=1.
      return { ...base, accessToken: await mintSearchToken({ searchHub: 'ACMEPublic', expired: !renew }) };
    case 'token-mismatch':
      return { ...base, searchHub: 'AgentPanel', accessToken: await mintSearchToken({ searchHub: 'ACMEPublic' }) };
    case 'api-key':
      return { ...base, accessToken: PAGE_API_KEY };
    case 'api-key-scoped':
      return { ...base, accessToken: SCOPED_API_KEY };
    case 'proxy':
      return { ...base, accessToken: '', proxy: true };
    case 'token-hub-pipeline':
      // The page's own code names a pipeline beside a token with a hub claim (search "interface-enforced" routing).
      return { ...base, pipeline: 'agent-pipeline', accessToken: await mintSearchToken({ searchHub: 'ACMEPublic' }) };
    case 'proxy-long-history':
      // Through the proxy, with 20 entries of actions history and 60 fields to include before the hub.
      // The search proxy sits at a path with no `/rest/` in it, so only the body says it is a Coveo search.
      return { ...base, accessToken: '', proxy: true, searchProxyPath: '/proxy-api/search', historyEntries: 20, fieldsToInclude: 60 };
    default:
      return null;
  }
}

/** Finds the credential the way the Search API does: Authorization header, `access_token` URL param, form field. */
export function findCredential(req, url, body) {
  const auth = req.headers.authorization;
  if (typeof auth === 'string') {
    const m = /^Bearer\s+(.+)$/i.exec(auth.trim());
    if (m?.[1]) return { value: m[1].trim(), location: 'header' };
  }
  const q = url.searchParams.get('access_token');
  if (q) return { value: q, location: 'query' };
  if (body && typeof body.access_token === 'string' && body.access_token) {
    return { value: body.access_token, location: 'body' };
  }
  return null;
}

/**
 * Checks a credential: `{ ok: true, kind, claims }` or `{ ok: false, status, body }` (401 unknown / 419 expired).
 */
export async function checkCredential(value, /** @type {Routing} */ routing = DEFAULT_ROUTING) {
  if (Object.hasOwn(routing.apiKeys, value)) {
    return { ok: true, kind: 'apiKey', claims: {}, keyScope: routing.apiKeys[value] || {} };
  }
  if (value.split('.').length === 3) {
    try {
      const { payload } = await jwtVerify(value, TOKEN_SECRET, { algorithms: ['HS256'] });
      return { ok: true, kind: 'searchToken', claims: payload };
    } catch (e) {
      if (e instanceof joseErrors.JWTExpired) {
        return {
          ok: false,
          status: 419,
          body: { statusCode: 419, message: 'Expired token', type: 'ExpiredTokenException' },
        };
      }
    }
  }
  return {
    ok: false,
    status: 401,
    body: { statusCode: 401, message: 'Invalid token', type: 'InvalidTokenException' },
  };
}

export const MISSING_CREDENTIAL = {
  statusCode: 401,
  message: 'No access token was provided.',
  type: 'InvalidTokenException',
};
