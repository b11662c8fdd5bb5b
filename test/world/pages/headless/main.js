// The Headless demo page: a plain-DOM search UI on @coveo/headless (bundled by esbuild).
import { buildSearchEngine, buildSearchBox, buildResultList, buildInteractiveResult, buildFacet, buildPager, buildQuerySummary } from '@coveo/headless';

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const scenario = params.get('scenario') || 'token-hub';
const analyticsMode = params.get('analytics') === 'next' ? 'next' : 'legacy';

function el(tag, text, attrs = {}) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

async function credential(renew) {
  const r = await fetch(`/api/credential?scenario=${encodeURIComponent(scenario)}${renew ? '&renew=1' : ''}`);
  if (!r.ok) throw new Error(`credential endpoint answered ${r.status}`);
  return r.json();
}

/** Seeds coveo.analytics' actions history (localStorage) so Headless sends `n` entries in `actionsHistory`. */
function seedHistory(n) {
  const now = Date.now();
  const entries = Array.from({ length: n }, (_, i) => ({
    name: 'Query',
    value: `trail running shoes waterproof breathable size ${i} wide fit for long alpine hikes in wet weather, men and women`,
    time: JSON.stringify(new Date(now - (n - i) * 60_000)),
  }));
  try {
    localStorage.setItem('__coveo.analytics.history', JSON.stringify(entries));
  } catch {
    // storage disabled: no history
  }
}

async function main() {
  const cfg = await credential(false);
  if (cfg.historyEntries) seedHistory(cfg.historyEntries);
  const proxyBase = `${location.origin}/proxy`;
  const configuration = {
    organizationId: cfg.organizationId,
    // Headless requires a non-empty token; behind the proxy the page strips it before sending (see preprocessRequest).
    accessToken: cfg.proxy ? 'proxy-placeholder' : cfg.accessToken,
    renewAccessToken: async () => (await credential(true)).accessToken,
    search: { searchHub: cfg.searchHub, ...(cfg.pipeline ? { pipeline: cfg.pipeline } : {}) },
    analytics: { analyticsMode },
  };
  if (cfg.proxy) {
    configuration.search.proxyBaseUrl = cfg.searchProxyPath ? `${location.origin}${cfg.searchProxyPath}` : `${proxyBase}/rest/search/v2`;
    configuration.analytics.proxyBaseUrl = `${proxyBase}/rest/ua`;
    configuration.preprocessRequest = (request) => {
      const headers = new Headers(request.headers || {});
      headers.delete('Authorization');
      let body = request.body;
      if (typeof body === 'string' && body.includes('proxy-placeholder')) {
        try {
          const parsed = JSON.parse(body);
          if (parsed.searchContext) delete parsed.searchContext.accessToken;
          delete parsed.accessToken;
          body = JSON.stringify(parsed);
        } catch {
          // not JSON: leave it
        }
      }
      const out = { ...request, headers: Object.fromEntries(headers.entries()) };
      if (body !== undefined) out.body = body;
      return out;
    };
  }
  const engine = buildSearchEngine({ configuration, loggerOptions: { level: 'warn' } });

  const searchBox = buildSearchBox(engine, { options: { numberOfSuggestions: 5, id: 'main-search-box' } });
  const fieldsToInclude = Array.from({ length: cfg.fieldsToInclude || 0 }, (_, i) => `shopfield${String(i).padStart(2, '0')}`);
  const resultList = buildResultList(engine, fieldsToInclude.length ? { options: { fieldsToInclude } } : undefined);
  const facet = buildFacet(engine, { options: { field: 'source', facetId: 'source', numberOfValues: 5 } });
  const pager = buildPager(engine, { options: { numberOfPages: 3 } });
  const summary = buildQuerySummary(engine);

  const box = $('search-box');
  box.addEventListener('input', () => searchBox.updateText(box.value));
  box.addEventListener('focus', () => searchBox.showSuggestions());
  $('search-form').addEventListener('submit', (e) => {
    e.preventDefault();
    searchBox.updateText(box.value);
    searchBox.submit();
  });
  searchBox.subscribe(() => {
    const list = $('suggestions');
    list.replaceChildren(
      ...searchBox.state.suggestions.map((s, i) => {
        const li = el('li', s.rawValue, { id: `suggestion-${i}`, 'data-value': s.rawValue });
        li.addEventListener('click', () => {
          box.value = s.rawValue;
          searchBox.selectSuggestion(s.rawValue);
        });
        return li;
      }),
    );
  });

  resultList.subscribe(() => {
    const list = $('results');
    list.replaceChildren(
      ...resultList.state.results.map((result, i) => {
        const li = el('li', undefined, { class: 'result' });
        const a = el('a', result.title, { href: result.clickUri, id: `result-${i}`, 'data-unique-id': result.uniqueId });
        const interactive = buildInteractiveResult(engine, { options: { result } });
        a.addEventListener('click', (e) => {
          e.preventDefault(); // stay on the page: the click is logged, the document is not opened
          interactive.select();
          $('status').textContent = `opened ${result.title}`;
        });
        li.append(a);
        return li;
      }),
    );
    if (resultList.state.firstSearchExecuted) {
      document.body.dataset.searches = String(Number(document.body.dataset.searches || 0) + 1);
    }
  });

  summary.subscribe(() => {
    const s = summary.state;
    $('summary').textContent = s.hasResults ? `Results ${s.firstResult}-${s.lastResult} of ${s.total}` : '';
    if (s.firstSearchExecuted) $('status').textContent = s.hasError ? 'search error' : 'ready';
    if (s.firstSearchExecuted) document.body.dataset.ready = 'true';
  });

  facet.subscribe(() => {
    const values = $('facet-values');
    values.replaceChildren(
      ...facet.state.values.map((v, i) => {
        const li = el('li', `${v.value} (${v.numberOfResults})`, { id: `facet-value-${i}` });
        li.addEventListener('click', () => facet.toggleSelect(v));
        return li;
      }),
    );
    const found = $('facet-search-results');
    found.replaceChildren(
      ...facet.state.facetSearch.values.map((v, i) => {
        const li = el('li', `${v.displayValue} (${v.count})`, { id: `facet-search-result-${i}` });
        li.addEventListener('click', () => facet.facetSearch.select(v));
        return li;
      }),
    );
  });
  const facetBox = $('facet-search-box');
  facetBox.addEventListener('input', () => {
    facet.facetSearch.updateText(facetBox.value);
    facet.facetSearch.search();
  });

  pager.subscribe(() => {
    const nav = $('pager');
    nav.replaceChildren(
      ...pager.state.currentPages.map((n) => {
        const b = el('button', String(n), { id: `page-${n}`, type: 'button' });
        b.addEventListener('click', () => pager.selectPage(n));
        return b;
      }),
    );
  });

  engine.executeFirstSearch();
}

main().catch((e) => {
  $('status').textContent = `error: ${e?.message ? e.message : String(e)}`;
});
