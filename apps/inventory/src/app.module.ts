import { type DynamicModule, Module } from '@nestjs/common';
import { FanoutServiceModule, type FanoutServiceOptions } from '@fanout/chassis';
import { inventorySchema } from './inventory-schema';
import { ProductsModule } from './products/products.module';
import { ReservationsModule } from './reservations/reservations.module';

/** Settings a test passes instead of the environment's. */
export type AppOverrides = Pick<FanoutServiceOptions, 'database' | 'kafka' | 'auth'>;

/** The inventory service: the chassis, configured for inventory, and inventory's features. */
@Module({})
export class AppModule {
  static forRoot(overrides: AppOverrides = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        FanoutServiceModule.forRoot({
          service: 'inventory',
          ...inventorySchema,
          ...overrides,
          // Every order locks the same few product rows: one partition's batch at a time, in one
          // transaction, beats six transactions queueing on (and deadlocking over) those locks.
          kafka: { partitionsConsumedConcurrently: 1, ...overrides.kafka },
        }),
        ProductsModule,
        ReservationsModule,
      ],
    };
  }
}
