// The JS Search Framework (coveo-search-ui) demo page: credential from the shop, endpoint on platform.cloud.coveo.com.
(() => {
  var params = new URLSearchParams(location.search);
  var scenario = params.get('scenario') || 'api-key';
  var status = document.getElementById('status');
  // Stay on the page when a result is opened (its click is still logged), like the Headless demo page.
  document.addEventListener(
    'click',
    (e) => {
      var a = e.target?.closest ? e.target.closest('a') : null;
      if (a && a.href.indexOf(`${location.origin}/docs/`) === 0) {
        e.preventDefault();
        status.textContent = `opened ${a.textContent.trim()}`;
      }
    },
    true,
  );
  function credential(renew) {
    return fetch(`/api/credential?scenario=${encodeURIComponent(scenario)}${renew ? '&renew=1' : ''}`).then((r) => {
      if (!r.ok) throw new Error(`credential endpoint answered ${r.status}`);
      return r.json();
    });
  }
  credential(false)
    .then((cfg) => {
      Coveo.SearchEndpoint.configureCloudV2Endpoint(cfg.organizationId, cfg.accessToken, 'https://platform.cloud.coveo.com/rest/search', {
        renewAccessToken: () => credential(true).then((c) => c.accessToken),
      });
      var root = document.getElementById('search');
      root.querySelector('.CoveoAnalytics').setAttribute('data-search-hub', cfg.searchHub);
      Coveo.$$(root).on('querySuccess', () => {
        document.body.dataset.searches = String(Number(document.body.dataset.searches || 0) + 1);
        document.body.dataset.ready = 'true';
        status.textContent = 'ready';
      });
      Coveo.$$(root).on('queryError', () => {
        status.textContent = 'search error';
      });
      Coveo.init(root);
    })
    .catch((e) => {
      status.textContent = `error: ${e?.message ? e.message : String(e)}`;
    });
})();
