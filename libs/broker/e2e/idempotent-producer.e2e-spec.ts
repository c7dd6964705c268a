import type { RequestHeader, ResponseFault } from '@fanout/broker';
import { ApiKey } from '../src/protocol';
import { consumeValues } from './support/consume';
import { kafkaClient } from './support/kafka-client';
import { startTestBroker, type TestBroker } from './support/test-broker';

jest.setTimeout(60_000);

const MESSAGES = 50;
const PER_SEND = 10;

/** Loses the response to the second Produce (after its records were stored) in `fault`'s way. */
function loseOneProduceResponse(fault: ResponseFault) {
  let produces = 0;
  const hook = (header: RequestHeader): ResponseFault =>
    header.apiKey === ApiKey.Produce && ++produces === 2 ? fault : 'send';
  return { hook, faulted: () => produces >= 2 };
}

describe('an idempotent producer retrying a produce whose response was lost', () => {
  let broker: TestBroker | undefined;

  afterEach(async () => {
    await broker?.dispose();
    broker = undefined;
  });

  async function produceThroughFault(fault: ResponseFault, idempotent: boolean) {
    const lost = loseOneProduceResponse(fault);
    broker = await startTestBroker({ defaultPartitions: 1, faults: lost.hook });
    // A lost response is noticed by a dropped connection or by kafkajs's request timeout.
    const kafka = kafkaClient(broker.brokers, { requestTimeout: 1000 });
    const producer = kafka.producer({ idempotent, maxInFlightRequests: 1 });
    await producer.connect();
    for (let i = 0; i < MESSAGES; i += PER_SEND) {
      await producer.send({
        topic: 'payments',
        acks: -1,
        messages: Array.from({ length: PER_SEND }, (_, j) => ({ value: `payment-${i + j}` })),
      });
    }
    await producer.disconnect();
    expect(lost.faulted()).toBe(true);
    const admin = kafka.admin();
    await admin.connect();
    const [end] = await admin.fetchTopicOffsets('payments');
    await admin.disconnect();
    const stored = await consumeValues(kafka, 'payments', 'counter', Number(end?.high));
    return { stored, count: Number(end?.high) };
  }

  it.each(['close', 'drop'] as const)(
    'stores each message once when the response is lost (%s)',
    async (fault) => {
      const { stored, count } = await produceThroughFault(fault, true);
      expect(count).toBe(MESSAGES);
      expect(stored).toEqual(Array.from({ length: MESSAGES }, (_, i) => `payment-${i}`));
    },
  );

  it('duplicates without idempotence (the fault does cause a retry)', async () => {
    const { count } = await produceThroughFault('close', false);
    expect(count).toBe(MESSAGES + PER_SEND);
  });
});
