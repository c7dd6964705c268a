import { CompressionTypes, Kafka, logLevel, type Consumer, type Producer } from 'kafkajs';
import { paced } from './pacing';
import { fillerValue, readStamp, stampedValue } from './payload';
import { summarizeLatencies, throughput, type LatencySummary, type Throughput } from './stats';
import { secondsSince, withTimeLimit } from './time-limit';

export const PARTITIONS = 6;

export function kafkaClient(bootstrap: string): Kafka {
  return new Kafka({ clientId: 'broker-bench', brokers: [bootstrap], logLevel: logLevel.ERROR });
}

export async function createTopic(kafka: Kafka, topic: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({
      topics: [{ topic, numPartitions: PARTITIONS }],
      waitForLeaders: true,
    });
  } finally {
    await admin.disconnect();
  }
}

/** Sum of the partitions' high watermarks: how many messages the topic holds. */
export async function storedMessages(kafka: Kafka, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, { high }) => sum + Number(high), 0);
  } finally {
    await admin.disconnect();
  }
}

export interface ProduceResult {
  throughput: Throughput;
  /** Time from send() to its acknowledgement (acks -1), one sample per call of `batch` messages. */
  ackLatency: LatencySummary;
}

/** Sends `messages` values of `size` bytes, `batch` per send() call, `inflight` calls at once. */
export async function produce(
  kafka: Kafka,
  topic: string,
  options: { messages: number; size: number; batch: number; inflight: number },
): Promise<ProduceResult> {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    const value = fillerValue(options.size);
    const ackLatencies: number[] = [];
    let queued = 0;
    const start = process.hrtime.bigint();
    const sender = async () => {
      while (queued < options.messages) {
        const count = Math.min(options.batch, options.messages - queued);
        queued += count;
        const messages = Array.from({ length: count }, () => ({ value }));
        const sentAt = performance.now();
        await producer.send({ topic, messages, acks: -1, compression: CompressionTypes.None });
        ackLatencies.push(performance.now() - sentAt);
      }
    };
    await Promise.all(Array.from({ length: options.inflight }, sender));
    const seconds = secondsSince(start);
    return {
      throughput: throughput(options.messages, options.messages * options.size, seconds),
      ackLatency: summarizeLatencies(ackLatencies),
    };
  } finally {
    await producer.disconnect();
  }
}

export interface ConsumeResult {
  throughput: Throughput;
  /** From run() to the first batch: group join, offset lookup, first fetch. */
  startSeconds: number;
}

/** A fresh consumer group reads the whole topic with eachBatch; timed from first to last batch. */
export async function consume(
  kafka: Kafka,
  topic: string,
  options: { messages: number; groupId: string; limitMs: number },
): Promise<ConsumeResult> {
  const consumer = kafka.consumer({ groupId: options.groupId });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    let received = 0;
    let bytes = 0;
    let firstBatchAt: bigint | undefined;
    const runAt = process.hrtime.bigint();
    const finished = new Promise<void>((done, fail) => {
      consumer
        .run({
          eachBatch: async ({ batch }) => {
            firstBatchAt ??= process.hrtime.bigint();
            for (const message of batch.messages) bytes += message.value?.length ?? 0;
            received += batch.messages.length;
            if (received >= options.messages) done();
          },
        })
        .catch(fail);
    });
    await withTimeLimit(`kafkajs consume of ${topic}`, options.limitMs, finished);
    const seconds = secondsSince(firstBatchAt as bigint);
    return {
      throughput: throughput(received, bytes, seconds),
      startSeconds: Number((firstBatchAt as bigint) - runAt) / 1e9,
    };
  } finally {
    await consumer.disconnect();
  }
}

export interface LatencyResult {
  latency: LatencySummary;
  /** The producer's share: send() to acknowledgement, per message. */
  ackLatency: LatencySummary;
  sent: number;
  received: number;
}

/**
 * Produces at a steady `rate` for `seconds`, after `warmupSeconds` at that rate that are not
 * measured, while a group consumer computes each message's produce-to-consume latency.
 */
export async function produceToConsumeLatency(
  kafka: Kafka,
  topic: string,
  options: { rate: number; seconds: number; warmupSeconds: number; size: number; groupId: string },
): Promise<LatencyResult> {
  const warmupMessages = options.rate * options.warmupSeconds;
  const total = warmupMessages + options.rate * options.seconds;
  const samples: number[] = [];
  let received = 0;
  const consumer: Consumer = kafka.consumer({ groupId: options.groupId });
  const producer: Producer = kafka.producer({ allowAutoTopicCreation: false });
  await Promise.all([consumer.connect(), producer.connect()]);
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    const joined = new Promise<void>((done) =>
      consumer.on(consumer.events.GROUP_JOIN, () => done()),
    );
    let allReceived!: () => void;
    const finished = new Promise<void>((done) => (allReceived = done));
    void consumer.run({
      eachBatch: async ({ batch }) => {
        const now = performance.now();
        for (const message of batch.messages) {
          const { sentAt, sequence } = readStamp(message.value as Buffer);
          if (sequence >= warmupMessages) samples.push(now - sentAt);
        }
        received += batch.messages.length;
        if (received >= total) allReceived();
      },
    });
    await withTimeLimit('kafkajs consumer group join', 30_000, joined);

    const ackSamples: number[] = [];
    const sends = await paced(options.rate, total, async (sequence) => {
      const sentAt = performance.now();
      await producer.send({
        topic,
        messages: [{ value: stampedValue(options.size, sequence) }],
        acks: -1,
      });
      if (sequence >= warmupMessages) ackSamples.push(performance.now() - sentAt);
    });
    await withTimeLimit('kafkajs paced sends', 30_000, Promise.all(sends));
    await withTimeLimit('kafkajs latency consumer', 30_000, finished);
    return {
      latency: summarizeLatencies(samples),
      ackLatency: summarizeLatencies(ackSamples),
      sent: total,
      received,
    };
  } finally {
    await Promise.all([consumer.disconnect(), producer.disconnect()]);
  }
}
