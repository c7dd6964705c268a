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
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser, customerScope, Roles } from '@fanout/auth';
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
  @ApiBadRequestResponse({
    description:
      'Malformed JSON, unknown fields (customerId too: it is the caller; unitPriceCents too: ' +
      'prices come from the catalogue) or invalid values',
  })
  @ApiUnprocessableEntityResponse({
    description: 'A SKU the catalogue has no price for (named), or an Idempotency-Key reused',
  })
  async place(
    @Body() request: CreateOrderDto,
    @CurrentUser() user: AuthenticatedUser,
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
    const { customerId: _refused, ...order } = request;
    const placed = await this.orders.place({ ...order, customerId: user.id }, idempotencyKey);
    if (placed.replayed) {
      response.setHeader('Idempotent-Replayed', 'true');
    }
    return OrderResponse.of(placed.order);
  }

  @Get()
  @Roles('operator')
  @ApiOkResponse({ type: OrderPageResponse })
  @ApiForbiddenResponse({
    description: "Not an operator: the listing shows every customer's orders",
  })
  async list(@Query() query: ListOrdersQuery): Promise<OrderPageResponse> {
    const page = await this.orders.list(query);
    return {
      items: page.items.map((order) => OrderResponse.of(order)),
      nextCursor: page.nextCursor,
    };
  }

  @Get(':id')
  @ApiOkResponse({ type: OrderResponse })
  @ApiNotFoundResponse({ description: "No such order, or another customer's (ids do not leak)" })
  async get(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<OrderResponse> {
    return OrderResponse.of(await this.orders.get(id, customerScope(user)));
  }

  @Get(':id/events')
  @ApiOkResponse({ type: [OrderEventResponse], description: 'Oldest first' })
  @ApiNotFoundResponse({ description: "No such order, or another customer's (ids do not leak)" })
  events(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<OrderEventResponse[]> {
    return this.orders.history(id, customerScope(user));
  }
}
