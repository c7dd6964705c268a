import { isDeepStrictEqual } from 'node:util';
import { DEFAULT_CONFIG, type BrokerConfig } from '../config';
import type { CleanupPolicy } from '../storage/log-store';
import { ConfigSource } from '../protocol/config-resources';
import type { AdvertisedNode } from './broker-context';

/** One config as DescribeConfigs reports it, under Kafka's name for it. */
export interface ConfigEntry {
  name: string;
  value: string;
  source:
    ConfigSource.TOPIC_CONFIG | ConfigSource.STATIC_BROKER_CONFIG | ConfigSource.DEFAULT_CONFIG;
  /** The broker config the value comes from (a broker config's is its own name). */
  synonym: string;
}

interface Setting {
  /** Kafka's broker config name. */
  broker: string;
  /** Kafka's topic config name, for settings every topic inherits. */
  topic?: string | undefined;
  value(config: BrokerConfig, node: AdvertisedNode): string;
  /** The options the value comes from: set away from their defaults, it is the broker's own. */
  options: (keyof BrokerConfig)[];
}

const LONG_MAX = '9223372036854775807';

/** A setting whose value is one option's. */
const option = (broker: string, key: keyof BrokerConfig, topic?: string): Setting => ({
  broker,
  topic,
  options: [key],
  value: (config) => String(config[key]),
});

/** A behaviour of the embedded broker that no option changes. */
const constant = (broker: string, value: string, topic?: string): Setting => ({
  broker,
  topic,
  options: [],
  value: () => value,
});

/**
 * What the broker's options mean in Kafka's terms. The embedded broker has no dynamic
 * configuration, and one per-topic config, cleanup.policy, set when the topic is created (see
 * CleanupPolicy); a topic's other configs are the broker's, and none can be altered.
 */
const SETTINGS: readonly Setting[] = [
  option('log.retention.ms', 'retentionMs', 'retention.ms'),
  option('log.retention.bytes', 'retentionBytes', 'retention.bytes'),
  option('log.segment.bytes', 'segmentBytes', 'segment.bytes'),
  {
    broker: 'log.flush.interval.messages',
    topic: 'flush.messages',
    options: ['fsync'],
    value: (config) => (config.fsync === 'always' ? '1' : LONG_MAX),
  },
  {
    broker: 'log.flush.interval.ms',
    topic: 'flush.ms',
    options: ['fsync'],
    value: (config) =>
      typeof config.fsync === 'object' ? String(config.fsync.intervalMs) : LONG_MAX,
  },
  constant('log.cleanup.policy', 'delete', 'cleanup.policy'),
  constant('compression.type', 'producer', 'compression.type'),
  constant('log.message.timestamp.type', 'CreateTime', 'message.timestamp.type'),
  constant('min.insync.replicas', '1', 'min.insync.replicas'),
  constant('default.replication.factor', '1'),
  option('num.partitions', 'defaultPartitions'),
  option('auto.create.topics.enable', 'autoCreateTopics'),
  option('socket.request.max.bytes', 'maxFrameBytes'),
  option('connections.max.idle.ms', 'idleTimeoutMs'),
  option('log.dirs', 'dataDir'),
  { broker: 'broker.id', options: [], value: (_, node) => String(node.nodeId) },
  {
    broker: 'listeners',
    options: ['host', 'port', 'securityProtocol'],
    value: (config, node) => `${config.securityProtocol}://${config.host}:${node.port}`,
  },
  {
    broker: 'advertised.listeners',
    options: ['advertisedHost', 'advertisedPort', 'securityProtocol'],
    value: (config, node) => `${config.securityProtocol}://${node.host}:${node.port}`,
  },
];

function sourceOf(setting: Setting, config: BrokerConfig): ConfigEntry['source'] {
  const changed = setting.options.some(
    (option) => !isDeepStrictEqual(config[option], DEFAULT_CONFIG[option]),
  );
  return changed ? ConfigSource.STATIC_BROKER_CONFIG : ConfigSource.DEFAULT_CONFIG;
}

/**
 * The broker's configs (as `kafka-configs --describe --entity-type brokers` lists them), or the
 * configs every topic has: each inherited from the broker config named by its synonym.
 */
export function configEntries(
  resource: 'broker' | 'topic',
  config: BrokerConfig,
  node: AdvertisedNode,
  topic: { cleanupPolicy: CleanupPolicy } = { cleanupPolicy: 'delete' },
): ConfigEntry[] {
  return SETTINGS.flatMap((setting): ConfigEntry[] => {
    const name = resource === 'broker' ? setting.broker : setting.topic;
    if (name === undefined) return [];
    if (name === 'cleanup.policy' && topic.cleanupPolicy !== 'delete') {
      const value = topic.cleanupPolicy;
      return [{ name, value, source: ConfigSource.TOPIC_CONFIG, synonym: name }];
    }
    const value = setting.value(config, node);
    return [{ name, value, source: sourceOf(setting, config), synonym: setting.broker }];
  });
}

/** The cleanup policies a topic may be created with, by their value in Kafka's cleanup.policy. */
export function parseCleanupPolicy(value: string | null): CleanupPolicy | undefined {
  return value === 'delete' || value === 'compact' ? value : undefined;
}
