import { type DynamicModule, Module } from '@nestjs/common';
import { FanoutServiceModule, type FanoutServiceOptions } from '@fanout/chassis';
import { CatalogueModule } from './catalogue/catalogue.module';
import { ordersSchema } from './orders-schema';
import { OrdersModule } from './orders/orders.module';

/** Settings a test passes instead of the environment's. */
export type AppOverrides = Pick<FanoutServiceOptions, 'database' | 'kafka' | 'auth'>;

/** The orders service: the chassis, configured for orders, and orders' features. */
@Module({})
export class AppModule {
  static forRoot(overrides: AppOverrides = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        FanoutServiceModule.forRoot({ service: 'orders', ...ordersSchema, ...overrides }),
        OrdersModule,
        CatalogueModule,
      ],
    };
  }
}
