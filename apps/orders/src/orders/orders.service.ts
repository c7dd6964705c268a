import { createHash, randomUUID } from 'node:crypto';
import { Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { createEvent, OrderCreated, orderTotalCents } from '@fanout/contracts';
import { EventHistory, type EventHistoryEntry, Outbox } from '@fanout/messaging';
import { GroupCommit, type Transaction, TransactionRunner } from '@fanout/persistence';
import { loadPrices, priceLines } from '../catalogue/price-list';
import type { CreateOrderDto } from './dto/create-order.dto';
import type { ListOrdersQuery } from './dto/list-orders.query';
import { decodeOrderCursor, encodeOrderCursor } from './order-cursor';
import { IdempotencyKey } from './idempotency-key.entity';
import { Order } from './order.entity';

const DEFAULT_PAGE_SIZE = 20;

/** An order to place: the request, for the customer its bearer token names. */
export type NewOrder = Omit<CreateOrderDto, 'customerId'> & { customerId: string };

export interface PlacedOrder {
  order: Order;
  /** True when an Idempotency-Key matched an earlier request: nothing new was created. */
  replayed: boolean;
}

@Injectable()
export class OrdersService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly outbox: Outbox,
    private readonly eventHistory: EventHistory,
  ) {}

  /**
   * Orders placed without an Idempotency-Key are written by group commit: those that arrive while
   * a write is in flight share the next transaction (one INSERT for the orders, one for their
   * OrderCreated events), so under load a request does not wait for a pooled connection of its own.
   */
  private readonly newOrders = new GroupCommit<NewOrder, Order>((requests) =>
    this.transactions.run((tx) => this.insertOrders(tx, requests)),
  );

  /** Creates the order and its OrderCreated event in one transaction. */
  place(request: NewOrder, idempotencyKey?: string): Promise<PlacedOrder> {
    if (idempotencyKey === undefined) {
      return this.newOrders.submit(request).then((order) => ({ order, replayed: false }));
    }
    return this.transactions.run(async (tx) => {
      const id = randomUUID();
      const earlier = await this.claimKey(tx, idempotencyKey, request, id);
      if (earlier) return { order: earlier, replayed: true };
      const [order] = await this.insertOrders(tx, [request], [id]);
      return { order, replayed: false };
    });
  }

  /** The orders and their OrderCreated events, in two statements whatever their number. */
  private async insertOrders(
    tx: Transaction,
    requests: NewOrder[],
    ids: string[] = requests.map(() => randomUUID()),
  ): Promise<Order[]> {
    const now = new Date();
    // Every line is priced from orders' copy of the catalogue, in this transaction: the order
    // records the price it used. A SKU without a price fails its own request (422; GroupCommit
    // writes the others again without it).
    const prices = await loadPrices(
      tx,
      requests.flatMap((request) => request.items.map(({ sku }) => sku)),
    );
    const orders = requests.map((request, i) => {
      const items = priceLines(request.items, prices);
      return tx.manager.create(Order, {
        id: ids[i],
        customerId: request.customerId,
        status: 'PENDING',
        items,
        totalCents: orderTotalCents(items),
        paymentStatus: 'PENDING',
        stockStatus: 'PENDING',
        cancellationReason: null,
        createdAt: now,
        updatedAt: now,
      });
    });
    const column = <T>(pick: (order: Order) => T) => orders.map(pick);
    await tx.manager.query(
      `INSERT INTO orders (id, customer_id, status, items, total_cents, payment_status,
                           stock_status, created_at, updated_at)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[], $5::bigint[],
                            $6::text[], $7::text[], $8::timestamptz[], $8::timestamptz[])`,
      [
        column((order) => order.id),
        column((order) => order.customerId),
        column((order) => order.status),
        column((order) => JSON.stringify(order.items)),
        column((order) => order.totalCents),
        column((order) => order.paymentStatus),
        column((order) => order.stockStatus),
        column(() => now),
      ],
    );
    await this.outbox.add(
      tx,
      ...orders.map((order) =>
        createEvent(
          OrderCreated,
          {
            orderId: order.id,
            customerId: order.customerId,
            items: order.items,
            totalCents: order.totalCents,
          },
          // The order id names the whole flow: every event about this order carries it.
          { producer: 'orders', correlationId: order.id },
        ),
      ),
    );
    return orders;
  }

  /** The order, if `customerId` (a customer's scope) is unset or owns it: else 404, as if absent. */
  async get(id: string, customerId?: string): Promise<Order> {
    const order = await this.transactions.run((tx) =>
      tx.manager.findOneBy(Order, { id, ...(customerId !== undefined && { customerId }) }),
    );
    if (!order) {
      throw new NotFoundException(`order ${id} does not exist`);
    }
    return order;
  }

  async list(query: ListOrdersQuery): Promise<{ items: Order[]; nextCursor: string | null }> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const cursor = query.cursor === undefined ? undefined : decodeOrderCursor(query.cursor);
    const orders = await this.transactions.run((tx) => {
      const select = tx.manager
        .createQueryBuilder(Order, 'o')
        .orderBy('o.created_at', 'DESC')
        .addOrderBy('o.id', 'DESC')
        .limit(limit + 1);
      if (query.status) select.andWhere('o.status = :status', { status: query.status });
      if (query.customerId) select.andWhere('o.customer_id = :customerId', query);
      if (cursor) {
        select.andWhere('(o.created_at, o.id) < (:createdAt, :id)', cursor);
      }
      return select.getMany();
    });
    const page = orders.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page,
      nextCursor: orders.length > limit && last ? encodeOrderCursor(last) : null,
    };
  }

  async history(id: string, customerId?: string): Promise<EventHistoryEntry[]> {
    await this.get(id, customerId);
    return this.eventHistory.forKey(id);
  }

  /**
   * Claims the key for the order about to be created, or returns the order an earlier request with
   * the same key created. A concurrent request with the same key waits on the key's row lock.
   * The hash covers the customer: another customer's key is a 422, never their order.
   */
  private async claimKey(
    tx: Transaction,
    key: string,
    request: NewOrder,
    orderId: string,
  ): Promise<Order | null> {
    const requestHash = createHash('sha256').update(JSON.stringify(request)).digest('hex');
    const claimed: unknown[] = await tx.manager.query(
      `INSERT INTO idempotency_keys (key, request_hash, order_id) VALUES ($1, $2, $3)
       ON CONFLICT (key) DO NOTHING RETURNING key`,
      [key, requestHash, orderId],
    );
    if (claimed.length > 0) {
      return null;
    }
    const earlier = await tx.manager.findOneByOrFail(IdempotencyKey, { key });
    if (earlier.requestHash !== requestHash) {
      throw new UnprocessableEntityException(
        'Idempotency-Key was already used with a different request body',
      );
    }
    return tx.manager.findOneByOrFail(Order, { id: earlier.orderId });
  }
}
