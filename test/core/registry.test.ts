import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/core/rules';

const here = fileURLToPath(new URL('.', import.meta.url));

describe('rule registry', () => {
  it('has unique kebab-case ids', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  it('explains every rule: title, why, what to do, Coveo documentation link', () => {
    for (const rule of RULES) {
      expect(['error', 'warning', 'info']).toContain(rule.severity);
      expect(rule.title.length).toBeGreaterThan(5);
      expect(rule.why).toMatch(/\.$/);
      expect(rule.fix.length).toBeGreaterThan(10);
      // Coveo article ids are numeric (/en/1707) or short codes (/en/o7qa1002).
      expect(rule.docs).toMatch(/^https:\/\/docs\.coveo\.com\/en\/[a-z0-9]+(\/[\w-]+)*\/?$/);
    }
  });

  it('keeps the published rule ids of the first release', () => {
    const ids = new Set(RULES.map((r) => r.id));
    for (const id of [
      'token-missing-search-hub',
      'no-search-hub',
      'api-key-in-client',
      'search-hub-mismatch',
      'token-expired',
      'token-long-lived',
      'credential-in-url',
      'no-credential',
      'token-minted-in-browser',
      'unknown-credential',
      'organization-mismatch',
      'admin-call-from-browser',
      'view-all-content-requested',
      'suggestions-not-enforced',
    ])
      expect(ids.has(id), id).toBe(true);
  });

  it('has one test file per rule', () => {
    for (const rule of RULES) expect(existsSync(`${here}rules/${rule.id}.test.ts`), `${rule.id}.test.ts`).toBe(true);
  });

  it('is documented: the README lists every rule with its severity', () => {
    const readme = readFileSync(`${here}../../README.md`, 'utf8');
    for (const rule of RULES) expect(readme, rule.id).toContain(`| \`${rule.id}\` | ${rule.severity} | ${rule.scope} |`);
  });
});
