import { type DynamicModule, Module } from '@nestjs/common';
import { Registry } from 'prom-client';
import { resolveInstanceId } from '../instance-id';
import { InvariantViolations } from './invariant-violations';
import { createMetricsRegistry } from './metrics-registry';
import { MetricsController } from './metrics.controller';

/**
 * Prometheus metrics at GET /metrics; inject `Registry` to register the service's own, and
 * `InvariantViolations` to count refused events.
 */
@Module({})
export class MetricsModule {
  static forRoot(options: { service: string }): DynamicModule {
    return {
      module: MetricsModule,
      global: true,
      controllers: [MetricsController],
      providers: [
        {
          provide: Registry,
          useFactory: () => createMetricsRegistry(options.service, resolveInstanceId()),
        },
        InvariantViolations,
      ],
      exports: [Registry, InvariantViolations],
    };
  }
}
