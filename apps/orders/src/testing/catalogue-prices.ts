import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { TransactionRunner } from '@fanout/persistence';
import { savePrice } from '../catalogue/price-list';

/**
 * Gives orders prices without a broker, as if ProductUpdated events had arrived: for tests of the
 * HTTP API that run no Kafka (the saga spec and the e2e suites publish real events instead).
 */
export async function setCataloguePrices(
  app: INestApplication,
  prices: Readonly<Record<string, number>>,
): Promise<void> {
  await app.get(TransactionRunner).run(async ({ manager }) => {
    for (const [sku, unitPriceCents] of Object.entries(prices)) {
      await savePrice(manager, {
        sku,
        name: sku,
        unitPriceCents,
        eventId: randomUUID(),
        updatedAt: new Date(),
      });
    }
  });
}
