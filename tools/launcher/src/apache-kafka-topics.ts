import { runKafkaTool } from '@fanout/kafka-runner';
import {
  deadLetterTopic,
  TOPIC_PARTITIONS,
  topicConfigEntries,
  topicNames,
} from '@fanout/contracts';

/**
 * What docker-compose.yml's kafka-topics job does, with Kafka's own tool: every topic and its
 * dead-letter topic, 6 partitions, replication factor 1, the topic's configs (`products` is
 * compacted), `--if-not-exists` so a restart is a no-op.
 * Apache Kafka runs with auto-creation off here, as in compose: topics exist because someone
 * created them on purpose.
 */
export async function createTopicsWithKafkaTool(
  bootstrap: string,
  say: (line: string) => void,
): Promise<void> {
  const topics = topicNames.flatMap((topic) => [topic, deadLetterTopic(topic)]);
  say(`creating ${topics.length} topics with kafka-topics (a JVM each; --if-not-exists)`);
  // Two at a time: each run starts a JVM, and this machine may have two cores.
  for (let i = 0; i < topics.length; i += 2) {
    await Promise.all(
      topics.slice(i, i + 2).map(async (topic) => {
        const result = await runKafkaTool('kafka-topics', [
          '--bootstrap-server',
          bootstrap,
          '--create',
          '--if-not-exists',
          '--topic',
          topic,
          '--partitions',
          String(TOPIC_PARTITIONS),
          '--replication-factor',
          '1',
          ...topicConfigEntries(topic).flatMap(({ name, value }) => [
            '--config',
            `${name}=${value}`,
          ]),
        ]);
        if (result.code !== 0) {
          throw new Error(`kafka-topics --create ${topic} failed: ${result.stderr.trim()}`);
        }
      }),
    );
  }
}
