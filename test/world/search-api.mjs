// The Search API stand-in (/rest/search/v2/...): search, query suggestions, facet search and the other endpoints
// the clients call, answered from the catalog for the pipeline the query was routed to.
import { randomUUID } from 'node:crypto';
import { CATALOG, facetValuesFor, makeResult, visibleCatalog } from './catalog.mjs';
import { mintSearchToken } from './credentials.mjs';

export function searchResponse(request, pipeline) {
  const q = typeof request.q === 'string' ? request.q.trim().toLowerCase() : '';
  let docs = visibleCatalog(pipeline);
  if (q) {
    const words = q.split(/\s+/);
    const matching = docs.filter((d) => words.some((w) => d.title.toLowerCase().includes(w)));
    if (matching.length) docs = matching;
  }
  const first = Number(request.firstResult) || 0;
  const size = Number(request.numberOfResults) || 10;
  const page = docs.slice(first, first + size);
  const facets = Array.isArray(request.facets)
    ? request.facets.map((f) => {
        const all = facetValuesFor(docs, f.field);
        const n = Number(f.numberOfValues) > 0 ? Number(f.numberOfValues) : all.length;
        return {
          facetId: f.facetId ?? f.field,
          field: f.field,
          moreValuesAvailable: all.length > n,
          indexScore: 0.5,
          values: all.slice(0, n).map(([value, count]) => ({ value, state: 'idle', numberOfResults: count })),
        };
      })
    : [];
  const groupByResults = Array.isArray(request.groupBy)
    ? request.groupBy.map((g) => ({
        field: String(g.field || '').replace(/^@/, ''),
        globalComputedFieldResults: [],
        values: facetValuesFor(docs, g.field)
          .slice(0, Number(g.maximumNumberOfValues) > 0 ? Number(g.maximumNumberOfValues) : undefined)
          .map(([value, n]) => ({
            value,
            lookupValue: value,
            numberOfResults: n,
            score: n,
            valueType: 'Standard',
            computedFieldResults: [],
          })),
      }))
    : [];
  return {
    totalCount: docs.length,
    totalCountFiltered: docs.length,
    duration: 42,
    indexDuration: 12,
    requestDuration: 30,
    searchAPIDuration: 40,
    searchUid: randomUUID(),
    pipeline,
    apiVersion: 2,
    splitTestRun: '',
    basicExpression: q,
    advancedExpression: '',
    largeExpression: '',
    constantExpression: '',
    results: page.map((d) => makeResult(d, CATALOG.indexOf(d))),
    facets,
    groupByResults,
    categoryFacets: [],
    queryCorrections: [],
    triggers: [],
    termsToHighlight: {},
    phrasesToHighlight: {},
    suggestedFacets: [],
    extendedResults: {},
    warnings: [],
    questionAnswer: {
      documentId: { contentIdKey: '', contentIdValue: '' },
      question: '',
      answerSnippet: '',
      relatedQuestions: [],
      score: 0,
    },
  };
}

const SUGGESTIONS = ['trail shoes', 'trail running', 'travel backpack', 'returns policy', 'warranty claims'];

function querySuggestResponse(request) {
  const q = typeof request.q === 'string' ? request.q.toLowerCase() : '';
  const matching = SUGGESTIONS.filter((s) => !q || s.startsWith(q.slice(0, 2)));
  return {
    responseId: randomUUID(),
    completions: (matching.length ? matching : SUGGESTIONS.slice(0, 3)).map((s, i) => ({
      expression: s,
      highlighted: q && s.startsWith(q) ? `[${s.slice(0, q.length)}]{${s.slice(q.length)}}` : `{${s}}`,
      score: 100 - i,
      executableConfidence: i === 0 ? 1 : 0.5,
    })),
  };
}

function facetSearchResponse(request, pipeline) {
  const query = String(request.query || '')
    .replace(/\*/g, '')
    .toLowerCase();
  const values = facetValuesFor(visibleCatalog(pipeline), request.field)
    .filter(([v]) => !query || v.toLowerCase().includes(query))
    .map(([v, n]) => ({ displayValue: v, rawValue: v, count: n }));
  return { values, moreValuesAvailable: false };
}

/**
 * The answer of a Search API endpoint (`s`: the path from `/v2` on) for a request routed to `pipeline`; `debug`
 * (`{ executionReport }` or `{}`) goes on the answers that carry one.
 */
export async function searchApiAnswer(s, body, url, pipeline, debug) {
  if (s === '/v2') return { status: 200, body: { ...searchResponse(body, pipeline), ...debug } };
  if (s === '/v2/querySuggest') return { status: 200, body: querySuggestResponse(body) };
  if (s === '/v2/facet') return { status: 200, body: facetSearchResponse(body, pipeline) };
  if (s === '/v2/html') {
    const uid = body.uniqueId || url.searchParams.get('uniqueId') || 'unknown';
    return {
      status: 200,
      body: `<!doctype html><html><body><h1>Quickview</h1><p>${String(uid).replace(/[<>&"]/g, '')}</p></body></html>`,
      headers: { 'content-type': 'text/html; charset=utf-8' },
    };
  }
  if (s === '/v2/plan') {
    return {
      status: 200,
      body: { parsedInput: { basicExpression: body.q || '', largeExpression: '' }, preprocessingOutput: { triggers: [] }, pipeline, ...debug },
    };
  }
  if (s === '/v2/values') {
    return {
      status: 200,
      body: { values: facetValuesFor(visibleCatalog(pipeline), body.field).map(([v, n]) => ({ value: v, lookupValue: v, numberOfResults: n })) },
    };
  }
  if (s === '/v2/values/batch') {
    const reqs = Array.isArray(body.batch) ? body.batch : [];
    return {
      status: 200,
      body: {
        batch: reqs.map((r) => ({
          values: facetValuesFor(visibleCatalog(pipeline), r.field).map(([v, n]) => ({ value: v, lookupValue: v, numberOfResults: n })),
        })),
      },
    };
  }
  if (s === '/v2/fields') {
    return {
      status: 200,
      body: {
        fields: [
          { name: '@source', description: 'Source', type: 'String', groupByField: true, splitGroupByField: false },
          { name: '@filetype', description: 'File type', type: 'String', groupByField: true, splitGroupByField: false },
        ],
      },
    };
  }
  if (s === '/v2/token') {
    const token = await mintSearchToken({ searchHub: body.searchHub, pipeline: body.pipeline });
    return { status: 200, body: { token } };
  }
  return { status: 200, body: {} };
}
