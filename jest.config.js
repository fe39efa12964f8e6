// @ts-check
/** Jest 30 + @swc/jest in CommonJS mode; Nest 12 and a few dependencies ship ESM and are transformed. */
const swc = [
  '@swc/jest',
  {
    // The options below are the whole configuration: .swcrc (the build's, per file type) is not read.
    swcrc: false,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];

/** The showcase's pages are TSX, compiled to HTML strings by its own tiny runtime (src/showcase/html/jsx.ts). */
const swcTsx = [
  '@swc/jest',
  {
    swcrc: false,
    jsc: {
      parser: { syntax: 'typescript', tsx: true, decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'classic', pragma: 'h', pragmaFrag: 'Fragment' } },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];

const shared = {
  transform: { '^.+\\.tsx$': swcTsx, '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|file-type|strtok3|token-types|@tokenizer|uint8array-extras|@borewit|load-esm|uid|pg-boss|rrule-temporal|serialize-error|cron-parser|non-error|marked|htmlparser2|domhandler|domutils|dom-serializer|entities|domelementtype|nanoid|@apidevtools/json-schema-ref-parser)/)',
  ],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testEnvironment: 'node',
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.spec.tsx', '<rootDir>/test/unit/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      // A project's global setup runs only when one of its tests is selected: unit tests never
      // start a database.
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      // Jest reads testTimeout from the top-level config only; per project it must be set here.
      setupFilesAfterEnv: ['<rootDir>/test/support/e2e-timeout.ts', '<rootDir>/test/support/openapi-check.ts'],
    },
  ],
};
