import { type DynamicModule, Module } from '@nestjs/common';
import { FanoutServiceModule, type FanoutServiceOptions } from '@fanout/chassis';
import { notificationsSchema } from './notifications-schema';
import { NotificationsModule } from './notifications/notifications.module';

/** Settings a test passes instead of the environment's. */
export type AppOverrides = Pick<FanoutServiceOptions, 'database' | 'kafka' | 'auth'>;

/** The notifications service: the chassis, configured for notifications, and its features. */
@Module({})
export class AppModule {
  static forRoot(overrides: AppOverrides = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        FanoutServiceModule.forRoot({
          service: 'notifications',
          ...notificationsSchema,
          ...overrides,
          // No step of the order waits on a notification: the broker gathers a tenth of a second
          // of events per fetch, fewer and larger fetches and transactions (docs/benchmarks.md).
          kafka: { fetchGatherMs: 100, ...overrides.kafka },
        }),
        NotificationsModule,
      ],
    };
  }
}
