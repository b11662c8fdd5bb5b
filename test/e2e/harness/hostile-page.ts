// A hostile shop page for the panel's end-to-end injection test: every string the panel can show (token
// claims, body fields, URL parameters, hub values, credentials) carries HTML or script payloads, odd Unicode,
// invalid UTF-8 or sheer size. Each payload, if it ever runs, reports itself three ways: a GET to
// `<shop>/pwned?where=<tag>` (seen by the world server), `console.log('PWNED_<tag>')`, and
// `window.__pwned.push('<tag>')` in whatever window ran it.
import { visible } from '../../../src/panel/format';
import { ORG, signSearchToken } from './server';

/** A script snippet with no spaces and no double quotes (it must fit in an unquoted or double-quoted attribute). */
export function beacon(origin: string, where: string): string {
  return `fetch('${origin}/pwned?where=${where}',{mode:'no-cors'});console.log('PWNED_${where}');(window.__pwned=window.__pwned||[]).push('${where}')`;
}

/** The payload shapes, each tagged so a report says which field ran. */
export function payloads(origin: string) {
  const b = (where: string) => beacon(origin, where);
  return {
    img: (where: string) => `<img src=x onerror="${b(where)}">`,
    script: (where: string) => `<script>${b(where)}</script>`,
    svg: (where: string) => `"><svg onload=${b(where)}>`,
    js: (where: string) => `javascript:${b(where)}//`,
    template: (where: string) => `{{constructor.constructor("${b(where)}")()}}`,
    textarea: (where: string) => `</textarea><img src=x onerror=${b(where)}>`,
  };
}

/** Hub values made of odd Unicode: RTL override, zero-width joiners, combining marks, emoji, NUL, controls, ANSI. */
export const ODD_HUB =
  'Shop\u202Egnp.exe\u202C\u200D\u200Bzw\u200D 👩\u200D💻 Z\u0337\u0322\u034Ea\u0338l\u0336 \u0000nul\u0007bel\u0008\u001b[31mRED\u001b[0m\u001b]0;title\u0007 ﷽';

export interface HostileCall {
  /** Stable label (the test finds the call's row by it). */
  label: string;
  url: string;
  headers: Record<string, string>;
  /** The body as text (sent as is), or bytes (sent as a Uint8Array), or JSON text padded past `padTo` characters in the page. */
  body: { text: string } | { bytes: number[] } | { jsonPrefix: string; padTo: number };
}

export interface HostileTraffic {
  calls: HostileCall[];
  /** Full tokens the page sends, so the test can check none is shown unrevealed. */
  tokens: string[];
  /** The end of the opaque Authorization value (the whole header is the credential). */
  opaqueSecret: string;
  /** Literal strings each call's detail pane must show as text, by label. */
  expectText: Record<string, string[]>;
  /** How each call is analysed, by label, and a substring of its request hub that names it. */
  expectCall: Record<string, { kind: 'search' | 'querySuggest'; verdict: string; hubIncludes: string }>;
}

const enc = (bytes: string): number[] => [...Buffer.from(bytes, 'utf8')];

