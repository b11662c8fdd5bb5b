import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeHar } from '../../src/core/report-model';

const load = (name: string) => readFileSync(new URL(`../fixtures/exports/${name}`, import.meta.url), 'utf8');

describe('HAR files exported by browsers', () => {
  it('Chrome 156 export: preflights and assets ignored, verdicts per call', () => {
    const report = analyzeHar(load('chrome-156.har'), 'chrome-156.har');
    expect(report.calls.map((c) => [c.kind, c.verdict])).toEqual([
      ['search', 'enforced'],
      ['querySuggest', 'unenforced'],
      ['analytics', 'not-applicable'],
    ]);
    expect(report.calls[0]?.response.pipeline).toBe('public-pipeline');
    expect(report.calls[2]?.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['api-key-in-client', 'credential-in-beacon-url']));
    expect(report.summary.verdict).toBe('fail');
    expect(report.pageFindings.map((f) => f.rule)).toContain('suggestions-not-enforced');
  });

  it('Firefox 153 export: form params with empty text, header case as sent, +00:00 times', () => {
    const report = analyzeHar(load('firefox-153.har'), 'firefox-153.har');
    expect(report.calls.map((c) => [c.kind, c.verdict, c.searchHub.effective])).toEqual([
      ['search', 'unverifiable', 'Legacy'],
      ['facetSearch', 'enforced', 'ACMEPublic'],
    ]);
    expect(report.calls[0]?.credential).toMatchObject({ type: 'api-key', location: 'authorization-header' });
    expect(report.summary.verdict).toBe('review');
    expect(report.sources[0]).toMatchObject({ entries: 3, coveoCalls: 2, malformed: [] });
  });

  it('says what was tested: page title and URL, browser, HAR creator, capture span', () => {
    const chromeReport = analyzeHar(load('chrome-156.har'), 'chrome-156.har');
    const chrome = chromeReport.sources[0]!;
    // Chrome writes the page URL as the page title.
    expect(chrome.page).toEqual({ url: 'https://www.example.com/search', title: 'https://www.example.com/search' });
    expect(chrome.creator).toEqual({ name: 'WebInspector', version: '537.36' });
    expect(chrome.browser).toBeNull();
    // The capture span: the first and last Coveo call of the source.
    expect(chrome.capturedFrom).toBe(new Date(chromeReport.calls[0]!.startedDateTime!).toISOString());
    expect(chrome.capturedTo).toBe(new Date(chromeReport.calls.at(-1)!.startedDateTime!).toISOString());
    expect(Date.parse(chrome.capturedTo!)).toBeGreaterThan(Date.parse(chrome.capturedFrom!));
    const firefox = analyzeHar(load('firefox-153.har'), 'firefox-153.har').sources[0]!;
    expect(firefox.page?.title).toBe('Search');
    expect(firefox.browser).toEqual({ name: 'Firefox', version: '153.0' });
  });

  it('takes the page URL from the document entry or a Referer, with credentials redacted', () => {
    const key = 'xx564559b1-0045-48e1-953c-3addd1ee4457';
    const har = {
      log: {
        version: '1.2',
        creator: { name: 't', version: '1' },
        pages: [{ title: 'Shop' }],
        entries: [
          {
            request: {
              method: 'POST',
              url: 'https://x.org.coveo.com/rest/search/v2',
              headers: [{ name: 'Referer', value: `https://shop.example/s?access_token=${key}` }],
            },
          },
        ],
      },
    };
    const page = analyzeHar(har, 'h').sources[0]!.page!;
    expect(page.title).toBe('Shop');
    expect(page.url).toMatch(/^https:\/\/shop\.example\/s\?access_token=/);
    expect(page.url).not.toContain(key);
    const doc = {
      log: { ...har.log, entries: [{ _resourceType: 'document', request: { method: 'GET', url: 'https://shop.example/home' } }, ...har.log.entries] },
    };
    expect(analyzeHar(doc, 'h').sources[0]!.page!.url).toBe('https://shop.example/home');
  });
});
