// Type-aware lint with the import-boundary rules of the architecture (docs/architecture.md):
//   host (src/*.ts, codelens, commands, editors, panels, runs, views) → storage, shared
//   worker, CLI → runner, storage, shared        runner → engine, storage, shared
//   engine, storage → shared                      shared → nothing but itself (pure, no Node)
//   webview → shared (no Node, no engine/runner)
// Only the extension host imports `vscode`; tfjs lives only in the engine (and the worker that
// hosts it). test/unit/lint/boundaries.test.ts plants a violation of every rule.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

const noVscode = {
  name: 'vscode',
  message: 'Only the extension host (src/*.ts glue) may import vscode.',
};
const noTf = {
  group: ['@tensorflow/*'],
  message: 'tfjs lives only in src/engine (and src/worker).',
};
const noNode = {
  group: [
    'node:*',
    'fs',
    'fs/*',
    'path',
    'child_process',
    'os',
    'util',
    'crypto',
    'url',
    'worker_threads',
  ],
  message: 'This code also runs in webviews: no Node APIs.',
};
const noUi = {
  group: ['**/panels/**', '**/codelens/**', '**/views/**', '**/commands/**'],
  message: 'The engine does not depend on UI code.',
};
const sharedIsGround = {
  group: ['**/engine', '**/engine/**', '**/runner', '**/runner/**', '**/storage', '**/storage/**'],
  message: 'src/shared is the ground floor: it imports no engine, runner or storage code.',
};
const hostDoesNotCompute = {
  group: ['**/engine', '**/engine/**', '**/runner', '**/runner/**'],
  message:
    'The extension host never computes: engine and runner code runs in the worker (ask it through src/runs).',
};
const webviewIsDisplay = {
  group: ['**/engine', '**/engine/**', '**/runner', '**/runner/**'],
  message:
    'Webviews only display: they import shared types and protocols, never engine or runner code.',
};
const throughTheRunner = {
  group: ['**/engine', '**/engine/**'],
  message: 'The worker and the CLI call src/runner, never the engine directly.',
};
/** The extension host's folders: VS Code glue that reads run folders and talks to the worker. */
const hostFiles = [
  'src/*.ts',
  'src/codelens/**/*.ts',
  'src/commands/**/*.ts',
  'src/editors/**/*.ts',
  'src/panels/**/*.ts',
  'src/runs/**/*.ts',
  'src/views/**/*.ts',
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'bench/**/*.mjs',
      'esbuild.mjs',
      'eslint.config.mjs',
      'scripts/**',
      'bin/**',
      '.replens/**',
      'test/e2e/**/*.mjs',
      'test/webview-smoke/**/*.{js,mjs}',
      'test-results/**',
      '.vscode-test/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      curly: 'error',
      'max-lines': ['warn', { max: 300, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['warn', { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    files: ['src/engine/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode], patterns: [noUi] }] },
  },
  {
    files: ['src/worker/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noVscode], patterns: [noUi, throughTheRunner] }],
    },
  },
  {
    files: ['src/storage/**/*.ts', 'src/runner/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode], patterns: [noTf, noUi] }] },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noVscode], patterns: [noTf, throughTheRunner] }],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [noVscode], patterns: [noTf, noNode, sharedIsGround] },
      ],
    },
  },
  {
    files: ['webview/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [noVscode], patterns: [noTf, noNode, webviewIsDisplay] },
      ],
    },
  },
  {
    files: hostFiles,
    rules: { 'no-restricted-imports': ['error', { patterns: [noTf, hostDoesNotCompute] }] },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // node:test's describe/it return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['describe', 'it', 'test'] },
          ],
        },
      ],
      'max-lines-per-function': 'off',
    },
  },
  prettier,
);
