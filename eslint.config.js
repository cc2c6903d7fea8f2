import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const repoImport = {
  group: ['**/*.repo', '*.repo'],
  message: "Only a feature's service calls its repo (routes -> service -> repo).",
};

export default tseslint.config(
  { ignores: ['node_modules', 'data', 'web/dist', 'test-results', 'playwright-report', '.test-output'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read configuration through server/src/config.ts only.',
        },
      ],
    },
  },
  // Where the environment is legitimately read: the config parser, the CLI and server entry points, test set-up.
  {
    files: [
      'server/src/config.ts',
      'server/src/cli.ts',
      'server/test/**',
      'scripts/**',
      'bench/**',
      'playwright.config.ts',
      'e2e/**',
      '**/*.test.ts',
    ],
    rules: { 'no-restricted-properties': 'off' },
  },
  // The direction of imports inside a feature: routes -> service -> repo.
  {
    files: ['server/src/features/**/*.routes.ts', 'server/src/http/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [repoImport] }] },
  },
  {
    files: ['server/src/features/**/*.service.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['../*/*.repo'], message: "Call the other feature's service, never its repo." },
            { group: ['**/*.routes', '**/http/*'], message: 'Services do not know about HTTP.' },
          ],
        },
      ],
    },
  },
  {
    files: ['server/src/features/**/*.repo.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/*.service', '**/*.routes', '**/http/*'], message: 'Repos only speak SQL.' },
          ],
        },
      ],
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
);
