import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { Controller, type INestApplication } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import {
  causedBy,
  createEvent,
  encodeEvent,
  eventHeaders,
  NotificationSent,
  OrderCreated,
  Topics,
} from '@fanout/contracts';
import { EventConsumer, Outbox, OutboxMessage, startEventConsumers } from '@fanout/messaging';
import { TransactionRunner } from '@fanout/persistence';
import {
  createTemporaryDatabase,
  eventually,
  startTestKafka,
  type TemporaryDatabase,
  type TestKafka,
} from '@fanout/testing';
import { startProbeApp } from './testing/probe-app';

jest.setTimeout(90_000);

let signalStarted: () => void = () => undefined;
const SIMULATED_WORK_MS = 1500;

@Controller()
class SlowEventsController {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly outbox: Outbox,
  ) {}

  @EventPattern(Topics.orders)
  onOrders(@Ctx() context: KafkaContext) {
    return this.consumer.consume(context, {
      OrderCreated: async (event, tx) => {
        if (event.payload.customerId === 'slow') {
          signalStarted();
          await delay(SIMULATED_WORK_MS);
        }
        await tx.manager.query(`INSERT INTO effects (event_id) VALUES ($1)`, [event.eventId]);
        await this.outbox.add(
          tx,
          createEvent(
            NotificationSent,
            {
              orderId: event.payload.orderId,
              notificationId: randomUUID(),
              recipient: event.payload.customerId,
              channel: 'email',
              subject: 'Thanks for your order',
              inResponseTo: event.type,
            },
            causedBy(event, 'notifications'),
          ),
        );
      },
    });
  }
}

describe('graceful shutdown', () => {
  let kafka: TestKafka;
  let database: TemporaryDatabase;
  const groupId = `shutdown-${randomUUID()}`;

  async function startApp(): Promise<INestApplication> {
    const app = await startProbeApp({
      controller: SlowEventsController,
      databaseUrl: database.url,
      brokers: kafka.brokers,
      groupId,
    });
    await startEventConsumers(app);
    return app;
  }

  const orderCreated = (customerId: string) => {
    const orderId = randomUUID();
    return createEvent(
      OrderCreated,
      { orderId, customerId, items: [{ sku: 'A', quantity: 1, unitPriceCents: 1 }], totalCents: 1 },
      { producer: 'orders', correlationId: orderId },
    );
  };

  const publish = (event: ReturnType<typeof orderCreated>) =>
    kafka.producer.send({
      topic: Topics.orders,
      messages: [
        { key: event.payload.orderId, value: encodeEvent(event), headers: eventHeaders(event) },
      ],
    });

  beforeAll(async () => {
    kafka = await startTestKafka();
    database = await createTemporaryDatabase();
  });

  afterAll(async () => {
    await kafka?.close();
    await database?.drop();
  });

  it('finishes the event in hand, publishes what it produced, and does not apply it twice', async () => {
    const first = await startApp();
    const slow = orderCreated('slow');
    const started = new Promise<void>((resolve) => (signalStarted = resolve));
    await publish(slow);
    await started;
    await first.close();

    const second = await startApp();
    try {
      const transactions = second.get(TransactionRunner);
      const effectsOf = async (eventId: string): Promise<number> => {
        const [row] = await transactions.run((tx) =>
          tx.manager.query(`SELECT count(*)::int AS n FROM effects WHERE event_id = $1`, [eventId]),
        );
        return row.n;
      };
      // The handler completed before the first instance exited...
      expect(await effectsOf(slow.eventId)).toBe(1);
      // ...and the event it produced was published before the producer disconnected.
      const produced = await transactions.run((tx) =>
        tx.manager.findBy(OutboxMessage, { eventType: 'NotificationSent' }),
      );
      expect(produced).toHaveLength(1);
      expect(produced[0]?.publishedAt).not.toBeNull();

      const marker = orderCreated('marker');
      await publish(marker);
      await eventually(async () => (await effectsOf(marker.eventId)) === 1);
      expect(await effectsOf(slow.eventId)).toBe(1);
    } finally {
      await second.close();
    }
  });
});
