import { Controller, Logger } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import { type EventOfType, Topics } from '@fanout/contracts';
import { type Delivery, EventConsumer, Outbox } from '@fanout/messaging';
import { InvariantViolations } from '@fanout/observability';
import type { Transaction } from '@fanout/persistence';
import { reservationRules } from './reservations-checks';
import { ReservationsService } from './reservations.service';
import { SimulatedWork } from './simulated-work';

/** "2xA,1xB": a reservation's lines, short enough for one log field. */
const describeLines = (lines: readonly { sku: string; quantity: number }[]): string =>
  lines.map(({ sku, quantity }) => `${quantity}x${sku}`).join(',');

/**
 * The orders topic, as inventory reads it: reserves the stock of every new order (OrderCreated
 * in, StockReserved or StockRejected out), commits it when the order completes (OrderCompleted:
 * the units leave `reserved`), and gives it back when the order is cancelled after all, or was
 * never created by orders (OrderCancelled or OrderUnknown in, StockReleased out). An event that
 * contradicts inventory's own record of the order is refused and counted (InvariantViolations).
 */
@Controller()
export class OrdersEventsController {
  private readonly logger = new Logger(OrdersEventsController.name);

  constructor(
    private readonly consumer: EventConsumer,
    private readonly outbox: Outbox,
    private readonly reservations: ReservationsService,
    private readonly work: SimulatedWork,
    private readonly violations: InvariantViolations,
  ) {
    violations.declare(reservationRules);
  }

  @EventPattern(Topics.orders)
  onOrdersEvent(@Ctx() context: KafkaContext) {
    return this.consumer.consume(context, {
      OrderCreated: (event, tx, delivery) => this.onOrderCreated(event, tx, delivery),
      OrderCompleted: (event, tx, delivery) => this.onOrderCompleted(event, tx, delivery),
      OrderCancelled: (event, tx, delivery) => this.onOrderCancelled(event, tx, delivery),
      OrderUnknown: (event, tx, delivery) => this.onOrderUnknown(event, tx, delivery),
    });
  }

  private async onOrderCreated(
    event: EventOfType<'OrderCreated'>,
    tx: Transaction,
    delivery: Delivery,
  ): Promise<void> {
    await this.work.perform();
    const result = await this.reservations.reserveForOrder(tx, event, delivery.batchKeys);
    if ('refused' in result) {
      this.violations.record(result.refused.rule, result.refused.reason);
      return;
    }
    const { reservation, outcome } = result;
    await this.outbox.add(tx, outcome);
    this.logger.log({
      msg: reservation.status === 'RESERVED' ? 'stock reserved' : 'stock rejected',
      reservationId: reservation.id,
      items: describeLines(reservation.items),
      ...(reservation.reason ? { reason: reservation.reason } : {}),
    });
  }

  private onOrderCompleted(
    event: EventOfType<'OrderCompleted'>,
    tx: Transaction,
    delivery: Delivery,
  ): Promise<void> {
    return this.settle(event, tx, delivery);
  }

  private onOrderCancelled(
    event: EventOfType<'OrderCancelled'>,
    tx: Transaction,
    delivery: Delivery,
  ): Promise<void> {
    return this.settle(event, tx, delivery);
  }

  private onOrderUnknown(
    event: EventOfType<'OrderUnknown'>,
    tx: Transaction,
    delivery: Delivery,
  ): Promise<void> {
    return this.settle(event, tx, delivery);
  }

  private async settle(
    event:
      EventOfType<'OrderCompleted'> | EventOfType<'OrderCancelled'> | EventOfType<'OrderUnknown'>,
    tx: Transaction,
    delivery: Delivery,
  ): Promise<void> {
    const { reservation, step, released } = await this.reservations.settleForOrder(
      tx,
      event,
      delivery.batchKeys,
    );
    if (step.action === 'refuse') {
      this.violations.record(step.rule, step.reason, {
        reservationStatus: reservation?.status ?? 'none',
      });
      return;
    }
    if (released) await this.outbox.add(tx, released);
    if (step.action === 'nothing') {
      this.logger.log({ msg: 'nothing to do', reservationStatus: reservation?.status ?? 'none' });
      return;
    }
    this.logger.log({
      msg: step.action === 'commit' ? 'stock committed' : 'stock released',
      reservationId: reservation?.id,
      items: describeLines(reservation?.items ?? []),
    });
  }
}
