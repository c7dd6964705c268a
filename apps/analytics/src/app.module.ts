import { type DynamicModule, Module } from '@nestjs/common';
import { FanoutServiceModule, type FanoutServiceOptions } from '@fanout/chassis';
import { analyticsSchema } from './analytics-schema';
import { AnalyticsModule } from './analytics/analytics.module';

/** Settings a test passes instead of the environment's. */
export type AppOverrides = Pick<FanoutServiceOptions, 'database' | 'kafka' | 'auth'>;

/** The analytics service: the chassis, configured for analytics, and its features. */
@Module({})
export class AppModule {
  static forRoot(overrides: AppOverrides = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        FanoutServiceModule.forRoot({
          service: 'analytics',
          ...analyticsSchema,
          ...overrides,
          // A projection nobody waits on: the broker gathers a tenth of a second of events per
          // fetch, fewer and larger fetches and transactions (docs/benchmarks.md).
          kafka: { fetchGatherMs: 100, ...overrides.kafka },
        }),
        AnalyticsModule,
      ],
    };
  }
}
