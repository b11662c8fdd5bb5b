// The checks behind the Playwright matchers, on reports the core builds from the recorded fixtures (no browser).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeHar } from '../../src/core/index';
import { checkAllEnforced, checkCallKinds, checkNoFindings, checkNoUnenforced, checkVerdict } from '../../src/playwright/matchers';
import { summarizeAudit } from '../../src/cli/audit-report';

const load = (name: string) => analyzeHar(readFileSync(new URL(`../fixtures/recorded/${name}`, import.meta.url), 'utf8'), name);
const FULL_SECRET = /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}|xx[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

describe('matcher checks', () => {
  const hub = load('headless-token-hub.har');
  const nohub = load('headless-token-nohub.har');
  const apiKey = load('search-ui-api-key.har');

  it('toHaveVerdict: passes on the right verdict, lists offending calls with findings otherwise', () => {
    expect(checkVerdict(hub, 'pass').pass).toBe(true);
    expect(checkVerdict(hub, ['review', 'pass']).pass).toBe(true);
    const bad = checkVerdict(nohub, 'pass');
    expect(bad.pass).toBe(false);
    expect(bad.actual).toMatch(/^fail \(/);
    const text = bad.details.join('\n');
    expect(text).toMatch(/c\d+ search UNENFORCED hub=ACMEPublic \[request only\] search-token eyJhbGci…/);
    expect(text).toMatch(/error token-missing-search-hub: /);
    expect(text).not.toMatch(FULL_SECRET);
    // Only calls that explain the verdict: no enforced call without findings is listed.
    expect(checkVerdict(hub, 'fail').details.filter((l) => / ENFORCED /.test(l))).toEqual([]);
  });

  it('toHaveNoUnenforcedCalls: unverifiable API-key calls are not unenforced', () => {
    expect(checkNoUnenforced(hub).pass).toBe(true);
    expect(checkNoUnenforced(apiKey).pass).toBe(true);
    const bad = checkNoUnenforced(nohub);
    expect(bad.pass).toBe(false);
    expect(bad.details.join('\n')).not.toMatch(/NOT-APPLICABLE/);
  });

  it('toHaveOnlyEnforcedCalls: an API key (unverifiable) does not pass; nothing recorded does not pass', () => {
    expect(checkAllEnforced(hub).pass).toBe(true);
    const key = checkAllEnforced(apiKey);
    expect(key.pass).toBe(false);
    expect(key.details.join('\n')).toMatch(/UNVERIFIABLE .* api-key xx7c…6b5c/);
    expect(key.details.join('\n')).not.toMatch(FULL_SECRET);
    const empty = checkAllEnforced(analyzeHar({ log: { entries: [] } }));
    expect(empty.pass).toBe(false);
    expect(empty.details.join('\n')).toMatch(/no hub-routed call/);
  });

  it('toHaveNoFindings: by severity', () => {
    expect(checkNoFindings(hub, 'warning').pass).toBe(true);
    expect(checkNoFindings(apiKey, 'warning').pass).toBe(false);
    expect(checkNoFindings(apiKey, 'error').pass).toBe(true);
  });

  it('toHaveCoveoCalls: names the missing kinds', () => {
    expect(checkCallKinds(hub).pass).toBe(true);
    const r = checkCallKinds(hub, ['search', 'commerce']);
    expect(r.pass).toBe(false);
    expect(r.actual).toMatch(/missing: commerce/);
  });
});

describe('audit overall verdict', () => {
  it('fails on any fail, error or empty page; review on review; pass only when all pass', () => {
    expect(summarizeAudit([{ verdict: 'pass' }, { verdict: 'pass' }]).verdict).toBe('pass');
    expect(summarizeAudit([{ verdict: 'pass' }, { verdict: 'review' }]).verdict).toBe('review');
    expect(summarizeAudit([{ verdict: 'pass' }, { verdict: 'empty' }]).verdict).toBe('fail');
    expect(summarizeAudit([{ verdict: 'pass' }, { verdict: 'error' }]).verdict).toBe('fail');
    const s = summarizeAudit([{ verdict: 'fail' }, { verdict: 'error' }, { verdict: 'review' }]);
    expect(s.verdict).toBe('fail');
    expect(s.reason).toBe('1 failed, 1 could not be audited, 1 to review (of 3 page(s)).');
    expect(s.counts).toEqual({ pass: 0, review: 1, fail: 1, empty: 0, error: 1 });
  });
});
