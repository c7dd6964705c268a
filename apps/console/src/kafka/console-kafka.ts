import { Kafka, logLevel } from 'kafkajs';
import { deadLetterTopic, eventDefinitions, serviceNames, topicNames } from '@fanout/contracts';
import type { ConsoleConfig } from '../console-config';

/** Every Fanout topic and its dead-letter topic: the console reads them all. */
export const allTopics = (): string[] =>
  topicNames.flatMap((topic) => [topic, deadLetterTopic(topic)]);

/** The topics each service's group consumes, from the contracts (who consumes which event). */
export function consumedTopics(): Record<string, string[]> {
  return Object.fromEntries(
    serviceNames.map((service) => [
      service,
      [
        ...new Set(
          eventDefinitions
            .filter((definition) => (definition.consumers as readonly string[]).includes(service))
            .map((definition) => definition.topic),
        ),
      ].sort(),
    ]),
  );
}

export function createConsoleKafka(config: ConsoleConfig): Kafka {
  return new Kafka({
    clientId: config.groupId,
    brokers: config.kafkaBrokers,
    ...config.kafkaSecurity,
    logLevel: logLevel.WARN,
  });
}
