import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { orderStatuses, type OrderStatus } from '../order-status';
import type { Order } from '../order.entity';
import { OrderLineDto } from './create-order.dto';

export class OrderResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: orderStatuses })
  status!: OrderStatus;

  @ApiProperty()
  customerId!: string;

  @ApiProperty({ type: [OrderLineDto] })
  items!: OrderLineDto[];

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
