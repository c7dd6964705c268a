/**
 * One topic per producing service, keyed by order id, plus the catalogue: inventory owns the
 * products and publishes each one's current state on `products`, keyed by SKU.
 */
export const Topics = {
  orders: 'orders',
  payments: 'payments',
  inventory: 'inventory',
  notifications: 'notifications',
  products: 'products',
} as const;
export type TopicName = (typeof Topics)[keyof typeof Topics];
export const topicNames: readonly TopicName[] = Object.values(Topics);

/** Six partitions: enough to show parallelism across several instances of one service. */
export const TOPIC_PARTITIONS = 6;

/** What each topic's messages are keyed by: one key's messages share a partition, in order. */
export const topicKeys: Readonly<Record<TopicName, string>> = {
  orders: 'order id',
  payments: 'order id',
  inventory: 'order id',
  notifications: 'order id',
  products: 'SKU',
};

/**
 * The topic configs Fanout creates a topic with (Kafka's names), beyond the cluster's defaults.
 * `products` is compacted: Kafka keeps at least the latest message of every SKU for ever instead of
 * deleting old segments after the retention time, so a consumer that starts from the beginning,
 * however late, still reads the current state of the whole catalogue (event-carried state
 * transfer; docs/architecture.md).
 */
export const topicConfigs: Readonly<Record<TopicName, Readonly<Record<string, string>>>> = {
  orders: {},
  payments: {},
  inventory: {},
  notifications: {},
  products: { 'cleanup.policy': 'compact' },
};

/** A topic's configs as Kafka's admin APIs take them; none for a dead-letter or foreign topic. */
export function topicConfigEntries(topic: string): { name: string; value: string }[] {
  const configs: Readonly<Record<string, string>> =
    (topicConfigs as Readonly<Record<string, Readonly<Record<string, string>>>>)[topic] ?? {};
  return Object.entries(configs).map(([name, value]) => ({ name, value }));
}

const DEAD_LETTER_SUFFIX = '.dlt';

/** Where a consumer parks a message it can never process, so the partition keeps moving. */
export function deadLetterTopic(topic: string): string {
  return `${topic}${DEAD_LETTER_SUFFIX}`;
}

export function isDeadLetterTopic(topic: string): boolean {
  return topic.endsWith(DEAD_LETTER_SUFFIX);
}
