import { eventually } from '../../support/eventually';

/** The calls the README's "Run with Docker" session makes with curl, against given URLs. */
export class SessionClient {
  constructor(private readonly urls: Readonly<Record<string, string>>) {}

  /** POST /orders (curl -X POST …): the new order's id; anything but 201 is an error. */
  async placeOrder(order: unknown): Promise<string> {
    const response = await fetch(`${this.url('orders')}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(order),
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await response.json()) as { id?: string };
    if (response.status !== 201 || !body.id) {
      throw new Error(`POST /orders answered ${response.status}: ${JSON.stringify(body)}`);
    }
    return body.id;
  }

  async orderStatus(orderId: string): Promise<string> {
    return (await this.get<{ status: string }>('orders', `/orders/${orderId}`)).status;
  }

  /** Waits until the order is COMPLETED or CANCELLED (the README's `until curl …` loop). */
  finalStatus(orderId: string, timeoutMs: number): Promise<string> {
    return eventually(
      async () => {
        const status = await this.orderStatus(orderId);
        return status === 'COMPLETED' || status === 'CANCELLED' ? status : undefined;
      },
      { timeoutMs, intervalMs: 250, description: `order ${orderId} final` },
    );
  }

  /** How many items a service's list endpoint has for the order (reservations, notifications). */
  async countFor(service: string, resource: string, orderId: string): Promise<number> {
    const body = await this.get<{ items: unknown[] }>(service, `/${resource}?orderId=${orderId}`);
    return body.items.length;
  }

  private async get<T>(service: string, pathAndQuery: string): Promise<T> {
    const response = await fetch(`${this.url(service)}${pathAndQuery}`, {
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`GET ${pathAndQuery} on ${service}: ${response.status}`);
    return (await response.json()) as T;
  }

  private url(service: string): string {
    const url = this.urls[service];
    if (!url) throw new Error(`no URL for ${service}`);
    return url;
  }
}
