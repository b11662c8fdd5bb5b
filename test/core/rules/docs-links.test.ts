// Every rule links to the Coveo page that documents what it checks: a real docs.coveo.com URL, not one page for all.
import { describe, expect, it } from 'vitest';
import { RULES } from '../../../src/core/rules';

describe('rule documentation links', () => {
  it('every rule has an https docs.coveo.com link', () => {
    for (const rule of RULES) expect(rule.docs, rule.id).toMatch(/^https:\/\/docs\.coveo\.com\/en\/[0-9a-z]+(\/[a-z0-9-]+)*\/?$/);
  });

  it('the links are not all the same page, and rules about different things link to different pages', () => {
    const pages = new Set(RULES.map((r) => r.docs.replace(/^https:\/\/docs\.coveo\.com\/en\/([0-9a-z]+).*$/, '$1')));
    expect(pages.size).toBeGreaterThanOrEqual(8);
    const docs = (id: string) => RULES.find((r) => r.id === id)?.docs;
    expect(docs('api-key-in-client')).not.toBe(docs('token-missing-search-hub'));
    expect(docs('no-search-hub')).not.toBe(docs('pipeline-in-request'));
    expect(docs('suggestions-not-enforced')).toMatch(/docs\.coveo\.com\/en\/3386/);
    expect(docs('view-all-content-requested')).toMatch(/docs\.coveo\.com\/en\/1707/);
  });
});
