import type { TestIssuer } from '@fanout/auth';
import { eventually } from '@fanout/testing';
import type { ServiceName } from './fanout-system';
import { getJson, postJson, type JsonResponse } from './http-client';

/** What a customer orders: a SKU and a quantity. The price is the catalogue's. */
export interface OrderRequestLine {
  sku: string;
  quantity: number;
}

/** An order line as recorded: with the catalogue price the order was created with. */
export interface OrderLine extends OrderRequestLine {
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
  status: 'RESERVED' | 'REJECTED' | 'RELEASED' | 'COMMITTED';
  items: Array<{ sku: string; quantity: number }>;
  reason: string | null;
}

export interface Product {
  sku: string;
  name: string;
  unitPriceCents: number | null;
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

/** Where the services answer, and the issuer whose tokens they trust. */
export interface FanoutEndpoints {
  readonly urls: Readonly<Record<ServiceName, string>>;
  readonly issuer: TestIssuer;
}

/** The SKUs inventory's demo catalogue seeds (apps/inventory/src/products/demo-catalogue.ts). */
export const DEMO_SKUS = [
  'CABLE-01',
  'HEADSET-01',
  'KEYBOARD-01',
  'MONITOR-01',
  'MOUSE-01',
  'SOLD-OUT-01',
] as const;

/** A price orders charges (GET /catalogue). */
export interface CataloguePrice {
  sku: string;
  name: string;
  unitPriceCents: number;
}

/** Who places an order whose body names no customer (a malformed body, say). */
const DEFAULT_CUSTOMER = 'e2e-customer';

/**
 * The services' HTTP APIs, as a client of Fanout sees them. Orders are placed by the customer the
 * body names (its `customerId` picks the token and is not sent: the service takes the customer
 * from the token); everything else is read as an operator, who sees every customer's records.
 */
export class FanoutApi {
  /** Minted once each: a customer's by id, and the operator's. */
  private readonly customerTokens = new Map<string, Promise<string>>();
  private operatorToken: Promise<string> | undefined;
  private pricesKnown: Promise<CataloguePrice[]> | undefined;

  constructor(private readonly system: FanoutEndpoints) {}

  /**
   * Places an order. The first call waits until orders knows the demo catalogue's prices, as a
   * client would look at the catalogue before ordering: a system that has just started may not
   * have read inventory's ProductUpdated events yet, and an unpriced SKU is a 422.
   */
  async placeOrder(order: unknown, idempotencyKey?: string): Promise<JsonResponse<Order>> {
    await this.demoCatalogue();
    const { customerId = DEFAULT_CUSTOMER, ...body } =
      typeof order === 'object' && order !== null ? (order as { customerId?: string }) : {};
    const headers: Record<string, string> = {
      ...(await this.customerHeaders(customerId)),
      ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
    };
    const sent = typeof order === 'object' && order !== null ? body : order;
    return postJson<Order>(`${this.system.urls.orders}/orders`, sent, headers);
  }

  /** Authorization headers of a customer (their token is minted once). */
  async customerHeaders(customerId: string): Promise<Record<string, string>> {
    let token = this.customerTokens.get(customerId);
    if (!token) {
      token = this.system.issuer.customerToken(customerId);
      this.customerTokens.set(customerId, token);
    }
    return this.system.issuer.headersFor(await token);
  }

  /** Authorization headers of an operator. */
  async operatorHeaders(): Promise<Record<string, string>> {
    this.operatorToken ??= this.system.issuer.operatorToken();
    return this.system.issuer.headersFor(await this.operatorToken);
  }

  /** The prices orders charges now. */
  async catalogue(): Promise<CataloguePrice[]> {
    return listItems(this.ok(await this.get(`${this.system.urls.orders}/catalogue`)));
  }

  /** Waits (once) until orders has a price for every demo SKU; resolves with the catalogue. */
  demoCatalogue(): Promise<CataloguePrice[]> {
    this.pricesKnown ??= eventually(
      async () => {
        const prices = await this.catalogue();
        const priced = new Set(prices.map(({ sku }) => sku));
        return DEMO_SKUS.every((sku) => priced.has(sku)) ? prices : undefined;
      },
      { timeoutMs: 60_000, description: 'orders knows the demo catalogue' },
    );
    return this.pricesKnown;
  }

  async order(id: string): Promise<Order> {
    return this.ok(await this.get<Order>(`${this.system.urls.orders}/orders/${id}`));
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
    return listItems(this.ok(await this.get(`${this.system.urls.orders}/orders?${query}`)));
  }

  async payments(orderId: string): Promise<Payment[]> {
    return listItems(
      this.ok(await this.get(`${this.system.urls.payments}/payments?orderId=${orderId}`)),
    );
  }

  async reservations(orderId: string): Promise<Reservation[]> {
    return listItems(
      this.ok(await this.get(`${this.system.urls.inventory}/reservations?orderId=${orderId}`)),
    );
  }

  async notifications(orderId: string): Promise<Notification[]> {
    return listItems(
      this.ok(await this.get(`${this.system.urls.notifications}/notifications?orderId=${orderId}`)),
    );
  }

  async products(): Promise<Product[]> {
    return listItems(this.ok(await this.get(`${this.system.urls.inventory}/products`)));
  }

  async product(sku: string): Promise<Product> {
    const product = (await this.products()).find((candidate) => candidate.sku === sku);
    if (!product) throw new Error(`no product ${sku}`);
    return product;
  }

  private async get<T>(url: string): Promise<JsonResponse<T>> {
    return getJson<T>(url, await this.operatorHeaders());
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
