import type { Kafka } from 'kafkajs';
import { fastConsumer } from './kafka-client';
import { waitUntil } from './wait-until';

/**
 * Runs a consumer of `groupId` on `topic` until `count` messages arrived (or `until` holds),
 * then disconnects. Returns the values in arrival order (commits as kafkajs does by default).
 */
export async function consumeValues(
  kafka: Kafka,
  topic: string,
  groupId: string,
  until: number | ((values: string[]) => boolean),
  timeoutMs = 30_000,
): Promise<string[]> {
  const done = typeof until === 'number' ? (values: string[]) => values.length >= until : until;
  const consumer = kafka.consumer(fastConsumer(groupId));
  const values: string[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        values.push(message.value?.toString() ?? '');
      },
    });
    await waitUntil(`messages on ${topic}`, () => done(values), timeoutMs);
  } finally {
    await consumer.disconnect();
  }
  return values;
}
