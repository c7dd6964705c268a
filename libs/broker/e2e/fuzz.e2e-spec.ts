import fc from 'fast-check';
import { ApiKey } from '../src/protocol';
import { consumeValues } from './support/consume';
import { kafkaClient } from './support/kafka-client';
import { RawClient, requestFrame } from './support/raw-client';
import { readResponse } from './support/requests';
import { seedRequests } from './support/seed-requests';
import { startTestBroker, type TestBroker } from './support/test-broker';

jest.setTimeout(120_000);

const RUNS = 250;

/** How one run damages a valid frame. */
const mutation = fc.oneof(
  fc.record({
    kind: fc.constant('flip' as const),
    at: fc.nat(),
    bit: fc.integer({ min: 0, max: 7 }),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }),
  }),
  fc.record({
    kind: fc.constant('int32' as const),
    at: fc.nat(),
    value: fc.constantFrom(-1, -2, 0, 1, 0x7fffffff, -0x80000000, 0x10000),
  }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(frame: Buffer, mutations: Mutation[]): Buffer {
  let bytes = Buffer.from(frame);
  for (const m of mutations) {
    const at = bytes.length === 0 ? 0 : m.at % bytes.length;
    if (m.kind === 'flip' && bytes.length > 0) bytes[at] = (bytes[at] as number) ^ (1 << m.bit);
    if (m.kind === 'truncate') bytes = bytes.subarray(0, at);
    if (m.kind === 'insert')
      bytes = Buffer.concat([bytes.subarray(0, at), m.bytes, bytes.subarray(at)]);
    if (m.kind === 'int32' && bytes.length >= 4)
      bytes.writeInt32BE(m.value, Math.min(at, bytes.length - 4));
  }
  return bytes;
}

const sized = (body: Buffer, lie: number) => {
  const prefix = Buffer.alloc(4);
  prefix.writeInt32BE(body.length + lie);
  return Buffer.concat([prefix, body]);
};

describe('random and mutated frames over TCP', () => {
  let broker: TestBroker;

  beforeAll(async () => {
    broker = await startTestBroker({ defaultPartitions: 1, frameTimeoutMs: 200 });
  });

  afterAll(async () => {
    await broker.dispose();
  });

  it('never take the broker down, nor keep it from serving other connections', async () => {
    const seeds = seedRequests('fuzzed');
    const attack = fc.oneof(
      // Anything at all, unframed.
      fc.uint8Array({ maxLength: 256 }).map((bytes) => Buffer.from(bytes)),
      // A well-framed body of random bytes behind a real API key and version.
      fc
        .tuple(
          fc.integer({ min: 0, max: 25 }),
          fc.integer({ min: -1, max: 12 }),
          fc.uint8Array({ maxLength: 256 }),
        )
        .map(([key, version, body]) => sized(requestFrame(key, version, 1, Buffer.from(body)), 0)),
      // A valid request, damaged, with its size prefix mostly telling the truth.
      fc
        .tuple(
          fc.constantFrom(...seeds),
          fc.array(mutation, { minLength: 1, maxLength: 4 }),
          fc.constantFrom(0, 0, 0, -1, 1, 1000),
        )
        .map(([seed, mutations, lie]) => sized(mutate(seed, mutations), lie)),
    );

    await fc.assert(
      fc.asyncProperty(attack, async (bytes) => {
        const attacker = await RawClient.connect(broker.port);
        attacker.write(bytes);
        // Give the broker the chance to answer or hang up, then leave.
        await Promise.race([attacker.closed, attacker.receive(30).catch(() => undefined)]);
        attacker.close();

        const witness = await RawClient.connect(broker.port);
        try {
          witness.send(requestFrame(ApiKey.ApiVersions, 2, 42));
          expect(readResponse(await witness.receive(2000)).correlationId).toBe(42);
        } finally {
          witness.close();
        }
      }),
      { numRuns: RUNS },
    );

    // A normal client after the barrage.
    const kafka = kafkaClient(broker.brokers);
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'after-fuzz', messages: [{ value: 'still here' }] });
    await producer.disconnect();
    expect(await consumeValues(kafka, 'after-fuzz', 'after-fuzz-readers', 1)).toEqual([
      'still here',
    ]);
  });
});
