import { ForbiddenException } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { type AuthenticatedUser, customerScope } from '@fanout/auth';

/**
 * Query string of the read endpoints that list what a service recorded about orders (payments,
 * reservations, notifications): the order each endpoint sorts by is documented on the endpoint.
 */
export class OrderRecordsQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only the records of this order' })
  @IsOptional()
  @IsUUID()
  orderId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit = 100;
}

/** What a caller may ask of a list of order records (OrderRecordsQuery), once authenticated. */
export interface OrderRecordsFilter {
  orderId?: string;
  /** Set for a customer: only their own records. */
  customerId?: string;
  limit: number;
}

/**
 * A customer reads the records of one order at a time, and only their own; listing every
 * customer's records is for operators (403 otherwise).
 */
export function orderRecordsFilter(
  query: OrderRecordsQuery,
  user: AuthenticatedUser,
): OrderRecordsFilter {
  const customerId = customerScope(user);
  if (customerId !== undefined && query.orderId === undefined) {
    throw new ForbiddenException(
      'listing every record needs the operator role; a customer asks for one order: ?orderId=<id>',
    );
  }
  return { orderId: query.orderId, customerId, limit: query.limit };
}
