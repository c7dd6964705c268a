import { type DynamicModule, Module } from '@nestjs/common';
import { FanoutServiceModule, type FanoutServiceOptions } from '@fanout/chassis';
import { paymentsSchema } from './payments-schema';
import { PaymentsModule } from './payments/payments.module';

/** Settings a test passes instead of the environment's. */
export type AppOverrides = Pick<FanoutServiceOptions, 'database' | 'kafka' | 'auth'>;

/** The payments service: the chassis, configured for payments, and payments' features. */
@Module({})
export class AppModule {
  static forRoot(overrides: AppOverrides = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        FanoutServiceModule.forRoot({ service: 'payments', ...paymentsSchema, ...overrides }),
        PaymentsModule,
      ],
    };
  }
}
