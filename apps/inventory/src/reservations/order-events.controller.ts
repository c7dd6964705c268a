import { Controller, Logger } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import { Topics } from '@fanout/contracts';
import { EventConsumer, Outbox } from '@fanout/messaging';
import { ReservationsService } from './reservations.service';
import { SimulatedWork } from './simulated-work';

/** "2xA,1xB": a reservation's lines, short enough for one log field. */
const describeLines = (lines: readonly { sku: string; quantity: number }[]): string =>
  lines.map(({ sku, quantity }) => `${quantity}x${sku}`).join(',');

/**
 * Reserves the stock of every new order (OrderCreated in, StockReserved or StockRejected out) and
 * gives it back when the order is cancelled after all (OrderCancelled in, StockReleased out).
 */
@Controller()
export class OrderEventsController {
  private readonly logger = new Logger(OrderEventsController.name);

  constructor(
    private readonly consumer: EventConsumer,
    private readonly outbox: Outbox,
    private readonly reservations: ReservationsService,
    private readonly work: SimulatedWork,
  ) {}

  @EventPattern(Topics.orders)
  onOrdersMessage(@Ctx() context: KafkaContext) {
    return this.consumer.consume(context, {
      OrderCreated: async (event, tx) => {
        await this.work.perform();
        const { reservation, outcome } = await this.reservations.reserveForOrder(tx.manager, event);
        await this.outbox.add(tx, outcome);
        this.logger.log({
          msg: reservation.status === 'RESERVED' ? 'stock reserved' : 'stock rejected',
          reservationId: reservation.id,
          items: describeLines(reservation.items),
          ...(reservation.reason ? { reason: reservation.reason } : {}),
        });
      },
      OrderCancelled: async (event, tx) => {
        const { reservation, outcome } = await this.reservations.releaseForOrder(tx.manager, event);
        if (!outcome) {
          this.logger.log({
            msg: 'nothing to release',
            reservationStatus: reservation?.status ?? 'none',
          });
          return;
        }
        await this.outbox.add(tx, outcome);
        this.logger.log({
          msg: 'stock released',
          reservationId: outcome.payload.reservationId,
          items: describeLines(outcome.payload.items),
        });
      },
    });
  }
}
