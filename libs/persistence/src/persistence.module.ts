import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, type DatabaseSchema } from './data-source-options';
import { type DatabaseLocation, resolveDatabaseLocation } from './database-location';
import { DatabaseMetrics } from './database-metrics';
import { openDataSource } from './open-data-source';
import { TransactionRunner } from './transaction-runner';

export const DATABASE_LOCATION = Symbol('DATABASE_LOCATION');

export interface PersistenceModuleOptions extends DatabaseSchema {
  service: string;
  /** Overrides the environment (DATABASE_URL, <SERVICE>_DATABASE_URL, DATA_DIR); for tests. */
  database?: DatabaseLocation;
}

/** The service's own database: TypeORM (PostgreSQL or PGlite), migrations, transactions. */
@Module({})
export class PersistenceModule {
  static forRoot(options: PersistenceModuleOptions): DynamicModule {
    const location = options.database ?? resolveDatabaseLocation(options.service);
    return {
      module: PersistenceModule,
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => buildDataSourceOptions(location, options),
          dataSourceFactory: (dataSourceOptions) => {
            if (!dataSourceOptions) throw new Error('no data source options');
            return openDataSource(dataSourceOptions);
          },
        }),
      ],
      providers: [
        { provide: DATABASE_LOCATION, useValue: location },
        {
          provide: TransactionRunner,
          inject: [DataSource],
          useFactory: (dataSource: DataSource) =>
            new TransactionRunner(dataSource, { serialize: location.kind === 'pglite' }),
        },
        DatabaseMetrics,
      ],
      exports: [TypeOrmModule, TransactionRunner, DATABASE_LOCATION],
    };
  }
}
