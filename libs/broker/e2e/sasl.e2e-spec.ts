/**
 * SASL on the embedded broker, with unmodified clients: kafkajs authenticates with SCRAM-SHA-256,
 * SCRAM-SHA-512 and PLAIN (over SaslHandshake v1 + SaslAuthenticate) and then produces and
 * consumes; wrong or unknown credentials are refused with SASL_AUTHENTICATION_FAILED and a
 * message; a client that skips authentication is disconnected; the pre-KIP-152 framing (v0
 * handshake, then bare tokens) works; and SASL_SSL works over a self-signed certificate.
 */
import { execFile, spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Kafka, type SASLOptions } from 'kafkajs';
import { ApiKey } from '../src/protocol/api-keys';
import { ErrorCode } from '../src/protocol/error-codes';
import { consumeValues } from './support/consume';
import { kafkaClient } from './support/kafka-client';
import { RawClient, requestFrame } from './support/raw-client';
import { startTestBroker, type TestBroker } from './support/test-broker';
import { tempDir } from './support/temp-dir';
import { selfSignedCert } from './support/tls-cert';

const kcatInstalled = spawnSync('kcat', ['-V'], { stdio: 'ignore' }).status === 0;
const runningInCi = Boolean(process.env.CI) && process.env.CI !== 'false';
const itWithKcat = kcatInstalled || runningInCi ? it : it.skip;
if (!kcatInstalled && !runningInCi) {
  console.warn('kcat SASL tests skipped: kcat is not installed (.ci/install-kcat.sh)');
}

/** librdkafka (kcat) produces two lines with SCRAM, then reads them back: its output. */
async function kcatRoundTrip(brokers: string, topic: string, security: string[]): Promise<string> {
  const run = promisify(execFile);
  const common = ['-b', brokers, '-t', topic, ...security];
  const produce = run('kcat', ['-P', ...common], { timeout: 30_000 });
  produce.child.stdin?.end('first\nsecond\n');
  await produce;
  const { stdout } = await run('kcat', ['-C', '-e', '-o', 'beginning', '-q', ...common], {
    timeout: 30_000,
  });
  return stdout;
}

const USERS = [
  { name: 'alice', password: 'alice-secret' },
  { name: 'bob', password: 'b,o=b:secret' },
];

const sasl = (
  mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512',
  username: string,
  password: string,
): SASLOptions => ({ mechanism, username, password }) as SASLOptions;

async function produceAndConsume(kafka: Kafka, topic: string): Promise<string[]> {
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic, messages: [{ value: 'one' }, { value: 'two' }] });
  await producer.disconnect();
  // Unkeyed, the two land on different partitions: their relative order is not defined.
  return (await consumeValues(kafka, topic, `${topic}-group`, 2)).sort();
}

const string = (value: string): Buffer => {
  const out = Buffer.alloc(2 + Buffer.byteLength(value));
  out.writeInt16BE(Buffer.byteLength(value));
  out.write(value, 2);
  return out;
};

