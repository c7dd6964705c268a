import { Injectable, Logger } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';

/**
 * Events a service refused because they contradict what it knows (a payment of the wrong amount,
 * a cancellation of a completed order...). They have a valid shape, so only the receiving service
 * can tell; it refuses them, never applies them, and says so here: one warn line and
 * `fanout_invariant_violations_total{service,rule}`, which an alert can watch (any increase means
 * a bug in a producer, or someone writing to a topic who should not).
 */
@Injectable()
export class InvariantViolations {
  private readonly logger = new Logger(InvariantViolations.name);
  private readonly counter: Counter<'rule'>;

  constructor(registry: Registry) {
    this.counter = new Counter({
      name: 'fanout_invariant_violations_total',
      help: 'Events refused because they break a business rule the service checks, by rule',
      labelNames: ['rule'],
      registers: [registry],
    });
  }

  /** Makes each rule's series exist at 0, so a rate() or an alert sees its first violation. */
  declare(rules: readonly string[]): void {
    for (const rule of rules) this.counter.inc({ rule }, 0);
  }

  /**
   * Counts and logs one refused event. `facts` must be ids, statuses and amounts only, never
   * customer data: the log line is read by operators. The event's ids and position are already
   * bound to the line by the consumer pipeline.
   */
  record(rule: string, reason: string, facts: Record<string, string | number | null> = {}): void {
    this.counter.inc({ rule });
    this.logger.warn({ msg: 'invariant violated; event refused', rule, reason, ...facts });
  }

  /** The count for one rule; for tests and /status-like readers. */
  async count(rule: string): Promise<number> {
    const metric = await this.counter.get();
    return metric.values.find((value) => value.labels.rule === rule)?.value ?? 0;
  }
}
