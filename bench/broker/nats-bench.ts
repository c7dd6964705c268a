/**
 * The baseline: NATS JetStream with file storage, through the nats.js client, doing what the
 * broker benchmark does. See /work/shared/BENCHMARK-NOTES.md for the client settings.
 */
import { AckPolicy, connect, StorageType, type ConsumerMessages, type NatsConnection } from 'nats';
import { paced } from './pacing';
import { fillerValue, readStamp, stampedValue } from './payload';
import { summarizeLatencies, throughput, type LatencySummary, type Throughput } from './stats';
import { secondsSince, withTimeLimit } from './time-limit';

export interface JetStreamBench {
  connection: NatsConnection;
  /** Creates a file-backed stream with one subject named after it. */
  createStream(name: string): Promise<string>;
  deleteStream(name: string): Promise<void>;
  /** A durable consumer that needs an ack per message: what a Kafka consumer group commits. */
  createDurableConsumer(stream: string, name: string): Promise<void>;
  close(): Promise<void>;
}

export async function connectJetStream(url: string): Promise<JetStreamBench> {
  // Without noAsyncTraces nats.js builds an Error per request and measures itself, not the server.
  const connection = await connect({ servers: url, noAsyncTraces: true });
  const manager = await connection.jetstreamManager();
  return {
    connection,
    createStream: async (name) => {
      const subject = `bench.${name}`;
      await manager.streams.add({ name, subjects: [subject], storage: StorageType.File });
      return subject;
    },
    createDurableConsumer: async (stream, name) => {
      await manager.consumers.add(stream, { durable_name: name, ack_policy: AckPolicy.Explicit });
    },
    deleteStream: async (name) => {
      await manager.streams.delete(name).catch(() => undefined);
    },
    close: async () => {
      await withTimeLimit('nats drain', 10_000, connection.drain()).catch(() => connection.close());
    },
  };
}

export interface PublishResult {
  throughput: Throughput;
  /** Time from publish() to its JetStream ack, one sample per message. */
  ackLatency: LatencySummary;
}

/** Publishes `messages` values with at most `window` unacknowledged publishes at a time. */
export async function publish(
  bench: JetStreamBench,
  subject: string,
  options: { messages: number; size: number; window: number },
): Promise<PublishResult> {
  const js = bench.connection.jetstream();
  const value = fillerValue(options.size);
  const ackLatencies: number[] = [];
  let queued = 0;
  const start = process.hrtime.bigint();
  const publisher = async () => {
    while (queued < options.messages) {
      queued++;
      const sentAt = performance.now();
      await js.publish(subject, value);
      ackLatencies.push(performance.now() - sentAt);
    }
  };
  await Promise.all(Array.from({ length: options.window }, publisher));
  const seconds = secondsSince(start);
  return {
    throughput: throughput(options.messages, options.messages * options.size, seconds),
    ackLatency: summarizeLatencies(ackLatencies),
  };
}

async function orderedConsumer(bench: JetStreamBench, stream: string): Promise<ConsumerMessages> {
  // Leave the deliver policy unset: "all" also sends a start sequence nats-server 2.9 rejects.
  const consumer = await bench.connection.jetstream().consumers.get(stream);
  return consumer.consume({ max_messages: 1000 });
}

/** Reads the whole stream with an ordered pull consumer; timed from first to last message. */
export async function consumeStream(
  bench: JetStreamBench,
  stream: string,
  options: { messages: number; limitMs: number },
): Promise<{ throughput: Throughput; startSeconds: number }> {
  const openedAt = process.hrtime.bigint();
  const messages = await orderedConsumer(bench, stream);
  let received = 0;
  let bytes = 0;
  let firstAt: bigint | undefined;
  const drained = (async () => {
    for await (const message of messages) {
      firstAt ??= process.hrtime.bigint();
      bytes += message.data.length;
      if (++received >= options.messages) break;
    }
  })();
  try {
    await withTimeLimit(`JetStream consume of ${stream}`, options.limitMs, drained);
  } finally {
    // close() can hang on this client version; stop() does not.
    messages.stop();
  }
  return {
    throughput: throughput(received, bytes, secondsSince(firstAt as bigint)),
    startSeconds: Number((firstAt as bigint) - openedAt) / 1e9,
  };
}

export interface JetStreamLatencyResult {
  latency: LatencySummary;
  sent: number;
  received: number;
}

/**
 * Same shape as the kafkajs latency run: `warmupSeconds` unmeasured, then `seconds` at `rate`. With
 * `durable` set the messages come from that durable consumer and each is acknowledged, the
 * like-for-like of a consumer group that commits its offsets; otherwise from an ordered consumer,
 * which keeps no state on the server.
 */
export async function publishToConsumeLatency(
  bench: JetStreamBench,
  stream: string,
  subject: string,
  options: { rate: number; seconds: number; warmupSeconds: number; size: number; durable?: string },
): Promise<JetStreamLatencyResult> {
  const js = bench.connection.jetstream();
  const warmupMessages = options.rate * options.warmupSeconds;
  const total = warmupMessages + options.rate * options.seconds;
  const samples: number[] = [];
  let received = 0;
  const messages = options.durable
    ? await (await js.consumers.get(stream, options.durable)).consume({ max_messages: 1000 })
    : await orderedConsumer(bench, stream);
  const drained = (async () => {
    for await (const message of messages) {
      const now = performance.now();
      const { sentAt, sequence } = readStamp(message.data);
      if (sequence >= warmupMessages) samples.push(now - sentAt);
      if (options.durable) message.ack();
      if (++received >= total) break;
    }
  })();
  try {
    const publishes = await paced(options.rate, total, (sequence) =>
      js.publish(subject, stampedValue(options.size, sequence)),
    );
    await withTimeLimit('JetStream paced publishes', 30_000, Promise.all(publishes));
    await withTimeLimit('JetStream latency consumer', 30_000, drained);
  } finally {
    messages.stop();
  }
  return { latency: summarizeLatencies(samples), sent: total, received };
}
