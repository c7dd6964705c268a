// Apache Kafka from the pinned jars (tools/kafka/pom.xml), for tests, tools and the launcher.
export { type ApacheKafka, startApacheKafka, type StartApacheKafkaOptions } from './apache-kafka';
export { ensureKafkaJars, type EnsureKafkaJarsOptions } from './kafka-jars';
export { kafkaLibDir, pinnedKafkaVersion } from './kafka-paths';
export { type KafkaServer, type KafkaServerOptions, startKafkaServer } from './kafka-server';
export {
  isKafkaTool,
  KAFKA_TOOLS,
  type KafkaToolName,
  type KafkaToolResult,
  runKafkaTool,
  type RunKafkaToolOptions,
  spawnKafkaTool,
} from './kafka-tools';
export { type Jvm, type JvmExit, MissingPrerequisiteError } from './jvm';
