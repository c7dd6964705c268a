import { Module } from '@nestjs/common';
import { FanoutServiceModule } from '@fanout/chassis';
import { inventoryEntities, inventoryMigrations } from './inventory-schema';
import { CatalogueSeederService } from './products/catalogue-seeder.service';
import { ProductsController } from './products/products.controller';
import { OrderEventsController } from './reservations/order-events.controller';
import { ReservationsController } from './reservations/reservations.controller';
import { ReservationsService } from './reservations/reservations.service';
import { SimulatedWork } from './reservations/simulated-work';

@Module({
  imports: [
    FanoutServiceModule.forRoot({
      service: 'inventory',
      entities: inventoryEntities,
      migrations: inventoryMigrations,
      // Every order locks the same few product rows: one partition's batch at a time, in one
      // transaction, beats six transactions queueing on (and deadlocking over) those locks.
      kafka: { partitionsConsumedConcurrently: 1 },
    }),
  ],
  controllers: [ProductsController, ReservationsController, OrderEventsController],
  providers: [
    ReservationsService,
    CatalogueSeederService,
    { provide: SimulatedWork, useFactory: () => SimulatedWork.fromEnvironment() },
  ],
})
export class AppModule {}
