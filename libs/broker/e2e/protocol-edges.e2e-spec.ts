import { Writer, ErrorCode, ApiKey, apiRegistry } from '../src/protocol';
import { buildBatch } from '../src/record/testing/record-batch-builder';
import { RawClient, requestFrame } from './support/raw-client';
import {
  decodeFetchResponse,
  fetchFrame,
  fetchPartitionRequest,
  produceFrame,
  readResponse,
} from './support/requests';
import { startTestBroker, type TestBroker } from './support/test-broker';

/** ApiVersions v0 body: error code, then [api key, min, max]. */
function readApiVersionsV0(frame: Buffer) {
  const { correlationId, body } = readResponse(frame);
  const errorCode = body.int16();
  const count = body.int32();
  const ranges = new Map<number, [number, number]>();
  for (let i = 0; i < count; i++) ranges.set(body.int16(), [body.int16(), body.int16()]);
  return { correlationId, errorCode, ranges };
}

/** librdkafka's opening request: ApiVersions v3, flexible header v2 and compact strings. */
function apiVersionsV3Frame(correlationId: number): Buffer {
  const body = new Writer()
    .int8(0) // header tagged fields
    .int8('librdkafka'.length + 1) // compact string client_software_name
    .raw(Buffer.from('librdkafka'))
    .int8('2.0.2'.length + 1)
    .raw(Buffer.from('2.0.2'))
    .int8(0) // body tagged fields
    .toBuffer();
  return requestFrame(ApiKey.ApiVersions, 3, correlationId, body, 'rdkafka');
}

const produceOne = (topic: string, value: string, acks = 1, partition = 0) => ({
  transactionalId: null,
  acks,
  timeoutMs: 1000,
  topicData: [
    {
      name: topic,
      partitionData: [{ index: partition, records: buildBatch({ records: [{ value }] }) }],
    },
  ],
});

jest.setTimeout(60_000);

describe('protocol edges at the frame level', () => {
  let broker: TestBroker;
  const clients: RawClient[] = [];
  const connect = async () => {
    const client = await RawClient.connect(broker.port);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    broker = await startTestBroker({ defaultPartitions: 1 });
  });

  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });

  afterAll(async () => {
    await broker.dispose();
  });

  it('answers ApiVersions v3 with UNSUPPORTED_VERSION and the v0-shaped ranges', async () => {
    const client = await connect();
    client.send(apiVersionsV3Frame(7));
    const response = readApiVersionsV0(await client.receive());
    expect(response.correlationId).toBe(7);
    expect(response.errorCode).toBe(ErrorCode.UNSUPPORTED_VERSION);
    expect(response.ranges.get(ApiKey.ApiVersions)).toEqual([0, 2]);
    expect(response.ranges.get(ApiKey.Produce)).toEqual([3, 7]);
    expect(response.ranges.get(ApiKey.Fetch)).toEqual([4, 11]);
    expect(response.ranges.get(ApiKey.JoinGroup)).toEqual([0, 5]);

    // ...and then serves the version the client retries with, on the same connection.
    client.send(requestFrame(ApiKey.ApiVersions, 0, 8));
    const retried = readApiVersionsV0(await client.receive());
    expect(retried).toMatchObject({ correlationId: 8, errorCode: ErrorCode.NONE });
    expect(retried.ranges.size).toBe(apiRegistry.size);
  });

  it('answers an unknown API key or an unsupported version with UNSUPPORTED_VERSION', async () => {
    const client = await connect();
    client.send(requestFrame(57, 0, 1));
    client.send(requestFrame(ApiKey.Produce, 9, 2));
    client.send(requestFrame(ApiKey.Metadata, 0, 3));
    for (const correlationId of [1, 2, 3]) {
      const { correlationId: answered, body } = readResponse(await client.receive());
      expect(answered).toBe(correlationId);
      expect(body.int16()).toBe(ErrorCode.UNSUPPORTED_VERSION);
    }
    client.send(requestFrame(ApiKey.ApiVersions, 2, 4));
    expect(readResponse(await client.receive()).correlationId).toBe(4);
  });

  it('answers pipelined requests in arrival order, behind a long-polling fetch', async () => {
    const client = await connect();
    client.send(produceFrame(1, produceOne('pipelined', 'first')));
    await client.receive();
    const started = Date.now();
    client.send(
      fetchFrame(2, fetchPartitionRequest('pipelined', 0, 1, 300)),
      requestFrame(ApiKey.ApiVersions, 2, 3),
    );
    const first = readResponse(await client.receive());
    const answeredAfterMs = Date.now() - started;
    const second = readResponse(await client.receive());
    expect([first.correlationId, second.correlationId]).toEqual([2, 3]);
    // Nothing new at offset 1: the fetch waited out its maxWaitMs, and ApiVersions with it.
    expect(answeredAfterMs).toBeGreaterThanOrEqual(250);
  });

  it('wakes a long-polling fetch when a record is appended', async () => {
    const client = await connect();
    // Creates the topic (auto-create) with a first record.
    client.send(produceFrame(1, produceOne('wake-up', 'a')));
    await client.receive();
    const started = Date.now();
    // Pipelined: the fetch is dispatched, and parked with nothing new at offset 1, before the
    // produce is even read, so the append can only reach it by waking it.
    client.send(
      fetchFrame(5, fetchPartitionRequest('wake-up', 0, 1, 10_000)),
      produceFrame(6, produceOne('wake-up', 'b')),
    );
    expect(readResponse(await client.receive(10_000)).correlationId).toBe(5);
    expect(readResponse(await client.receive()).correlationId).toBe(6);
    // Woken by the append, long before its 10 s maxWaitMs.
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('sends no response to an acks=0 produce, and answers what follows once it is stored', async () => {
    const client = await connect();
    // A new topic: auto-creating it and appending take a while after the frame is read.
    client.send(
      produceFrame(1, produceOne('fire-and-forget', 'x', 0)),
      requestFrame(ApiKey.ApiVersions, 2, 2),
    );
    expect(readResponse(await client.receive()).correlationId).toBe(2);

    // Asked on another connection, after that response: the record is there.
    const reader = await connect();
    reader.send(fetchFrame(3, fetchPartitionRequest('fire-and-forget', 0, 0)));
    const partition = decodeFetchResponse(await reader.receive()).response.responses[0]
      ?.partitions[0];
    expect(partition).toMatchObject({ errorCode: ErrorCode.NONE, highWatermark: 1 });
  });

  it('closes the connection of an acks=0 produce that fails, as Kafka does', async () => {
    const client = await connect();
    client.send(produceFrame(1, produceOne('fire-and-forget-once', 'x', 0)));
    client.send(requestFrame(ApiKey.ApiVersions, 2, 2));
    expect(readResponse(await client.receive()).correlationId).toBe(2);
    expect(client.isClosed).toBe(false);

    // The topic has one partition: partition 5 is unknown, and only a closed socket can say so.
    client.send(
      produceFrame(3, produceOne('fire-and-forget-once', 'y', 0, 5)),
      requestFrame(ApiKey.ApiVersions, 2, 4),
    );
    await expect(client.receive()).rejects.toThrow('connection closed');

    // Nobody else is affected.
    const other = await connect();
    other.send(requestFrame(ApiKey.ApiVersions, 2, 5));
    expect(readResponse(await other.receive()).correlationId).toBe(5);
  });
});
