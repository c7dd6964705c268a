import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { orderStatuses, type OrderStatus } from '../order-status';
import type { Order } from '../order.entity';
/** An order line as ordered, with the catalogue price the order was created with. */
export class OrderLineResponse {
  @ApiProperty({ example: 'KEYBOARD-01' })
  sku!: string;

  @ApiProperty({ example: 2 })
  quantity!: number;

  @ApiProperty({
    example: 4999,
    description: "Unit price in integer cents: the catalogue's when the order was created",
  })
  unitPriceCents!: number;
}

export class OrderResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: orderStatuses })
  status!: OrderStatus;

  @ApiProperty()
  customerId!: string;

  @ApiProperty({ type: [OrderLineResponse] })
  items!: OrderLineResponse[];

  @ApiProperty({ description: 'Sum of quantity × unitPriceCents' })
  totalCents!: number;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Why a CANCELLED order was cancelled',
  })
  cancellationReason!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;

  static of(order: Order): OrderResponse {
    return {
      id: order.id,
      status: order.status,
      customerId: order.customerId,
      items: order.items,
      totalCents: order.totalCents,
      cancellationReason: order.cancellationReason,
      createdAt: order.createdAt.toISOString(),
      updatedAt: order.updatedAt.toISOString(),
    };
  }
}

export class OrderPageResponse {
  @ApiProperty({ type: [OrderResponse] })
  items!: OrderResponse[];

  @ApiProperty({ nullable: true, type: String, description: 'Pass as ?cursor= for the next page' })
  nextCursor!: string | null;
}

export class OrderEventResponse {
  @ApiProperty({ enum: ['produced', 'consumed'] })
  direction!: 'produced' | 'consumed';

  @ApiProperty({ format: 'uuid' })
  eventId!: string;

  @ApiProperty({ example: 'OrderCreated' })
  type!: string;

  @ApiProperty({ format: 'date-time' })
  occurredAt!: string;

  @ApiProperty()
  topic!: string;

  @ApiProperty({ nullable: true, type: Number, description: 'Null while still in the outbox' })
  partition!: number | null;

  @ApiProperty({ nullable: true, type: String })
  offset!: string | null;
}
