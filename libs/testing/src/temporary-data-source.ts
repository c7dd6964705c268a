import { DataSource, type DataSourceOptions } from 'typeorm';
import { createTemporaryDatabase } from './temporary-database';

export interface TemporaryDataSource {
  /** Connected, with the schema's migrations run. */
  dataSource: DataSource;
  /** Disconnects and drops the database. */
  close(): Promise<void>;
}

/** A service's schema as its DatabaseSchema (@fanout/persistence) gives it. */
export type TestSchema = Required<Pick<DataSourceOptions, 'entities' | 'migrations'>>;

/**
 * A fresh database on the local PostgreSQL server with `schema` migrated into it, opened the plain
 * TypeORM way: a test has the database to itself, so none of the service's start-up locking.
 */
export async function openTemporaryDataSource(schema: TestSchema): Promise<TemporaryDataSource> {
  const database = await createTemporaryDatabase();
  const dataSource = new DataSource({
    type: 'postgres',
    url: database.url,
    ...schema,
    migrationsRun: true,
    // Errors that tests provoke on purpose are asserted, not printed.
    logging: false,
  });
  try {
    await dataSource.initialize();
  } catch (error) {
    await database.drop();
    throw error;
  }
  return {
    dataSource,
    close: async () => {
      await dataSource.destroy();
      await database.drop();
    },
  };
}
