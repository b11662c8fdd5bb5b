// Guards on the BUILT extension (dist/chrome, dist/firefox): run `node build.mjs` first (`npm test` does).
// These check what is shipped, not the sources: permissions, browser-specific manifest keys, pages
// that load only their own files, bundles with no network calls or dynamic code, and Mozilla's linter.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, inject, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const run = promisify(execFile);
const DIST = join(ROOT, 'dist');
const BROWSERS = ['chrome', 'firefox'] as const;
type Browser = (typeof BROWSERS)[number];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

function manifest(browser: Browser): Record<string, unknown> {
  return JSON.parse(readFileSync(join(DIST, browser, 'manifest.json'), 'utf8')) as Record<string, unknown>;
}

function builtFiles(browser: Browser, ext: string): string[] {
  return files(join(DIST, browser)).filter((f) => f.endsWith(ext));
}

beforeAll(() => {
  for (const browser of BROWSERS) {
    if (!existsSync(join(DIST, browser, 'manifest.json'))) {
      throw new Error(`dist/${browser} is missing: run "node build.mjs" first (npm test builds before testing)`);
    }
  }
});

describe.each(BROWSERS)('%s manifest', (browser) => {
  it("asks for no permission up front and runs nothing in pages; the only optional one is the probe's host access", () => {
    const m = manifest(browser);
    for (const key of ['permissions', 'optional_permissions', 'host_permissions', 'content_scripts', 'externally_connectable', 'web_accessible_resources']) {
      expect(m, `${browser} manifest must not declare ${key}`).not.toHaveProperty(key);
    }
    // Asked at the user's click, for one exact origin at a time (the routing probe): Coveo hosts, and any https
    // site for a call relayed by the site's own proxy.
    expect(m.optional_host_permissions).toEqual(['https://*.coveo.com/*', 'https://*/*']);
    // The background script is the probe's sender and nothing else.
    expect(m.background).toEqual(browser === 'chrome' ? { service_worker: 'background.js' } : { scripts: ['background.js'] });
  });

  it('has a store description of at most 132 characters', () => {
    const description = manifest(browser).description;
    expect(typeof description).toBe('string');
    expect([...(description as string)].length).toBeGreaterThan(20);
    expect([...(description as string)].length).toBeLessThanOrEqual(132);
  });

  it('is MV3, versioned from package.json, with a devtools page and icons that exist', () => {
    const m = manifest(browser);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(m.manifest_version).toBe(3);
    expect(m.name).toBe('Coveo Hub Inspector');
    expect(m.version).toBe(pkg.version);
    expect(m.devtools_page).toBe('devtools.html');
    expect(existsSync(join(DIST, browser, 'devtools.html'))).toBe(true);
    const icons = m.icons as Record<string, string>;
    expect(Object.keys(icons).sort()).toEqual(['128', '16', '32', '48']);
    for (const [size, path] of Object.entries(icons)) {
      const png = readFileSync(join(DIST, browser, path));
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(png.readUInt32BE(16), `${path} width`).toBe(Number(size));
    }
  });

  it('has a strict extension-page CSP (own scripts only, no plugins)', () => {
    const csp = (manifest(browser).content_security_policy as { extension_pages?: string } | undefined)?.extension_pages ?? '';
    const directives = new Map(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .filter((parts) => parts[0])
        .map((parts) => [parts[0] as string, parts.slice(1)]),
    );
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(["'self'", "'none'"]).toContain(directives.get('object-src')?.join(' '));
  });
});

describe('browser-specific manifest keys', () => {
  it('firefox declares its gecko id, minimum versions and no data collection', () => {
    const settings = manifest('firefox').browser_specific_settings as Record<string, Record<string, unknown>>;
    expect(settings.gecko?.id).toMatch(/^coveo-hub-inspector@[a-z0-9-]+(\.[a-z0-9-]+)+$/);
    expect(settings.gecko?.strict_min_version).toBe('140.0');
    expect(settings.gecko?.data_collection_permissions).toEqual({ required: ['none'] });
    expect(settings.gecko_android?.strict_min_version).toBe('142.0');
  });

  it('chrome carries no gecko keys (Chrome warns on them)', () => {
    const m = manifest('chrome');
    expect(m).not.toHaveProperty('browser_specific_settings');
    expect(JSON.stringify(m)).not.toMatch(/gecko/);
  });
});

