import { Module } from '@nestjs/common';
import { InventoryEventsController } from './inventory-events.controller';
import { NotificationsEventsController } from './notifications-events.controller';
import { OrderStatsProjection } from './order-stats.projection';
import { OrdersEventsController } from './orders-events.controller';
import { PaymentsEventsController } from './payments-events.controller';
import { ProjectionReset } from './projection-reset.service';
import { StatsController } from './stats.controller';
import { StatsService } from './stats.service';

/**
 * Analytics: folds every event on orders, payments, inventory and notifications into a projection
 * (OrderStatsProjection), rebuilt from the log when its consumer group starts over
 * (ProjectionReset); GET /stats.
 */
@Module({
  controllers: [
    StatsController,
    OrdersEventsController,
    PaymentsEventsController,
    InventoryEventsController,
    NotificationsEventsController,
  ],
  providers: [OrderStatsProjection, StatsService, ProjectionReset],
})
export class AnalyticsModule {}
