import type { DataSource } from 'typeorm';
import { buildDataSourceOptions, type DatabaseSchema } from '../data-source-options';
import { openDataSource } from '../open-data-source';
import { createTemporaryDatabase } from './temporary-database';

export interface TemporaryDataSource {
  /** Connected, with the schema's migrations run. */
  dataSource: DataSource;
  /** Disconnects and drops the database. */
  close(): Promise<void>;
}

/**
 * A fresh database on the local PostgreSQL server with `schema` migrated into it (for tests).
 */
export async function openTemporaryDataSource(
  schema: DatabaseSchema,
): Promise<TemporaryDataSource> {
  const database = await createTemporaryDatabase();
  try {
    const dataSource = await openDataSource({
      ...buildDataSourceOptions({ kind: 'postgres', url: database.url }, schema),
      // Errors that tests provoke on purpose are asserted, not printed; and dropping the database
      // ends pooled connections, which is expected.
      logging: false,
    });
    return {
      dataSource,
      close: async () => {
        await dataSource.destroy();
        await database.drop();
      },
    };
  } catch (error) {
    await database.drop();
    throw error;
  }
}
