import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';

const root = resolve('webview');

/** Every .ts file under `dir`. */
function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? tsFiles(join(dir, e.name))
      : e.name.endsWith('.ts')
        ? [join(dir, e.name)]
        : [],
  );
}

/**
 * The relative modules a file imports at run time: `import … from`, `export … from` and bare
 * `import '…'`, without `import type` / `export type` (whole-statement type imports vanish from the
 * bundle). Imports whose every name is `type`-qualified count too: esbuild keeps such a module.
 */
function runtimeImports(source: string): string[] {
  const statements =
    /(?:^|\n)\s*(import|export)\s+(type\s+)?([^;'"]*?)\s*(?:from\s*)?['"]([^'"]+)['"]/g;
  const out: string[] = [];
  for (const m of source.matchAll(statements)) {
    const [, keyword, typeOnly, clause, spec] = m;
    if (typeOnly !== undefined || !spec.startsWith('.')) {
      continue;
    }
    if (keyword === 'export' && !/^(\*|\{)/.test(clause.trim())) {
      continue; // `export const … = '…'` is no re-export
    }
    out.push(spec);
  }
  return out;
}

/** The file a relative import of `from` names, when it is a .ts file under webview/. */
function resolveImport(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec);
  for (const candidate of [`${base}.ts`, join(base, 'index.ts')]) {
    if (candidate.startsWith(root) && existsSync(candidate)) {
      return candidate;
    }
  }
  return undefined;
}

/** The run-time import graph of webview/**.ts (file → files it imports). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of tsFiles(root)) {
    const deps = runtimeImports(readFileSync(file, 'utf8'))
      .map((spec) => resolveImport(file, spec))
      .filter((d): d is string => d !== undefined);
    graph.set(file, deps);
  }
  return graph;
}

/** Every cycle found by a depth-first walk, each as the files along it (first repeated last). */
function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const done = new Set<string>();
  const onPath: string[] = [];
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    const at = onPath.indexOf(node);
    if (at >= 0) {
      cycles.push([...onPath.slice(at), node]);
      return;
    }
    if (done.has(node)) {
      return;
    }
    onPath.push(node);
    for (const next of graph.get(node) ?? []) {
      visit(next);
    }
    onPath.pop();
    done.add(node);
  };
  for (const node of graph.keys()) {
    visit(node);
  }
  return cycles;
}

describe('webview import graph', () => {
  it('reads run-time imports and skips type-only ones', () => {
    const source = [
      "import type { A } from './a';",
      "import { b, type C } from './b';",
      "import './c.css';",
      "export { d } from './d';",
      "export type { E } from './e';",
      "export type * from './f';",
      "import * as g from './g';",
      'import {',
      '  h,',
      "} from './h';",
      "import x from 'plotly.js';",
    ].join('\n');
    assert.deepEqual(runtimeImports(source), ['./b', './c.css', './d', './g', './h']);
  });

  it('finds a cycle', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    assert.deepEqual(findCycles(graph), [['a', 'b', 'c', 'a']]);
  });

  it('has no run-time import cycles among webview/**/*.ts', () => {
    const graph = importGraph();
    assert.ok(graph.size > 50, 'the webview sources were found');
    const cycles = findCycles(graph).map((c) => c.map((f) => relative(root, f)).join(' → '));
    assert.deepEqual(cycles, []);
  });
});
