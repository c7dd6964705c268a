/** Kind of resource a config request names (Kafka's ConfigResource.Type codes). */
export enum ConfigResourceType {
  UNKNOWN = 0,
  TOPIC = 2,
  BROKER = 4,
  BROKER_LOGGER = 8,
}

/** Where a config's value comes from (DescribeConfigs v1+; Kafka's ConfigSource codes). */
export enum ConfigSource {
  UNKNOWN = 0,
  /** Set on the topic itself. */
  TOPIC_CONFIG = 1,
  DYNAMIC_BROKER_CONFIG = 2,
  DYNAMIC_DEFAULT_BROKER_CONFIG = 3,
  /** Set in the broker's own configuration (for this broker: its options). */
  STATIC_BROKER_CONFIG = 4,
  /** The built-in default. */
  DEFAULT_CONFIG = 5,
}
