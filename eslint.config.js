// Lint: typescript-eslint's recommended rules over the TypeScript sources; for the admin UI
// (renderer/) browser globals and the rules of hooks as well.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'data/',
      'dist/',
      'coverage/',
      'renderer/dist/',
      'renderer/.dist-*/',
      'bundled-configs/',
      'renderer/src/api/schema.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      // Pages talk to the server through the typed client (renderer/src/api/client.ts) only.
      'no-restricted-globals': ['error', { name: 'fetch', message: 'Use the typed API client (renderer/src/api/client.ts).' }],
      'no-console': 'error',
    },
  },
  // The one place that talks HTTP.
  { files: ['renderer/src/api/client.ts'], rules: { 'no-restricted-globals': 'off' } },
);
