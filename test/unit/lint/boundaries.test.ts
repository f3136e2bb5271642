/**
 * The import-boundary rules of eslint.config.mjs fire: a planted import that crosses a layer is
 * reported in every folder the rule covers, and a legal import beside it is not. Lints text
 * through ESLint's Node API with the project's own config; only `no-restricted-imports` runs, on
 * the plain parser (no type information), so the whole table takes a second or two.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { ESLint } from 'eslint';

const root = path.resolve(__dirname, '..', '..', '..');

interface Boundary {
  /** Folder the planted file sits in (relative to the repository). */
  folder: string;
  /** Imports the rule must report there. */
  forbidden: string[];
  /** An import the folder may use, which must not be reported. */
  allowed: string;
}

const boundaries: Boundary[] = [
  {
    folder: 'src/shared',
    forbidden: [
      '../engine/tasks/registry',
      '../runner/runExperiment',
      '../storage/runStore',
      'node:fs',
      'path',
      '@tensorflow/tfjs-core',
      'vscode',
    ],
    allowed: './experimentConfig',
  },
  {
    folder: 'src/shared/tasks',
    forbidden: ['../../engine/tasks/addition/dataset'],
    allowed: '../experimentConfig',
  },
  ...[
    'src',
    'src/codelens',
    'src/commands',
    'src/editors',
    'src/panels',
    'src/runs',
    'src/views',
  ].map((folder): Boundary => {
    const up = folder === 'src' ? './' : '../';
    return {
      folder,
      forbidden: [`${up}engine/backend`, `${up}runner/runExperiment`, '@tensorflow/tfjs-core'],
      allowed: `${up}storage/runStore`,
    };
  }),
  {
    folder: 'webview/training',
    forbidden: [
      '../../src/engine/analysis/pca',
      '../../src/runner/analysisRuns',
      'node:fs',
      'vscode',
    ],
    allowed: '../../src/shared/protocol/trainingView',
  },
  {
    folder: 'src/worker',
    forbidden: ['../engine/analysis/pca', '../engine/tasks/registry', 'vscode'],
    allowed: '../runner/runExperiment',
  },
  {
    folder: 'src/cli/commands',
    forbidden: ['../../engine/analysis/cka', '@tensorflow/tfjs-core', 'vscode'],
    allowed: '../../runner/cka/matrixCka',
  },
];

let eslint: ESLint;

/** Messages of no-restricted-imports for one import planted in `folder`. */
async function restricted(folder: string, specifier: string): Promise<string[]> {
  const code = `import * as planted from '${specifier}';\nexport const used = planted;\n`;
  const [result] = await eslint.lintText(code, {
    filePath: path.join(root, folder, 'planted.ts'),
  });
  const fatal = result.messages.filter((m) => m.fatal === true);
  assert.deepEqual(fatal, [], `planted file in ${folder} did not parse`);
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import boundaries (eslint.config.mjs)', () => {
  before(() => {
    eslint = new ESLint({
      cwd: root,
      // The boundary rule needs no type information; the plain parser keeps this fast.
      overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
      ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports',
    });
  });

  for (const b of boundaries) {
    it(`${b.folder}: reports ${b.forbidden.join(', ')}; allows ${b.allowed}`, async () => {
      for (const specifier of b.forbidden) {
        const messages = await restricted(b.folder, specifier);
        assert.equal(messages.length, 1, `${specifier} in ${b.folder}: ${messages.join('; ')}`);
      }
      assert.deepEqual(await restricted(b.folder, b.allowed), [], `${b.allowed} in ${b.folder}`);
    });
  }
});
