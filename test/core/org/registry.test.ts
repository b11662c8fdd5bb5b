import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ORG_RULES } from '../../../src/core/org/rules';
import { RULES } from '../../../src/core/rules';

describe('organization rule registry', () => {
  it("stable, unique kebab-case ids, distinct from check's, each explained, linked and tested", () => {
    const ids = ORG_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of ORG_RULES) {
      expect(r.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(RULES.map((x) => x.id)).not.toContain(r.id);
      expect(['error', 'warning', 'info']).toContain(r.severity);
      expect(r.why.length).toBeGreaterThan(30);
      expect(r.fix.length).toBeGreaterThan(20);
      expect(r.docs).toMatch(/^https:\/\/docs\.coveo\.com\//);
      expect(existsSync(resolve(__dirname, 'rules', `${r.id}.test.ts`)), `test for ${r.id}`).toBe(true);
    }
  });

  it("the issue's rules are all there with their severities", () => {
    const sev = Object.fromEntries(ORG_RULES.map((r) => [r.id, r.severity]));
    expect(sev).toMatchObject({
      'pipeline-without-hub-condition': expect.any(String),
      'pipeline-negative-hub-condition': expect.any(String),
      'pipeline-condition-shadowed': expect.any(String),
      'pipeline-filter-not-on-cq': expect.any(String),
      'split-test-filter-differs': expect.any(String),
      'api-key-hub-not-enforced': 'error',
      'api-key-impersonation-unscoped': 'error',
      'api-key-client-overprivileged': 'error',
      'api-key-exposed': 'error',
      'api-key-multi-purpose': 'warning',
      'api-key-no-description': 'warning',
      'api-key-unused': 'warning',
      'api-key-disabled': 'info',
      'api-key-no-ip-restriction': 'info',
    });
  });

  it('is documented: the README lists every organization rule with its severity', () => {
    const readme = readFileSync(resolve(__dirname, '../../../README.md'), 'utf8');
    for (const r of ORG_RULES) expect(readme, r.id).toContain(`| \`${r.id}\` | ${r.severity} |`);
  });

  it('stays pure: no Node API and no runtime import of the Platform API client in src/core/org', () => {
    const root = resolve(__dirname, '../../../src/core/org');
    const files = [...readdirSync(root).map((f) => resolve(root, f)), ...readdirSync(resolve(root, 'rules')).map((f) => resolve(root, 'rules', f))].filter(
      (f) => f.endsWith('.ts'),
    );
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/from '(node:|fs|path|http)/);
      expect(text, file).not.toMatch(/import (?!type)[^;]*'@coveo\/platform-client'/);
    }
  });
});
