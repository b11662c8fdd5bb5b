// Raw Chrome-shaped entries for the issue 9 review tests: tiny builders over test/helpers/coveo.ts.
import { analyzeEntry } from '../../src/core/analyze';
import { analyzeHar } from '../../src/core/report-model';
import type { CallReport, Report } from '../../src/core/types';
import { har, ORG, searchToken, T0 } from './coveo';

export { ORG, T0 };
export const HUB_TOKEN = searchToken({ searchHub: 'public' });
export const HUBLESS_TOKEN = searchToken();
export const SEARCH = `https://${ORG}.org.coveo.com/rest/search/v2?organizationId=${ORG}`;
export const BODY = { q: 'x', searchHub: 'public', numberOfResults: 10, firstResult: 0 };
export const FORM = 'application/x-www-form-urlencoded; charset=UTF-8';

/** A Chrome-shaped entry; `response` null leaves the response out entirely. */
export function raw(o: {
  url?: string;
  method?: string;
  headers?: { name: string; value: string }[];
  postData?: Record<string, unknown>;
  response?: Record<string, unknown> | null;
  request?: Record<string, unknown>;
}): Record<string, unknown> {
  const e: Record<string, unknown> = {
    startedDateTime: new Date(T0).toISOString(),
    time: 87,
    request: {
      method: o.method ?? 'POST',
      url: o.url ?? SEARCH,
      httpVersion: 'HTTP/1.1',
      headers: o.headers ?? [{ name: 'Authorization', value: `Bearer ${HUB_TOKEN}` }],
      queryString: [],
      cookies: [],
      headersSize: -1,
      bodySize: -1,
      ...(o.postData ? { postData: o.postData } : {}),
      ...(o.request ?? {}),
    },
  };
  if (o.response !== null) {
    e.response = o.response ?? {
      status: 200,
      statusText: 'OK',
      httpVersion: 'HTTP/1.1',
      headers: [],
      cookies: [],
      content: { size: 40, mimeType: 'application/json', text: '{"pipeline":"public-p","totalCount":1}' },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
    };
  }
  return e;
}

export function json(value: unknown): Record<string, unknown> {
  return { mimeType: 'application/json', text: JSON.stringify(value) };
}

export function call(e: unknown): CallReport {
  const c = analyzeEntry(e);
  if (!c) throw new Error('not recognised as a Coveo call');
  return c;
}

export function page(entries: unknown[]): Report {
  return analyzeHar(har(entries));
}

/** A signed-looking search token whose claims are given as raw JSON text (duplicate keys survive). */
export function rawToken(claimsText: string): string {
  const b = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
  return `${b('{"alg":"HS256"}')}.${b(claimsText)}.${'k'.repeat(43)}`;
}
