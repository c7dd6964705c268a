import { readdirSync } from 'node:fs';
import { createProjectGraphAsync } from '@nx/devkit';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';

// @nx/enforce-module-boundaries reads the project graph Nx caches on disk and, when there is
// none, prints a warning and lets every import through. Computing the graph here, before any
// rule runs, makes a bare `npx eslint <file>`, an editor and CI check the same boundaries, with
// the tags of the project.json files as they are now (a stale cache would miss a new project).
// Under an Nx task (`nx run-many -t lint`) Nx has just written that graph: it is not redone.
if (!process.env['NX_TASK_TARGET_PROJECT']) {
  try {
    await createProjectGraphAsync({ exitOnError: false });
  } catch (error) {
    throw new Error(
      `eslint.config.mjs: the Nx project graph could not be computed, so the module boundaries ` +
        `cannot be checked: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}

// Two axes of tags (every project.json has one of each; docs/architecture.md shows the graph).
// type: what a project is — app (a service), chassis (what every service is built on: HTTP,
//   bootstrap, and the one module that composes the libraries), lib (the libraries it composes:
//   messaging, persistence, observability, auth), contracts (the events and the services' names),
//   test-support, tool (launcher, operator and demo CLIs), e2e, bench.
// scope: what it belongs to — one service, shared (the services' libraries), broker (the
//   standalone Kafka-compatible broker) or dev (tools, tests and benchmarks around the system).
const TOOLING = ['type:chassis', 'type:lib', 'type:contracts', 'type:test-support', 'type:tool'];
// Every app is a scope of its own, named after its folder (scope:orders …, scope:console), so a new
// app needs no line here.
const APPS = readdirSync(new URL('./apps', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/** The rules for production code; `forTests` widens them for specs and testing helpers. */
function depConstraints({ forTests }) {
  const testOnly = (...tags) => (forTests ? tags : []);
  return [
    // A service is built on the chassis and the contracts, never on another service.
    {
      sourceTag: 'type:app',
      onlyDependOnLibsWithTags: [
        'type:chassis',
        'type:lib',
        'type:contracts',
        ...testOnly('type:test-support'),
      ],
    },
    // The chassis composes the libraries; a library never reaches up into the chassis.
    {
      sourceTag: 'type:chassis',
      onlyDependOnLibsWithTags: ['type:lib', 'type:contracts', ...testOnly('type:test-support')],
    },
    {
      sourceTag: 'type:lib',
      onlyDependOnLibsWithTags: ['type:lib', 'type:contracts', ...testOnly('type:test-support')],
    },
    // The events are the one coupling between services: they depend on nothing.
    { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
    // Test support starts brokers and databases and speaks the contracts; it knows no service
    // and sits below the libraries whose tests use it (a dependency on them would be a cycle).
    {
      sourceTag: 'type:test-support',
      onlyDependOnLibsWithTags: ['type:test-support', 'type:contracts', 'scope:broker'],
    },
    // Tools, end-to-end tests and benchmarks use whatever libraries and tools they need; no
    // project may import them, and none of them imports a service's code (they run services).
    { sourceTag: 'type:tool', onlyDependOnLibsWithTags: TOOLING },
    { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: TOOLING },
    { sourceTag: 'type:bench', onlyDependOnLibsWithTags: TOOLING },
    // Scope: a service sees its own scope and the shared one; a test may also start the broker and
    // use the development tooling's test support.
    ...APPS.map((service) => ({
      sourceTag: `scope:${service}`,
      onlyDependOnLibsWithTags: [
        `scope:${service}`,
        'scope:shared',
        ...testOnly('scope:broker', 'scope:dev'),
      ],
    })),
    {
      sourceTag: 'scope:shared',
      onlyDependOnLibsWithTags: ['scope:shared', ...testOnly('scope:broker', 'scope:dev')],
    },
    // The broker is a standalone Kafka-compatible log: nothing of the services, no NestJS, no
    // ORM; its tests may use kafkajs to prove that an unmodified client works against it.
    {
      sourceTag: 'scope:broker',
      onlyDependOnLibsWithTags: [],
      bannedExternalImports: ['@nestjs/*', 'typeorm', ...(forTests ? [] : ['kafkajs'])],
    },
  ];
}

const moduleBoundaries = (forTests, allow = []) => ({
  '@nx/enforce-module-boundaries': [
    'error',
    {
      enforceBuildableLibDependency: true,
      allow,
      depConstraints: depConstraints({ forTests }),
    },
  ],
});

export default [
  {
    ignores: ['**/node_modules/**', '**/dist/**', '**/coverage/**', '**/.data/**', '**/.nx/**'],
  },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      ...moduleBoundaries(false),
    },
  },
  {
    // Tests and the helpers they share: they may use test support and start a broker.
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', '**/testing/**/*.ts', '**/jest-global-*.ts'],
    rules: moduleBoundaries(true),
  },
  {
    // The broker's end-to-end tests start it through its public entry point, as a user would.
    files: ['libs/broker/e2e/**/*.ts'],
    rules: moduleBoundaries(true, ['@fanout/broker']),
  },
  prettier,
];
