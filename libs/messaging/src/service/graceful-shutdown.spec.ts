import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { Controller, type INestApplication } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { startBroker, type RunningBroker } from '@fanout/broker';
import {
  causedBy,
  createEvent,
  encodeEvent,
  eventHeaders,
  NotificationSent,
  OrderCreated,
  Topics,
} from '@fanout/contracts';
import {
  createTemporaryDatabase,
  type TemporaryDatabase,
  TransactionRunner,
} from '@fanout/persistence';
import { EventConsumer } from '../consumer/event-consumer.service';
import { OutboxMessage } from '../outbox/outbox-message.entity';
import { Outbox } from '../outbox/outbox.service';
import { eventually } from '../testing/eventually';
import { FanoutServiceModule } from './fanout-service.module';
import { startEventConsumers } from './start-event-consumers';

jest.setTimeout(90_000);

class CreateEffects1764150000000 implements MigrationInterface {
  name = 'CreateEffects1764150000000';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE effects (id bigserial PRIMARY KEY, event_id uuid NOT NULL)`,
    );
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE effects`);
  }
}

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
  let brokerDir: string;
  let broker: RunningBroker;
  let database: TemporaryDatabase;
  let producer: Producer;
  const groupId = `shutdown-${randomUUID()}`;

  async function startApp(): Promise<INestApplication> {
    const moduleRef = await Test.createTestingModule({
      imports: [
        FanoutServiceModule.forRoot({
          service: 'notifications',
          entities: [],
          migrations: [CreateEffects1764150000000],
          database: { kind: 'postgres', url: database.url },
          kafka: { brokers: [broker.brokers], groupId },
        }),
      ],
      controllers: [SlowEventsController],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();
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
    producer.send({
      topic: Topics.orders,
      messages: [
        { key: event.payload.orderId, value: encodeEvent(event), headers: eventHeaders(event) },
      ],
    });

  beforeAll(async () => {
    brokerDir = mkdtempSync(join(tmpdir(), 'fanout-broker-'));
    broker = await startBroker({ port: 0, dataDir: brokerDir, logLevel: 'error' });
    database = await createTemporaryDatabase();
    const kafka = new Kafka({
      clientId: 'test',
      brokers: [broker.brokers],
      logLevel: logLevel.NOTHING,
    });
    producer = kafka.producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await broker?.close();
    await database?.drop();
    rmSync(brokerDir, { recursive: true, force: true });
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
