import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';

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
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints: [
            // Services share only libraries, never each other's code.
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
            // End-to-end tests and deployment checks exercise the libraries as the apps do, and
            // run processes through test support that no app or library may import.
            // They may also run a real Apache Kafka through tools/kafka (scope:kafka).
            {
              sourceTag: 'type:e2e',
              onlyDependOnLibsWithTags: ['type:lib', 'type:test-support', 'scope:kafka'],
            },
            { sourceTag: 'type:test-support', onlyDependOnLibsWithTags: [] },
            // The Apache Kafka runner (tools/kafka) runs its processes through test support; the
            // launcher may start Apache Kafka through it, read the topics from the contracts, and
            // sign the API's bearer tokens with the auth library (npm run token).
            { sourceTag: 'scope:kafka', onlyDependOnLibsWithTags: ['type:test-support'] },
            {
              sourceTag: 'scope:launcher',
              onlyDependOnLibsWithTags: ['scope:kafka', 'scope:contracts', 'scope:auth'],
            },
            // Event contracts are the one coupling between services: they depend on nothing else.
            { sourceTag: 'scope:contracts', onlyDependOnLibsWithTags: [] },
            // The embedded broker is a standalone Kafka-compatible log: no NestJS, no kafkajs.
            {
              sourceTag: 'scope:broker',
              onlyDependOnLibsWithTags: [],
              bannedExternalImports: ['@nestjs/*', 'kafkajs', 'typeorm', '@fanout/*'],
            },
          ],
        },
      ],
    },
  },
  {
    // Tests may use kafkajs to prove that an unmodified client works against the broker.
    files: ['libs/broker/**/*.spec.ts', 'libs/broker/e2e/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
  prettier,
];