/** The hostile calls, built in Node (tokens are signed here) and replayed by the page. */
export function hostileTraffic(shopOrigin: string, platformOrigin: string): HostileTraffic {
  const p = payloads(shopOrigin);
  const search = `${platformOrigin}/rest/search/v2`;
  const suggest = `${platformOrigin}/rest/search/v2/querySuggest`;
  const json = { 'Content-Type': 'application/json' };
  const bearer = (token: string) => ({ ...json, Authorization: `Bearer ${token}` });

  // 1. Every claim, body field and URL parameter carries markup.
  const claimsToken = signSearchToken({
    searchHub: p.img('claim-hub'),
    pipeline: p.svg('claim-pipeline'),
    organization: `${ORG}${p.script('claim-org')}`,
    userIds: [{ name: p.textarea('claim-userid'), provider: p.svg('claim-provider'), type: 'User' }],
    filter: p.template('claim-filter'),
    homepage: p.js('claim-extra'),
    [`<b onmouseover="${beacon(shopOrigin, 'claim-key')}">key</b>`]: 'claim with a markup name',
  });
  const markupBody = {
    q: p.script('body-q'),
    searchHub: p.img('body-hub'),
    pipeline: p.svg('body-pipeline'),
    tab: p.js('body-tab'),
    locale: 'en',
    numberOfResults: 10,
  };
  const markupUrl = `${search}?organizationId=${ORG}&searchHub=${encodeURIComponent(p.svg('url-hub'))}&tab=${encodeURIComponent(p.textarea('url-tab'))}`;

  // 2. A query-suggest call whose hub (claim and body) is odd Unicode; lone surrogates written as JSON escapes.
  const oddToken = signSearchToken({ searchHub: ODD_HUB, pipeline: `\u202E${p.img('odd-pipeline')}`, note: 'lone \ud800 surrogate' });
  const oddBody = JSON.stringify({ q: `\u202E${p.img('qs-q')}`, searchHub: ODD_HUB, count: 5, tab: 'TABMARK' }).replace(
    'TABMARK',
    `\\ud800${p.svg('qs-tab').replace(/"/g, '\\"')}\\udfff`,
  );

  // 3. A ~1 MB search token: a JWT with a huge claim (and a hub claim with markup).
  const bigToken = signSearchToken({ searchHub: `Big${p.img('big-hub')}`, blob: `${p.script('big-blob')}${'A'.repeat(760_000)}` });

  // 4. A body over 1 MB (the analysis reads it up to its limit): hub first, so the fallback scan finds it.
  const plainToken = signSearchToken(); // no searchHub claim: the body's hub is all there is
  const bigBodyPrefix = JSON.stringify({ searchHub: p.img('bigbody-hub'), q: p.script('bigbody-q'), padding: 'PAD' }).replace('PAD"}', '');

  // 5. Invalid UTF-8 bytes in a JSON body.
  const bytes = [
    ...enc('{"searchHub":"bytes'),
    0xff,
    0xfe,
    0xc3,
    0x28,
    0xed,
    0xa0,
    0x80,
    ...enc(`${p.img('bytes-hub').replace(/"/g, '\\"')}","q":"`),
    0xc0,
    0xaf,
    0x80,
    ...enc(`${p.textarea('bytes-q')}"}`),
  ];

  // 6. A query-suggest call with markup in the body hub and no hub claim.
  // 7. An Authorization header made of markup (not a Bearer token: an opaque credential, fingerprinted).
  const authScheme = `"><svg/onload=${beacon(shopOrigin, 'auth-scheme')}>`;

  const calls: HostileCall[] = [
    { label: 'markup', url: markupUrl, headers: bearer(claimsToken), body: { text: JSON.stringify(markupBody) } },
    { label: 'odd-unicode', url: `${suggest}?organizationId=${ORG}`, headers: bearer(oddToken), body: { text: oddBody } },
    {
      label: 'big-token',
      url: `${search}?organizationId=${ORG}`,
      headers: bearer(bigToken),
      body: { text: JSON.stringify({ q: 'big token', searchHub: 'BigTokenHub' }) },
    },
    { label: 'big-body', url: `${search}?organizationId=${ORG}`, headers: bearer(plainToken), body: { jsonPrefix: bigBodyPrefix, padTo: 1_100_000 } },
    { label: 'bad-utf8', url: `${search}?organizationId=${ORG}`, headers: bearer(plainToken), body: { bytes } },
    {
      label: 'qs-markup',
      url: `${suggest}?organizationId=${ORG}&q=${encodeURIComponent(p.template('qs-url-q'))}`,
      headers: bearer(plainToken),
      body: { text: JSON.stringify({ q: p.textarea('qs2-q'), searchHub: p.svg('qs2-hub'), count: 5 }) },
    },
    {
      label: 'auth-scheme',
      url: `${search}?organizationId=${ORG}`,
      headers: { ...json, Authorization: `${authScheme} opaque-value-1234` },
      body: { text: JSON.stringify({ q: 'scheme', searchHub: 'SchemeHub' }) },
    },
  ];

  return {
    calls,
    tokens: [claimsToken, oddToken, bigToken, plainToken],
    opaqueSecret: 'opaque-value-1234',
    expectText: {
      markup: [
        p.img('claim-hub'),
        p.img('body-hub'),
        p.script('body-q'),
        p.svg('body-pipeline'),
        p.svg('claim-pipeline'),
        p.js('body-tab'),
        p.svg('url-hub'), // in the hub-conflict finding
        `${ORG}${p.script('claim-org')}`,
        p.template('claim-filter'),
        p.js('claim-extra'),
        `<b onmouseover="${beacon(shopOrigin, 'claim-key')}">key</b>`,
        '</textarea><img src=x onerror=',
      ],
      // The panel shows hidden and reordering characters as visible markers (⟨U+202E⟩...), never raw.
      'odd-unicode': [ODD_HUB, '\u202E<img src=x onerror=', `\ud800${p.svg('qs-tab')}\udfff`, 'lone \ud800 surrogate'].map(visible),
      'big-token': ['Big<img src=x onerror=', 'chars, truncated'],
      'big-body': [p.img('bigbody-hub'), 'was read up to 1000000 (truncated)'],
      'bad-utf8': ['bytes', '<img src=x onerror='],
      'qs-markup': [p.svg('qs2-hub'), p.textarea('qs2-q')],
      'auth-scheme': ['"><s…(', 'SchemeHub'],
    },
    expectCall: {
      markup: { kind: 'search', verdict: 'enforced', hubIncludes: 'where=body-hub' },
      'odd-unicode': { kind: 'querySuggest', verdict: 'enforced', hubIncludes: 'gnp.exe' },
      'big-token': { kind: 'search', verdict: 'enforced', hubIncludes: 'BigTokenHub' },
      'big-body': { kind: 'search', verdict: 'unenforced', hubIncludes: 'where=bigbody-hub' },
      'bad-utf8': { kind: 'search', verdict: 'unenforced', hubIncludes: 'where=bytes-hub' },
      'qs-markup': { kind: 'querySuggest', verdict: 'unenforced', hubIncludes: 'where=qs2-hub' },
      'auth-scheme': { kind: 'search', verdict: 'unverifiable', hubIncludes: 'SchemeHub' },
    },
  };
}

