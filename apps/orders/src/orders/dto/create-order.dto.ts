import { ApiHideProperty, ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmpty,
  IsInt,
  IsString,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

export class OrderLineDto {
  @ApiProperty({ example: 'KEYBOARD-01', minLength: 1, maxLength: 64 })
  @IsString()
  @Length(1, 64)
  sku!: string;

  @ApiProperty({ example: 2, minimum: 1, maximum: 1000 })
  @IsInt()
  @Min(1)
  @Max(1000)
  quantity!: number;

  /**
   * Refused with a 400 that says why, rather than ignored: a client that believes it sets the
   * price learns at once that it does not. The price is the catalogue's (ProductUpdated).
   */
  @ApiHideProperty()
  @IsEmpty({
    message:
      'unitPriceCents is not accepted: prices come from the catalogue (the order records the price it used)',
  })
  unitPriceCents?: never;
}

export class CreateOrderDto {
  /** Refused with a 400 that says why: an order is placed for the caller its token names. */
  @ApiHideProperty()
  @IsEmpty({
    message: 'customerId is not accepted: the order is placed for the caller of the bearer token',
  })
  customerId?: never;

  @ApiProperty({ type: [OrderLineDto], minItems: 1, maxItems: 100 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => OrderLineDto)
  items!: OrderLineDto[];
}
