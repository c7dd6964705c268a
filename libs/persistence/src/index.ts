export * from './database-location';
export * from './data-source-options';
export * from './transaction-runner';
export * from './bigint-transformers';
export * from './persistence.module';
export * from './database-health.contributor';
export * from './open-data-source';
export * from './group-commit';
