// The Atomic demo page: credential from the shop, then atomic-search-interface.initialize().
const params = new URLSearchParams(location.search);
const scenario = params.get('scenario') || 'token-hub';
const status = document.getElementById('status');

async function credential(renew) {
  const r = await fetch(`/api/credential?scenario=${encodeURIComponent(scenario)}${renew ? '&renew=1' : ''}`);
  if (!r.ok) throw new Error(`credential endpoint answered ${r.status}`);
  return r.json();
}

// Stay on the page when a result is opened (its click is still logged), like the Headless demo page.
document.addEventListener(
  'click',
  (e) => {
    const a = e.composedPath().find((n) => n instanceof HTMLAnchorElement);
    if (a?.href.startsWith(`${location.origin}/docs/`)) {
      e.preventDefault();
      status.textContent = `opened ${a.textContent.trim()}`;
    }
  },
  true,
);

try {
  const cfg = await credential(false);
  await customElements.whenDefined('atomic-search-interface');
  const si = document.getElementById('search');
  si.setAttribute('search-hub', cfg.searchHub);
  await si.initialize({
    organizationId: cfg.organizationId,
    accessToken: cfg.accessToken,
    renewAccessToken: async () => (await credential(true)).accessToken,
  });
  si.engine.subscribe(() => {
    const s = si.engine.state.search;
    if (s?.response?.searchUid) {
      document.body.dataset.ready = 'true';
      status.textContent = 'ready';
    }
  });
  await si.executeFirstSearch();
} catch (e) {
  status.textContent = `error: ${e?.message ? e.message : String(e)}`;
}
