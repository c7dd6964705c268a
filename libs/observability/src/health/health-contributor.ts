import type { HealthIndicatorResult } from '@nestjs/terminus';

/** One dependency of a service that GET /health reports on (database, Kafka, ...). */
export interface HealthContributor {
  check(): Promise<HealthIndicatorResult>;
}

export const HEALTH_CONTRIBUTORS = Symbol('HEALTH_CONTRIBUTORS');
