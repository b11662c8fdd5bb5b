import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeEntries, analyzeEntry } from '../../src/core/analyze';
import { buildReport } from '../../src/core/report-model';
import { API_KEY, makeJwt, searchToken } from '../helpers/coveo';

const header = fc.record({ name: fc.oneof(fc.constantFrom('Authorization', 'authorization', 'Content-Type', 'X'), fc.string()), value: fc.string() });
const coveoUrl = fc.constantFrom(
  'https://acmeprod.org.coveo.com/rest/search/v2?organizationId=acmeprod',
  'https://platform.cloud.coveo.com/rest/search/v2/querySuggest',
  'https://platform.cloud.coveo.com/rest/search/v2/facet',
  'https://analytics.cloud.coveo.com/rest/ua/v15/analytics/click',
  'https://www.example.com/coveo/rest/v2',
  'https://platform.cloud.coveo.com/rest/organizations/o/sources',
);
const url = fc.oneof(
  coveoUrl,
  fc.webUrl(),
  fc.string(),
  coveoUrl.map((u) => `${u}${u.includes('?') ? '&' : '?'}access_token=`),
);
const anyJson = fc.jsonValue().map((v) => JSON.stringify(v));

const entryShaped = fc.record(
  {
    startedDateTime: fc.oneof(
      fc.string(),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    ),
    request: fc.record(
      {
        method: fc.oneof(fc.constantFrom('GET', 'POST', 'OPTIONS', 'put'), fc.string()),
        url,
        headers: fc.array(header, { maxLength: 4 }),
        postData: fc.record(
          { mimeType: fc.oneof(fc.constantFrom('application/json', 'application/x-www-form-urlencoded'), fc.string()), text: fc.oneof(fc.string(), anyJson) },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: ['url'] },
    ),
    response: fc.record(
      {
        status: fc.integer(),
        content: fc.record({ text: fc.oneof(fc.string(), anyJson), encoding: fc.constantFrom('base64', undefined) }, { requiredKeys: [] }),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ['request'] },
);

/** Any JSON-ish value where the HAR format says "string" (or "number"): no field's type may break a call's analysis. */
const oddValue = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.string(), { maxLength: 2 }),
  fc.object({ maxDepth: 1 }),
);
const oddHeader = fc.record({
  name: fc.oneof(fc.constantFrom('Authorization', 'authorization', 'Content-Type'), oddValue),
  value: fc.oneof(fc.constant(`Bearer ${searchToken({ searchHub: 'A' })}`), oddValue),
});
const oddEntry = fc.record(
  {
    startedDateTime: oddValue,
    time: oddValue,
    request: fc.record(
      {
        method: fc.oneof(fc.constantFrom('POST', 'GET'), oddValue),
        url: coveoUrl,
        headers: fc.array(fc.oneof(oddHeader, oddValue), { maxLength: 4 }),
        queryString: fc.oneof(fc.array(oddHeader, { maxLength: 2 }), oddValue),
        postData: fc.oneof(
          fc.record(
            {
              mimeType: oddValue,
              text: fc.oneof(anyJson, oddValue),
              params: fc.oneof(fc.array(fc.oneof(fc.record({ name: oddValue, value: oddValue }), oddValue), { maxLength: 3 }), oddValue),
            },
            { requiredKeys: [] },
          ),
          oddValue,
        ),
      },
      { requiredKeys: ['url'] },
    ),
    response: fc.oneof(
      fc.record(
        {
          status: oddValue,
          headers: fc.oneof(fc.array(oddHeader, { maxLength: 2 }), oddValue),
          content: fc.oneof(
            fc.record({ text: fc.oneof(anyJson, oddValue), encoding: oddValue, mimeType: oddValue, size: oddValue }, { requiredKeys: [] }),
            oddValue,
          ),
        },
        { requiredKeys: [] },
      ),
      oddValue,
    ),
    _resourceType: oddValue,
  },
  { requiredKeys: ['request'] },
);

describe('properties', () => {
  it('no field\'s type can break a call\'s analysis: no call ever carries an "analysis failed" note (issue 9, item 9)', () => {
    fc.assert(
      fc.property(fc.oneof(entryShaped, oddEntry), (e) => {
        const call = analyzeEntry(e);
        expect(call?.notes.some((n) => n.startsWith('analysis failed')) ?? false).toBe(false);
        for (const c of analyzeEntries([e]).calls) expect(c.notes.filter((n) => n.startsWith('analysis failed'))).toEqual([]);
      }),
      { numRuns: 600 },
    );
  });

  it('never throws on arbitrary entry-shaped input (or any value at all)', () => {
    fc.assert(
      fc.property(fc.oneof(entryShaped, fc.anything()), (e) => {
        analyzeEntry(e);
        analyzeEntries([e]);
      }),
      { numRuns: 400 },
    );
  });

  const secret = fc.oneof(
    fc.uuid().map((u) => `xx${u}`),
    fc
      .dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.jsonValue(), { maxKeys: 4 })
      .map((claims) => makeJwt({ v8: true, roles: ['queryExecutor'], ...claims })),
    fc.string({ minLength: 1, maxLength: 12 }).map((hub) => searchToken({ searchHub: hub })),
    fc.constant(API_KEY),
    fc.base64String({ minLength: 24, maxLength: 64 }),
  );

  it('never echoes a credential it was given, wherever it travelled', () => {
    fc.assert(
      fc.property(secret, coveoUrl, fc.constantFrom('header', 'url', 'form', 'context', 'basic'), (value, base, where) => {
        const headers =
          where === 'header'
            ? [{ name: 'Authorization', value: `Bearer ${value}` }]
            : where === 'basic'
              ? [{ name: 'Authorization', value: `Basic ${value}` }]
              : [];
        const u = where === 'url' ? `${base}${base.includes('?') ? '&' : '?'}access_token=${encodeURIComponent(value)}` : base;
        const text =
          where === 'form'
            ? `access_token=${encodeURIComponent(value)}&searchHub=x`
            : JSON.stringify({ searchHub: 'x', searchContext: where === 'context' ? { accessToken: value } : {} });
        const e = {
          startedDateTime: '2026-11-24T10:00:00.000Z',
          request: {
            method: 'POST',
            url: u,
            headers,
            postData: { mimeType: where === 'form' ? 'application/x-www-form-urlencoded' : 'application/json', text },
          },
        };
        const report = buildReport([analyzeEntries([e], 'p')]);
        const out = JSON.stringify(report);
        expect(out.includes(value)).toBe(false);
        expect(out.includes(encodeURIComponent(value))).toBe(false);
      }),
      { numRuns: 400 },
    );
  });
});
