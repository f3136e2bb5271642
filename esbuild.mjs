// Builds every bundle of Replens:
//   src/extension.ts   -> dist/extension.js  (extension host; `vscode` external)
//   src/worker/main.ts -> dist/worker.js     (forked child that trains and analyses)
//   src/cli/main.ts    -> dist/cli.js        (headless `replens` command)
//   src/engine/analysis/cka/rowShardThread.ts -> dist/ckaThread.js (a CKA heatmap's row-share thread)
//   webview/*/main.ts  -> dist/webview/*.js  (browser bundles, one per view, + their .css)
//   plotly.js-strict-dist-min -> dist/webview/plotly-strict.min.js (copied, shared by the views)
//   test/suite/**/*.ts -> dist/test/suite/    (extension-host test suite; not in --production)
//   native/blas.c -> dist/native/replens_blas.node (optional BLAS add-on, scripts/build-native.mjs;
//                    skipped with one line when there is no C compiler)
// and writes dist/schemas/replens.schema.json from the zod config schema.
// Flags: --production (minified, no source maps), --watch (rebuild on change).
import * as esbuild from 'esbuild';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { buildNativeQuietly, nativeAddon } from './scripts/build-native.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

/** Reports build results in the shape VS Code's esbuild problem matcher reads. */
const problemMatcherPlugin = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

// tfjs is bundled (one ES-module copy of tfjs-core, including its gradient registrations).
// @tensorflow/tfjs-node stays external and optional: tfjs keeps its engine and kernel registries
// on globalThis, so the backend it registers is seen by the bundled copy.
const tfExternal = ['@tensorflow/tfjs-node'];
const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  define: { REPLENS_VERSION: JSON.stringify(pkg.version) },
  plugins: watch ? [problemMatcherPlugin] : [],
};
const nodeCommon = {
  ...common,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  mainFields: ['module', 'main'],
};

function webviewEntries() {
  if (!existsSync('webview')) return [];
  return readdirSync('webview', { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join('webview', d.name, 'main.ts')))
    .map((d) => ({ in: join('webview', d.name, 'main.ts'), out: d.name }));
}

const targets = [
  {
    ...nodeCommon,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode'],
  },
  {
    ...nodeCommon,
    entryPoints: ['src/worker/main.ts'],
    outfile: 'dist/worker.js',
    external: tfExternal,
  },
  { ...nodeCommon, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', external: tfExternal },
  {
    ...nodeCommon,
    entryPoints: ['src/engine/analysis/cka/rowShardThread.ts'],
    outfile: 'dist/ckaThread.js',
    external: tfExternal,
  },
];
if (!production) {
  // One bundle per test file; test/suite/index.ts finds the *.test.js files at run time.
  targets.push({
    ...nodeCommon,
    entryPoints: ['test/suite/**/*.ts'],
    outbase: 'test/suite',
    outdir: 'dist/test/suite',
    external: ['vscode', 'mocha'],
  });
}
const views = webviewEntries();
if (views.length > 0) {
  targets.push({
    ...common,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    entryPoints: views,
    outdir: 'dist/webview',
  });
}

/** Emits the JSON Schema of `*.replens.json` from the zod schema (single source of truth). */
async function writeSchema() {
  const out = 'dist/.build/emit-schema.cjs';
  await esbuild.build({
    ...nodeCommon,
    plugins: [],
    sourcemap: false,
    entryPoints: ['src/shared/emitSchema.ts'],
    outfile: out,
  });
  const { createRequire } = await import('node:module');
  const schema = createRequire(import.meta.url)(join(process.cwd(), out)).configJsonSchema();
  mkdirSync('dist/schemas', { recursive: true });
  writeFileSync('dist/schemas/replens.schema.json', JSON.stringify(schema, null, 2) + '\n');
  rmSync('dist/.build', { recursive: true, force: true });
}

/** The wasm backend loads its binaries from disk: ship them beside the bundles. */
function copyWasmBinaries() {
  const from = 'node_modules/@tensorflow/tfjs-backend-wasm/dist';
  mkdirSync('dist/wasm', { recursive: true });
  for (const f of readdirSync(from).filter((n) => n.endsWith('.wasm'))) {
    copyFileSync(join(from, f), join('dist/wasm', f));
  }
}

/**
 * Plotly ships as a prebuilt script beside the view bundles (one copy shared by every view, loaded
 * before the view's bundle; it sets window.Plotly). The strict bundle never uses eval, so the
 * webview CSP needs no 'unsafe-eval'.
 */
function copyPlotly() {
  mkdirSync('dist/webview', { recursive: true });
  copyFileSync(
    'node_modules/plotly.js-strict-dist-min/plotly-strict.min.js',
    'dist/webview/plotly-strict.min.js',
  );
}

/**
 * The native BLAS add-on (optional): built from source when stale, copied beside the bundles,
 * which load it from `__dirname/native` (src/engine/analysis/cka/nativeBlas.ts).
 */
function copyNativeAddon() {
  const to = 'dist/native/replens_blas.node';
  rmSync(to, { force: true });
  if (buildNativeQuietly() && existsSync(nativeAddon)) {
    mkdirSync('dist/native', { recursive: true });
    copyFileSync(nativeAddon, to);
  }
}

async function main() {
  if (production) {
    rmSync('dist', { recursive: true, force: true }); // no stale source maps in a package
  }
  mkdirSync('dist', { recursive: true });
  copyWasmBinaries();
  copyPlotly();
  copyNativeAddon();
  await writeSchema();
  if (watch) {
    const contexts = await Promise.all(targets.map((t) => esbuild.context(t)));
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  await Promise.all(targets.map((t) => esbuild.build(t)));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
