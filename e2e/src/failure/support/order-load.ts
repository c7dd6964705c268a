import type { FanoutApi } from '../../support/fanout-api';

/** A small order that every service accepts: plenty of stock, a payable total. */
export const payableOrder = (customerId: string) => ({
  customerId,
  items: [{ sku: 'KEYBOARD-01', quantity: 1 }],
});

/** Places an order and insists on 201: the scenarios check that failures never reach the client. */
export async function placeOrder(api: FanoutApi, order: unknown): Promise<string> {
  const response = await api.placeOrder(order);
  if (response.status !== 201) {
    throw new Error(`POST /orders answered ${response.status}: ${JSON.stringify(response.body)}`);
  }
  return response.body.id;
}

/**
 * Places orders one after another, at most one every `intervalMs`, until stopped (or `max` is
 * reached); records every id and every status code answered.
 */
export class OrderStream {
  readonly orderIds: string[] = [];
  readonly statuses: number[] = [];
  private stopping = false;
  private failure: unknown;
  private readonly running: Promise<void>;

  constructor(
    private readonly api: FanoutApi,
    private readonly customerId: string,
    private readonly options: { intervalMs: number; max?: number },
  ) {
    // A request that fails outright (no answer at all) ends the stream; stop() reports it.
    this.running = this.run().catch((error: unknown) => {
      this.failure = error;
    });
  }

  /** Stops after the request in flight; resolves once it is answered. */
  async stop(): Promise<this> {
    this.stopping = true;
    await this.running;
    if (this.failure) throw this.failure;
    return this;
  }

  private async run(): Promise<void> {
    const { intervalMs, max = 1000 } = this.options;
    while (!this.stopping && this.statuses.length < max) {
      const started = Date.now();
      const response = await this.api.placeOrder(payableOrder(this.customerId));
      this.statuses.push(response.status);
      if (response.status === 201) this.orderIds.push(response.body.id);
      // Pacing the load, not waiting for anything.
      const wait = intervalMs - (Date.now() - started);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
