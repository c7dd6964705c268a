import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  BadRequestException,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CreateOrderDto } from './dto/create-order.dto';
import { ListOrdersQuery } from './dto/list-orders.query';
import { OrderEventResponse, OrderPageResponse, OrderResponse } from './dto/order.response';
import { OrdersService } from './orders.service';

const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

@ApiTags('orders')
@Controller('orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Retrying with the same key returns the first order instead of creating another',
  })
  @ApiCreatedResponse({ type: OrderResponse })
  @ApiBadRequestResponse({ description: 'Malformed JSON, unknown fields or invalid values' })
  @ApiUnprocessableEntityResponse({ description: 'Idempotency-Key reused with another body' })
  async place(
    @Body() request: CreateOrderDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: { setHeader(name: string, value: string): void },
  ): Promise<OrderResponse> {
    if (
      idempotencyKey !== undefined &&
      (idempotencyKey.length === 0 || idempotencyKey.length > MAX_IDEMPOTENCY_KEY_LENGTH)
    ) {
      throw new BadRequestException(
        `Idempotency-Key must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`,
      );
    }
    const { order, replayed } = await this.orders.place(request, idempotencyKey);
    if (replayed) {
      response.setHeader('Idempotent-Replayed', 'true');
    }
    return OrderResponse.of(order);
  }

  @Get()
  @ApiOkResponse({ type: OrderPageResponse })
  async list(@Query() query: ListOrdersQuery): Promise<OrderPageResponse> {
    const page = await this.orders.list(query);
    return {
      items: page.items.map((order) => OrderResponse.of(order)),
      nextCursor: page.nextCursor,
    };
  }

  @Get(':id')
  @ApiOkResponse({ type: OrderResponse })
  @ApiNotFoundResponse()
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<OrderResponse> {
    return OrderResponse.of(await this.orders.get(id));
  }

  @Get(':id/events')
  @ApiOkResponse({ type: [OrderEventResponse], description: 'Oldest first' })
  @ApiNotFoundResponse()
  events(@Param('id', ParseUUIDPipe) id: string): Promise<OrderEventResponse[]> {
    return this.orders.history(id);
  }
}
