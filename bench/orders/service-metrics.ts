import { request } from 'undici';
import { defaultServicePorts, MANAGEMENT_PORT_OFFSET } from '@fanout/contracts';

/** Where each service listens, declared once in the contracts. */
export const SERVICE_PORTS: Record<string, number> = defaultServicePorts;

/** Sums of the Prometheus series the bench reports on (a _sum or _count, all labels added up). */
export type MetricTotals = Record<string, number>;

const WANTED = [
  'fanout_db_transaction_wait_seconds_sum',
  'fanout_db_transaction_seconds_sum',
  'fanout_db_transaction_seconds_count',
  'fanout_consumer_batch_events_sum',
  'fanout_consumer_batch_events_count',
];

/** Scrapes a service by its API port: /metrics is on its management port (+1000), as Prometheus would. */
export async function scrapeTotals(port: number): Promise<MetricTotals> {
  const totals: MetricTotals = {};
  try {
    const response = await request(`http://127.0.0.1:${port + MANAGEMENT_PORT_OFFSET}/metrics`);
    const text = await response.body.text();
    for (const line of text.split('\n')) {
      const name = line.split(/[{ ]/, 1)[0];
      if (!WANTED.includes(name)) continue;
      totals[name] = (totals[name] ?? 0) + Number(line.slice(line.lastIndexOf(' ') + 1));
    }
  } catch {
    // A service that does not answer has no figures for this step.
  }
  return totals;
}

export async function scrapeAll(): Promise<Record<string, MetricTotals>> {
  const entries = await Promise.all(
    Object.entries(SERVICE_PORTS).map(
      async ([service, port]) => [service, await scrapeTotals(port)] as const,
    ),
  );
  return Object.fromEntries(entries);
}

export interface DatabaseFigures {
  transactionsPerOrder: number;
  meanWaitMs: number;
  meanTransactionMs: number;
  /** Events per consumer transaction (1 = no batching). */
  meanBatchEvents: number;
}

export function databaseFigures(
  before: MetricTotals,
  after: MetricTotals,
  orders: number,
): DatabaseFigures {
  const delta = (name: string) => (after[name] ?? 0) - (before[name] ?? 0);
  const transactions = delta('fanout_db_transaction_seconds_count');
  return {
    transactionsPerOrder: transactions / Math.max(1, orders),
    meanWaitMs:
      (delta('fanout_db_transaction_wait_seconds_sum') * 1000) / Math.max(1, transactions),
    meanTransactionMs:
      (delta('fanout_db_transaction_seconds_sum') * 1000) / Math.max(1, transactions),
    meanBatchEvents:
      delta('fanout_consumer_batch_events_sum') /
      Math.max(1, delta('fanout_consumer_batch_events_count')),
  };
}
