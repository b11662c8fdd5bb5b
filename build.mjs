// Builds everything the product ships:
//  - dist/lib/index.mjs         the core, for `import {analyzeHar} from 'coveo-hub-inspector'`
//  - dist/cli/coveo-hub-inspector.mjs   the command line (`audit` loads playwright-core, a dependency, at run time)
//  - dist/playwright/index.mjs  `coveo-hub-inspector/playwright`: the @playwright/test fixture and matchers
//  - dist/chrome, dist/firefox  the extension, from the root manifest.json (see buildExtension)
//  - dist/demo                  the panel in a plain page over canned traffic (`npm run demo`); not in the extension
//  `node build.mjs --test [--target chrome|firefox] [--out-root DIR]`  only the e2e test build DIR/<browser>
//                                                    (default dist-test; __E2E__ = true)
//  `node build.mjs --package`                         the release build, then store zips in artifacts/
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const started = Date.now();

// What the Node entry points (CLI, Playwright fixture) share: one ES module each in dist/, for Node 20.
/** @type {import('esbuild').BuildOptions} */
const NODE_BUNDLE = { outdir: 'dist', outExtension: { '.js': '.mjs' }, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning' };

async function buildNode() {
  await esbuild.build({
    entryPoints: { 'lib/index': 'src/core/index.ts' },
    outdir: 'dist',
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'neutral',
    format: 'esm',
    target: 'es2022',
    logLevel: 'warning',
  });
  if (existsSync('src/cli/main.ts')) {
    await esbuild.build({
      ...NODE_BUNDLE,
      entryPoints: { 'cli/coveo-hub-inspector': 'src/cli/main.ts' },
      banner: { js: '#!/usr/bin/env node' },
      // Loaded at run time by `org` and `audit` only (dynamic imports), never bundled: check's start-up stays as is.
      external: ['@coveo/platform-client', 'playwright-core'],
    });
  }
  if (existsSync('src/playwright/index.ts')) {
    await esbuild.build({
      ...NODE_BUNDLE,
      entryPoints: { 'playwright/index': 'src/playwright/index.ts' },
      // The user's own @playwright/test (an optional peer) and playwright-core: one instance with their runner.
      external: ['@playwright/test', 'playwright-core'],
    });
  }
}

// ---- Type declarations ---------------------------------------------------------------------------
// dist/types: .d.ts files emitted by tsc from src/core (and the other library entry points), with every relative
// specifier given its file extension ('./types' -> './types.js', './rules' -> './rules/index.js') so that TypeScript
// users resolve them under `moduleResolution: nodenext` as well as `bundler`.
const TYPES_DIR = 'dist/types';

function emitTypes() {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.types.json'], { stdio: ['ignore', 'inherit', 'inherit'] });
  const walk = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(join(dir, d.name)) : [join(dir, d.name)]));
  for (const file of walk(TYPES_DIR).filter((f) => f.endsWith('.d.ts'))) {
    const dir = dirname(file);
    const text = readFileSync(file, 'utf8').replace(/(\bfrom\s*|\bimport\s*\(\s*|^\s*import\s*)(['"])(\.{1,2}\/[^'"]*)\2/gm, (whole, lead, quote, spec) => {
      if (/\.(m?js|json)$/.test(spec)) return whole;
      if (existsSync(join(dir, `${spec}.d.ts`))) return `${lead}${quote}${spec}.js${quote}`;
      if (existsSync(join(dir, spec, 'index.d.ts'))) return `${lead}${quote}${spec}/index.js${quote}`;
      throw new Error(`${file}: cannot resolve ${spec} for the published types`);
    });
    writeFileSync(file, text);
  }
}

// ---- Extension -------------------------------------------------------------------------------
// One source manifest (root manifest.json) and one static folder (public/) give two unpacked
// extensions: dist/chrome (no gecko keys: Chrome warns on them) and dist/firefox (gecko id and
// data-collection declaration, which AMO requires). `--test` builds the same into dist-test/ with
// __E2E__ = true, which lets the panel expose its state to the browser tests; the release build
// compiles that out.
export const GECKO_ID = 'coveo-hub-inspector@hub-inspector.dev';
const BROWSERS = {
  chrome: { target: 'chrome120' },
  firefox: { target: 'firefox140' },
};
/** The two DevTools pages: they share the core, so they are built together with one shared chunk. */
const ENTRIES = {
  devtools: 'src/devtools/devtools.ts',
  panel: 'src/panel/main.tsx',
};
/** Firefox's permission page: a few lines and the polyfill, built on its own (it shares nothing else). */
const GRANT = 'src/grant/main.ts';
/** The background script (the routing probe's sender): one classic script, imports bundled in, in both browsers. */
const BACKGROUND = 'src/background/background.ts';
const PANEL_CSS = 'src/panel/panel.css';

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** The manifest one browser gets: version from package.json, browser-specific keys only where they belong. */
// Chrome Web Store and AMO both cut a description past 132 characters; a longer one fails the build.
export const MAX_DESCRIPTION = 132;

export function manifestFor(browser) {
  const manifest = readJson('manifest.json');
  const description = manifest.description;
  if (typeof description !== 'string' || description.length === 0) throw new Error('manifest.json: description is missing');
  if ([...description].length > MAX_DESCRIPTION) {
    throw new Error(`manifest.json: description has ${[...description].length} characters, the stores allow ${MAX_DESCRIPTION}`);
  }
  manifest.version = readJson('package.json').version;
  delete manifest.browser_specific_settings;
  // Chrome runs the background as a service worker; Firefox MV3 as an event page's scripts.
  if (browser === 'firefox' && manifest.background) manifest.background = { scripts: [manifest.background.service_worker] };
  if (browser === 'firefox') {
    manifest.browser_specific_settings = {
      gecko: {
        id: GECKO_ID,
        strict_min_version: '140.0',
        data_collection_permissions: { required: ['none'] },
      },
      gecko_android: { strict_min_version: '142.0' },
    };
  }
  return manifest;
}

async function buildOneExtension(browser, outDir, e2e) {
  for (const file of [...Object.values(ENTRIES), GRANT, BACKGROUND, PANEL_CSS, 'manifest.json', 'public']) {
    if (!existsSync(file)) throw new Error(`missing ${file}: the extension needs it`);
  }
  // Build into a scratch folder, then swap it in: a browser test never sees a half-written extension.
  const scratch = `${outDir}.tmp-${process.pid}`;
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  cpSync('public', scratch, { recursive: true });
  writeFileSync(join(scratch, 'manifest.json'), `${JSON.stringify(manifestFor(browser), null, 2)}\n`);
  /** @type {import('esbuild').BuildOptions} */
  const common = {
    outdir: scratch,
    bundle: true,
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    target: BROWSERS[browser].target,
    logLevel: 'warning',
  };
  // ES modules with code splitting: the core, which both pages need (capture in the devtools page, HAR import in
  // the panel), ships once as a shared chunk instead of twice. MV3 pages load them with
  // <script type="module"> (no inline script); static imports only, nothing is loaded at run time.
  await esbuild.build({
    ...common,
    entryPoints: ENTRIES,
    format: 'esm',
    splitting: true,
    chunkNames: 'shared-[hash]',
    platform: 'browser',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    define: { __E2E__: e2e ? 'true' : 'false' },
  });
  await esbuild.build({ ...common, entryPoints: { grant: GRANT }, format: 'esm', platform: 'browser' });
  await esbuild.build({ ...common, entryPoints: { panel: PANEL_CSS } });
  await esbuild.build({ ...common, entryPoints: { background: BACKGROUND }, format: 'iife', platform: 'browser' });
  // The three pages' own scripts, the background and one shared chunk; anything else is a build change worth noticing.
  const scripts = readdirSync(scratch).filter((f) => f.endsWith('.js'));
  if (scripts.length > 5) throw new Error(`expected devtools.js, panel.js, grant.js, background.js and one shared chunk, got ${scripts.join(', ')}`);
  rmSync(outDir, { recursive: true, force: true });
  renameSync(scratch, outDir);
}

export async function buildExtension({ outRoot = 'dist', e2e = false, browsers = Object.keys(BROWSERS) } = {}) {
  mkdirSync(outRoot, { recursive: true });
  for (const browser of browsers) await buildOneExtension(browser, join(outRoot, browser), e2e);
}

// ---- Demo page ---------------------------------------------------------------------------------
// The panel over the in-memory platform and canned traffic (src/demo), for a look without a browser extension. One
// classic script (opens from file:// too). The extension's panel bundle contains none of it.
const DEMO = { entry: 'src/demo/main.tsx', page: 'src/demo/index.html', outDir: 'dist/demo' };

export async function buildDemo(outDir = DEMO.outDir) {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  /** @type {import('esbuild').BuildOptions} */
  const common = { outdir: outDir, bundle: true, minify: true, legalComments: 'none', target: 'es2022', logLevel: 'warning' };
  await esbuild.build({
    ...common,
    entryPoints: { demo: DEMO.entry },
    format: 'iife',
    platform: 'browser',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    define: { __E2E__: 'false' },
  });
  await esbuild.build({ ...common, entryPoints: { panel: PANEL_CSS } });
  cpSync(DEMO.page, join(outDir, 'index.html'));
}

/** Store-upload zips: artifacts/coveo-hub-inspector-<browser>-<version>.zip (web-ext build zips any folder). */
function packageExtension() {
  const version = readJson('package.json').version;
  mkdirSync('artifacts', { recursive: true });
  for (const browser of Object.keys(BROWSERS)) {
    const filename = `coveo-hub-inspector-${browser}-${version}.zip`;
    execFileSync(
      process.execPath,
      [
        'node_modules/web-ext/bin/web-ext.js',
        'build',
        '--source-dir',
        `dist/${browser}`,
        '--artifacts-dir',
        'artifacts',
        '--overwrite-dest',
        '--filename',
        filename,
      ],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    console.log(`packaged artifacts/${filename}`);
  }
}

function option(name) {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  try {
    if (process.argv.includes('--test')) {
      const target = option('--target');
      if (target !== undefined && !(target in BROWSERS)) throw new Error(`--target must be one of ${Object.keys(BROWSERS).join(', ')}`);
      // --out-root lets concurrent test processes each build their own copy (dist-test/<name>/<browser>).
      const outRoot = option('--out-root') ?? 'dist-test';
      await buildExtension({ outRoot, e2e: true, browsers: target ? [target] : undefined });
      console.log(`built ${outRoot}/${target ?? '{chrome,firefox}'} in ${Date.now() - started} ms`);
    } else {
      rmSync('dist', { recursive: true, force: true });
      mkdirSync('dist', { recursive: true });
      await buildNode();
      emitTypes();
      await buildExtension();
      await buildDemo();
      console.log(`built dist/ in ${Date.now() - started} ms`);
      if (process.argv.includes('--package')) packageExtension();
    }
  } catch (error) {
    console.error(`build failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    process.exit(1);
  }
}
