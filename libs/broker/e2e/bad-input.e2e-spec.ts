import { ApiKey } from '../src/protocol';
import { kafkaClient } from './support/kafka-client';
import { RawClient, requestFrame } from './support/raw-client';
import { readResponse } from './support/requests';
import { startTestBroker, type TestBroker } from './support/test-broker';

const FRAME_TIMEOUT_MS = 500;

jest.setTimeout(60_000);

describe('hostile or broken input closes that connection only', () => {
  let broker: TestBroker;
  let bystander: RawClient;
  const clients: RawClient[] = [];
  const connect = async () => {
    const client = await RawClient.connect(broker.port);
    clients.push(client);
    return client;
  };

  /** The connection opened before the attack still gets answers. */
  async function expectBystanderServed(correlationId: number): Promise<void> {
    bystander.send(requestFrame(ApiKey.ApiVersions, 2, correlationId));
    expect(readResponse(await bystander.receive()).correlationId).toBe(correlationId);
  }

  beforeAll(async () => {
    broker = await startTestBroker({
      frameTimeoutMs: FRAME_TIMEOUT_MS,
      maxFrameBytes: 1024 * 1024,
    });
    bystander = await RawClient.connect(broker.port);
  });

  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });

  afterAll(async () => {
    bystander.close();
    await broker.dispose();
  });

  it.each([
    ['a size above the frame limit', Buffer.from([0x7f, 0xff, 0xff, 0xff])],
    ['a size just above the limit', Buffer.from([0x00, 0x10, 0x00, 0x01])],
    ['a negative size', Buffer.from([0xff, 0xff, 0xff, 0xfe])],
    ['an HTTP request', Buffer.from('GET / HTTP/1.1\r\nHost: localhost\r\n\r\n')],
    ['a TLS ClientHello', Buffer.from('160301020001000200', 'hex')],
  ])('closes the connection on %s', async (_, bytes) => {
    const attacker = await connect();
    attacker.write(bytes);
    await attacker.closed;
    await expectBystanderServed(1);
  });

  it('closes the connection on a frame whose header cannot be read', async () => {
    const attacker = await connect();
    attacker.send(Buffer.from([0x00, 0x12, 0x00])); // 3 bytes: not even an api key and version
    await attacker.closed;
    await expectBystanderServed(2);
  });

  it('closes the connection on a request body that does not follow its grammar', async () => {
    const attacker = await connect();
    // Metadata v1 claiming 1e9 topics in a 4-byte body.
    attacker.send(requestFrame(ApiKey.Metadata, 1, 1, Buffer.from([0x3b, 0x9a, 0xca, 0x00])));
    await attacker.closed;
    await expectBystanderServed(3);
  });

  it('closes a connection that sends a frame too slowly (slowloris)', async () => {
    const attacker = await connect();
    const frame = Buffer.concat([
      Buffer.from([0, 0, 0, 20]),
      requestFrame(ApiKey.ApiVersions, 2, 1),
    ]);
    let sent = 0;
    const drip = setInterval(() => {
      if (sent < frame.length && !attacker.isClosed) attacker.write(frame.subarray(sent, ++sent));
    }, 100);
    const started = Date.now();
    try {
      await attacker.closed;
    } finally {
      clearInterval(drip);
    }
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(FRAME_TIMEOUT_MS - 50);
    expect(elapsed).toBeLessThan(FRAME_TIMEOUT_MS * 4);
    await expectBystanderServed(4);
  });

  it('survives a client that disconnects halfway through a frame', async () => {
    const attacker = await connect();
    attacker.write(Buffer.from([0, 0, 1, 0, 0, 18, 0]));
    attacker.close();
    await attacker.closed;
    await expectBystanderServed(5);
  });

  it('still serves kafkajs after all of that', async () => {
    const admin = kafkaClient(broker.brokers).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'after-attacks' }] });
    expect(await admin.listTopics()).toContain('after-attacks');
    await admin.disconnect();
  });
});
