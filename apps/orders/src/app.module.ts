import { type DynamicModule, Module } from '@nestjs/common';
import { FanoutServiceModule, type FanoutServiceOptions } from '@fanout/chassis';
import { ordersMigrations } from './migrations';
import { ordersEntities } from './orders/orders-entities';
import { OrdersModule } from './orders/orders.module';

/** The orders service. Tests pass explicit database, Kafka and auth settings instead of the environment. */
@Module({})
export class AppModule {
  static forRoot(
    overrides: Pick<FanoutServiceOptions, 'database' | 'kafka' | 'auth'> = {},
  ): DynamicModule {
    return {
      module: AppModule,
      imports: [
        FanoutServiceModule.forRoot({
          service: 'orders',
          entities: ordersEntities,
          migrations: ordersMigrations,
          ...overrides,
        }),
        OrdersModule,
      ],
    };
  }
}
