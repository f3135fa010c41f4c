// Lint keeps the layers honest: the core and the contract never see Electron,
// the window never sees Node or the core.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const noElectron = {
  paths: [
    {
      name: 'electron',
      message: 'The core and the contract are plain Node: inject what you need from src-main/electron.',
    },
  ],
  patterns: [
    {
      group: ['electron/*', '**/src-main/electron/**', '**/electron/**'],
      message: 'Dependencies point inward: the core never imports the shell.',
    },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'test-results/**', 'playwright-report/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src-main/core/**/*.ts', 'src-main/cli/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', noElectron] },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: noElectron.paths,
          patterns: [
            ...noElectron.patterns,
            {
              group: ['node:*', '**/src-main/**', '**/src-renderer/**'],
              message: 'src-shared holds the contract and types only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: noElectron.paths,
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'os', 'child_process', 'http', 'crypto'],
              message: 'The window is a browser page: it reads state through the contract only.',
            },
            {
              group: ['**/src-main/**', '**/core/**'],
              message: 'The window never imports the core or the shell.',
            },
          ],
        },
      ],
    },
  },
);
