// Builds the test world's pages with esbuild into test/world/.build/ (git-ignored), from the npm packages themselves.
import { build } from 'esbuild';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ATOMIC_BARE_IMPORTS, ATOMIC_DEFAULT_EXPORTS } from './atomic-imports.mjs';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
export const BUILD_DIR = join(HERE, '.build');
const NM = join(ROOT, 'node_modules');
// Atomic 3 imports bare `@coveo/headless...` specifiers: the page gives it an import map to its own pinned copy.
const ATOMIC_HEADLESS = join(NM, '@coveo', 'atomic', 'node_modules', '@coveo', 'headless');

function newestMtime(paths) {
  let newest = 0;
  const visit = (p) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) for (const e of readdirSync(p)) visit(join(p, e));
    else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of paths) visit(p);
  return newest;
}

function versionOf(pkgDir) {
  try {
    return JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).version;
  } catch {
    return 'missing';
  }
}

/** Client versions the pages run, for fixture READMEs. */
export function clientVersions() {
  return {
    headless: versionOf(join(NM, '@coveo', 'headless')),
    atomic: versionOf(join(NM, '@coveo', 'atomic')),
    atomicHeadless: versionOf(ATOMIC_HEADLESS),
    searchUi: versionOf(join(NM, 'coveo-search-ui')),
  };
}

const ATOMIC_DIR = join(NM, '@coveo', 'atomic');

/**
 * Atomic's `dist/atomic` files import bare specifiers (lit, @coveo/headless, i18next...), which a browser cannot
 * resolve. Bundle each specifier once (with code splitting, so lit and headless exist once), resolved as Atomic
 * itself would resolve them (its pinned @coveo/headless), and write the atomic page with a matching import map.
 */
async function buildAtomicDeps(common) {
  if (!existsSync(join(ATOMIC_DIR, 'dist', 'atomic', 'atomic.esm.js'))) return;
  const srcDir = join(BUILD_DIR, 'atomic-src');
  mkdirSync(srcDir, { recursive: true });
  const entryPoints = {};
  const imports = {};
  for (const spec of ATOMIC_BARE_IMPORTS) {
    const name = spec.replace(/[^a-zA-Z0-9]+/g, '_');
    const file = join(srcDir, `${name}.js`);
    let text = `export * from ${JSON.stringify(spec)};\n`;
    if (ATOMIC_DEFAULT_EXPORTS.has(spec)) text += `export { default } from ${JSON.stringify(spec)};\n`;
    writeFileSync(file, text);
    entryPoints[name] = file;
    imports[spec] = `/build/atomic-deps/${name}.js`;
  }
  const resolveLikeAtomic = {
    name: 'resolve-like-atomic',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData === 'from-atomic') return undefined;
        if (!args.importer.startsWith(srcDir)) return undefined;
        return b.resolve(args.path, { kind: args.kind, resolveDir: ATOMIC_DIR, pluginData: 'from-atomic' });
      });
    },
  };
  await build({
    ...common,
    entryPoints,
    outdir: join(BUILD_DIR, 'atomic-deps'),
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    absWorkingDir: ROOT,
    plugins: [resolveLikeAtomic],
  });
  // Atomic 3's Lit components (dist/atomic/components/components) are published for bundlers: extensionless
  // relative imports and `.tw.css` imports of `.tw.css.js` files. Bundle its entry like an app's bundler would,
  // keeping bare imports (import map) and Stencil's lazy runtime files (served as published) outside.
  const atomicDist = join(ATOMIC_DIR, 'dist', 'atomic');
  const keepOutside = {
    name: 'atomic-overlay',
    setup(b) {
      // Bare imports go to the import map, except dayjs locales (dynamic imports by name): bundle those.
      b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('dayjs/esm/locale/') ? undefined : { path: args.path, external: true }));
      b.onResolve({ filter: /^\./ }, async (args) => {
        if (args.pluginData === 'inner') return undefined;
        const target = args.path.endsWith('.tw.css') ? `${args.path}.js` : args.path;
        const r = await b.resolve(target, { kind: args.kind, resolveDir: args.resolveDir, pluginData: 'inner' });
        if (r.errors.length) return r;
        if (dirname(r.path) === atomicDist && !r.path.endsWith('atomic.esm.js')) {
          // Stencil's lazy runtime and its p-*.js chunks: load the published files, one runtime instance.
          return { path: `./${r.path.slice(atomicDist.length + 1)}`, external: true };
        }
        return r;
      });
    },
  };
  await build({
    ...common,
    entryPoints: { 'atomic.esm': join(atomicDist, 'atomic.esm.js') },
    outdir: join(BUILD_DIR, 'atomic-overlay'),
    splitting: true,
    chunkNames: 'overlay-[hash]',
    absWorkingDir: ROOT,
    plugins: [keepOutside],
    loader: { '.css': 'text' },
    logOverride: { 'unsupported-dynamic-import': 'silent' },
  });
  const template = readFileSync(join(HERE, 'pages', 'atomic', 'index.html'), 'utf8');
  const importMap = JSON.stringify({ imports }, null, 2).replace(/</g, '\\u003c');
  mkdirSync(join(BUILD_DIR, 'atomic'), { recursive: true });
  writeFileSync(join(BUILD_DIR, 'atomic', 'index.html'), template.replace('<!-- IMPORTMAP -->', `<script type="importmap">\n${importMap}\n</script>`));
}

/**
 * Builds the pages unless the outputs are newer than their inputs. Returns `{ built: boolean, dir }`.
 * @param {{ force?: boolean }} [opts]
 */
export async function buildPages({ force = false } = {}) {
  const stamp = join(BUILD_DIR, 'stamp.json');
  const inputs = [
    join(HERE, 'pages', 'headless'),
    join(HERE, 'build-pages.mjs'),
    join(HERE, 'atomic-imports.mjs'),
    join(HERE, 'pages', 'atomic', 'index.html'),
    join(NM, '@coveo', 'headless', 'package.json'),
    join(ATOMIC_HEADLESS, 'package.json'),
    join(ATOMIC_DIR, 'package.json'),
  ];
  const versions = clientVersions();
  if (!force && existsSync(stamp)) {
    try {
      const prev = JSON.parse(readFileSync(stamp, 'utf8'));
      if (prev.builtAt >= newestMtime(inputs) && JSON.stringify(prev.versions) === JSON.stringify(versions)) {
        return { built: false, dir: BUILD_DIR };
      }
    } catch {
      // rebuild
    }
  }
  mkdirSync(BUILD_DIR, { recursive: true });
  /** @type {import('esbuild').BuildOptions} */
  const common = {
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    sourcemap: false,
    logLevel: 'error',
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
    legalComments: 'none',
  };
  await build({
    ...common,
    entryPoints: [join(HERE, 'pages', 'headless', 'main.js')],
    outfile: join(BUILD_DIR, 'headless', 'app.js'),
    absWorkingDir: ROOT,
  });
  await buildAtomicDeps(common);
  writeFileSync(stamp, JSON.stringify({ builtAt: Date.now(), versions }, null, 2));
  return { built: true, dir: BUILD_DIR };
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const r = await buildPages({ force: process.argv.includes('--force') });
  console.log(r.built ? `built pages into ${r.dir}` : `pages up to date in ${r.dir}`);
}
