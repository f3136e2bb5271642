// Type-aware lint with the import-boundary rules of the architecture:
// the engine, storage, shared code and worker never import `vscode`; webviews and shared code
// never import Node; tfjs lives only in the engine (and the worker that hosts it).
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
  group: ['node:*', 'fs', 'path', 'child_process', 'os'],
  message: 'This code also runs in webviews: no Node APIs.',
};
const noUi = {
  group: ['**/panels/**', '**/codelens/**', '**/views/**', '**/commands/**'],
  message: 'The engine does not depend on UI code.',
};

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
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode], patterns: [noUi] }] },
  },
  {
    files: ['src/storage/**/*.ts', 'src/runner/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode], patterns: [noTf, noUi] }] },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode], patterns: [noTf] }] },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode], patterns: [noTf, noNode] }] },
  },
  {
    files: ['webview/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode], patterns: [noTf, noNode] }] },
  },
  {
    files: ['src/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noTf] }] },
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
