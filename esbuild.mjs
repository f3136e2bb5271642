// Builds every bundle of Replens:
//   src/extension.ts   -> dist/extension.js  (extension host; `vscode` external)
//   src/worker/main.ts -> dist/worker.js     (forked child that trains and analyses)
//   src/cli/main.ts    -> dist/cli.js        (headless `replens` command)
//   webview/*/main.ts  -> dist/webview/*.js  (browser bundles, one per view)
// and writes dist/schemas/replens.schema.json from the zod config schema.
// Flags: --production (minified, no source maps), --watch (rebuild on change).
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

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

// tfjs stays outside the bundles: @tensorflow/tfjs-node, when a user has it, registers its
// backend on the tfjs-core module it loads, so the engine must load that very same module.
const tfExternal = ['@tensorflow/*'];
const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  define: { REPLENS_VERSION: JSON.stringify(pkg.version) },
  plugins: watch ? [problemMatcherPlugin] : [],
};
const nodeCommon = { ...common, platform: 'node', format: 'cjs', target: 'node20' };

function webviewEntries() {
  if (!existsSync('webview')) return [];
  return readdirSync('webview', { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join('webview', d.name, 'main.ts')))
    .map((d) => ({ in: join('webview', d.name, 'main.ts'), out: d.name }));
}

const targets = [
  { ...nodeCommon, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...nodeCommon, entryPoints: ['src/worker/main.ts'], outfile: 'dist/worker.js', external: tfExternal },
  { ...nodeCommon, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', external: tfExternal },
];
const views = webviewEntries();
if (views.length > 0) {
  targets.push({ ...common, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: views, outdir: 'dist/webview' });
}

/** Emits the JSON Schema of `*.replens.json` from the zod schema (single source of truth). */
async function writeSchema() {
  const out = 'dist/schemas/emit-schema.cjs';
  await esbuild.build({ ...nodeCommon, plugins: [], sourcemap: false, entryPoints: ['src/shared/emitSchema.ts'], outfile: out });
  const { createRequire } = await import('node:module');
  const schema = createRequire(import.meta.url)(join(process.cwd(), out)).configJsonSchema();
  mkdirSync('dist/schemas', { recursive: true });
  writeFileSync('dist/schemas/replens.schema.json', JSON.stringify(schema, null, 2) + '\n');
}

async function main() {
  mkdirSync('dist', { recursive: true });
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
