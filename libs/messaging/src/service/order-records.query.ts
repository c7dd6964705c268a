import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

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
