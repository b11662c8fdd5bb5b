// Builds everything the product ships:
//  - dist/lib/index.mjs         the core, for `import {analyzeHar} from 'coveo-hub-inspector'`
//  - dist/cli/coveo-hub-inspector.mjs   the command line
//  - dist/chrome, dist/firefox  the extension, from the root manifest.json (see buildExtension)
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, rmSync } from 'node:fs';

const started = Date.now();

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
      entryPoints: { 'cli/coveo-hub-inspector': 'src/cli/main.ts' },
      outdir: 'dist',
      outExtension: { '.js': '.mjs' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      banner: { js: '#!/usr/bin/env node' },
      logLevel: 'warning',
    });
  }
}

async function buildExtension() {
  // Filled in by the panel work: dist/chrome and dist/firefox from manifest.json.
}

rmSync('dist', { recursive: true, force: true });
mkdirSync('dist', { recursive: true });
try {
  await buildNode();
  await buildExtension();
} catch (error) {
  console.error(`build failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  process.exit(1);
}
console.log(`built dist/ in ${Date.now() - started} ms`);
