import { eventually } from './eventually';
import type { FanoutSystem } from './fanout-system';
import { getJson, postJson, type JsonResponse } from './http-client';

export interface OrderLine {
  sku: string;
  quantity: number;
  unitPriceCents: number;
}

export interface Order {
  id: string;
  status: 'PENDING' | 'COMPLETED' | 'CANCELLED';
  customerId: string;
  items: OrderLine[];
  totalCents: number;
  cancellationReason?: string | null;
}

export interface Payment {
  id: string;
  orderId: string;
  amountCents: number;
  status: 'COMPLETED' | 'FAILED' | 'REFUNDED';
  reason: string | null;
}

export interface Reservation {
  id: string;
  orderId: string;
  status: 'RESERVED' | 'REJECTED' | 'RELEASED';
  items: Array<{ sku: string; quantity: number }>;
  reason: string | null;
}

export interface Product {
  sku: string;
  name: string;
  available: number;
  reserved: number;
}

export interface Notification {
  id: string;
  orderId: string;
  recipient: string;
  subject: string;
  inResponseTo: string;
  eventId: string;
}

const FINAL_STATUSES = new Set(['COMPLETED', 'CANCELLED']);

/** The services' HTTP APIs, as a client of Fanout sees them. */
export class FanoutApi {
  constructor(private readonly system: FanoutSystem) {}

  placeOrder(order: unknown, idempotencyKey?: string): Promise<JsonResponse<Order>> {
    const headers: Record<string, string> = idempotencyKey
      ? { 'idempotency-key': idempotencyKey }
      : {};
    return postJson<Order>(`${this.system.urls.orders}/orders`, order, headers);
  }

  async order(id: string): Promise<Order> {
    return this.ok(await getJson<Order>(`${this.system.urls.orders}/orders/${id}`));
  }

  /** Waits until the order is COMPLETED or CANCELLED. */
  finalOrder(id: string, timeoutMs = 30_000): Promise<Order> {
    return eventually(
      async () => {
        const order = await this.order(id);
        return FINAL_STATUSES.has(order.status) ? order : undefined;
      },
      { timeoutMs, description: `order ${id} final` },
    );
  }

  async ordersOfCustomer(customerId: string): Promise<Order[]> {
    const query = new URLSearchParams({ customerId, limit: '100' });
    return listItems(this.ok(await getJson(`${this.system.urls.orders}/orders?${query}`)));
  }

  async payments(orderId: string): Promise<Payment[]> {
    return listItems(
      this.ok(await getJson(`${this.system.urls.payments}/payments?orderId=${orderId}`)),
    );
  }

  async reservations(orderId: string): Promise<Reservation[]> {
    return listItems(
      this.ok(await getJson(`${this.system.urls.inventory}/reservations?orderId=${orderId}`)),
    );
  }

  async notifications(orderId: string): Promise<Notification[]> {
    return listItems(
      this.ok(await getJson(`${this.system.urls.notifications}/notifications?orderId=${orderId}`)),
    );
  }

  async products(): Promise<Product[]> {
    return listItems(this.ok(await getJson(`${this.system.urls.inventory}/products`)));
  }

  async product(sku: string): Promise<Product> {
    const product = (await this.products()).find((candidate) => candidate.sku === sku);
    if (!product) throw new Error(`no product ${sku}`);
    return product;
  }

  private ok<T>(response: JsonResponse<T>): T {
    if (response.status !== 200) {
      throw new Error(`HTTP ${response.status}: ${JSON.stringify(response.body)}`);
    }
    return response.body;
  }
}

/** Every list endpoint answers { items: [...] } (orders adds a nextCursor). */
function listItems<T>(body: unknown): T[] {
  return (body as { items: T[] }).items;
}
