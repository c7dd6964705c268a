import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** What the messaging layer counts; scraped at GET /metrics. */
@Injectable()
export class MessagingMetrics {
  readonly consumed: Counter<'topic' | 'type' | 'outcome'>;
  readonly published: Counter<'topic' | 'type'>;
  readonly handlerSeconds: Histogram<'topic' | 'type'>;
  readonly batchEvents: Histogram<'topic'>;
  readonly batchFallbacks: Counter<'topic'>;

  constructor(private readonly registry: Registry) {
    this.consumed = new Counter({
      name: 'fanout_events_consumed_total',
      help: 'Messages consumed, by outcome: processed, duplicate, skipped or dead-lettered',
      labelNames: ['topic', 'type', 'outcome'],
      registers: [registry],
    });
    this.published = new Counter({
      name: 'fanout_events_published_total',
      help: 'Events published from the outbox',
      labelNames: ['topic', 'type'],
      registers: [registry],
    });
    this.handlerSeconds = new Histogram({
      name: 'fanout_event_handler_seconds',
      help: 'Time to process one event, transaction included',
      labelNames: ['topic', 'type'],
      registers: [registry],
    });
    this.batchEvents = new Histogram({
      name: 'fanout_consumer_batch_events',
      help: 'Events handled per database transaction: grows with the backlog, 1 when idle',
      labelNames: ['topic'],
      buckets: [1, 2, 5, 10, 20, 50, 100],
      registers: [registry],
    });
    this.batchFallbacks = new Counter({
      name: 'fanout_consumer_batch_fallbacks_total',
      help: 'Batches whose transaction failed and whose events were processed again one at a time',
      labelNames: ['topic'],
      registers: [registry],
    });
  }

  /** `fanout_outbox_pending`: events not yet published, counted when the metrics are scraped. */
  trackOutboxPending(countPending: () => Promise<number>): void {
    new Gauge({
      name: 'fanout_outbox_pending',
      help: 'Events in the outbox not yet published to Kafka',
      registers: [this.registry],
      async collect() {
        this.set(await countPending());
      },
    });
  }
}
