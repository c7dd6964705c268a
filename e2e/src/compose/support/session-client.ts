import path from 'node:path';
import { ensureLocalIssuer, LOCAL_ISSUER_DIR, TokenSigner } from '@fanout/auth';
import { eventually } from '@fanout/testing';

/** Where compose mounts the token issuer's JWKS from: the repository's .data/api-issuer. */
const ISSUER_DIR = path.resolve(__dirname, '../../../..', '.data', LOCAL_ISSUER_DIR);

/**
 * The calls the README's "Run with Docker" session makes with curl, against given URLs, with the
 * tokens it takes from `npm run -s token` (the same key, made on first use): a customer places the
 * order, an operator reads the rest.
 */
export class SessionClient {
  private callers: Promise<{ customer: string; operator: string }> | undefined;

  constructor(private readonly urls: Readonly<Record<string, string>>) {}

  /** POST /orders (curl -X POST …): the new order's id; anything but 201 is an error. */
  async placeOrder(order: unknown): Promise<string> {
    const response = await fetch(`${this.url('orders')}/orders`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${(await this.tokens()).customer}`,
      },
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
      headers: { authorization: `Bearer ${(await this.tokens()).operator}` },
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`GET ${pathAndQuery} on ${service}: ${response.status}`);
    return (await response.json()) as T;
  }

  /** Makes the local issuer's key if missing (as `npm run token` does) and the session's tokens. */
  async prepareTokens(): Promise<void> {
    await this.tokens();
  }

  private tokens(): Promise<{ customer: string; operator: string }> {
    this.callers ??= (async () => {
      const signer = await TokenSigner.fromFile(
        (await ensureLocalIssuer(ISSUER_DIR)).privateKeyFile,
      );
      return {
        customer: await signer.sign({ subject: 'customer-1', roles: ['customer'] }),
        operator: await signer.sign({ subject: 'operator', roles: ['operator'] }),
      };
    })();
    return this.callers;
  }

  private url(service: string): string {
    const url = this.urls[service];
    if (!url) throw new Error(`no URL for ${service}`);
    return url;
  }
}
