import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { createEvent, encodeEvent, eventHeaders, OrderCreated, Topics } from '@fanout/contracts';

/**
 * Publishes `count` OrderCreated events, as the orders service would: keyed by order id with the
 * Java-compatible partitioner, so each order lands on the partition its answers will use. The SKUs
 * are the well-stocked ones of inventory's demo catalogue, so every order is reservable, and they
 * vary, so replicas do not all queue for one product row's lock.
 */
const SKUS = ['KEYBOARD-01', 'MOUSE-01', 'CABLE-01', 'HEADSET-01'];

export async function publishOrders(brokers: string[], count: number): Promise<string[]> {
  const kafka = new Kafka({ clientId: 'demo-scale-load', brokers, logLevel: logLevel.NOTHING });
  const producer = kafka.producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    idempotent: true,
  });
  await producer.connect();
  try {
    const events = Array.from({ length: count }, (_, index) => {
      const orderId = randomUUID();
      return createEvent(
        OrderCreated,
        {
          orderId,
          customerId: `customer-${index % 10}`,
          items: [
            { sku: SKUS[index % SKUS.length] ?? 'CABLE-01', quantity: 1, unitPriceCents: 999 },
          ],
          totalCents: 999,
        },
        { producer: 'orders', correlationId: orderId },
      );
    });
    await producer.send({
      topic: Topics.orders,
      acks: -1,
      messages: events.map((event) => ({
        key: event.payload.orderId,
        value: encodeEvent(event),
        headers: eventHeaders(event),
      })),
    });
    return events.map((event) => event.payload.orderId);
  } finally {
    await producer.disconnect();
  }
}
