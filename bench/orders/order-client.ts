import { Pool } from 'undici';

export interface PostOutcome {
  /** performance.now() when the answer was complete (or the request failed). */
  endedAt: number;
  status: number | null;
  orderId: string | null;
  /** null for a 201; otherwise `http-<status>` or the network error's code. */
  error: string | null;
  retryAfter: string | null;
}

/** SKUs with stock in the demo catalogue; the bench's orders cycle through them. */
const SKUS = ['KEYBOARD-01', 'MOUSE-01', 'CABLE-01', 'HEADSET-01'] as const;

/** The customer who places an order of the sequence: a thousand of them, in turn. */
export const customerOf = (sequence: number): string => `load-${sequence % 1000}`;

/** One small order, like the README's: one or two lines (the customer is the token's). */
export function orderBody(sequence: number): string {
  const first = SKUS[sequence % SKUS.length];
  const items = [{ sku: first, quantity: 1 }];
  if (sequence % 3 === 0) items.push({ sku: SKUS[(sequence + 1) % SKUS.length], quantity: 2 });
  return JSON.stringify({ items });
}

/** A bearer token for a customer (minted once per customer by the caller's cache). */
export type CustomerToken = (customerId: string) => Promise<string>;

/**
 * POSTs orders over a keep-alive connection pool (undici). The pool is large, so that requests
 * queue on the server, not in this client; its size caps the connections a load may open.
 */
export class OrderClient {
  private readonly pool: Pool;

  constructor(
    readonly baseUrl: string,
    private readonly tokenOf: CustomerToken,
    connections = 512,
    private readonly timeoutMs = 30_000,
  ) {
    this.pool = new Pool(baseUrl, {
      connections,
      pipelining: 1,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
  }

  async place(sequence: number): Promise<PostOutcome> {
    try {
      const response = await this.pool.request({
        method: 'POST',
        path: '/orders',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${await this.tokenOf(customerOf(sequence))}`,
        },
        body: orderBody(sequence),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const text = await response.body.text();
      const endedAt = performance.now();
      const retryAfter = response.headers['retry-after'];
      if (response.statusCode !== 201) {
        return {
          endedAt,
          status: response.statusCode,
          orderId: null,
          error: `http-${response.statusCode}`,
          retryAfter: typeof retryAfter === 'string' ? retryAfter : null,
        };
      }
      const { id } = JSON.parse(text) as { id: string };
      return { endedAt, status: 201, orderId: id, error: null, retryAfter: null };
    } catch (error) {
      const code = (error as { code?: string; name?: string }).code ?? (error as Error).name;
      return {
        endedAt: performance.now(),
        status: null,
        orderId: null,
        error: code ?? 'error',
        retryAfter: null,
      };
    }
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
