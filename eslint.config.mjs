// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const FEATURES = ['auth', 'audit', 'facilities', 'users', 'seed', 'health', 'catalog', 'media', 'orders', 'payments', 'stories', 'partners', 'impact', 'jobs', 'outbox', 'notifications', 'webhooks', 'rate-limit'];

/** Lower layers never import features (ARCHITECTURE.md "Dependencies point one way"). */
const noFeatureImports = {
  'no-restricted-imports': [
    'error',
    { patterns: [{ group: FEATURES.map((f) => `**/${f}/**`), message: 'common/, config/ and database/ import no feature.' }] },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.data/**', 'uploads/**', '*.config.js', '*.config.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/consistent-type-imports': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
  { files: ['src/common/**/*.ts', 'src/config/**/*.ts', 'src/database/**/*.ts'], rules: noFeatureImports },
  // jobs/ and outbox/ are plumbing every feature uses; they know no feature (outbox sits on jobs).
  {
    files: ['src/jobs/**/*.ts', 'src/outbox/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: FEATURES.filter((f) => f !== 'jobs' && f !== 'outbox').map((f) => `**/${f}/**`), message: 'jobs/ and outbox/ import no feature.' }] },
      ],
    },
  },
  // media/ is generic: it stores images for products and stories alike and imports neither. Like
  // every feature it may schedule work on jobs/ (its sweep of unreferenced files).
  {
    files: ['src/media/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: FEATURES.filter((f) => f !== 'media' && f !== 'jobs').map((f) => `**/${f}/**`), message: 'media/ imports no other feature.' }] },
      ],
    },
  },
  {
    // supertest bodies are untyped JSON; tests narrow them with interfaces.
    files: ['test/**/*.ts', 'src/**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  // Build scripts run before anything is compiled: plain ESM JavaScript, linted without types.
  {
    files: ['scripts/**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: { process: 'readonly', console: 'readonly' } },
  },
);
