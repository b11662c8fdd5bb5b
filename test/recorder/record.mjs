// Records HAR fixtures of the real Coveo clients talking to the test world.
//   node test/recorder/record.mjs [filter]     (filter: substring of a fixture name, e.g. "headless" or "api-key")
// Launches Debian Chromium headless with puppeteer-core, drives each page, builds a HAR 1.2 from CDP Network events
// and writes test/fixtures/recorded/<client>-<scenario>[-<variant>].har plus README.md.
import { mkdtempSync, rmSync, writeFileSync, readFileSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { startWorld, buildPages } from '../world/server.mjs';
import { clientVersions } from '../world/build-pages.mjs';
import { summarizeHar, expectationsFor } from './classify.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const OUT_DIR = join(ROOT, 'test', 'fixtures', 'recorded');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Every recording: client, scenario, optional variant (query parameters added to the page URL). */
export const RUNS = [
  ...['token-hub', 'token-nohub', 'token-pipeline', 'token-expired', 'token-mismatch', 'api-key', 'proxy'].map((scenario) => ({
    client: 'headless',
    scenario,
    query: { analytics: 'legacy' },
  })),
  { client: 'headless', scenario: 'token-hub', variant: 'next', query: { analytics: 'next' } },
  { client: 'search-ui', scenario: 'api-key' },
  { client: 'search-ui', scenario: 'token-hub' },
  // search-ui does not read the token's exp: it sends the expired token, gets 419 and renews (Headless renews first).
  { client: 'search-ui', scenario: 'token-expired' },
  // search-ui sends the page's own body hub (AgentPanel) next to a token whose claim says ACMEPublic: a real mismatch.
  // (Headless and Atomic copy the token's claim into the body, so their token-mismatch requests agree.)
  { client: 'search-ui', scenario: 'token-mismatch' },
  { client: 'atomic', scenario: 'token-hub' },
];

export function runName(run) {
  return `${run.client}-${run.scenario}${run.variant ? `-${run.variant}` : ''}`;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// HAR capture from CDP Network events

const BODY_TYPES = new Set(['XHR', 'Fetch']);
const STATIC_TYPES = new Set(['script', 'stylesheet', 'font', 'image']);

function headerList(obj) {
  return Object.entries(obj || {}).flatMap(([name, value]) =>
    String(value)
      .split('\n')
      .map((v) => ({ name, value: v })),
  );
}

function findHeader(headers, name) {
  const h = headers.find((x) => x.name.toLowerCase() === name);
  return h ? h.value : undefined;
}

class HarCapture {
  constructor(cdp) {
    this.cdp = cdp;
    this.requests = new Map();
    this.done = [];
    this.inflight = new Set();
    this.pending = [];
    this.lastActivity = Date.now();
    const on = (ev, fn) =>
      cdp.on(ev, (p) => {
        this.lastActivity = Date.now();
        try {
          fn(p);
        } catch (e) {
          console.error(`  capture error on ${ev}: ${e.message}`);
        }
      });
    on('Network.requestWillBeSent', (p) => this.onRequest(p));
    on('Network.requestWillBeSentExtraInfo', (p) => {
      const r = this.requests.get(p.requestId);
      if (r) r.extraHeaders = p.headers;
      else this.requests.set(p.requestId, { earlyExtraHeaders: p.headers });
    });
    on('Network.responseReceived', (p) => {
      const r = this.requests.get(p.requestId);
      if (!r?.url) return;
      r.response = p.response;
      r.type = p.type || r.type;
    });
    on('Network.responseReceivedExtraInfo', (p) => {
      const r = this.requests.get(p.requestId);
      if (r) r.extraResponseHeaders = p.headers;
      else this.requests.set(p.requestId, { earlyExtraResponseHeaders: p.headers });
    });
    on('Network.loadingFinished', (p) => this.pending.push(this.finish(p.requestId, p.timestamp, null)));
    on('Network.loadingFailed', (p) => this.pending.push(this.finish(p.requestId, p.timestamp, p.errorText || 'failed')));
  }

  onRequest(p) {
    const prev = this.requests.get(p.requestId);
    if (prev?.url && p.redirectResponse) {
      // A redirect reuses the request id: close the previous hop with the redirect response.
      prev.response = p.redirectResponse;
      this.done.push(this.toEntry(prev, p.timestamp, null, undefined));
    }
    const r = {
      url: p.request.url,
      method: p.request.method,
      headers: p.request.headers,
      postData: p.request.postData,
      hasPostData: p.request.hasPostData,
      type: p.type,
      wallTime: p.wallTime,
      timestamp: p.timestamp,
      extraHeaders: prev && !prev.url ? prev.earlyExtraHeaders : undefined,
      extraResponseHeaders: prev && !prev.url ? prev.earlyExtraResponseHeaders : undefined,
    };
    this.requests.set(p.requestId, r);
    this.inflight.add(p.requestId);
  }

  async finish(requestId, timestamp, error) {
    const r = this.requests.get(requestId);
    this.inflight.delete(requestId);
    if (!r?.url) return;
    this.requests.delete(requestId);
    if (r.url.startsWith('data:') || r.url.startsWith('chrome-extension:')) return;
    if (r.hasPostData && r.postData === undefined) {
      try {
        r.postData = (await this.cdp.send('Network.getRequestPostData', { requestId })).postData;
      } catch {
        // body no longer available
      }
    }
    let body;
    if (!error && BODY_TYPES.has(r.type)) {
      try {
        body = await this.cdp.send('Network.getResponseBody', { requestId });
      } catch {
        body = undefined;
      }
    }
    this.done.push(this.toEntry(r, timestamp, error, body));
  }

  toEntry(r, endTs, error, body) {
    const reqHeaders = headerList(r.extraHeaders || r.headers);
    const res = r.response;
    const resHeaders = headerList(r.extraResponseHeaders || res?.headers);
    const url = new URL(r.url);
    const entry = {
      startedDateTime: new Date(Math.round((r.wallTime || Date.now() / 1000) * 1000)).toISOString(),
      time: Math.max(0, Math.round(((endTs || r.timestamp) - r.timestamp) * 1000)),
      request: {
        method: r.method,
        url: r.url,
        httpVersion: 'HTTP/1.1',
        headers: reqHeaders,
        queryString: [...url.searchParams].map(([name, value]) => ({ name, value })),
        cookies: [],
        headersSize: -1,
        bodySize: r.postData ? Buffer.byteLength(r.postData) : 0,
      },
      response: {
        status: error ? 0 : res ? res.status : 0,
        statusText: error ? '' : res ? res.statusText || '' : '',
        httpVersion: 'HTTP/1.1',
        headers: error ? [] : resHeaders,
        cookies: [],
        content: {
          size: body ? Buffer.byteLength(body.body, body.base64Encoded ? 'base64' : 'utf8') : 0,
          mimeType: res?.mimeType || 'x-unknown',
        },
        redirectURL: (res && findHeader(resHeaders, 'location')) || '',
        headersSize: -1,
        bodySize: -1,
      },
      cache: {},
      timings: { send: 0, wait: Math.max(0, Math.round(((endTs || r.timestamp) - r.timestamp) * 1000)), receive: 0 },
      _resourceType: String(r.type || 'other').toLowerCase(),
    };
    if (error) entry._error = error;
    if (r.postData !== undefined) {
      entry.request.postData = {
        mimeType: findHeader(reqHeaders, 'content-type') || '',
        text: r.postData,
      };
    }
    if (STATIC_TYPES.has(entry._resourceType)) {
      // Keep fixtures small: page assets (Atomic alone loads ~170 scripts) keep their URL, status and type only.
      entry.request.headers = [];
      entry.response.headers = resHeaders.filter((h) => /^content-type$/i.test(h.name));
      entry._trimmed = true;
    }
    if (body) {
      entry.response.content.text = body.body;
      if (body.base64Encoded) entry.response.content.encoding = 'base64';
    }
    return entry;
  }

  /** Waits until no request has been in flight for `quietMs` (at most `maxMs`). */
  async settle(quietMs = 600, maxMs = 8000) {
    const start = Date.now();
    while (Date.now() - start < maxMs) {
      if (this.inflight.size === 0 && Date.now() - this.lastActivity >= quietMs) break;
      await sleep(100);
    }
    await Promise.all(this.pending);
  }

  entries() {
    return [...this.done].sort((a, b) => a.startedDateTime.localeCompare(b.startedDateTime));
  }
}

// ---------------------------------------------------------------------------------------------
// Driving the pages

async function tryStep(label, fn, log) {
  try {
    await fn();
    log.push(`${label}: ok`);
  } catch (e) {
    log.push(`${label}: skipped (${String(e?.message).split('\n')[0]})`);
  }
}

const DRIVERS = {
  async headless(page, cap, log) {
    await page.waitForFunction(() => document.body.dataset.ready === 'true', { timeout: 20000, polling: 100 });
    await cap.settle();
    await tryStep(
      'query suggestions',
      async () => {
        await page.click('#search-box');
        await page.type('#search-box', 'tra', { delay: 120 });
        await page.waitForSelector('#suggestion-0', { timeout: 5000 });
      },
      log,
    );
    await cap.settle();
    await tryStep(
      'search',
      async () => {
        const before = Number(await page.evaluate(() => document.body.dataset.searches || 0));
        await page.type('#search-box', 'il', { delay: 60 });
        await page.keyboard.press('Enter');
        await page.waitForFunction((n) => Number(document.body.dataset.searches || 0) > n, { timeout: 8000, polling: 100 }, before);
      },
      log,
    );
    await cap.settle();
    await tryStep(
      'facet search',
      async () => {
        await page.type('#facet-search-box', 'cat', { delay: 80 });
        await page.waitForSelector('#facet-search-result-0', { timeout: 5000 });
      },
      log,
    );
    await cap.settle();
    await tryStep(
      'open result',
      async () => {
        await page.click('#result-0');
        await page.waitForFunction(() => /opened/.test(document.getElementById('status')?.textContent || ''), { timeout: 5000, polling: 100 });
      },
      log,
    );
  },

  async 'search-ui'(page, cap, log) {
    await page.waitForFunction(() => document.body.dataset.ready === 'true', { timeout: 20000, polling: 100 });
    await cap.settle();
    const input = '.CoveoSearchbox input';
    // No facet search step: search-ui's Facet search box stays hidden in this layout (and search-ui's facet search
    // is a /rest/search/v2 call with a groupBy, not a /facet call, so it adds no new call kind).
    await tryStep(
      'query suggestions',
      async () => {
        await page.click(input);
        await page.type(input, 'tra', { delay: 150 });
        await page.waitForSelector('.coveo-omnibox-selectable', { timeout: 5000 });
      },
      log,
    );
    await cap.settle();
    await tryStep(
      'search',
      async () => {
        const before = Number(await page.evaluate(() => document.body.dataset.searches || 0));
        await page.type(input, 'il', { delay: 60 });
        await page.keyboard.press('Enter');
        await page.waitForFunction((n) => Number(document.body.dataset.searches || 0) > n, { timeout: 8000, polling: 100 }, before);
      },
      log,
    );
    await cap.settle();
    await tryStep(
      'open result',
      async () => {
        await page.click('.CoveoResultLink');
        await page.waitForFunction(() => /opened/.test(document.getElementById('status')?.textContent || ''), { timeout: 5000, polling: 100 });
      },
      log,
    );
  },

  async atomic(page, cap, log) {
    await page.waitForFunction(() => document.body.dataset.ready === 'true', { timeout: 25000, polling: 100 });
    await cap.settle(800);
    const box = 'atomic-search-box >>> textarea, atomic-search-box >>> input';
    // Facet search first: the unfiltered first search is the one with more source values than shown.
    await tryStep(
      'facet search',
      async () => {
        const search = await page.waitForSelector('atomic-facet >>> input[part~="search-input"]', { timeout: 3000 });
        await search.type('cat', { delay: 80 });
        await sleep(800);
      },
      log,
    );
    await cap.settle();
    await tryStep(
      'query suggestions',
      async () => {
        await page.waitForSelector(box, { timeout: 5000 });
        await page.click(box);
        await page.type(box, 'tra', { delay: 150 });
        await sleep(800);
      },
      log,
    );
    await cap.settle();
    await tryStep(
      'search',
      async () => {
        await page.type(box, 'il', { delay: 60 });
        await page.keyboard.press('Enter');
        await sleep(800);
      },
      log,
    );
    await cap.settle();
    await tryStep(
      'open result',
      async () => {
        const link = await page.waitForSelector('atomic-result-list >>> atomic-result-link a', { timeout: 8000 });
        await link.click();
        await sleep(500);
      },
      log,
    );
  },
};

async function record(browser, world, run) {
  const page = await browser.newPage();
  const cdp = await page.createCDPSession();
  await cdp.send('Network.enable', { maxPostDataSize: 65536 });
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const cap = new HarCapture(cdp);
  const log = [];
  const consoleErrors = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text().slice(0, 200));
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e?.message).slice(0, 200)));
  const q = new URLSearchParams({ scenario: run.scenario, ...(run.query || {}) });
  const url = `${world.origin}/${run.client}/?${q}`;
  const started = new Date().toISOString();
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  let failure;
  try {
    await DRIVERS[run.client](page, cap, log);
  } catch (e) {
    failure = String(e?.message).split('\n')[0];
  }
  await cap.settle(800, 6000);
  const title = await page.title().catch(() => run.client);
  await page.close();
  const version = await browser.version();
  const har = {
    log: {
      version: '1.2',
      creator: { name: 'coveo-hub-inspector test recorder', version: '1' },
      browser: { name: 'Chromium', version: version.replace(/^.*\//, '') },
      pages: [{ startedDateTime: started, id: 'page_1', title: title || url, pageTimings: {} }],
      entries: cap.entries().map((e) => ({ pageref: 'page_1', ...e })),
    },
  };
  return { har, log, failure, consoleErrors, url };
}

// ---------------------------------------------------------------------------------------------

const LAUNCH_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
  '--disable-background-timer-throttling',
  '--ignore-certificate-errors',
];