describe('SASL_PLAINTEXT listener', () => {
  let broker: TestBroker;

  beforeAll(async () => {
    broker = await startTestBroker({ securityProtocol: 'SASL_PLAINTEXT', saslUsers: USERS });
  });
  afterAll(() => broker.dispose());

  it.each([
    ['scram-sha-256', 'alice', 'alice-secret'],
    ['scram-sha-512', 'bob', 'b,o=b:secret'],
    ['plain', 'alice', 'alice-secret'],
  ] as const)(
    'kafkajs authenticates with %s and produces and consumes',
    async (mechanism, user, password) => {
      const kafka = kafkaClient(broker.brokers, { sasl: sasl(mechanism, user, password) });
      await expect(produceAndConsume(kafka, `sasl-${mechanism}`)).resolves.toEqual(['one', 'two']);
    },
  );

  it.each([
    ['scram-sha-256', 'alice', 'wrong'],
    ['scram-sha-512', 'nobody', 'alice-secret'],
    ['plain', 'alice', 'wrong'],
  ] as const)('refuses %s with wrong credentials (%s)', async (mechanism, user, password) => {
    const admin = kafkaClient(broker.brokers, {
      sasl: sasl(mechanism, user, password),
      retry: { retries: 0 },
    }).admin();
    const connecting = admin.connect();
    await expect(connecting).rejects.toThrow(
      mechanism === 'plain'
        ? /Invalid username or password/
        : /Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA/,
    );
    await admin.disconnect();
  });

  itWithKcat('kcat authenticates with SCRAM-SHA-256 and produces and consumes', async () => {
    const output = await kcatRoundTrip(broker.brokers, 'sasl-kcat', [
      '-X',
      'security.protocol=SASL_PLAINTEXT',
      '-X',
      'sasl.mechanisms=SCRAM-SHA-256',
      '-X',
      'sasl.username=alice',
      '-X',
      'sasl.password=alice-secret',
    ]);
    expect(output.split('\n').filter(Boolean).sort()).toEqual(['first', 'second']);
  });

  itWithKcat('kcat with a wrong password fails', async () => {
    await expect(
      promisify(execFile)(
        'kcat',
        [
          '-L',
          '-b',
          broker.brokers,
          '-m',
          '5',
          '-X',
          'security.protocol=SASL_PLAINTEXT',
          '-X',
          'sasl.mechanisms=SCRAM-SHA-512',
          '-X',
          'sasl.username=alice',
          '-X',
          'sasl.password=wrong',
        ],
        { timeout: 30_000 },
      ),
    ).rejects.toThrow(/Authentication failed|SASL authentication error/);
  });

  it('disconnects a client that sends anything but ApiVersions or SASL before authenticating', async () => {
    const client = await RawClient.connect(broker.port);
    // ApiVersions is served before authentication, and advertises the SASL APIs.
    client.send(requestFrame(ApiKey.ApiVersions, 0, 1));
    const versions = await client.receive();
    expect(versions.readInt16BE(4)).toBe(ErrorCode.NONE);
    // Metadata (all topics) is not: the connection is closed unanswered, as Kafka does.
    client.send(requestFrame(ApiKey.Metadata, 1, 2, Buffer.from([0xff, 0xff, 0xff, 0xff])));
    await expect(client.receive()).rejects.toThrow('connection closed');
  });

  it('refuses an unsupported mechanism with the enabled list, then closes', async () => {
    const client = await RawClient.connect(broker.port);
    client.send(requestFrame(ApiKey.SaslHandshake, 1, 1, string('GSSAPI')));
    const response = await client.receive();
    expect(response.readInt16BE(4)).toBe(ErrorCode.UNSUPPORTED_SASL_MECHANISM);
    expect(response.readInt32BE(6)).toBe(3);
    await client.closed;
  });

  it('accepts the pre-KIP-152 framing: a v0 handshake, then bare PLAIN token frames', async () => {
    const client = await RawClient.connect(broker.port);
    client.send(requestFrame(ApiKey.SaslHandshake, 0, 1, string('PLAIN')));
    expect((await client.receive()).readInt16BE(4)).toBe(ErrorCode.NONE);
    client.send(Buffer.from('\u0000alice\u0000alice-secret'));
    // The answer is a bare (empty) token frame: no correlation id.
    expect(await client.receive()).toEqual(Buffer.alloc(0));
    client.send(requestFrame(ApiKey.Metadata, 1, 7, Buffer.from([0xff, 0xff, 0xff, 0xff])));
    expect((await client.receive()).readInt32BE(0)).toBe(7);
    client.close();
  });

  it('closes a v0-framed connection whose token is wrong', async () => {
    const client = await RawClient.connect(broker.port);
    client.send(requestFrame(ApiKey.SaslHandshake, 0, 1, string('PLAIN')));
    await client.receive();
    client.send(Buffer.from('\u0000alice\u0000wrong'));
    await client.closed;
  });

  it('refuses frames above 512 KiB before authentication (sasl.server.max.receive.size)', async () => {
    const client = await RawClient.connect(broker.port);
    const size = Buffer.alloc(4);
    size.writeInt32BE(600 * 1024);
    client.write(size);
    await client.closed;
  });
});

describe('SASL_SSL listener', () => {
  let broker: TestBroker;
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let ca: Buffer;

  beforeAll(async () => {
    dir = await tempDir('broker-tls');
    const cert = await selfSignedCert(dir.path);
    ca = await readFile(cert.certFile);
    broker = await startTestBroker({
      securityProtocol: 'SASL_SSL',
      tlsCertFile: cert.certFile,
      tlsKeyFile: cert.keyFile,
      saslUsers: USERS,
    });
  });
  afterAll(async () => {
    await broker.dispose();
    await dir.remove();
  });

  it('kafkajs authenticates with SCRAM-SHA-512 over TLS and produces and consumes', async () => {
    const kafka = kafkaClient(broker.brokers, {
      ssl: { ca: [ca] },
      sasl: sasl('scram-sha-512', 'alice', 'alice-secret'),
    });
    await expect(produceAndConsume(kafka, 'sasl-ssl')).resolves.toEqual(['one', 'two']);
  });

  itWithKcat(
    'kcat authenticates with SCRAM-SHA-512 over TLS, trusting the self-signed cert',
    async () => {
      const output = await kcatRoundTrip(broker.brokers, 'sasl-ssl-kcat', [
        '-X',
        'security.protocol=SASL_SSL',
        '-X',
        `ssl.ca.location=${join(dir.path, 'broker.crt')}`,
        '-X',
        'sasl.mechanisms=SCRAM-SHA-512',
        '-X',
        'sasl.username=bob',
        '-X',
        'sasl.password=b,o=b:secret',
      ]);
      expect(output.split('\n').filter(Boolean).sort()).toEqual(['first', 'second']);
    },
  );

  it('refuses a client that does not speak TLS', async () => {
    const client = await RawClient.connect(broker.port);
    client.send(requestFrame(ApiKey.ApiVersions, 0, 1));
    await expect(client.receive()).rejects.toThrow('connection closed');
  });
});