describe.each(BROWSERS)('%s pages and bundles', (browser) => {
  it('HTML pages have no inline script or handler and load only relative paths', () => {
    const pages = builtFiles(browser, '.html');
    expect(pages.map((p) => relative(join(DIST, browser), p)).sort()).toEqual(['devtools.html', 'grant.html', 'panel.html']);
    for (const page of pages) {
      const html = readFileSync(page, 'utf8');
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)];
      expect(scripts.length, `${page} loads a script`).toBeGreaterThan(0);
      for (const [, attrs, body] of scripts) {
        expect(attrs, `${page}: every script has a src`).toMatch(/\bsrc\s*=/i);
        expect(attrs, `${page}: scripts are ES modules (the pages share a chunk)`).toMatch(/\btype\s*=\s*"module"/i);
        expect(body?.trim(), `${page}: inline script`).toBe('');
      }
      expect(html, `${page}: inline event handler`).not.toMatch(/\son[a-z]+\s*=/i);
      expect(html, `${page}: javascript: URL`).not.toMatch(/javascript:/i);
      const refs = [...html.matchAll(/\b(?:src|href)\s*=\s*["']?([^"'\s>]+)/gi)].map((m) => m[1] as string);
      expect(refs.length).toBeGreaterThan(0);
      for (const ref of refs) {
        expect(ref, `${page}: ${ref} must be a relative path`).toMatch(/^(?!\/\/)(?![a-z][a-z0-9+.-]*:)[\w./-]+$/i);
        expect(existsSync(join(DIST, browser, ref)), `${page}: ${ref} exists in the build`).toBe(true);
      }
    }
  });

  it('bundles make no network call and evaluate no strings as code', () => {
    const bundles = builtFiles(browser, '.js');
    const names = bundles.map((p) => relative(join(DIST, browser), p)).sort();
    // The three pages' modules, the core they share as one chunk, and the background script.
    expect(names).toHaveLength(5);
    expect(names.filter((n) => !['devtools.js', 'panel.js', 'grant.js', 'background.js'].includes(n))).toEqual([expect.stringMatching(/^shared-[\w-]+\.js$/)]);
    for (const bundle of bundles) {
      const js = readFileSync(bundle, 'utf8');
      const name = relative(join(DIST, browser), bundle);
      if (name === 'background.js') {
        // The probe's sender: one fetch, behind a permission check, and no import at all.
        expect(js.match(/\bfetch\s*\(/g)).toHaveLength(1);
        expect(js).toMatch(/permissions\.contains/);
        expect(js).not.toMatch(/(?:^|[;}\n])\s*import\b/);
        for (const forbidden of [
          /\bXMLHttpRequest\b/,
          /\bsendBeacon\b/,
          /\bWebSocket\b/,
          /\bEventSource\b/,
          /\bimportScripts\b/,
          /\beval\s*\(/,
          /\bnew\s+Function\s*\(/,
          /\bimport\s*\(/,
          /executeScript|inspectedWindow/,
        ]) {
          expect(js, `background.js contains ${forbidden}`).not.toMatch(forbidden);
        }
        continue;
      }
      // Static imports only, of the build's own files.
      for (const [, spec] of js.matchAll(/(?:^|[;}\n])\s*(?:import|export)\s*(?:\{[^}]*\}|\*(?:\s*as\s*[\w$]+)?|[\w$]+)?\s*(?:from\s*)?["']([^"']+)["']/g)) {
        expect(spec, `${relative(DIST, bundle)} imports ${spec}`).toMatch(/^\.\/shared-[\w-]+\.js$/);
        expect(existsSync(join(DIST, browser, spec as string))).toBe(true);
      }
      for (const forbidden of [
        /\bfetch\s*\(/,
        /\bXMLHttpRequest\b/,
        /\bsendBeacon\b/,
        /\bWebSocket\b/,
        /\bEventSource\b/,
        /\bimportScripts\b/,
        /\beval\s*\(/,
        /\bnew\s+Function\s*\(/,
        /\bimport\s*\(/,
      ]) {
        expect(js, `${relative(DIST, bundle)} contains ${forbidden}`).not.toMatch(forbidden);
      }
      // URLs may appear as text (documentation links, XML namespaces, the demo's example data),
      // never as something loaded: no remote script/style/image/frame URL in any string.
      const urls = [...js.matchAll(/https?:\/\/[^\s"'`)<>\\]+/g)].map((m) => m[0]);
      for (const url of urls) {
        const host = new URL(url).hostname;
        const allowed =
          host === 'docs.coveo.com' ||
          host === 'www.w3.org' ||
          /(^|\.)example(\.(com|org|net|test))?$/.test(host) ||
          /^demo[a-z0-9]*\.org\.coveo\.com$/.test(host);
        expect(allowed, `${relative(DIST, bundle)} mentions ${url}`).toBe(true);
      }
    }
  });

  it('ships no demo: the in-memory platform and canned traffic live in the demo page only (dist/demo)', () => {
    // Marks of src/devtools/fake-platform.ts and src/devtools/demo-entries.ts that survive minifying.
    const marks = ['www.acme.example', 'demo-signature-not-valid', 'DemoCommunity', 'demoorg'];
    const shipped = builtFiles(browser, '.js').map((f) => readFileSync(f, 'utf8'));
    expect(marks.filter((mark) => shipped.some((js) => js.includes(mark)))).toEqual([]);
    const demo = readFileSync(join(DIST, 'demo', 'demo.js'), 'utf8');
    expect(marks.filter((mark) => !demo.includes(mark))).toEqual([]);
    expect(readFileSync(join(DIST, 'demo', 'index.html'), 'utf8')).toMatch(/<script src="demo\.js"><\/script>/);
    expect(existsSync(join(DIST, 'demo', 'panel.css'))).toBe(true);
  });

  it('the release build compiles out the test-only state hook', () => {
    const panel = readFileSync(join(DIST, browser, 'panel.js'), 'utf8');
    expect(panel).not.toContain('__coveoHubState');
    expect(panel).not.toContain('__E2E__');
  });
});

describe('web-ext lint (Mozilla add-on linter)', () => {
  // Linted once in the project's global setup (test/build/web-ext-lint.setup.ts): no timing in this test.
  it("finds no error, and no warning but Preact's own innerHTML path", () => {
    type Message = { code: string; file?: string; message: string; line?: number; column?: number };
    const report = JSON.parse(inject('webExtLint')) as { errors: Message[]; warnings: Message[]; notices: Message[]; setupError?: string };
    expect(report.setupError).toBeUndefined();
    const show = (list: Message[]) => list.map((m) => `${m.code} ${m.file ?? ''}: ${m.message}`);
    expect(show(report.errors)).toEqual([]);
    // Accept UNSAFE_VAR_ASSIGNMENT only where the flagged code is Preact's dangerouslySetInnerHTML path
    // (our sources never use it): look at the bundle text just before the reported position.
    const panelLines = readFileSync(join(DIST, 'firefox', 'panel.js'), 'utf8').split('\n');
    const isPreactInnerHtml = (w: Message): boolean => {
      if (w.code !== 'UNSAFE_VAR_ASSIGNMENT' || w.file !== 'panel.js' || !w.line || w.column === undefined) return false;
      const before = (panelLines[w.line - 1] ?? '').slice(Math.max(0, w.column - 400), w.column + 40);
      return before.includes('"dangerouslySetInnerHTML"') && before.includes('.__html');
    };
    const unexpected = report.warnings.filter((w) => !isPreactInnerHtml(w));
    expect(show(unexpected)).toEqual([]);
  });
});

describe('build guard', () => {
  it('refuses a manifest description longer than the stores allow, in one line', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'chi-manifest-'));
    try {
      writeFileSync(join(dir, 'package.json'), '{"version":"9.9.9"}');
      writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ manifest_version: 3, description: 'x'.repeat(133) }));
      const script = `import('${pathToFileURL(join(ROOT, 'build.mjs')).href}').then((b) => { try { b.manifestFor('chrome'); console.log('accepted'); } catch (e) { console.log(e.message); } })`;
      const { stdout } = await run(process.execPath, ['-e', script], { cwd: dir });
      expect(stdout.trim()).toBe('manifest.json: description has 133 characters, the stores allow 132');
      writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ manifest_version: 3, description: 'x'.repeat(132) }));
      expect((await run(process.execPath, ['-e', script], { cwd: dir })).stdout.trim()).toBe('accepted');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