async function main() {
  const filter = process.argv[2] || '';
  const runs = RUNS.filter((r) => runName(r).includes(filter));
  if (!runs.length) {
    console.error(`no recording matches "${filter}"; names: ${RUNS.map(runName).join(', ')}`);
    process.exit(2);
  }
  if (!existsSync(CHROMIUM)) {
    console.error(`Chromium not found at ${CHROMIUM}: sudo apt-get install chromium (or set CHROMIUM_PATH)`);
    process.exit(2);
  }
  await buildPages();
  const world = await startWorld();
  const profile = mkdtempSync(join(tmpdir(), 'chi-recorder-'));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    ignoreDefaultArgs: true,
    args: [...LAUNCH_FLAGS, `--user-data-dir=${profile}`, `--host-resolver-rules=${world.hostResolverRules}`, 'about:blank'],
  });
  mkdirSync(OUT_DIR, { recursive: true });
  const results = [];
  try {
    for (const run of runs) {
      const name = runName(run);
      const t0 = Date.now();
      const { har, log, failure, consoleErrors } = await record(browser, world, run);
      const file = join(OUT_DIR, `${name}.har`);
      writeFileSync(file, `${JSON.stringify(har, null, 2)}\n`);
      const summary = summarizeHar(har);
      results.push({ run, name, summary, log, failure });
      console.log(`${name}: ${har.log.entries.length} entries, Coveo calls ${JSON.stringify(summary.counts)} (${Date.now() - t0} ms)`);
      for (const l of log) console.log(`  ${l}`);
      if (failure) console.log(`  FAILED: ${failure}`);
      for (const c of consoleErrors.slice(0, 5)) console.log(`  console: ${c}`);
    }
    writeReadme(results, await browser.version());
  } finally {
    await browser.close();
    await world.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

function writeReadme(newResults, browserVersion) {
  // Re-summarise every fixture on disk, so a filtered run keeps the other rows.
  const v = clientVersions();
  const clientLabel = {
    headless: `@coveo/headless ${v.headless}`,
    'search-ui': `coveo-search-ui ${v.searchUi}`,
    atomic: `@coveo/atomic ${v.atomic} (with its pinned @coveo/headless ${v.atomicHeadless})`,
  };
  const rows = [];
  const notes = [];
  for (const run of RUNS) {
    const name = runName(run);
    const file = join(OUT_DIR, `${name}.har`);
    if (!existsSync(file)) continue;
    const har = JSON.parse(readFileSync(file, 'utf8'));
    const s = summarizeHar(har);
    const fresh = newResults.find((r) => r.name === name);
    const exp = expectationsFor(run.scenario);
    const counts = Object.entries(s.counts)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
    rows.push(
      `| \`${name}.har\` | ${clientLabel[run.client]}${run.query?.analytics ? `, analytics ${run.query.analytics}` : ''} | ${run.scenario} | ${counts || 'none'} | ${exp.search} | ${exp.other} |`,
    );
    if (fresh?.log.some((l) => l.includes('skipped'))) {
      notes.push(`- \`${name}\`: ${fresh.log.filter((l) => l.includes('skipped')).join('; ')}`);
    }
    if (s.statuses.length) notes.push(`- \`${name}\`: non-2xx Coveo responses: ${s.statuses.join(', ')}`);
  }
  const text = `# Recorded HAR fixtures

Recorded by \`node test/recorder/record.mjs [filter]\` from ${browserVersion} (headless, puppeteer-core) driving the
real Coveo clients on the test world's shop pages (\`test/world/\`), against the local Coveo stand-in. The HAR is
built from CDP Network events: request headers are the ones actually sent (\`Network.requestWillBeSentExtraInfo\`,
so \`Authorization\` is there), POST bodies, response status/headers, and response bodies for XHR/fetch only.
CORS preflights (\`OPTIONS\`, \`_resourceType: "preflight"\`) are kept, as DevTools reports them too.

All credentials in these files are test values: search tokens are HS256 JWTs signed with the test world's secret
(org \`acmeprod\`), API keys are made up (\`${'xx7c3e9a51-…'}\` in the page, \`xx0a1b2c3d-…\` added by the proxy server-side).

Scenarios (\`/api/credential?scenario=\` mints the page's credential server-side):
- **token-hub**: search token with \`searchHub: "ACMEPublic"\`, page hub ACMEPublic.
- **token-nohub**: search token without hub or pipeline claim, page hub ACMEPublic in the body only.
- **token-pipeline**: search token with \`pipeline: "public-pipeline"\` only.
- **token-expired**: the first token (claim hub ACMEPublic) is expired, so Coveo answers 419; the client renews
  (\`renewAccessToken\`) and gets a valid token with the same claims.
- **token-mismatch**: token claim hub ACMEPublic, the page configures body hub AgentPanel. Headless copies the
  token's claim into its own state (jwt middleware), so the body may already say ACMEPublic; the stand-in routes by
  the claim either way (response \`pipeline: "public-pipeline"\`).
- **api-key**: API key \`xx…\` in the page, hub in the body only.
- **proxy**: no credential in the browser; Headless posts to \`https://shop.example.test/proxy/rest/search/v2…\`
  (\`search.proxyBaseUrl\`) and \`/proxy/rest/ua…\` (\`analytics.proxyBaseUrl\`); the shop adds an API key server-side.

Expected verdict per Coveo call, from the credential (the hub-routed calls are search, querySuggest, facetSearch,
html, plan, values; analytics/events are not routed by the hub):

| fixture | client | scenario | Coveo calls seen (kind count) | search / querySuggest / facetSearch | analytics / events |
| --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

Counts exclude CORS preflights and non-Coveo traffic (page, scripts, \`/api/credential\`). "kind" here comes from the
recorder's own small classifier (\`test/recorder/classify.mjs\`), not from \`src/core\`.

Client behaviour these fixtures show (worth a test each):
- Headless and Atomic decode the search token and copy its \`searchHub\` into the body, so in \`headless-token-mismatch\`
  the body hub is ACMEPublic like the claim; only \`search-ui-token-mismatch\` has a real mismatch (body AgentPanel,
  claim ACMEPublic, response \`pipeline: "public-pipeline"\`).
- Headless reads the token's \`exp\` and renews before sending: \`headless-token-expired\` has no 419 (the expired
  token only appears in the \`/api/credential\` response, then \`/api/credential?...&renew=1\`). search-ui does not:
  \`search-ui-token-expired\` has one search answered 419, then the renewed token's calls.
- Facet search bodies (Headless, Atomic) repeat the token as \`searchContext.accessToken\`.
- Click events go out as \`navigator.sendBeacon\` (\`_resourceType: "ping"\`) with the credential in the URL
  (\`?access_token=\`): legacy \`/rest/v15/analytics/click\`, search-ui \`/rest/ua/v15/analytics/click\`, Event
  Protocol \`/rest/organizations/acmeprod/events/v1\`.
- \`headless-proxy\`: Headless requires a non-empty \`accessToken\`, so the page configures \`proxy-placeholder\` and strips
  it from fetch calls in \`preprocessRequest\` (no \`Authorization\`, no \`searchContext.accessToken\`); the analytics
  click beacon bypasses \`preprocessRequest\` and carries \`access_token=proxy-placeholder\` in its URL to the proxy.
- Atomic in its default analytics mode ("next") logs no search event from the browser, only the result click.
- search-ui has no facet-search step (its Facet search box stays hidden in this layout; it would be a
  \`/rest/search/v2\` call with a \`groupBy\` anyway).
- Page assets (\`script\`, \`stylesheet\`, \`font\`, \`image\`) are trimmed to URL, status and content type
  (\`_trimmed: true\`) to keep the files small; Atomic loads about 170 scripts.

Notes from the last recording:
${notes.length ? notes.join('\n') : '- none'}
`;
  writeFileSync(join(OUT_DIR, 'README.md'), text);
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  main().catch((e) => {
    console.error(`recorder failed: ${e?.message ? e.message : e}`);
    process.exit(1);
  });
}
