import { DataSource, type DataSourceOptions } from 'typeorm';

/**
 * Runs `work` while holding a PostgreSQL advisory lock named `name`, so that instances starting
 * together take turns (migrations, seeding). Nothing to coordinate with PGlite: one process owns it.
 */
export async function withAdvisoryLock<T>(
  dataSource: DataSource,
  name: string,
  work: () => Promise<T>,
): Promise<T> {
  // PGlite is plugged in as a custom driver of the postgres type.
  const embedded = (dataSource.options as { driver?: unknown }).driver !== undefined;
  if (dataSource.options.type !== 'postgres' || embedded) {
    return work();
  }
  const lockHolder = dataSource.createQueryRunner();
  await lockHolder.connect();
  try {
    await lockHolder.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
    try {
      return await work();
    } finally {
      await lockHolder.query('SELECT pg_advisory_unlock(hashtext($1))', [name]);
    }
  } finally {
    await lockHolder.release();
  }
}

/**
 * Connects and brings the schema up to date. Replicas started at once on an empty database would
 * race to create the same tables; the advisory lock makes them migrate one after the other (the
 * later ones find nothing left to do).
 */
export async function openDataSource(options: DataSourceOptions): Promise<DataSource> {
  const dataSource = new DataSource({ ...options, migrationsRun: false });
  await dataSource.initialize();
  try {
    await withAdvisoryLock(dataSource, 'fanout.migrations', () =>
      dataSource.runMigrations({ transaction: 'each' }),
    );
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}
