/** The services of Fanout; each one is also the name of its consumer group. */
export const serviceNames = ['orders', 'payments', 'inventory', 'notifications'] as const;
export type ServiceName = (typeof serviceNames)[number];

/** One topic per producing service; every message is keyed by order id. */
export const Topics = {
  orders: 'orders',
  payments: 'payments',
  inventory: 'inventory',
  notifications: 'notifications',
} as const;
export type TopicName = (typeof Topics)[keyof typeof Topics];
export const topicNames: readonly TopicName[] = Object.values(Topics);

/** Six partitions: enough to show parallelism across several instances of one service. */
export const TOPIC_PARTITIONS = 6;

const DEAD_LETTER_SUFFIX = '.dlt';

/** Where a consumer parks a message it can never process, so the partition keeps moving. */
export function deadLetterTopic(topic: string): string {
  return `${topic}${DEAD_LETTER_SUFFIX}`;
}

export function isDeadLetterTopic(topic: string): boolean {
  return topic.endsWith(DEAD_LETTER_SUFFIX);
}
