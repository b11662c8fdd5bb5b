// HTTP helpers of the world server: answers, request bodies (JSON or form), CORS.

export function send(res, status, body, headers = {}) {
  const isString = typeof body === 'string' || Buffer.isBuffer(body);
  const payload = body === undefined ? '' : isString ? body : JSON.stringify(body);
  const h = { ...headers };
  if (!isString && body !== undefined && !h['content-type']) h['content-type'] = 'application/json; charset=utf-8';
  res.writeHead(status, h);
  res.end(payload);
}

export function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const JSON_FORM_FIELDS = new Set([
  'facets',
  'groupBy',
  'categoryFacets',
  'context',
  'actionsHistory',
  'analytics',
  'facetOptions',
  'commerce',
  'dictionaryFieldContext',
  'queryFunctions',
  'rankingFunctions',
  'userActions',
  'fieldsToInclude',
  'fieldsToExclude',
  'searchContext',
  'clickEvent',
  'customEvent',
  'searchEvent',
  'viewEvent',
]);

/** Parses a JSON or form-urlencoded body into `{ data, form }` (form fields that hold JSON are decoded). */
export function parseBody(text, contentType = '') {
  const trimmed = text.trim();
  if (!trimmed) return { data: {}, form: false };
  const looksJson = trimmed.startsWith('{') || trimmed.startsWith('[');
  if (contentType.includes('json') || (looksJson && !contentType.includes('form'))) {
    try {
      return { data: JSON.parse(trimmed), form: false };
    } catch {
      return { data: {}, form: false };
    }
  }
  const data = {};
  for (const [k, v] of new URLSearchParams(trimmed)) {
    let value = v;
    if (JSON_FORM_FIELDS.has(k) || /^[[{]/.test(v)) {
      try {
        value = JSON.parse(v);
      } catch {
        value = v;
      }
    }
    data[k] = value;
  }
  return { data, form: true };
}

export function corsHeaders(req) {
  const origin = req.headers.origin;
  const h = { vary: 'Origin' };
  if (origin) {
    h['access-control-allow-origin'] = origin;
    h['access-control-allow-credentials'] = 'true';
  } else {
    h['access-control-allow-origin'] = '*';
  }
  return h;
}

export function preflight(req, res) {
  const requested = String(req.headers['access-control-request-headers'] || '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const allowed = new Set(['authorization', 'content-type', ...requested]);
  send(res, 204, undefined, {
    ...corsHeaders(req),
    'access-control-allow-methods': 'GET, POST, PUT, DELETE, OPTIONS',
    'access-control-allow-headers': [...allowed].join(', '),
    'access-control-max-age': '0',
  });
}
