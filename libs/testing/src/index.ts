export * from './eventually';
export * from './read-topic';
export * from './test-kafka';
export * from './temporary-database';
export * from './temporary-data-source';
export * from './wait-until-healthy';
export { startEmbeddedTestPostgres, type TestPostgres } from './test-postgres-server';
