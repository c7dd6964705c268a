import { Injectable, Optional } from '@nestjs/common';
import { Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { TransactionRunner } from './transaction-runner';

const BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/** The pg driver's pool, where TypeORM keeps it (absent with PGlite). */
interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/**
 * What the database costs the service, at GET /metrics: how long transactions wait before they
 * begin (a free connection from the pool, or PGlite's turn), how long they run, and the pool's
 * connections in use and requests waiting. A service short of connections shows it here first.
 */
@Injectable()
export class DatabaseMetrics {
  constructor(
    transactions: TransactionRunner,
    dataSource: DataSource,
    @Optional() registry?: Registry,
  ) {
    if (!registry) return;
    const wait = new Histogram({
      name: 'fanout_db_transaction_wait_seconds',
      help: 'Time from asking for a transaction to its BEGIN: waiting for a pooled connection',
      buckets: BUCKETS,
      registers: [registry],
    });
    const run = new Histogram({
      name: 'fanout_db_transaction_seconds',
      help: 'Time from BEGIN to COMMIT (or ROLLBACK) of a transaction',
      buckets: BUCKETS,
      registers: [registry],
    });
    transactions.observe((waitSeconds, runSeconds) => {
      wait.observe(waitSeconds);
      run.observe(runSeconds);
    });
    const pool = () => (dataSource.driver as { master?: PgPool }).master;
    new Gauge({
      name: 'fanout_db_pool_connections',
      help: 'Pooled database connections, by state (in use, idle) and requests waiting for one',
      labelNames: ['state'],
      registers: [registry],
      collect() {
        const current = pool();
        if (!current) return;
        this.set({ state: 'in-use' }, current.totalCount - current.idleCount);
        this.set({ state: 'idle' }, current.idleCount);
        this.set({ state: 'waiting' }, current.waitingCount);
      },
    });
  }
}
