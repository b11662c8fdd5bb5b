// The README shows the panel through docs/screenshots/*.png, which `npm run screenshots` takes from the e2e harness
// (scripts/screenshots/readme.shots.ts). Every image the README names must exist and be one the script writes,
// so a renamed or dropped shot cannot leave the README pointing at a stale or missing picture.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const readme = readFileSync(resolve(ROOT, 'README.md'), 'utf8');
const script = readFileSync(resolve(ROOT, 'scripts/screenshots/readme.shots.ts'), 'utf8');

describe('README screenshots', () => {
  const named = [...readme.matchAll(/\]\((docs\/screenshots\/([\w-]+)\.png)\)/g)].map((m) => ({ path: m[1] as string, name: m[2] as string }));
  const written = [...script.matchAll(/shoot\(tab, '([\w-]+)'\)/g)].map((m) => m[1]);

  it('names the pass, fail-with-detail and dark-theme shots', () => {
    expect(named.map((n) => n.name).sort()).toEqual(['panel-dark', 'panel-fail-detail', 'panel-pass']);
  });

  it('every image exists, is a PNG, and is one the screenshot script writes', () => {
    for (const { path, name } of named) {
      const bytes = readFileSync(resolve(ROOT, path));
      expect(bytes.subarray(1, 4).toString('latin1'), path).toBe('PNG');
      expect(written, `${name} is not written by scripts/screenshots/readme.shots.ts`).toContain(name);
    }
    expect(named.every(({ path }) => existsSync(resolve(ROOT, path)))).toBe(true);
  });
});
