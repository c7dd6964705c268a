// One Jest preset for every project: SWC compiles TypeScript (with decorator metadata for NestJS)
// and the tsconfig path aliases resolve to the libraries' sources.
const path = require('node:path');

const root = __dirname;

// The path aliases come from tsconfig.base.json, so a new library is declared in one place.
const { paths } = require('./tsconfig.base.json').compilerOptions;
const moduleNameMapper = Object.fromEntries(
  Object.entries(paths).map(([alias, [target]]) => [`^${alias}$`, path.join(root, target)]),
);

/** @param {string} projectRoot */
module.exports = function preset(projectRoot) {
  return {
    displayName: path.basename(projectRoot),
    rootDir: path.join(root, projectRoot),
    testEnvironment: 'node',
    transform: {
      '^.+\\.ts$': [
        '@swc/jest',
        {
          jsc: {
            parser: { syntax: 'typescript', decorators: true },
            transform: { legacyDecorator: true, decoratorMetadata: true },
            target: 'es2022',
          },
          module: { type: 'commonjs' },
          sourceMaps: 'inline',
        },
      ],
    },
    moduleFileExtensions: ['ts', 'js', 'json'],
    moduleNameMapper,
    testMatch: ['<rootDir>/**/*.spec.ts', '<rootDir>/**/*.e2e-spec.ts'],
    testPathIgnorePatterns: ['/node_modules/', '/dist/'],
    // A PostgreSQL server for the tests (TEST_POSTGRES_URL): the machine's own on 127.0.0.1:5432
    // when it answers, else one embedded server for the whole run (TEST_POSTGRES=embedded forces
    // it). Each project has it, so that one run on its own gets a server; a run shares one.
    globalSetup: path.join(root, 'libs/testing/src/jest-global-setup.ts'),
    globalTeardown: path.join(root, 'libs/testing/src/jest-global-teardown.ts'),
  };
};