/** The page: `window.runHostile()` replays the calls one by one (statuses back); `window.runControl()` runs one payload in its own DOM. */
export function hostilePage(traffic: HostileTraffic, shopOrigin: string): string {
  const config = JSON.stringify({ calls: traffic.calls, control: payloads(shopOrigin).img('page-control') })
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Hostile shop</title></head>
<body>
<h1>Hostile shop</h1>
<div id="sink"></div>
<script>
const CONFIG = ${config};
function bodyOf(body) {
  if ('bytes' in body) return new Uint8Array(body.bytes);
  if ('jsonPrefix' in body) return body.jsonPrefix + 'x'.repeat(Math.max(0, body.padTo - body.jsonPrefix.length)) + '"}';
  return body.text;
}
window.runHostile = async () => {
  const out = [];
  for (const call of CONFIG.calls) {
    try {
      const response = await fetch(call.url, { method: 'POST', headers: call.headers, body: bodyOf(call.body) });
      await response.text();
      out.push({ label: call.label, status: response.status });
    } catch (error) {
      out.push({ label: call.label, error: String(error) });
    }
  }
  return out;
};
// The control: the same kind of payload, given to this page's own DOM as HTML, does run.
window.runControl = () => { document.getElementById('sink').innerHTML = CONFIG.control; };
</script>
</body></html>`;
}
