import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
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

  @ApiProperty({ example: 4999, description: 'Unit price in integer cents', minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  unitPriceCents!: number;
}

export class CreateOrderDto {
  @ApiProperty({ example: 'customer-42', minLength: 1, maxLength: 100 })
  @IsString()
  @Length(1, 100)
  customerId!: string;

  @ApiProperty({ type: [OrderLineDto], minItems: 1, maxItems: 100 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => OrderLineDto)
  items!: OrderLineDto[];
}
